/**
 * Starting a worker thread whose code is TypeScript, under `node --import tsx`
 * as well as under vitest, via the ts-worker.mjs bootstrap.
 *
 * execArgv is empty on purpose: by default a worker inherits the parent's
 * flags, and Node rejects per-process ones in workers (--expose-gc,
 * --max-old-space-size ... throw ERR_WORKER_INVALID_EXEC_ARGV), which the
 * harness passes to its child processes. The bootstrap brings its own loader,
 * so the worker needs no flags.
 */
import { Worker, workerData } from 'node:worker_threads';

interface TsWorkerData<T> {
  readonly entry: string;
  readonly data: T;
}

/** Starts `entry` (a .ts module URL) in a new worker thread; it reads `data` with tsWorkerData(). */
export function startTsWorker<T>(entry: URL, data: T): Worker {
  const payload: TsWorkerData<T> = { entry: entry.href, data };
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { execArgv: [], workerData: payload });
}

/** Inside a worker started by startTsWorker: the data it was given. */
export function tsWorkerData<T>(): T {
  return (workerData as TsWorkerData<T>).data;
}
