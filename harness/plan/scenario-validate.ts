/**
 * Checks a scenario (ours or a user's file) before anything runs, and lists
 * every problem with its field path, what was expected and what was found.
 */
import { VarbenchError } from '../core/errors.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_LATENCY_SAMPLE_EVERY, OP_TYPES, SCAN_STARTS, type Scenario, type Subject } from './scenario.ts';
import { describeValue, isRecord } from '../core/input-values.ts';

type Problems = string[];

function checkNumber(
  problems: Problems,
  value: unknown,
  path: string,
  rule: { integer?: boolean; min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number },
): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.exclusiveMin === undefined || value > rule.exclusiveMin) &&
    (rule.exclusiveMax === undefined || value < rule.exclusiveMax);
  if (ok) return;
  const bounds = [
    rule.min !== undefined ? `>= ${rule.min}` : '',
    rule.exclusiveMin !== undefined ? `> ${rule.exclusiveMin}` : '',
    rule.max !== undefined ? `<= ${rule.max}` : '',
    rule.exclusiveMax !== undefined ? `< ${rule.exclusiveMax}` : '',
  ].filter(Boolean);
  const kind = rule.integer ? 'an integer' : 'a number';
  problems.push(`${path}: expected ${kind}${bounds.length ? ' ' + bounds.join(' and ') : ''}, got ${describeValue(value)}`);
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkString(problems: Problems, value: unknown, path: string, pattern?: RegExp, hint?: string): void {
  if (typeof value === 'string' && value.length > 0 && (!pattern || pattern.test(value))) return;
  problems.push(`${path}: expected ${hint ?? 'a non-empty string'}, got ${describeValue(value)}`);
}

function checkKnownKeys(problems: Problems, value: Record<string, unknown>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      problems.push(`${path ? path + '.' : ''}${key}: unknown field (known: ${known.join(', ')})`);
    }
  }
}

function checkDistribution(problems: Problems, value: unknown, path: string): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object such as { kind: 'zipfian', constant: 0.99, scrambled: true }, got ${describeValue(value)}`);
    return;
  }
  switch (value.kind) {
    case 'uniform':
    case 'sequential':
      checkKnownKeys(problems, value, path, ['kind']);
      return;
    case 'zipfian':
      checkKnownKeys(problems, value, path, ['kind', 'constant', 'scrambled']);
      checkNumber(problems, value.constant, `${path}.constant`, { exclusiveMin: 0, exclusiveMax: 1 });
      if (typeof value.scrambled !== 'boolean') {
        problems.push(`${path}.scrambled: expected true or false, got ${describeValue(value.scrambled)}`);
      }
      return;
    case 'latest':
      checkKnownKeys(problems, value, path, ['kind', 'constant']);
      checkNumber(problems, value.constant, `${path}.constant`, { exclusiveMin: 0, exclusiveMax: 1 });
      return;
    default:
      problems.push(`${path}.kind: expected 'uniform', 'zipfian', 'sequential' or 'latest', got ${describeValue(value.kind)}`);
  }
}

function checkMix(problems: Problems, value: unknown, path: string): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected an object such as { get: 70, put: 20, delete: 10 }, got ${describeValue(value)}`);
    return;
  }
  checkKnownKeys(problems, value, path, OP_TYPES);
  let total = 0;
  for (const op of OP_TYPES) {
    const weight = value[op];
    if (weight === undefined) continue;
    checkNumber(problems, weight, `${path}.${op}`, { min: 0 });
    if (typeof weight === 'number' && weight > 0) total += weight;
  }
  if (total <= 0) problems.push(`${path}: at least one op type needs a weight > 0 (op types: ${OP_TYPES.join(', ')})`);
}

/** Returns the scenario typed, or throws INVALID_SCENARIO listing every problem. */
/** Checks one variant's settings the way the variant itself will; returns the problem or null. */
export type SettingsChecker = (subject: Subject, variant: string, settings: Readonly<Record<string, number>>) => string | null;

export function validateScenario(
  value: unknown,
  source: string,
  knownVariants: Readonly<Record<Subject, readonly string[]>>,
  checkSettings?: SettingsChecker,
): Scenario {
  const problems: Problems = [];
  if (!isRecord(value)) {
    throw new VarbenchError(
      'INVALID_SCENARIO',
      `Invalid scenario in ${source}: the default export must be a scenario object (use defineScenario({...})), got ${describeValue(value)}.`,
    );
  }
  if (value.subject === 'balance') {
    checkBalance(problems, value, knownVariants.balance, checkSettings);
  } else if (value.subject === 'storage') {
    checkStorage(problems, value, knownVariants.storage, checkSettings);
  } else {
    problems.push(`subject: expected 'storage' or 'balance', got ${describeValue(value.subject)}`);
  }
  if (problems.length > 0) {
    throw new VarbenchError(
      'INVALID_SCENARIO',
      `Invalid scenario in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Fix the fields above; scenarios/mixed-70-20-10.ts and scenarios/balance-small.ts are complete examples.`,
    );
  }
  return value as unknown as Scenario;
}

