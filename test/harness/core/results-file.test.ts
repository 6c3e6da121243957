import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResults } from '../../../harness/core/results-file.ts';
import { RESULTS_SCHEMA_VERSION } from '../../../harness/core/results.ts';
import { sampleRunResults } from '../../support/results-fixtures.ts';
import { balanceResults } from '../subjects/balance/report-fixtures.ts';
import { checksResults } from '../report/checks-fixtures.ts';
import { GENERATED_AT } from '../report/fixtures.ts';
import { buildReportModel } from '../../../harness/report/model.ts';
import { renderMarkdownSummary } from '../../../harness/report/markdown.ts';
import { describeReason } from '../../../harness/report/gate-wording.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';

describe('readResults', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'varbench-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a version-2 file as the current version without targets, calibration or gate, and refuses version 1', () => {
    const { calibration: _c, targets: _t, gate: _g, ...v2 } = { ...sampleRunResults(), schemaVersion: 2 };
    const file = path.join(dir, 'v2.json');
    writeFileSync(file, JSON.stringify(v2));
    const read = readResults(file);
    expect(read).toMatchObject({ schemaVersion: RESULTS_SCHEMA_VERSION, calibration: null, targets: null, gate: null });
    expect(read.results).toHaveLength(v2.results.length);
    writeFileSync(file, JSON.stringify({ ...v2, schemaVersion: 1 }));
    expect(() => readResults(file)).toThrow(/schema version 1; this varbench reads versions 2, 3, 4, 5/);
  });

  it('reads a version-3 balance run, whose jobs kept their measurement in `balance`, with it in `measure`', () => {
    const current = balanceResults();
    const v3 = {
      ...current,
      schemaVersion: 3,
      results: current.results.map(({ measure, ...job }) => ({ ...job, measure: null, balance: measure })),
    };
    const file = path.join(dir, 'v3-balance.json');
    writeFileSync(file, JSON.stringify(v3));
    const read = readResults(file);
    expect(read.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(read.results.map((job) => job.measure)).toEqual(current.results.map((job) => job.measure));
    expect(read.results.some((job) => 'balance' in job)).toBe(false);
  });

  it('reads a version-4 gate, whose cells stored their reason as text, with that text as a legacy reason shown as is', () => {
    const current = checksResults();
    const gate = current.gate!;
    const v4 = {
      ...current,
      schemaVersion: 4,
      gate: {
        ...gate,
        comparison: {
          ...gate.comparison,
          cells: gate.comparison.cells.map((cell, i) => ({ ...cell, reason: i === 0 ? 'stored v4 wording: 0.50× the baseline' : describeReason(cell.reason) })),
        },
      },
    };
    const file = path.join(dir, 'v4-gate.json');
    writeFileSync(file, JSON.stringify(v4));
    const read = readResults(file);
    expect(read.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    const cells = read.gate!.comparison.cells;
    expect(cells[0]!.reason).toEqual({ code: 'legacy-text', text: 'stored v4 wording: 0.50× the baseline' });
    expect(cells.map((cell) => describeReason(cell.reason))).toEqual(v4.gate.comparison.cells.map((cell) => cell.reason));
    const markdown = renderMarkdownSummary(buildReportModel(read, storageSubject, GENERATED_AT), { htmlPath: null });
    expect(markdown).toContain('stored v4 wording: 0.50× the baseline');
  });

  it('reads a version-4 file without a gate unchanged but for its version', () => {
    const v4 = { ...sampleRunResults(), schemaVersion: 4 };
    const file = path.join(dir, 'v4-plain.json');
    writeFileSync(file, JSON.stringify(v4));
    expect(readResults(file)).toEqual({ ...v4, schemaVersion: RESULTS_SCHEMA_VERSION });
  });
});
