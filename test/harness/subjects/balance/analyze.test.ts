import { describe, expect, it } from 'vitest';
import { summarizeBalance } from '../../../../harness/subjects/balance/analyze.ts';
import type { BalanceJobResult, BalanceMeasure, BalanceRun, BalanceRunResults } from '../../../../harness/subjects/balance/results.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION } from '../../../../harness/core/results.ts';
import small from '../../../../scenarios/balance-small.ts';
import { makeEnvironment, makeRuntimeFigures } from '../../../support/results-fixtures.ts';

function run(endToEndMs: number, slotMappingMs: number, hashes: number): BalanceRun {
  return {
    endToEndMs, hashes, rows: 150, rowsScanned: 2_000, unmapped: 1_850, counters: {},
    stages: { slotMappingMs, queryMs: 8, filterDecodeMs: 2, writeMs: 5 },
  };
}

function measure(times: number[], cold: BalanceRun, sha = 'same'): BalanceMeasure {
  const output = (name: string) => ({ path: `outputs/x/${name}`, bytes: 10, sha256: `${sha}-${name}` });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    cold, runs: times.map((t) => run(t, t - 15, 0)), endToEndMs: sorted[Math.floor((sorted.length - 1) / 2)]!,
    referenceQueryMs: 10, referenceRows: 2_000,
    outputs: { csv: output('balances.csv'), json: output('balances.json'), sqlite: output('balances.sqlite') },
    matchesExpected: true, peakRssBytes: 1e8, runtime: makeRuntimeFigures(450),
  };
}

function job(variant: string, repeat: number, balance: BalanceMeasure | null): BalanceJobResult {
  return {
    id: `${variant}#${repeat}`, index: 0, scenario: small.name, variant, repeat, reference: false, profile: null,
    status: balance ? 'ok' : 'failed', startedAt: '', wallMs: 1, environment: null, phases: null, measure: balance,
    error: balance ? null : { message: 'balances.csv differs', phase: 'verify' },
  };
}

function runResults(results: BalanceJobResult[]): BalanceRunResults {
  return {
    schema: RESULTS_SCHEMA, schemaVersion: RESULTS_SCHEMA_VERSION, runId: 'r', startedAt: '', finishedAt: '', scenario: small,
    options: { quick: false, repeats: 3, variants: ['naive', 'cached'], profile: [] }, environment: makeEnvironment(),
    jobs: results, results, calibration: null, targets: null, gate: null, paired: null,
  };
}

describe('summarizeBalance', () => {
  const results = runResults([
    job('naive', 1, measure([200, 210, 190], run(260, 240, 50))),
    job('cached', 1, measure([20, 22, 21], run(180, 150, 50))),
    job('naive', 2, measure([205, 195, 200], run(250, 230, 50))),
    job('cached', 2, measure([19, 20, 21], run(170, 145, 50))),
    job('naive', 3, measure([198, 202, 199], run(255, 235, 50))),
    job('cached', 3, null),
  ]);
  const summary = summarizeBalance(results);
  const [naive, cached] = summary.variants;

  it('summarises each job by its median run and the variant across repeats', () => {
    expect(naive!.endToEndMs!.median).toBe(200);
    expect(naive!.endToEndMs!.n).toBe(3);
    expect(cached!.endToEndMs!.n).toBe(2);
    expect(cached!.failedJobs).toEqual([{ repeat: 3, status: 'failed', phase: 'verify', message: 'balances.csv differs' }]);
  });

  it('computes the speedup as naive time over variant time, and the ratio to the SQL reference', () => {
    expect(naive!.speedup).toEqual({ baseline: 'naive', ratio: 1, interval: null });
    expect(cached!.speedup!.ratio).toBeCloseTo(200 / 20.5, 10);
    expect(cached!.speedup!.interval!.low).toBeGreaterThan(1);
    expect(summary.referenceQueryMs!.median).toBe(10);
    expect(naive!.vsReference).toBeCloseTo(20, 10);
  });

  it('reports the cold run apart, with hashes per second of its slot mapping', () => {
    expect(naive!.coldSlotMappingMs!.median).toBe(235);
    expect(naive!.coldHashesPerSec).toBeCloseTo(50_000 / 235, 8);
    expect(cached!.coldEndToEndMs!.median).toBe(175);
  });

  it('takes the stages of the median run, and rows scanned per second of query plus decode', () => {
    expect(naive!.stages).toEqual({ slotMappingMs: 185, queryMs: 8, filterDecodeMs: 2, writeMs: 5 });
    expect(naive!.rowsScannedPerSec).toBeCloseTo(2_000 / 0.01, 6);
  });

  it('finds identical outputs identical, and names a job whose output differs', () => {
    expect(summary.outputsAgree).toBe(true);
    const differing = summarizeBalance(runResults([job('naive', 1, measure([200], run(250, 230, 50))), job('cached', 1, measure([20], run(170, 140, 50), 'other'))]));
    expect(differing.outputsAgree).toBe(false);
    expect(differing.disagreements).toContain('csv: cached repeat 1 differs from naive repeat 1');
  });
});
