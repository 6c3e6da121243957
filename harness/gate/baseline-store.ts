/**
 * Baseline files on disk: reports/baselines/NAME.json (committed, unlike the
 * rest of reports/). Parsing and validation are analysis/baseline-file.ts's;
 * this file only finds, reads and writes, atomically like every file under
 * reports/ (a gate must never read half a baseline).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASELINE_NAME_PATTERN, parseBaseline, serializeBaseline, type Baseline } from './baseline.ts';
import { displayPath, PROJECT_ROOT, resolveUserPath } from '../core/user-paths.ts';
import { VarbenchError } from '../core/errors.ts';
import { findSubject } from '../subjects/registry.ts';
import { writeFileAtomic } from '../core/atomic-file.ts';

/** Named baselines live in the package's reports/baselines/, wherever the command was typed. */
export const BASELINES_DIR = path.join(PROJECT_ROOT, 'reports', 'baselines');

/** A name or a path: "ci" -> reports/baselines/ci.json; "./x/ci.json" or "/abs/ci.json" as given. */
function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes(path.sep) || arg.endsWith('.json');
}

/**
 * The file a --baseline / --save-baseline argument means. A name must be
 * usable as a file name; the message says which characters are allowed.
 */
export function baselineFile(arg: string, option: string, dir = BASELINES_DIR, env: NodeJS.ProcessEnv = process.env): string {
  if (looksLikePath(arg)) {
    // The file name becomes the baseline's name, so it obeys the same rule.
    if (!/\.json$/i.test(arg) || !BASELINE_NAME_PATTERN.test(baselineNameOf(arg))) {
      throw new VarbenchError(
        'USAGE',
        `${option} '${arg}': a baseline path must end in NAME.json, where NAME uses letters, digits, '.', '_' and '-' and starts with a letter or digit (e.g. reports/baselines/main.json).`,
      );
    }
    return resolveUserPath(arg, env);
  }
  if (!BASELINE_NAME_PATTERN.test(arg)) {
    throw new VarbenchError(
      'USAGE',
      `${option} '${arg}': a baseline name may use letters, digits, '.', '_' and '-' and must start with a letter or digit (e.g. main, ci-quick, v1.2); or pass a path ending in .json.`,
    );
  }
  return path.resolve(dir, `${arg}.json`);
}

/** The name a baseline saved to `file` gets: the file name without .json. */
export function baselineNameOf(file: string): string {
  return path.basename(file).replace(/\.json$/i, '');
}

/** Reads and validates; a missing or corrupt file is a VarbenchError (exit 2) naming the file and the fix. */
export function readBaselineFile(file: string): Baseline {
  const shown = displayPath(file);
  let text: string | null = null;
  if (existsSync(file)) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new VarbenchError('RESULTS_UNREADABLE', `Cannot read baseline ${shown}: ${(error as Error).message}`, { cause: error });
    }
  }
  return parseBaseline(text, shown, (subject) => findSubject(subject)?.gate?.cells);
}

export function writeBaselineFile(file: string, baseline: Baseline): void {
  writeFileAtomic(file, serializeBaseline(baseline));
}
