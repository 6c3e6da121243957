/**
 * --targets FILE (default targets/default.ts): a module whose default export
 * is defineTargets({...}), loaded and validated before anything runs so a
 * typo in a scenario, variant or metric name stops the run with exit 2
 * instead of checking nothing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TargetSet } from '../../targets/define.ts';
import { displayPath, resolveUserPath } from '../core/user-paths.ts';
import { VarbenchError } from '../core/errors.ts';

export const DEFAULT_TARGETS_FILE = fileURLToPath(new URL('../../targets/default.ts', import.meta.url));

export type TargetValidator = (value: unknown, knownScenarios: readonly string[], knownVariants: readonly string[], file: string) => TargetSet;

export interface LoadedTargets {
  readonly set: TargetSet;
  /** The file, relative to the working directory when inside it. */
  readonly file: string;
}

export async function loadTargets(
  arg: string | undefined,
  knownScenarios: readonly string[],
  knownVariants: readonly string[],
  /** The validators of the subjects that have targets (subject.gate.validateTargets); each must accept the set. */
  validators: readonly TargetValidator[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedTargets> {
  const file = arg === undefined ? DEFAULT_TARGETS_FILE : resolveUserPath(arg, env);
  const shown = displayPath(file, env);
  if (!existsSync(file)) {
    throw new VarbenchError('USAGE', `Targets file not found: ${shown}. Pass --targets with a .ts file whose default export is defineTargets({...}) (see targets/default.ts).`);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new VarbenchError('INVALID_TARGETS', `Could not load targets file ${shown}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let set = module.default as TargetSet;
  for (const validate of validators) set = validate(module.default, knownScenarios, knownVariants, shown);
  return { set, file: shown };
}
