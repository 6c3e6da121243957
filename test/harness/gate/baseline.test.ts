import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { describe, expect, it } from 'vitest';
import {
  BASELINE_SCHEMA,
  baselineBlockers,
  baselineComparability,
  baselineFromResults,
  comparability,
  parseBaseline,
  scenarioDifferences,
  serializeBaseline,
  type Baseline,
} from '../../../harness/gate/baseline.ts';
import { CALIBRATION_WORKLOAD } from '../../../harness/gate/machine-speed.ts';
import { cellsFromResults } from '../../../harness/gate/cells.ts';
import { VarbenchError } from '../../../harness/core/errors.ts';
import type { RunResults } from '../../../harness/core/results.ts';
import { makeEnvironment, makeRunResults, makeScenario, sampleRunResults, type JobFixture } from '../../support/results-fixtures.ts';

const PATH = 'reports/baselines/main.json';
const CALIBRATION = { workload: CALIBRATION_WORKLOAD, opsPerSec: [1_200, 1_250, 1_190] };

function completeRun(): RunResults {
  const jobs: JobFixture[] = [];
  for (let repeat = 0; repeat < 3; repeat++) {
    jobs.push({ variant: 'noop', repeat, reference: true, measure: { throughputOpsPerSec: 5_000_000 } });
    jobs.push({ variant: 'naive', repeat, measure: { throughputOpsPerSec: 10_000 + repeat * 100 } });
    jobs.push({ variant: 'cached', repeat, measure: { throughputOpsPerSec: 40_000 + repeat * 100 } });
  }
  return makeRunResults(jobs);
}

function baseline(): Baseline {
  return baselineFromResults(completeRun(), CALIBRATION, { cells: STORAGE_CELLS, name: 'main' });
}

/** The error parseBaseline throws for `text`. */
function parseError(text: string | null): VarbenchError {
  try {
    parseBaseline(text, PATH, () => STORAGE_CELLS);
  } catch (error) {
    expect(error).toBeInstanceOf(VarbenchError);
    return error as VarbenchError;
  }
  throw new Error('parseBaseline did not throw');
}

function withChange(change: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(serializeBaseline(baseline())) as Record<string, unknown>;
  change(data);
  return JSON.stringify(data);
}

describe('baselineFromResults', () => {
  it('keeps every cell\'s raw samples, the environment, the scenario and the calibration', () => {
    const run = completeRun();
    const b = baselineFromResults(run, CALIBRATION, { cells: STORAGE_CELLS, name: 'main' });
    expect(b).toMatchObject({
      schema: BASELINE_SCHEMA,
      schemaVersion: 1,
      name: 'main',
      createdAt: run.finishedAt,
      runId: run.runId,
      quick: false,
      environment: run.environment,
      scenario: run.scenario,
      calibration: CALIBRATION,
    });
    expect(b.cells).toEqual(cellsFromResults(run, STORAGE_CELLS));
    expect(b.cells.find((c) => c.variant === 'cached' && c.metric === 'throughput')!.samples).toEqual([40_000, 40_100, 40_200]);
    expect(b.cells.some((c) => c.variant === 'noop')).toBe(false);
    expect(baselineFromResults(run, CALIBRATION, { cells: STORAGE_CELLS, name: 'x', createdAt: '2025-02-01T00:00:00.000Z' }).createdAt).toBe('2025-02-01T00:00:00.000Z');
  });

  it('refuses an incomplete or partly failed run, saying why', () => {
    expect(baselineBlockers(completeRun(), STORAGE_CELLS)).toEqual([]);
    expect(baselineBlockers(sampleRunResults(), STORAGE_CELLS)).toEqual([
      `batched repeat 1 failed: get('user:42') returned undefined, expected 'v42'`,
    ]);
    expect(() => baselineFromResults(sampleRunResults(), CALIBRATION, { cells: STORAGE_CELLS, name: 'main' })).toThrow(/cannot be a baseline: batched repeat 1 failed/);

    const unfinished = { ...completeRun(), finishedAt: null };
    expect(baselineBlockers(unfinished, STORAGE_CELLS)).toContain('the run did not finish');
    const run = completeRun();
    const partial = { ...run, results: run.results.slice(0, 5) };
    expect(baselineBlockers(partial, STORAGE_CELLS)).toContain('4 of 9 planned jobs have no result');
  });

  it('rejects names that are not safe file names and unusable calibrations', () => {
    expect(() => baselineFromResults(completeRun(), CALIBRATION, { cells: STORAGE_CELLS, name: '../main' })).toThrow(/must match/);
    expect(() => baselineFromResults(completeRun(), { workload: 'w', opsPerSec: [] }, { cells: STORAGE_CELLS, name: 'main' })).toThrow(/calibration.opsPerSec/);
  });
});

