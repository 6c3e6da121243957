/**
 * Each job's child process gets its own temp folder (TMPDIR), made by the
 * parent and removed by it after the job, however the job ended: a store
 * removes its own folder on close, but a job killed for a timeout or a crash
 * never closes, and would leave its database (tens of MB) behind.
 *
 * Generated balance datasets are a cache meant to outlive jobs, so the
 * child is told where the parent's cache is (VARBENCH_DATASET_CACHE)
 * instead of deriving it from its own TMPDIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DATASET_CACHE_ENV = 'VARBENCH_DATASET_CACHE';

export function defaultDatasetCacheDir(): string {
  return process.env[DATASET_CACHE_ENV] ?? path.join(os.tmpdir(), 'varbench-balance-cache');
}

export interface JobScratch {
  /** Environment for the child process. */
  readonly env: NodeJS.ProcessEnv;
  /** Removes the folder and anything the job left in it. */
  release(): void;
}

/**
 * Folders of jobs still running. However this process ends (a third
 * Ctrl-C's process.exit, an uncaught error), its 'exit' handler removes them:
 * 'exit' handlers run synchronously, so rmSync is what can run there.
 */
const live = new Set<string>();
let exitHookInstalled = false;

function removeLiveFolders(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

/** `root`: where the job folders go (the OS temp folder by default; tests pass their own). */
export function createJobScratch(root: string = os.tmpdir()): JobScratch {
  const dir = mkdtempSync(path.join(root, 'varbench-job-'));
  live.add(dir);
  if (!exitHookInstalled) {
    process.on('exit', removeLiveFolders);
    exitHookInstalled = true;
  }
  return {
    env: { TMPDIR: dir, TMP: dir, TEMP: dir, [DATASET_CACHE_ENV]: defaultDatasetCacheDir() },
    release: () => {
      rmSync(dir, { recursive: true, force: true });
      live.delete(dir);
    },
  };
}
