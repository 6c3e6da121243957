/**
 * Balance datasets on disk, generated once per (spec, generator version) and
 * cached, because generation hashes every requested account (pedersen costs
 * milliseconds) and inserts up to millions of rows.
 *
 * Cache layout, under `cacheDir` (default os.tmpdir()/varbench-balance-cache):
 *   <datasetKey>/pathfinder.sqlite   the database (Pathfinder schema)
 *   <datasetKey>/tokens.txt          token addresses, one 0x-hex per line
 *   <datasetKey>/accounts.txt        requested accounts, one per line (the --accounts file format)
 *   <datasetKey>/slots.txt           "account,low slot" per line, in accounts.txt's order
 *   <datasetKey>/expected.csv        the expected pipeline output, in balances.csv's exact format
 *   <datasetKey>/manifest.json       spec, generator version, stats; written last
 *   slot-maps/v<version>-s<seed>-a<accounts>.txt
 *                                    "account,low slot" per line: the requested accounts depend
 *                                    on (seed, count) only, so datasets that differ in blocks or
 *                                    tokens share one slot map and hash nothing again
 *
 * A dataset folder is built under a temporary name and renamed into place, so
 * a folder that exists is complete; two processes generating the same
 * dataset at once both succeed and one copy wins. The slot maps use the fast
 * fixed-first-argument pedersen (fast-pedersen.ts); the naive variant's
 * generic pedersen checks the result end to end, since its output must equal
 * expected.csv.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatAddressList, readAddressList } from '../../../../variants/balance/address-list.ts';
import type { BalanceSheet } from '../../../../variants/balance/balance-sheet.ts';
import { GENERATOR_VERSION, canonicalSpec, datasetKey, validateDatasetSpec, type BalanceDatasetSpec } from './spec.ts';
import { datasetAccounts, generateDataset, type DatasetStats } from './generator.ts';
import { fastBalanceSlot } from '../../../../variants/balance/fast-pedersen.ts';
import { feltToHex } from '../../../../variants/balance/felt.ts';
import { readCsv, writeCsv } from '../../../../variants/balance/outputs.ts';

export const DEFAULT_DATASET_CACHE_DIR = path.join(os.tmpdir(), 'varbench-balance-cache');

export interface DatasetOptions {
  /** Where datasets and slot maps are kept (default DEFAULT_DATASET_CACHE_DIR). */
  readonly cacheDir?: string;
}

export interface BalanceDataset {
  readonly spec: BalanceDatasetSpec;
  /** The dataset's folder in the cache. */
  readonly dir: string;
  readonly dbPath: string;
  readonly tokensFile: string;
  readonly accountsFile: string;
  readonly expectedCsv: string;
  /** ETH, STRK, then random (generation order). */
  readonly tokens: readonly bigint[];
  /** Requested accounts, in generation order (as in accountsFile). */
  readonly accounts: readonly bigint[];
  /** Low balance slot of accounts[i] (the high word is at + 1). */
  readonly slots: readonly bigint[];
  readonly expected: BalanceSheet;
  readonly stats: DatasetStats;
  /** True when the dataset folder was already in the cache (nothing generated). */
  readonly fromCache: boolean;
  /** True when the slot map was already in the cache (nothing hashed). */
  readonly slotsFromCache: boolean;
}

interface Manifest {
  readonly generatorVersion: number;
  readonly spec: BalanceDatasetSpec;
  readonly stats: DatasetStats;
  readonly slotsFromCache: boolean;
}

const FILES = {
  db: 'pathfinder.sqlite',
  tokens: 'tokens.txt',
  accounts: 'accounts.txt',
  slots: 'slots.txt',
  expected: 'expected.csv',
  manifest: 'manifest.json',
} as const;

