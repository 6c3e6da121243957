/**
 * Verification before timing (DESIGN.md "Verify before timing"): a variant
 * that gives different answers is reported failed, not fast. Run right after
 * loadDataset on the loaded store.
 *
 * Cost: ~80 reads and 5 writes. Reads are cheap for every variant; writes are
 * not (the naive variant fsyncs each one, ~1 ms), hence one write per behaviour.
 * The writes use keys under VERIFY_PREFIX and delete them again, so the
 * dataset is as loaded when timing starts.
 */
import type { Entry, ScanOptions, Store, WriteOp } from '../../../../variants/storage/store.ts';
import type { DatasetShape } from './dataset.ts';
import { KEY_PREFIX, keyOf } from './keys.ts';
import { Prng } from '../../../../lib/prng.ts';
import { settle } from './settle.ts';
import { recordValue } from './values.ts';
import { describeAnswer as describe, describeMismatch } from './value-mismatch.ts';

export interface VerifyOptions {
  /** Seeds the choice of sampled keys and the written values. */
  readonly seed: number;
}

/** Prefix of the keys the write checks use; sorts after 'key:' and shares no prefix with it. */
export const VERIFY_PREFIX = 'verify:';
/** A prefix no dataset key has. */
const FOREIGN_PREFIX = 'nokey:';
const SAMPLED_GETS = 64;
/** Sampled-get disagreements reported one by one; the rest are counted. */
const MAX_GET_REPORTS = 10;
const RANGE_WIDTH = 20;
const RANGE_LIMIT = 7;
const PREFIX_LIMIT = 4;

/** Returns human-readable disagreements; an empty list means the store agrees. */
export async function verifyStore(store: Store, dataset: DatasetShape, options: VerifyOptions): Promise<string[]> {
  const problems: string[] = [];
  const prng = new Prng(options.seed);
  const expected = (index: number): Entry => ({
    key: keyOf(index),
    value: recordValue(dataset.seed, index, dataset.valueBytes),
  });
  const entries = (from: number, to: number): Entry[] => {
    const list: Entry[] = [];
    for (let i = from; i < Math.min(to, dataset.records); i++) list.push(expected(i));
    return list;
  };

  // 1. Loaded records read back byte-exact: the first, the last and random ones.
  if (dataset.records > 0) {
    const sample = sampleIndices(dataset.records, prng);
    const getProblems: string[] = [];
    for (const index of sample) {
      const { key, value } = expected(index);
      const problem = await guarded(`get(${quote(key)})`, async () => {
        const got = store.get(key);
        return describeMismatch(value, await settle(got));
      });
      if (problem !== undefined) getProblems.push(problem);
    }
    problems.push(...getProblems.slice(0, MAX_GET_REPORTS));
    if (getProblems.length > MAX_GET_REPORTS) {
      problems.push(`... ${getProblems.length - MAX_GET_REPORTS} more of ${sample.length} sampled gets disagreed`);
    }
  }

  // 2. Keys never loaded are absent: past the end, another prefix, and a
  //    proper prefix of a loaded key (a get is an exact match, not LIKE).
  const absentKeys = [keyOf(dataset.records), FOREIGN_PREFIX + keyOf(0).slice(KEY_PREFIX.length), keyOf(0).slice(0, -1)];
  for (const key of absentKeys) {
    const problem = await guarded(`get(${quote(key)}) of a key never written`, async () => {
      const got = store.get(key);
      return describeMismatch(undefined, await settle(got));
    });
    if (problem !== undefined) problems.push(problem);
  }

  // 3. Scans: ordered, bounded, limited, with the loaded values.
  if (dataset.records > 0) {
    // keyOf(i).slice(0, -1) matches the (up to) ten keys sharing all digits but the last.
    const probe = prng.nextInt(dataset.records);
    const decade = probe - (probe % 10);
    const prefix = keyOf(probe).slice(0, -1);
    await checkScan(store, { prefix }, entries(decade, decade + 10), problems);
    await checkScan(store, { prefix, limit: PREFIX_LIMIT }, entries(decade, decade + 10).slice(0, PREFIX_LIMIT), problems);

    const start = prng.nextInt(dataset.records);
    const range = { start: keyOf(start), end: keyOf(start + RANGE_WIDTH) };
    await checkScan(store, range, entries(start, start + RANGE_WIDTH), problems);
    await checkScan(store, { ...range, limit: RANGE_LIMIT }, entries(start, start + RANGE_LIMIT), problems);
    // A range running past the last record, and an empty range (start == end).
    const tail = Math.max(0, dataset.records - 3);
    await checkScan(store, { start: keyOf(tail), end: keyOf(dataset.records + 5) }, entries(tail, dataset.records), problems);
    await checkScan(store, { start: keyOf(start), end: keyOf(start) }, [], problems);
  }
  await checkScan(store, { prefix: FOREIGN_PREFIX }, [], problems);

  // 4. Writes, on keys outside the dataset; at least 16 bytes so an ignored
  //    overwrite shows even when the dataset's values are empty.
  await checkWrites(store, Math.max(dataset.valueBytes, 16), prng, problems);
  return problems;
}

