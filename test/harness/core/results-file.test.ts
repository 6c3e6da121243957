import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readResults } from '../../../harness/core/results-file.ts';
import { RESULTS_SCHEMA_VERSION } from '../../../harness/core/results.ts';
import { sampleRunResults } from '../../support/results-fixtures.ts';
import { balanceResults } from '../subjects/balance/report-fixtures.ts';

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
    expect(() => readResults(file)).toThrow(/schema version 1; this varbench reads versions 2, 3, 4/);
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
});