/** The dataset of `spec`: from the cache, or generated into it. */
export function balanceDataset(spec: BalanceDatasetSpec, options: DatasetOptions = {}): BalanceDataset {
  validateDatasetSpec(spec);
  const cacheDir = path.resolve(options.cacheDir ?? DEFAULT_DATASET_CACHE_DIR);
  const dir = path.join(cacheDir, datasetKey(spec));
  const cached = readDataset(dir, spec, true);
  if (cached !== undefined) return cached;

  fs.mkdirSync(cacheDir, { recursive: true });
  const { slots, fromCache: slotsFromCache } = slotMap(cacheDir, spec);
  const building = fs.mkdtempSync(`${dir}.building-`);
  try {
    const generated = generateDataset(spec, path.join(building, FILES.db), slots);
    fs.writeFileSync(path.join(building, FILES.tokens), formatAddressList(generated.tokens));
    fs.writeFileSync(path.join(building, FILES.accounts), formatAddressList(generated.accounts));
    fs.copyFileSync(slotMapFile(cacheDir, spec), path.join(building, FILES.slots));
    writeCsv(generated.expected, path.join(building, FILES.expected));
    const manifest: Manifest = { generatorVersion: GENERATOR_VERSION, spec: canonicalSpec(spec), stats: generated.stats, slotsFromCache };
    fs.writeFileSync(path.join(building, FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    publish(building, dir);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    throw error;
  }
  const published = readDataset(dir, spec, false);
  if (published === undefined) throw new Error(`balance dataset: ${dir} was generated but cannot be read back`);
  return published;
}

/** Renames the finished folder into place; if another process got there first, keeps theirs. */
function publish(building: string, dir: string): void {
  try {
    fs.renameSync(building, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && fs.existsSync(path.join(dir, FILES.manifest))) {
      fs.rmSync(building, { recursive: true, force: true });
      return;
    }
    throw error;
  }
}

/** The dataset in `dir` if it is complete and was made from `spec` by this generator version. */
function readDataset(dir: string, spec: BalanceDatasetSpec, fromCache: boolean): BalanceDataset | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, FILES.manifest), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.generatorVersion !== GENERATOR_VERSION || datasetKey(manifest.spec) !== datasetKey(spec)) return undefined;
  const tokensFile = path.join(dir, FILES.tokens);
  const accountsFile = path.join(dir, FILES.accounts);
  const accounts = readAddressList(accountsFile, 'account');
  const slots = readSlotMap(path.join(dir, FILES.slots), accounts);
  if (slots === undefined) return undefined;
  return {
    spec,
    dir,
    dbPath: path.join(dir, FILES.db),
    tokensFile,
    accountsFile,
    expectedCsv: path.join(dir, FILES.expected),
    tokens: readAddressList(tokensFile, 'token'),
    accounts,
    slots,
    expected: readCsv(path.join(dir, FILES.expected)),
    stats: manifest.stats,
    fromCache,
    slotsFromCache: fromCache || manifest.slotsFromCache,
  };
}

function slotMapFile(cacheDir: string, spec: BalanceDatasetSpec): string {
  return path.join(cacheDir, 'slot-maps', `v${GENERATOR_VERSION}-s${spec.seed}-a${spec.accounts}.txt`);
}

/** The low slots of the spec's accounts, from the slot-map cache or hashed now and cached. */
function slotMap(cacheDir: string, spec: BalanceDatasetSpec): { slots: bigint[]; fromCache: boolean } {
  const accounts = datasetAccounts(spec);
  const file = slotMapFile(cacheDir, spec);
  const cached = readSlotMap(file, accounts);
  if (cached !== undefined) return { slots: cached, fromCache: true };
  const slots = accounts.map((account) => fastBalanceSlot(account).low);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, accounts.map((account, i) => `${feltToHex(account)},${feltToHex(slots[i]!)}\n`).join(''));
  fs.renameSync(partial, file);
  return { slots, fromCache: false };
}

/** The slots in `file` if it maps exactly `accounts`, in order; undefined when absent or stale. */
function readSlotMap(file: string, accounts: readonly bigint[]): bigint[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length !== accounts.length) return undefined;
  const slots: bigint[] = [];
  for (let i = 0; i < lines.length; i++) {
    const [account, slot] = lines[i]!.split(',');
    if (account === undefined || slot === undefined || BigInt(account) !== accounts[i]) return undefined;
    slots.push(BigInt(slot));
  }
  return slots;
}
