import { describe, expect, it } from 'vitest';
import { renderConsoleSummary } from '../../../harness/report/console.ts';
import { renderChecksConsole } from '../../../harness/report/console-checks.ts';
import { checksModel, checksResults } from './checks-fixtures.ts';
import { GENERATED_AT, sampleModel } from './fixtures.ts';
import { buildReportModel } from '../../../harness/report/model.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import type { StorageRunResults } from '../../../harness/subjects/storage/measure.ts';

const modelOf = (results: StorageRunResults) => buildReportModel(results, storageSubject, GENERATED_AT);

/** The lines of the block that starts with `first`, up to the next blank line. */
function block(text: string, first: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => first.test(line));
  expect(start, `a line matching ${first}`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end);
}

describe('console targets', () => {
  const text = renderConsoleSummary(checksModel());
  const targets = block(text, /^targets /);

  it('follow the variant table, with the counts and the enforcement in the header line', () => {
    expect(text.indexOf('harness overhead')).toBeLessThan(text.indexOf('targets '));
    expect(targets[0]).toBe(
      "targets 'fixture' (targets/fixture.ts): 1 failed, 2 passed, 1 no data, 3 no scenario · enforced (--check): a failed target makes the run exit 3",
    );
  });

  it('list failures first, then no data, then passes, with bound, measured value and note', () => {
    const rows = targets.slice(1, 5);
    expect(rows.map((r) => r.trim().split(/\s{2,}/)[0])).toEqual(['FAIL', 'no data', 'pass', 'pass']);
    expect(rows[0]).toMatch(/^ {2}FAIL +kv-mixed · naive · throughput \(capacity plan\) +≥ 15\.0k ops\/s +10\.0k ops\/s \[9\.9k ops\/s, 10\.1k ops\/s\]$/);
    expect(rows[1]).toMatch(/no data +kv-mixed · cached · hit ratio +≥ 50\.0% +— +cached does not count cache hits and misses$/);
  });

  it('collapse the targets of missing scenarios into one line', () => {
    expect(targets.at(-1)).toBe('  no scenario (3 targets, not checked until they exist): single-put, memory-10k');
    expect(text).not.toContain('add scenarios/single-put.ts');
  });
});

describe('console gate', () => {
  const model = checksModel();
  const gate = block(renderConsoleSummary(model), /^Gate: /);

  it('starts with the outcome, then the baseline, calibration, confirmation, false alarms and correction', () => {
    expect(gate[0]).toBe("Gate: REGRESSED — 1 regression confirmed against baseline 'ci'");
    expect(gate[1]).toMatch(/^ {2}baseline 'ci' \(reports\/baselines\/ci\.json\), saved 2024-12-01 00:01:00 UTC/);
    expect(gate.join('\n')).toContain('rates ÷ 1.000, durations × 1.000');
    expect(gate.join('\n')).toContain('confirmation round: flagged 1 cell in cached; re-ran 3 repeats per variant; confirmed 1; noise 0');
    expect(gate.join('\n')).toContain('calibrate-noise: 0 of 10 self-comparisons alarmed; expected false-alarm rate ≤ 26% (95% upper bound)');
    expect(gate.join('\n')).toContain('Holm correction over 20 tested cells, α = 0.05');
  });

  it('lists only the cells worth reading, with change, interval, p and adjusted p; the unchanged are counted', () => {
    const header = gate.findIndex((line) => /^ {2}verdict +variant +metric +baseline +current +change \[CI\] +p +p adj\.$/.test(line));
    expect(header).toBeGreaterThan(0);
    const cell = model.results.gate!.comparison.cells[0]!;
    expect(gate[header + 1]).toMatch(
      new RegExp(`^ {2}REGRESSED · CONFIRMED +cached +throughput +40\\.0k ops/s +20\\.0k ops/s +−50\\.0% \\[−5\\d\\.\\d, −4\\d\\.\\d\\] +0\\.0022 +${cell.adjustedPValue!.toFixed(3)}$`),
    );
    expect(gate[header + 2]).toBe('  19 other cells unchanged (within their noise thresholds or not significant)');
    expect(gate).toHaveLength(header + 3);
  });

  it('lists a noise cell as noise and says the gate passed', () => {
    const noisy = block(renderConsoleSummary(checksModel({ confirmation: 'noise' })), /^Gate: /);
    expect(noisy[0]).toBe("Gate: pass — 0 regressions, 0 improved, 19 unchanged, 1 noise (baseline 'ci')");
    expect(noisy.some((line) => /^ {2}noise \(not reproduced\) +cached +throughput/.test(line))).toBe(true);
  });

  it('says why a baseline is not comparable, and lists no cells', () => {
    const blocked = block(renderConsoleSummary(checksModel({ otherCpu: true })), /^Gate: /);
    expect(blocked[0]).toBe(
      'Gate: not comparable — CPU model differs: baseline "Fixture CPU @ 3.00GHz", now "Another CPU @ 2.0GHz" ' +
        "(baseline 'ci'); no cell can fail the gate",
    );
    expect(blocked.at(-1)).toBe('  20 other cells not compared');
    expect(blocked.some((line) => line.includes('verdict'))).toBe(false);
  });

  it('colours the outcome and the regressed row only when asked, and strips control characters', () => {
    const results = checksResults();
    const evil = { ...results, gate: { ...results.gate!, baseline: { ...results.gate!.baseline, name: 'ci\u001b[2J' } } };
    const plain = renderChecksConsole(modelOf(evil));
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain("baseline 'ci?[2J'");
    const coloured = renderChecksConsole(modelOf(results), { color: true });
    expect(coloured).toContain("\u001b[31mGate: REGRESSED");
    expect(coloured).toContain('  \u001b[31mREGRESSED · CONFIRMED');
    expect(coloured).toContain('  \u001b[31mFAIL ');
    expect(coloured).toContain('  \u001b[32mpass ');
    expect(coloured).not.toContain('\u001b[32m  verdict');
  });
});

describe('console without checks', () => {
  it('adds nothing when the run had neither targets nor a baseline', () => {
    expect(renderChecksConsole(sampleModel())).toBe('');
    expect(renderConsoleSummary(sampleModel()).trimEnd().split('\n').at(-1)).toMatch(/^harness overhead:/);
  });
});
