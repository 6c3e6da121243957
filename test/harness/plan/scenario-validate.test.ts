import { describe, expect, it } from 'vitest';
import { VarbenchError } from '../../../harness/core/errors.ts';
import { validateScenario } from '../../../harness/plan/scenario-validate.ts';
import { listScenarioNames } from '../../../harness/plan/scenario-load.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';

function problemsOf(value: unknown): string {
  try {
    validateScenario(value, 'my-scenario.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(VarbenchError);
    expect((error as VarbenchError).code).toBe('INVALID_SCENARIO');
    expect((error as VarbenchError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('validateScenario', () => {
  it('accepts the shipped scenario unchanged', () => {
    expect(validateScenario(mixed, 'scenarios/mixed-70-20-10.ts')).toBe(mixed);
  });

  it('names the file, each bad field, what was expected and what was found', () => {
    const message = problemsOf({
      ...mixed,
      dataset: { ...mixed.dataset, records: -5, keyDistribution: { kind: 'zipfian', constant: 1.5, scrambled: 'yes' } },
      workload: { ...mixed.workload, mix: { get: 70, put: -1, upsert: 5 } },
    });
    expect(message).toContain('Invalid scenario in my-scenario.ts');
    expect(message).toContain('dataset.records: expected an integer >= 1 and <= 50000000, got -5');
    expect(message).toContain('dataset.keyDistribution.constant: expected a number > 0 and < 1, got 1.5');
    expect(message).toContain('dataset.keyDistribution.scrambled: expected true or false, got "yes"');
    expect(message).toContain('workload.mix.put: expected a number >= 0, got -1');
    expect(message).toContain('workload.mix.upsert: unknown field (known: get, put, delete, scan, batch)');
  });

  it('rejects unknown variants, in the list and in settings', () => {
    const message = problemsOf({ ...mixed, variants: ['naive', 'turbo'], settings: { fast: { x: 1 } } });
    expect(message).toContain(`variants[1]: unknown variant "turbo" (known: naive, batched, pooled, cached)`);
    expect(message).toContain('settings.fast: unknown variant');
  });

  it('catches misspelt top-level fields rather than ignoring them', () => {
    expect(problemsOf({ ...mixed, repeat: 3 })).toContain('repeat: unknown field');
  });

  it('needs a positive weight somewhere in the mix', () => {
    expect(problemsOf({ ...mixed, workload: { ...mixed.workload, mix: { get: 0 } } })).toContain('workload.mix: at least one op type needs a weight > 0');
  });

  it('explains a default export that is not an object', () => {
    expect(problemsOf(undefined)).toContain('the default export must be a scenario object');
  });

  it('accepts a batch op type with a whole-number batchSize, and batchSize left out', () => {
    const batching = { ...mixed, workload: { ...mixed.workload, mix: { get: 50, batch: 50 }, batchSize: 1_000 } };
    expect(validateScenario(batching, 'x.ts')).toBe(batching);
    const byDefault = { ...mixed, workload: { ...mixed.workload, mix: { batch: 1 } } };
    expect(validateScenario(byDefault, 'x.ts')).toBe(byDefault);
  });

  it('rejects a batchSize that is not a whole number from 1 to 100000, saying what it is and what to write', () => {
    for (const batchSize of [0, -3, 2.5, '1000', Number.NaN, 100_001]) {
      const message = problemsOf({ ...mixed, workload: { ...mixed.workload, mix: { batch: 1 }, batchSize } });
      expect(message).toContain('Invalid scenario in my-scenario.ts');
      expect(message).toContain('workload.batchSize: expected a whole number of puts per batch op, >= 1 and <= 100000');
      expect(message).toContain('(e.g. 1000; leave it out for the default of 100)');
    }
    expect(problemsOf({ ...mixed, workload: { ...mixed.workload, batchSize: 0 } })).toContain('got 0');
  });

  it('checks scanStart and latencySampleEvery', () => {
    const scanAll = { ...mixed, workload: { ...mixed.workload, mix: { scan: 1 }, scanStart: 'first-key', latencySampleEvery: 1 } };
    expect(validateScenario(scanAll, 'x.ts')).toBe(scanAll);
    expect(problemsOf({ ...mixed, workload: { ...mixed.workload, scanStart: 'start' } })).toContain(
      `workload.scanStart: expected 'drawn-key' or 'first-key'`,
    );
    for (const latencySampleEvery of [0, 3, 2048, 0.5]) {
      expect(problemsOf({ ...mixed, workload: { ...mixed.workload, latencySampleEvery } })).toContain(
        'workload.latencySampleEvery: expected a power of two from 1 to 1024',
      );
    }
  });
});

describe('the shipped storage scenarios', () => {
  it('every storage scenario in scenarios/ validates, with its settings checked by the variants', async () => {
    const storage: string[] = [];
    for (const name of listScenarioNames()) {
      const scenario = (await import(`../../../scenarios/${name}.ts`)).default;
      if (scenario.subject !== 'storage') continue;
      storage.push(name);
      expect(scenario.name, `${name}.ts`).toBe(name);
      expect(validateScenario(scenario, `scenarios/${name}.ts`)).toBe(scenario);
    }
    expect(storage).toEqual(expect.arrayContaining(['batch-put-1000', 'memory-10k', 'mixed-70-20-10', 'read-all-10k', 'single-get', 'single-put']));
  });
});

describe('validateScenario asks the subject to check its variants settings', () => {
  it('rejects a misspelt or out-of-range setting before anything runs, naming the field', async () => {
    let message = '';
    try {
      validateScenario(
        { ...mixed, settings: { cached: { cacheEntrys: 5 }, batched: { batchMaxOps: 0 } } },
        'my-scenario.ts',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('settings.cached: cached store: unknown setting "cacheEntrys"');
    expect(message).toContain('cacheEntries');
    expect(message).toMatch(/settings\.batched: batched store: setting batchMaxOps .* must be >= 1, got 0/);
  });

  it('accepts valid settings', async () => {
    const scenario = { ...mixed, settings: { cached: { cacheEntries: 5_000 }, pooled: { poolSize: 2 } } };
    expect(validateScenario(scenario, 'x.ts')).toBe(scenario);
  });
});

describe('validateScenario for balance scenarios', () => {
  it('accepts the shipped balance scenarios', async () => {
    for (const name of ['balance-small', 'balance-medium', 'balance-large']) {
      const scenario = (await import(`../../../scenarios/${name}.ts`)).default;
      expect(validateScenario(scenario, `${name}.ts`)).toBe(scenario);
    }
  });

  it('names the bad fields of a balance scenario', async () => {
    const small = (await import('../../../scenarios/balance-small.ts')).default;
    const message = problemsOf({ ...small, runs: 0, source: { ...small.source, accounts: -1, noisePerBlock: 5, otherContracts: 0 }, variants: ['fast'] });
    expect(message).toContain('runs: expected an integer >= 1');
    expect(message).toContain('source.accounts: expected an integer >= 1');
    expect(message).toContain('source.otherContracts: must be >= 1 when noisePerBlock > 0');
    expect(message).toContain('variants[0]: unknown variant "fast"');
    expect(problemsOf({ ...small, source: { kind: 'database', path: 'x', tokens: ['ETH'], accountsFile: 'a' } })).toContain('source.tokens: expected a non-empty list of 0x-hex token addresses');
  });

  it('rejects an unknown subject', () => {
    expect(problemsOf({ ...mixed, subject: 'queue' })).toContain(`subject: expected 'storage' or 'balance', got "queue"`);
  });
});

describe('validateScenario checks balance settings too', () => {
  it('rejects an unknown or out-of-range balance setting before anything runs', async () => {
    const small = (await import('../../../scenarios/balance-small.ts')).default;
    let checked = '';
    try {
      validateScenario({ ...small, settings: { pooled: { worker: 2 }, cached: { bloom: 3 } } }, 'b.ts');
    } catch (error) {
      checked = (error as Error).message;
    }
    expect(checked).toContain('settings.pooled: pooled balance pipeline: unknown setting "worker" (known settings: workers)');
    expect(checked).toContain('settings.cached: cached balance pipeline: setting bloom');
  });
});
