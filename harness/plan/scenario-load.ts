/**
 * --scenario NAME (a file in scenarios/) or --scenario PATH (a user's own
 * scenario file, .ts or .js, whose default export is a scenario).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveUserPath } from '../core/user-paths.ts';
import { VarbenchError } from '../core/errors.ts';
import { allSubjects, findSubject } from '../subjects/registry.ts';
import type { Scenario } from '../core/scenario.ts';
import { validateScenario } from './scenario-validate.ts';

/** scenarios/define.ts holds defineScenario, not a scenario. */
const DEFINE_FILE = 'define.ts';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export function listScenarioNames(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((file) => file.endsWith('.ts') && file !== DEFINE_FILE)
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes(path.sep) || /\.(m?[jt]s)$/.test(arg);
}

/** Loads and validates a scenario; its subject (registry.ts) checks its own fields and its variants' settings. */
export async function loadScenario(arg: string, env: NodeJS.ProcessEnv = process.env): Promise<{ scenario: Scenario; source: string }> {
  let file: string;
  /** How messages name the file: as the user gave it, or scenarios/NAME.ts for a built-in one. */
  let source: string;
  if (looksLikePath(arg)) {
    file = resolveUserPath(arg, env);
    source = arg;
    if (!existsSync(file)) {
      const looked = file === path.normalize(arg) ? '' : ` (looked for ${file})`;
      throw new VarbenchError('UNKNOWN_SCENARIO', `Scenario file not found: ${arg}${looked}. Pass a scenario name (see --list) or the path of a .ts file whose default export is defineScenario({...}).`);
    }
  } else {
    const names = listScenarioNames();
    if (!names.includes(arg)) {
      throw new VarbenchError(
        'UNKNOWN_SCENARIO',
        `Unknown scenario '${arg}'. Known scenarios: ${names.join(', ')}.\nPass one of these, or a path to your own scenario file (e.g. ./my-scenario.ts).`,
      );
    }
    file = path.join(SCENARIOS_DIR, `${arg}.ts`);
    source = `scenarios/${arg}.ts`;
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new VarbenchError(
      'INVALID_SCENARIO',
      `Could not load scenario file ${source}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const subjects = allSubjects().map((subject) => subject.name);
  return { scenario: validateScenario(module.default, source, findSubject, subjects), source };
}
