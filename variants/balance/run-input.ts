/**
 * What every variant does first with a PipelineInput: validate it, put the
 * tokens and accounts in output order (distinct, ascending), and make the
 * output folder. Bad input fails here, before any hashing or SQL, with the
 * variant's name, the field and what was expected.
 *
 * Settings are read before this, by lib/settings.ts against the specs each
 * variant declares, as the storage variants do.
 */
import fs from 'node:fs';
import { sortedDistinct } from './balance-sheet.ts';
import { outputPaths, type OutputPaths } from './outputs.ts';
import type { PipelineInput } from './pipeline.ts';

export interface RunInput {
  readonly dbPath: string;
  /** Distinct, ascending. */
  readonly tokens: readonly bigint[];
  /** Distinct, ascending. */
  readonly accounts: readonly bigint[];
  readonly outputs: OutputPaths;
}

export function prepareRun(variant: string, input: PipelineInput): RunInput {
  const fail = (message: string): never => {
    throw new RangeError(`${variant} balance pipeline: ${message}`);
  };
  if (typeof input.dbPath !== 'string' || input.dbPath === '') fail('dbPath must be the path of a Pathfinder SQLite database');
  if (!fs.existsSync(input.dbPath)) fail(`dbPath ${input.dbPath} does not exist`);
  if (typeof input.outDir !== 'string' || input.outDir === '') fail('outDir must be a folder path');
  if (!Array.isArray(input.tokens) || input.tokens.length === 0) fail('tokens must list at least one token address');
  if (!Array.isArray(input.accounts) || input.accounts.length === 0) fail('accounts must list at least one account address');
  const tokens = sortedDistinct(input.tokens, `${variant} tokens`);
  const accounts = sortedDistinct(input.accounts, `${variant} accounts`);
  fs.mkdirSync(input.outDir, { recursive: true });
  return { dbPath: input.dbPath, tokens, accounts, outputs: outputPaths(input.outDir) };
}
