/**
 * What the balance tests share: one cache folder per test run (datasets and
 * slot maps are generated once per run, not once per file, because hashing
 * costs milliseconds per account) and the tiny dataset most tests run on.
 *
 * The folder is keyed by the pid of vitest's main process (the parent of
 * every test file's process), so all files of a run share it and the next
 * run starts cold. Folders of runs whose process is gone are removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { balanceDataset, type BalanceDataset } from '../../../harness/subjects/balance/dataset/dataset.ts';
import type { BalanceDatasetSpec } from '../../../harness/subjects/balance/dataset/spec.ts';

const PREFIX = 'varbench-balance-test-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: an existence check, nothing is sent
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStaleCaches(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && pid !== process.ppid && !alive(pid)) {
      fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

removeStaleCaches();

/** The run's shared cache folder. */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), `${PREFIX}${process.ppid}`);

/**
 * Small enough to hash in a blink (12 accounts), large enough for every
 * path: 3 tokens (ETH, STRK, one random), other holders, history with
 * mints, transfers and burns, noise on tokens and other contracts.
 */
export const TINY_SPEC: BalanceDatasetSpec = {
  seed: 20_240_601,
  tokens: 3,
  accounts: 12,
  otherHolders: 30,
  blocks: 60,
  transfersPerBlock: 8,
  noisePerBlock: 6,
  otherContracts: 3,
};

export function tinyDataset(): BalanceDataset {
  return balanceDataset(TINY_SPEC, { cacheDir: TEST_CACHE_DIR });
}

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `varbench-${label}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
