/**
 * Checks a storage scenario's own fields (dataset, workload, warmup) before
 * anything runs: one problem per mistake, with its field path, what was
 * expected and what was found.
 */
import { checkKnownKeys, checkNumber, isIntegerIn, type FieldProblems } from '../../core/field-checks.ts';
import { describeValue, isRecord } from '../../core/input-values.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_LATENCY_SAMPLE_EVERY, OP_TYPES, SCAN_STARTS } from './scenario.ts';

function checkDistribution(problems: FieldProblems, value: unknown, path: string): void {
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

function checkMix(problems: FieldProblems, value: unknown, path: string): void {
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

export const STORAGE_SCENARIO_FIELDS = ['dataset', 'workload', 'warmup'] as const;

/** The storage fields of a scenario: dataset, workload, warmup. */
export function checkStorageFields(problems: FieldProblems, value: Readonly<Record<string, unknown>>): void {
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

}
