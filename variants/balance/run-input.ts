/**
 * What every variant does first with a PipelineInput: validate it, put the
 * tokens and accounts in output order (distinct, ascending), and make the
 * output folder. Bad input fails here, before any hashing or SQL, with the
 * variant's name, the field and what was expected.
 *
 * Settings follow the storage subject's rule (variants/storage/store-settings.ts):
 * each variant lists what it understands and anything else is an error,
 * because a misspelt knob that is silently ignored benchmarks the wrong
 * configuration.
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

export interface SettingSpec {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly meaning: string;
}

/** Integer settings only (counts); each within [min, max]. */
export function readSettings<K extends string>(
  variant: string,
  given: Readonly<Record<string, number>> | undefined,
  specs: { readonly [P in K]: SettingSpec },
): { readonly [P in K]: number } {
  const known = Object.keys(specs) as K[];
  for (const name of Object.keys(given ?? {})) {
    if (!(known as string[]).includes(name)) {
      throw new RangeError(
        `${variant} balance pipeline: unknown setting "${name}" (known settings: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
  }
  const result = {} as { [P in K]: number };
  for (const name of known) {
    const spec = specs[name];
    const value = given?.[name] ?? spec.default;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new RangeError(
        `${variant} balance pipeline: setting ${name} (${spec.meaning}) must be an integer in [${spec.min}, ${spec.max}], got ${String(value)}`,
      );
    }
    result[name] = value;
  }
  return result;
}
