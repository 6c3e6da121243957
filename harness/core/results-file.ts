/**
 * results.json, the one record of a run: written whole after every job (so
 * nothing measured is lost if the run stops) and read back, from any
 * version this varbench can upgrade, to re-render a report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';
import { VarbenchError } from './errors.ts';
import { RESULTS_SCHEMA, type RunResults } from './results.ts';
import { READABLE_RESULTS_VERSIONS, upgradeResults } from './results-upgrade.ts';

export const RESULTS_FILE = 'results.json';

export function writeResults(runDir: string, results: RunResults): string {
  const file = path.join(runDir, RESULTS_FILE);
  writeFileAtomic(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

/** Reads a results.json for re-rendering; a wrong or damaged file is a clear input error. */
export function readResults(file: string): RunResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VarbenchError('RESULTS_UNREADABLE', `Cannot read ${file}: ${(error as Error).message}. Pass the results.json of a run (reports/<run-id>/results.json).`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new VarbenchError('RESULTS_UNREADABLE', `${file} is not valid JSON (${(error as Error).message}); it may have been cut short or edited.`, { cause: error });
  }
  const record = data as Partial<RunResults> | null;
  if (!record || record.schema !== RESULTS_SCHEMA) {
    throw new VarbenchError('RESULTS_UNREADABLE', `${file} is not a varbench results file (its "schema" field is not "${RESULTS_SCHEMA}").`);
  }
  if (!READABLE_RESULTS_VERSIONS.includes(record.schemaVersion as number)) {
    throw new VarbenchError(
      'RESULTS_UNREADABLE',
      `${file} has results schema version ${String(record.schemaVersion)}; this varbench reads versions ${READABLE_RESULTS_VERSIONS.join(', ')}. Re-run the scenario with this version.`,
    );
  }
  return upgradeResults(record as Readonly<Record<string, unknown>>);
}
