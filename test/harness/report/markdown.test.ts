import { describe, expect, it } from 'vitest';
import { mdCode, mdText, renderMarkdownSummary } from '../../../harness/report/markdown.ts';
import type { ReportModel } from '../../../harness/report/model.ts';
import { HOSTILE_BASELINE, checksModel } from './checks-fixtures.ts';
import { HOSTILE, sampleModel } from './fixtures.ts';
import { balanceModel } from '../subjects/balance/report-fixtures.ts';

const HTML_PATH = 'reports/2025-01-01T12-00-00Z-kv-mixed/index.html';

function render(model: ReportModel, htmlPath: string | null = HTML_PATH): string {
  return renderMarkdownSummary(model, { htmlPath });
}

/** Cell separators of a table row: pipes not escaped with a backslash. */
function columns(row: string): number {
  return (row.match(/(?<!\\)\|/g) ?? []).length - 1;
}

/** Every table in the text (consecutive lines starting with "|"), as lists of rows. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) current.push(line);
    else if (current.length > 0) {
      found.push(current);
      current = [];
    }
  }
  if (current.length > 0) found.push(current);
  return found;
}

/** The text of a "### " section, up to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`### ${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n### ', start + 4);
  return markdown.slice(start, next === -1 ? undefined : next);
}

function expectWellFormedTables(markdown: string): void {
  const all = tables(markdown);
  expect(all.length).toBeGreaterThan(0);
  for (const table of all) {
    const width = columns(table[0]!);
    expect(table[1], 'a delimiter row after the header').toMatch(/^\|( -{3,}:? \|)+$/);
    for (const row of table) expect(columns(row), row).toBe(width);
    for (const row of table) expect(row.endsWith(' |'), row).toBe(true);
  }
}

describe('renderMarkdownSummary with targets and a gate', () => {
  const model = checksModel();
  const markdown = render(model);

  it('has a title with the scenario and the outcome, then the run', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('## ❌ varbench · kv-mixed: gate regressed (1 regression), 1 target failed');
    expect(lines[2]).toBe('run `2025-01-01T12-00-00Z-kv-mixed` · 6 repeats · variants naive, cached');
  });

  it('keeps every table well formed', () => {
    expectWellFormedTables(markdown);
  });

  it('summarises the variants', () => {
    const variants = tables(section(markdown, 'Variants'))[0]!;
    expect(variants[0]).toBe('| Variant | Throughput (median) | Interval of the median (coverage) | vs naive | Repeats ok / failed |');
    expect(variants[3]).toBe('| cached | 20.0k ops/s | 19.8k – 20.2k (97%) | 2.00× | 6 / 0 |');
  });

  it('puts the gate outcome and the regression at the top, with p and adjusted p; unchanged cells folded', () => {
    const gate = section(markdown, 'Baseline gate');
    expect(gate).toContain("**❌ Gate: REGRESSED — 1 regression confirmed against baseline 'ci'**");
    expect(gate).toContain('- calibrate-noise: 0 of 10 self-comparisons alarmed; expected false-alarm rate ≤ 26% (95% upper bound)');
    expect(gate).toContain('- confirmation round: flagged 1 cell in cached; re-ran 3 repeats per variant; confirmed 1; noise 0');
    const [top, folded] = tables(gate);
    expect(top).toHaveLength(3); // header, delimiter, the one regression
    const cell = model.results.gate!.comparison.cells[0]!;
    expect(top![2]).toMatch(
      new RegExp(
        `^\\| ❌ \\*\\*regressed · confirmed\\*\\* \\| cached \\| throughput \\| 40\\.0k ops/s \\| 20\\.0k ops/s \\| −50\\.0% \\\\\\[−5\\d\\.\\d, −4\\d\\.\\d\\\\\\] \\| 0\\.0022 \\| ${cell.adjustedPValue!.toFixed(3).replace('.', '\\.')} \\| ±5% \\| 0\\.50× the baseline`,
      ),
    );
    expect(gate).toContain('<details><summary>19 cells unchanged</summary>\n\n| Verdict |');
    expect(folded).toHaveLength(2 + 19);
    expect(gate.indexOf('<details>')).toBeGreaterThan(gate.indexOf(top![2]!));
  });

  it('lists the targets, failures first, and folds those of missing scenarios', () => {
    const targets = section(markdown, 'Targets');
    expect(targets.split('\n')[0]).toBe('### Targets: 1 failed, 2 passed, 1 no data, 3 no scenario');
    expect(targets).toContain('Set `fixture` from `targets/fixture.ts` · enforced (--check): a failed target makes the run exit 3');
    const [top, folded] = tables(targets);
    expect(top!.slice(2).map((row) => row.split(' | ')[0])).toEqual(['| ❌ **fail**', '| ⚠️ no data', '| ✅ pass', '| ✅ pass']);
    expect(top![2]).toContain('| kv-mixed · naive · throughput<br>_capacity plan_ | ≥ 15.0k ops/s | 10.0k ops/s \\[9.9k ops/s, 10.1k ops/s\\] |  |');
    expect(targets).toContain('<details><summary>3 targets of scenarios that do not exist yet: single-put, memory-10k</summary>');
    expect(folded).toHaveLength(2 + 3);
    expect(folded![4]).toContain('memory-10k · \\* · peak RSS');
  });

  it('ends with the HTML report path', () => {
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(`HTML report: \`${HTML_PATH}\``);
    expect(render(model, null).trimEnd().split('\n').at(-1)).toBe('HTML report: not written.');
  });

  it('calls a regression the confirmation round did not reproduce noise, and the gate passed', () => {
    const noisy = render(checksModel({ confirmation: 'noise' }));
    expect(noisy.split('\n')[0]).toBe('## ❌ varbench · kv-mixed: gate passed, 1 target failed');
    const gate = section(noisy, 'Baseline gate');
    expect(gate).toContain("**✅ Gate: pass — 0 regressions, 0 improved, 19 unchanged, 1 noise (baseline 'ci')**");
    expect(tables(gate)[0]![2]).toMatch(/^\| ➖ noise \(not reproduced\) \| cached \| throughput \|/);
  });
});

describe('renderMarkdownSummary when the baseline is not comparable', () => {
  const markdown = render(checksModel({ otherCpu: true }));
  const gate = section(markdown, 'Baseline gate');

  it('says so with the reasons, and folds every cell', () => {
    expect(markdown.split('\n')[0]).toBe('## ❌ varbench · kv-mixed: gate not comparable, 1 target failed');
    expect(gate).toContain("**⚠️ Gate: not comparable with baseline 'ci': no cell can fail the gate**");
    expect(gate).toContain('> The runs differ in:\n> - CPU model differs: baseline "Fixture CPU @ 3.00GHz", now "Another CPU @ 2.0GHz"\n');
    const all = tables(gate);
    expect(all).toHaveLength(1);
    expect(gate).toContain('<details><summary>20 cells not comparable (figures for reading only)</summary>');
    expect(gate).not.toContain('regressed');
    expectWellFormedTables(markdown);
  });
});

describe('renderMarkdownSummary escaping', () => {
  const markdown = render(checksModel({ hostile: true }));

  it('never lets a name inject HTML or break a table', () => {
    expect(markdown).not.toMatch(/<script|<img|<\/b>/i);
    expect(markdown).toContain('&lt;script&gt;alert("v")&lt;/script&gt;\\|pipe');
    expect(markdown).toContain(`baseline 'ci&lt;/b&gt;&lt;img src=x&gt;'`);
    expect(HOSTILE_BASELINE).toContain('</b>');
    expectWellFormedTables(markdown);
  });

  it('escapes Markdown punctuation, HTML and newlines in text, and fences code spans', () => {
    expect(mdText('a|b\nc_d*e <x> & [l](u) `t`')).toBe('a\\|b<br>c\\_d\\*e &lt;x&gt; &amp; \\[l\\](u) \\`t\\`');
    expect(mdText('tab\there\r\nnext\u0007')).toBe('tab here<br>next');
    expect(mdCode('reports/a|b/index.html')).toBe('`reports/a\\|b/index.html`');
    expect(mdCode('has `tick` and ``two``')).toBe('``` has `tick` and ``two`` ```');
    expect(mdCode('`edge`')).toBe('`` `edge` ``');
  });
});

describe('renderMarkdownSummary without checks', () => {
  it('has no gate or targets section, and titles the run by its jobs', () => {
    const markdown = render(sampleModel());
    expect(markdown).not.toContain('### Baseline gate');
    expect(markdown).not.toContain('### Targets');
    expect(markdown.split('\n')[0]).toBe('## ❌ varbench · kv-mixed: 1 of 13 jobs failed');
    expectWellFormedTables(markdown);
  });

  it('lists failed jobs with the first line of their message, escaped', () => {
    const base = sampleModel({ hostile: true });
    const results = {
      ...base.results,
      results: base.results.results.map((r) =>
        r.status === 'ok' || r.error === null ? r : { ...r, error: { ...r.error, message: `${r.error.message} | cell\nsecond line` } },
      ),
    };
    const markdown = render({ ...base, results });
    const failed = section(markdown, 'Failed jobs');
    expect(failed.split('\n')[0]).toBe('### Failed jobs (1)');
    const rows = tables(failed)[0]!;
    expect(rows[0]).toBe('| Variant | Repeat | Status | Phase | Error |');
    expect(rows[2]).toContain('&lt;img src=x onerror=alert(2)&gt; | 1 | failed | verify | ');
    expect(rows[2]).toContain('\\| cell |');
    expect(rows[2]).not.toContain('second line');
    expect(markdown).not.toContain(HOSTILE.variant);
    expectWellFormedTables(markdown);
  });

  it('summarises a balance run by its end-to-end times', () => {
    const markdown = render(balanceModel());
    const variants = tables(section(markdown, 'Variants'))[0]!;
    expect(variants[0]).toBe('| Variant | End to end (median) | Interval of the median (coverage) | vs naive | Repeats ok / failed |');
    expect(variants).toHaveLength(2 + 4);
    expectWellFormedTables(markdown);
  });
});

describe('renderMarkdownSummary for a run that failed as a whole', () => {
  it('is not green when every job is ok but the outputs disagree, and says why', () => {
    const md = renderMarkdownSummary(balanceModel({ disagree: true }), { htmlPath: null });
    const title = md.split('\n')[0]!;
    expect(title).toMatch(/^## ❌ /);
    expect(title).toContain("the variants' outputs disagree");
    expect(title).not.toContain('jobs ok');
    expect(md).toContain("**The run failed:**\n- The variants' outputs disagree: csv:");
    expect(renderMarkdownSummary(balanceModel(), { htmlPath: null })).not.toContain('The run failed');
  });
});