/** Distinct indices: the first, the last and random ones; all of them for a small dataset. */
function sampleIndices(records: number, prng: Prng): number[] {
  if (records <= SAMPLED_GETS) return Array.from({ length: records }, (_, i) => i);
  const sample = new Set([0, records - 1]);
  while (sample.size < SAMPLED_GETS) sample.add(prng.nextInt(records));
  return [...sample];
}

async function checkWrites(store: Store, valueBytes: number, prng: Prng, problems: string[]): Promise<void> {
  const [a, b, c, never] = ['a', 'b', 'c', 'never-written'].map((name) => VERIFY_PREFIX + name) as [string, string, string, string];
  const [v1, v2, v3, v4] = [0, 1, 2, 3].map(() => {
    const value = new Uint8Array(valueBytes);
    prng.fillBytes(value);
    return value;
  }) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const before = problems.length;

  const expectGet = async (key: string, value: Uint8Array | undefined, after: string): Promise<void> => {
    const got = store.get(key);
    const problem = describeMismatch(value, await settle(got));
    if (problem !== undefined) problems.push(`get(${quote(key)}) after ${after}: ${problem}`);
  };

  let step = 'put';
  try {
    await settle(store.put(a, v1));
    await expectGet(a, v1, 'put');
    step = 'overwrite';
    await settle(store.put(a, v2));
    await expectGet(a, v2, 'overwriting put');
    step = 'delete';
    await settle(store.delete(a));
    await expectGet(a, undefined, 'delete');
    step = 'batch';
    // In order: the later delete wins over the earlier put; deleting a key
    // that does not exist is a no-op (traces delete keys already deleted).
    await settle(
      store.batch([
        { type: 'put', key: b, value: v3 },
        { type: 'put', key: c, value: v4 },
        { type: 'delete', key: b },
        { type: 'delete', key: never },
      ]),
    );
    await expectGet(b, undefined, 'batch [put, delete]');
    await expectGet(c, v4, 'batch [put]');
    await checkScan(store, { prefix: VERIFY_PREFIX }, [{ key: c, value: v4 }], problems);
    step = 'cleanup delete';
    await settle(store.delete(c));
    await expectGet(c, undefined, 'delete');
    await checkScan(store, { prefix: VERIFY_PREFIX }, [], problems);
  } catch (error) {
    problems.push(`write checks: ${step} threw: ${errorMessage(error)}`);
  }

  // Leave the dataset as loaded even when a check failed midway; costs a
  // write only then.
  if (problems.length > before) {
    const cleanup: WriteOp[] = [a, b, c].map((key) => ({ type: 'delete', key }));
    try {
      await settle(store.batch(cleanup));
    } catch (error) {
      problems.push(`write checks: removing the ${VERIFY_PREFIX} keys threw: ${errorMessage(error)}`);
    }
  }
}

/**
 * Checks one scan's answer: ordered, then the expected entries exactly; pushes
 * the first disagreement, labelled with the call. Also used after the
 * measured phase (verify-after.ts).
 */
export async function checkScan(store: Store, options: ScanOptions, expected: readonly Entry[], problems: string[]): Promise<void> {
  const label = `scan(${JSON.stringify(options)})`;
  let got: unknown;
  try {
    const result = store.scan(options);
    got = await settle(result);
  } catch (error) {
    problems.push(`${label} threw: ${errorMessage(error)}`);
    return;
  }
  if (!Array.isArray(got)) {
    problems.push(`${label}: expected an array of entries, got ${describe(got)}`);
    return;
  }
  const entries = got as unknown[];
  const keys = entries.map((entry) => (entry as Partial<Entry> | null)?.key);
  // One disagreement per scan is enough to fail the variant: report the first.
  for (let i = 1; i < keys.length; i++) {
    const previous = keys[i - 1];
    const current = keys[i];
    if (typeof previous === 'string' && typeof current === 'string' && compareUtf8(previous, current) >= 0) {
      problems.push(`${label}: keys out of order at position ${i}: ${quote(previous)} then ${quote(current)}`);
      return;
    }
  }
  if (entries.length !== expected.length) {
    problems.push(
      `${label}: expected ${expected.length} entries [${summarizeKeys(expected.map((e) => e.key))}], ` +
        `got ${entries.length} [${summarizeKeys(keys.map((k) => String(k)))}]`,
    );
    return;
  }
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    if (keys[i] !== want.key) {
      const key = keys[i];
      problems.push(`${label}: entry ${i} has key ${typeof key === 'string' ? quote(key) : describe(key)}, expected ${quote(want.key)}`);
      return;
    }
    const problem = describeMismatch(want.value, (entries[i] as Partial<Entry>).value);
    if (problem !== undefined) {
      problems.push(`${label}: value of ${quote(want.key)}: ${problem}`);
      return;
    }
  }
}

/** Runs one check; a throw becomes a disagreement naming the call. */
async function guarded(label: string, check: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    const problem = await check();
    return problem === undefined ? undefined : `${label}: ${problem}`;
  } catch (error) {
    return `${label} threw: ${errorMessage(error)}`;
  }
}

function summarizeKeys(keys: readonly string[]): string {
  const shown = keys.slice(0, 3).map(quote).join(', ');
  return keys.length > 3 ? `${shown}, ... ${quote(keys[keys.length - 1]!)}` : shown;
}

/** Store order: keys compare by their UTF-8 bytes (store.ts). */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
