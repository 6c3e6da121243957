import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HTML_EXPORTER, MARKDOWN_EXPORTER } from '../../../harness/report/exporters.ts';
import { writeReport } from '../../../harness/report/writer.ts';
import { checksModel } from './checks-fixtures.ts';

describe('writeReport', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'varbench-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes index.html and summary.md whole, and returns the Markdown for $GITHUB_STEP_SUMMARY', () => {
    const outcome = writeReport(dir, checksModel());
    expect(outcome.error).toBeNull();
    expect(outcome.htmlPath).toBe(path.join(dir, HTML_EXPORTER.file!));
    expect(outcome.markdownPath).toBe(path.join(dir, MARKDOWN_EXPORTER.file!));
    expect(readFileSync(outcome.markdownPath!, 'utf8')).toBe(outcome.markdown);
    expect(outcome.markdown).toMatch(/^## ❌ varbench · kv-mixed: gate regressed/);
    // The report path as a reader of the log knows it (here outside the working directory: absolute).
    expect(outcome.markdown!.trimEnd().split('\n').at(-1)).toBe(`HTML report: \`${outcome.htmlPath}\``);
    expect(outcome.consoleSummary).toContain("Gate: REGRESSED — 1 regression confirmed against baseline 'ci'");
    expect(existsSync(outcome.htmlPath!)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