function checkCommon(problems: Problems, value: Record<string, unknown>): void {
  checkString(problems, value.name, 'name', /^[a-z0-9][a-z0-9._-]*$/, 'a name of lowercase letters, digits, ".", "_" or "-"');
  checkString(problems, value.description, 'description');
  checkNumber(problems, value.repeats, 'repeats', { integer: true, min: 1, max: 1000 });
  if (value.timeoutMs !== undefined) checkNumber(problems, value.timeoutMs, 'timeoutMs', { min: 1000 });
}

function checkVariantsAndSettings(
  problems: Problems,
  value: Record<string, unknown>,
  knownVariants: readonly string[],
  checkSettings: SettingsChecker | undefined,
): void {
  if (value.variants !== undefined) {
    if (!Array.isArray(value.variants) || value.variants.length === 0) {
      problems.push(`variants: expected a non-empty array of variant names (${knownVariants.join(', ')}), got ${describeValue(value.variants)}`);
    } else {
      value.variants.forEach((name, i) => {
        if (typeof name !== 'string' || !knownVariants.includes(name)) {
          problems.push(`variants[${i}]: unknown variant ${describeValue(name)} (known: ${knownVariants.join(', ')})`);
        }
      });
    }
  }
  if (value.settings === undefined) return;
  if (!isRecord(value.settings)) {
    problems.push(`settings: expected an object of variant name -> { setting: number }, got ${describeValue(value.settings)}`);
    return;
  }
  for (const [variant, settings] of Object.entries(value.settings)) {
    if (!knownVariants.includes(variant)) {
      problems.push(`settings.${variant}: unknown variant (known: ${knownVariants.join(', ')})`);
    } else if (!isRecord(settings)) {
      problems.push(`settings.${variant}: expected an object of numbers, got ${describeValue(settings)}`);
    } else {
      const before = problems.length;
      for (const [key, setting] of Object.entries(settings)) {
        checkNumber(problems, setting, `settings.${variant}.${key}`, {});
      }
      const problem = problems.length === before ? checkSettings?.(value.subject as Subject, variant, settings as Record<string, number>) : null;
      if (problem) problems.push(`settings.${variant}: ${problem}`);
    }
  }
}

const GENERATED_SOURCE_FIELDS = ['seed', 'tokens', 'accounts', 'otherHolders', 'blocks', 'transfersPerBlock', 'noisePerBlock', 'otherContracts'] as const;

function checkBalance(
  problems: Problems,
  value: Record<string, unknown>,
  knownVariants: readonly string[],
  checkSettings: SettingsChecker | undefined,
): void {
  checkKnownKeys(problems, value, '', ['name', 'description', 'subject', 'source', 'runs', 'repeats', 'variants', 'settings', 'timeoutMs']);
  checkCommon(problems, value);
  checkNumber(problems, value.runs, 'runs', { integer: true, min: 1, max: 1000 });
  const source = value.source;
  if (!isRecord(source)) {
    problems.push(`source: expected { kind: 'generated', seed, tokens, accounts, ... } or { kind: 'database', path, tokens, accountsFile }, got ${describeValue(source)}`);
  } else if (source.kind === 'generated') {
    checkKnownKeys(problems, source, 'source', ['kind', ...GENERATED_SOURCE_FIELDS]);
    checkNumber(problems, source.seed, 'source.seed', { integer: true, min: 0, max: 0xffffffff });
    for (const field of ['tokens', 'accounts', 'blocks'] as const) {
      checkNumber(problems, source[field], `source.${field}`, { integer: true, min: 1, max: 10_000_000 });
    }
    for (const field of ['otherHolders', 'transfersPerBlock', 'noisePerBlock', 'otherContracts'] as const) {
      checkNumber(problems, source[field], `source.${field}`, { integer: true, min: 0, max: 10_000_000 });
    }
    if (typeof source.noisePerBlock === 'number' && source.noisePerBlock > 0 && source.otherContracts === 0) {
      problems.push('source.otherContracts: must be >= 1 when noisePerBlock > 0 (part of the noise goes to other contracts)');
    }
  } else if (source.kind === 'database') {
    checkKnownKeys(problems, source, 'source', ['kind', 'path', 'tokens', 'accountsFile']);
    checkString(problems, source.path, 'source.path', undefined, 'the path of a Pathfinder SQLite database');
    checkString(problems, source.accountsFile, 'source.accountsFile', undefined, 'the path of a file with one account address per line');
    if (!Array.isArray(source.tokens) || source.tokens.length === 0 || !source.tokens.every((t) => typeof t === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(t))) {
      problems.push(`source.tokens: expected a non-empty list of 0x-hex token addresses, got ${describeValue(source.tokens)}`);
    }
  } else {
    problems.push(`source.kind: expected 'generated' or 'database', got ${describeValue(source.kind)}`);
  }
  checkVariantsAndSettings(problems, value, knownVariants, checkSettings);
}