describe('parseBaseline', () => {
  it('round-trips what serializeBaseline writes', () => {
    const b = baseline();
    const text = serializeBaseline(b);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseBaseline(text, PATH, () => STORAGE_CELLS)).toEqual(b);
  });

  it('a missing file is a clear message naming the path and the command that creates it', () => {
    const error = parseError(null);
    expect(error.message).toBe(`No baseline at ${PATH}. Save one first with: npm run bench -- --scenario <name> --save-baseline main`);
    expect(error.exitCode).toBe(2);
  });

  it('corrupt JSON names the file and keeps the parser error as cause', () => {
    const error = parseError('{"schema": "varbench/baseline", "cells": [');
    expect(error.message).toMatch(/^Baseline reports\/baselines\/main\.json is not valid JSON \(.+\); it may have been cut short or edited\. Re-create it with: .* --save-baseline main$/);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('another file, another schema or another version', () => {
    expect(parseError('[1, 2]').message).toMatch(/main\.json is not a varbench baseline: expected a JSON object, got an array/);
    expect(parseError('{"schema": "varbench/results", "schemaVersion": 1}').message).toMatch(
      /main\.json is not a varbench baseline: its "schema" is "varbench\/results", expected "varbench\/baseline"/,
    );
    expect(parseError(withChange((d) => (d.schemaVersion = 2))).message).toMatch(/schema version 2; this varbench reads version 1 \(the file was written by a newer varbench/);
    expect(parseError(withChange((d) => delete d.schemaVersion)).message).toMatch(/schema version nothing; .* Re-create it with/);
  });

  it('lists every bad field with its path', () => {
    const text = withChange((d) => {
      const cells = d.cells as Record<string, unknown>[];
      cells[0]!.samples = [];
      cells[1]!.metric = 'p99:gett';
      cells[2]!.samples = [1, 'fast'];
      cells[3] = { ...cells[4]! };
      d.calibration = { workload: CALIBRATION_WORKLOAD, opsPerSec: [0] };
      (d.environment as Record<string, unknown>).cpuModel = 42;
      delete d.quick;
    });
    const message = parseError(text).message;
    expect(message).toMatch(/^Baseline reports\/baselines\/main\.json is invalid:\n/);
    expect(message).toContain('  - quick: expected true or false, got nothing');
    expect(message).toContain('  - environment.cpuModel: expected a non-empty string, got 42');
    expect(message).toContain('  - calibration.opsPerSec[0]: expected a number > 0, got 0');
    expect(message).toContain('  - cells[0].samples: expected a non-empty array of numbers, got an empty array');
    expect(message).toMatch(/ {2}- cells\[1\]\.metric: unknown metric "p99:gett"; known: throughput, cpu, p50:get/);
    expect(message).toContain('  - cells[2].samples[1]: expected a number >= 0, got "fast"');
    expect(message).toMatch(/ {2}- cells\[4\]: duplicates cells\[3\] \(kv-mixed\/naive\/.+\)/);
    expect(message).toMatch(/Re-create it with: npm run bench -- --scenario <name> --save-baseline main$/);
  });

  it('rejects a baseline without cells', () => {
    expect(parseError(withChange((d) => (d.cells = []))).message).toContain('cells: expected a non-empty array');
  });
});

describe('comparability', () => {
  const env = makeEnvironment();

  it('the same environment is comparable without warnings', () => {
    expect(comparability(env, makeEnvironment())).toEqual({ comparable: true, reasons: [], warnings: [] });
  });

  it('another CPU model or Node major is not comparable', () => {
    const result = comparability(env, { ...env, cpuModel: 'Other CPU @ 2.0GHz', node: 'v22.1.0' });
    expect(result.comparable).toBe(false);
    expect(result.reasons).toEqual([
      'CPU model differs: baseline "Fixture CPU @ 3.00GHz", now "Other CPU @ 2.0GHz"',
      'Node major differs: baseline v20.19.0, now v22.1.0',
    ]);
  });

  it('another CPU generation behind the same model name is not comparable (a VM shows "AMD EPYC" for all)', () => {
    const zen3 = { ...env, cpuModel: 'AMD EPYC', cpu: { ...env.cpu!, modelName: 'AMD EPYC', family: '25', model: '1' } };
    const zen5 = { ...env, cpuModel: 'AMD EPYC', cpu: { ...env.cpu!, modelName: 'AMD EPYC', family: '26', model: '2' } };
    const result = comparability(zen3, zen5);
    expect(result.comparable).toBe(false);
    expect(result.reasons).toEqual(['CPU family differs: baseline "25", now "26"', 'CPU model differs: baseline "1", now "2"']);
  });

  it('a baseline saved before the CPU identity was recorded is not comparable: it cannot rule out another generation', () => {
    const { cpu: _cpu, ...older } = env;
    const result = comparability(older, env);
    expect(result.comparable).toBe(false);
    expect(result.reasons[0]).toContain('does not record the CPU identity');
  });

  it('another architecture or OS is not comparable', () => {
    expect(comparability(env, { ...env, arch: 'arm64' }).reasons).toEqual(['architecture differs: baseline x64, now arm64']);
    expect(comparability(env, { ...env, platform: 'darwin' }).comparable).toBe(false);
  });

  it('a Node patch, core count or package version is a warning, not a reason', () => {
    const result = comparability(env, { ...env, node: 'v20.20.2', cpuCount: 4, packages: { ...env.packages, 'better-sqlite3': '12.7.0' } });
    expect(result.comparable).toBe(true);
    expect(result.warnings).toEqual([
      'Node version differs: baseline v20.19.0, now v20.20.2',
      'CPU count differs: baseline 2, now 4',
      'better-sqlite3 differs: baseline 12.6.2, now 12.7.0',
    ]);
  });
});

describe('baselineComparability', () => {
  const b = baseline();
  const current = { environment: makeEnvironment(), scenario: makeScenario(), quick: false, calibrationWorkload: CALIBRATION_WORKLOAD };

  it('is comparable for the same scenario definition, even with other repeats or variants', () => {
    expect(baselineComparability(b, { ...current, scenario: makeScenario({ repeats: 10, variants: ['cached'] }) }).comparable).toBe(true);
  });

  it('flags another dataset or workload, a --quick mismatch and another calibration workload', () => {
    const result = baselineComparability(b, {
      ...current,
      scenario: makeScenario({ dataset: { ...makeScenario().dataset, records: 5_000 } }),
      quick: true,
      calibrationWorkload: 'varbench-cpu-v2',
    });
    expect(result.comparable).toBe(false);
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons[0]).toMatch(/^calibration workload differs/);
    expect(result.reasons[1]).toMatch(/^scenario dataset differs: baseline .*"records":10000.*, now .*"records":5000/);
    expect(result.reasons[2]).toBe('baseline is not a --quick run and this one is');
  });

  it('flags another scenario name', () => {
    expect(baselineComparability(b, { ...current, scenario: makeScenario({ name: 'other' }) }).reasons).toEqual([
      'scenario differs: baseline "kv-mixed", now "other"',
    ]);
  });

  it('scenarioDifferences ignores key order', () => {
    const a = makeScenario();
    const reordered = makeScenario({ dataset: { seed: 42, keyDistribution: { scrambled: true, constant: 0.99, kind: 'zipfian' }, valueBytes: 100, records: 10_000 } });
    expect(scenarioDifferences(a, reordered)).toEqual([]);
  });
});
