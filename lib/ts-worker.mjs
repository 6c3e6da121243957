// Entry of every worker thread started by ts-worker.ts (plain JavaScript on
// purpose: it runs before any TypeScript loader exists in the thread).
// Registers tsx's ESM loader in this thread, then imports the TypeScript
// entry. Needed because on Node 20 loaders given in a Worker's execArgv
// (`--import tsx`) do not apply to the worker's own modules
// (https://github.com/nodejs/node/issues/47747), and vitest does not
// transform worker files.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