function checkStorage(
  problems: Problems,
  value: Record<string, unknown>,
  knownVariants: readonly string[],
  checkSettings: SettingsChecker | undefined,
): void {
  checkKnownKeys(problems, value, '', [
    'name', 'description', 'subject', 'dataset', 'workload', 'warmup', 'repeats', 'variants', 'settings', 'timeoutMs',
  ]);
  checkCommon(problems, value);
  const dataset = value.dataset;
  if (isRecord(dataset)) {
    checkKnownKeys(problems, dataset, 'dataset', ['records', 'valueBytes', 'keyDistribution', 'seed']);
    checkNumber(problems, dataset.records, 'dataset.records', { integer: true, min: 1, max: 50_000_000 });
    checkNumber(problems, dataset.valueBytes, 'dataset.valueBytes', { integer: true, min: 0, max: 16 * 1024 * 1024 });
    checkNumber(problems, dataset.seed, 'dataset.seed', { integer: true, min: 0, max: 0xffffffff });
    checkDistribution(problems, dataset.keyDistribution, 'dataset.keyDistribution');
  } else {
    problems.push(`dataset: expected an object { records, valueBytes, keyDistribution, seed }, got ${describeValue(dataset)}`);
  }

  const workload = value.workload;
  if (isRecord(workload)) {
    checkKnownKeys(problems, workload, 'workload', ['mix', 'operations', 'durationMs', 'concurrency', 'scanLength', 'scanStart', 'batchSize', 'latencySampleEvery']);
    checkMix(problems, workload.mix, 'workload.mix');
    checkNumber(problems, workload.operations, 'workload.operations', { integer: true, min: 1, max: 100_000_000 });
    if (workload.durationMs !== undefined) checkNumber(problems, workload.durationMs, 'workload.durationMs', { min: 1 });
    checkNumber(problems, workload.concurrency, 'workload.concurrency', { integer: true, min: 1, max: 4096 });
    if (workload.scanLength !== undefined) {
      checkNumber(problems, workload.scanLength, 'workload.scanLength', { integer: true, min: 1, max: 100_000 });
    }
    if (workload.scanStart !== undefined && !(SCAN_STARTS as readonly unknown[]).includes(workload.scanStart)) {
      problems.push(
        `workload.scanStart: expected ${SCAN_STARTS.map((s) => `'${s}'`).join(' or ')} ` +
          `('first-key' makes every scan start at the smallest loaded key), got ${describeValue(workload.scanStart)}`,
      );
    }
    // The same upper bound as scanLength: a batch op builds all its writes in memory at once.
    const batchSize = workload.batchSize;
    if (batchSize !== undefined && !isIntegerIn(batchSize, 1, 100_000)) {
      problems.push(
        `workload.batchSize: expected a whole number of puts per batch op, >= 1 and <= 100000 (e.g. 1000; ` +
          `leave it out for the default of ${DEFAULT_BATCH_SIZE}), got ${describeValue(batchSize)}`,
      );
    }
    const sampleEvery = workload.latencySampleEvery;
    // A power of two because the driver picks sampled ops with a bit mask.
    if (sampleEvery !== undefined && !(isIntegerIn(sampleEvery, 1, 1024) && (sampleEvery & (sampleEvery - 1)) === 0)) {
      problems.push(
        `workload.latencySampleEvery: expected a power of two from 1 to 1024 (1 times every op; the default ${DEFAULT_LATENCY_SAMPLE_EVERY} ` +
          `times 1 in ${DEFAULT_LATENCY_SAMPLE_EVERY}), got ${describeValue(sampleEvery)}`,
      );
    }
  } else {
    problems.push(`workload: expected an object { mix, operations, concurrency }, got ${describeValue(workload)}`);
  }

  const warmup = value.warmup;
  if (isRecord(warmup)) {
    checkKnownKeys(problems, warmup, 'warmup', ['operations', 'maxDurationMs']);
    checkNumber(problems, warmup.operations, 'warmup.operations', { integer: true, min: 0 });
    checkNumber(problems, warmup.maxDurationMs, 'warmup.maxDurationMs', { min: 0 });
  } else {
    problems.push(`warmup: expected an object { operations, maxDurationMs }, got ${describeValue(warmup)}`);
  }

  checkVariantsAndSettings(problems, value, knownVariants, checkSettings);
}
