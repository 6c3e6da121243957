/**
 * Verification after timing: the check before it (verify.ts) cannot see a
 * variant that starts answering wrongly, or dropping writes, once it is
 * being measured, which would then be reported fast. So after the measured
 * phase (its closing flush included, and outside its time and meters) the
 * store must agree with a replay of exactly the ops it ran (replay.ts):
 *
 * - gets observed during the phase (observed-gets.ts) each answered the
 *   value its record held when the get was issued, or one written while it
 *   was in flight;
 * - a sample of records reads back its final value: the records of random
 *   executed ops (so hot keys weigh as they did in the phase), of the last
 *   writes and the last deletes (a deleted record must be absent), and a few
 *   untouched ones;
 * - a few ranges around written records scan back exactly the records
 *   present, in order, with their final values (deleted ones missing).
 *
 * Cost: a few hundred gets and two scans; microseconds of replay per
 * thousand ops, over typed arrays.
 */
import type { Entry, Store } from '../../../../variants/storage/store.ts';
import type { DatasetShape } from './dataset.ts';
import { keyOf } from './keys.ts';
import type { ObservedGet } from './observed-gets.ts';
import { Prng } from '../../../../lib/prng.ts';
import { RecordHistories, type ExecutedTrace, type RecordValue } from './replay.ts';
import { settle } from './settle.ts';
import { OP_CODES, OP_NAMES } from './trace.ts';
import { describeDifference, describeMismatch } from './value-mismatch.ts';
import { checkScan } from './verify.ts';

export interface AfterMeasureInput {
  readonly dataset: DatasetShape;
  /** The warmup's trace and how much of it ran; null when no warmup ran. */
  readonly warmup: ExecutedTrace | null;
  readonly measured: ExecutedTrace;
  readonly observed: readonly ObservedGet[];
  /** Seeds the choice of sampled records. */
  readonly seed: number;
}

const SAMPLED_POSITIONS = 128;
const LAST_WRITES = 32;
const LAST_DELETES = 16;
const UNTOUCHED_RECORDS = 8;
const SCAN_RANGES = 2;
const SCAN_WIDTH = 24;
/** Disagreements reported one by one; the rest are counted. */
const MAX_REPORTS = 10;

const GET = OP_CODES.get;
const DELETE = OP_CODES.delete;
const SCAN = OP_CODES.scan;
const BATCH = OP_CODES.batch;

interface Sample {
  /** Records read back one by one, in the order chosen. */
  readonly records: number[];
  /** Record ranges [from, to) scanned. */
  readonly ranges: [number, number][];
}

/** The records an op at `position` writes or reads first and last (a batch spans batchSize records). */
function recordsOf(run: ExecutedTrace, position: number): number[] {
  const { trace } = run;
  const first = trace.keys[position]!;
  if (trace.ops[position] !== BATCH) return [first];
  return [first, (first + trace.batchSize - 1) % trace.records];
}

function chooseSample(input: AfterMeasureInput, prng: Prng): Sample {
  const { measured, dataset } = input;
  const records = new Set<number>();
  const ran = Math.min(measured.positions, measured.trace.length);
  const ops = measured.trace.ops;
  const writePositions: number[] = [];
  for (let k = 0; k < Math.min(SAMPLED_POSITIONS, ran); k++) {
    const position = prng.nextInt(ran);
    for (const record of recordsOf(measured, position)) records.add(record);
    const op = ops[position];
    if (op !== GET && op !== SCAN) writePositions.push(position);
  }
  let writes = 0;
  let deletes = 0;
  for (let i = ran - 1; i >= 0 && (writes < LAST_WRITES || deletes < LAST_DELETES); i--) {
    const op = ops[i];
    if (op === GET || op === SCAN) continue;
    if (op === DELETE && deletes < LAST_DELETES) {
      deletes += 1;
      records.add(measured.trace.keys[i]!);
    } else if (writes < LAST_WRITES) {
      writes += 1;
      for (const record of recordsOf(measured, i)) records.add(record);
    }
  }
  for (let k = 0; k < Math.min(UNTOUCHED_RECORDS, dataset.records); k++) records.add(prng.nextInt(dataset.records));

  const ranges: [number, number][] = [];
  for (let k = 0; k < SCAN_RANGES && dataset.records > 0; k++) {
    // Around a written record when there is one, so the range holds changes.
    const from = writePositions.length > 0 ? measured.trace.keys[writePositions[prng.nextInt(writePositions.length)]!]! : prng.nextInt(dataset.records);
    ranges.push([from, Math.min(from + SCAN_WIDTH, dataset.records)]);
  }
  return { records: [...records], ranges };
}

/** Returns human-readable disagreements; an empty list means the store agrees with the replay. */
export async function verifyAfterMeasure(store: Store, input: AfterMeasureInput): Promise<string[]> {
  const { dataset, measured } = input;
  if (dataset.records === 0) return [];
  const sample = chooseSample(input, new Prng(input.seed));
  const observedRecords = input.observed.map((get) => measured.trace.keys[get.position]!);
  const rangeRecords = sample.ranges.flatMap(([from, to]) => Array.from({ length: to - from }, (_, k) => from + k));
  const histories = RecordHistories.replay(dataset, new Set([...sample.records, ...observedRecords, ...rangeRecords]), input.warmup, measured);
  const problems: string[] = [];
  const lastWrite = (record: number): string => {
    const at = histories.lastWrittenAt(record);
    return at === null ? 'not written in the measured phase' : `last written by op ${at} of the measured phase, a ${OP_NAMES[measured.trace.ops[at]!]}`;
  };

  // 1. What the store answered while it was timed.
  for (const get of input.observed) {
    const record = measured.trace.keys[get.position]!;
    const acceptable = histories.acceptableAt(record, get.position, get.issued);
    if (acceptable.some((candidate) => describeMismatch(candidate.value, get.value) === undefined)) continue;
    const alternatives = acceptable.length > 1 ? ` (or one of the ${acceptable.length - 1} values written while it was in flight)` : '';
    problems.push(
      `get(${JSON.stringify(keyOf(record))}) at op ${get.position} of the measured phase: ${describeDifference(acceptable[0]!.value, get.value)}${alternatives}`,
    );
  }

  // 2. Final values, read back one by one.
  for (const record of sample.records) {
    const key = keyOf(record);
    const expected = histories.finalValue(record);
    let actual: unknown;
    try {
      actual = await settle(store.get(key));
    } catch (error) {
      problems.push(`get(${JSON.stringify(key)}) after the measured phase threw: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const difference = describeDifference(expected, actual);
    if (difference !== undefined) problems.push(`get(${JSON.stringify(key)}) after the measured phase: ${difference}; ${lastWrite(record)}`);
  }

  // 3. Ranges: present records in order with their final values, deleted ones missing.
  for (const [from, to] of sample.ranges) {
    const expected: Entry[] = [];
    for (let record = from; record < to; record++) {
      const value: RecordValue = histories.finalValue(record);
      if (value !== undefined) expected.push({ key: keyOf(record), value });
    }
    // keyOf(to) is excluded by the range's end, even when it is past the last record.
    const scanProblems: string[] = [];
    await checkScan(store, { start: keyOf(from), end: keyOf(to) }, expected, scanProblems);
    problems.push(...scanProblems.map((problem) => `${problem} (after the measured phase)`));
  }

  if (problems.length <= MAX_REPORTS) return problems;
  return [...problems.slice(0, MAX_REPORTS), `... and ${problems.length - MAX_REPORTS} more disagreements`];
}
