import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HTML_FILE, MARKDOWN_FILE, readResults, renderReport } from '../../../harness/report/writer.ts';
import { sampleRunResults } from '../../support/results-fixtures.ts';
import { checksResults } from './checks-fixtures.ts';

describe('renderReport', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'varbench-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes index.html and summary.md whole, and returns the Markdown for $GITHUB_STEP_SUMMARY', () => {
    const outcome = renderReport(dir, checksResults());
    expect(outcome.error).toBeNull();
    expect(outcome.htmlPath).toBe(path.join(dir, HTML_FILE));
    expect(outcome.markdownPath).toBe(path.join(dir, MARKDOWN_FILE));
    expect(readFileSync(outcome.markdownPath!, 'utf8')).toBe(outcome.markdown);
    expect(outcome.markdown).toMatch(/^## ❌ varbench · kv-mixed: gate regressed/);
    // The report path as a reader of the log knows it (here outside the working directory: absolute).
    expect(outcome.markdown!.trimEnd().split('\n').at(-1)).toBe(`HTML report: \`${outcome.htmlPath}\``);
    expect(outcome.consoleSummary).toContain("Gate: REGRESSED — 1 regression confirmed against baseline 'ci'");
    expect(existsSync(outcome.htmlPath!)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('readResults', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'varbench-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a version-2 file as version 3 without targets, calibration or gate, and refuses version 1', () => {
    const { calibration: _c, targets: _t, gate: _g, ...v2 } = { ...sampleRunResults(), schemaVersion: 2 };
    const file = path.join(dir, 'v2.json');
    writeFileSync(file, JSON.stringify(v2));
    const read = readResults(file);
    expect(read).toMatchObject({ schemaVersion: 3, calibration: null, targets: null, gate: null });
    expect(read.results).toHaveLength(v2.results.length);
    writeFileSync(file, JSON.stringify({ ...v2, schemaVersion: 1 }));
    expect(() => readResults(file)).toThrow(/schema version 1; this varbench reads version 3/);
  });
});
