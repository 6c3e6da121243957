/**
 * --save-baseline's policy: which runs may become the yardstick of later
 * gates, and what the user is told when one cannot.
 */
import { existsSync } from 'node:fs';
import type { RunResults } from '../core/results.ts';
import { displayPath } from '../core/user-paths.ts';
import { baselineBlockers, baselineFromResults } from '../gate/baseline.ts';
import { baselineNameOf, readBaselineFile, writeBaselineFile } from '../gate/baseline-store.ts';
import type { CellCatalogue } from '../gate/cells.ts';
import { DEFAULT_ALPHA } from '../gate/compare.ts';
import { repeatsForSignificance } from '../stats/mann-whitney.ts';
import type { CliIo } from './io.ts';

/**
 * --save-baseline: only a complete run with every timed repeat ok replaces
 * a baseline (a gate must never compare with half a picture). Returns false
 * when the save failed (exit 1), true when it saved or rightly declined.
 */
export function saveBaseline(file: string, results: RunResults, interrupted: boolean, cells: CellCatalogue, io: CliIo): boolean {
  const shown = displayPath(file, io.env);
  const blockers = interrupted ? ['the run was interrupted'] : baselineBlockers(results, cells);
  if (results.calibration === null) blockers.push('no calibration samples');
  if (blockers.length === 0 && results.gate?.outcome === 'regressed') {
    // A regressed run must not become the yardstick (the regression would be
    // absorbed silently); exit 4 already reports it, so this is not a failure of its own.
    io.stderr.write(`Baseline not saved (${shown} is unchanged): the run regressed against the baseline it was compared with\n`);
    return true;
  }
  if (blockers.length > 0) {
    io.stderr.write(`Baseline not saved (${shown} is unchanged): ${blockers.join('; ')}\n`);
    return false;
  }
  const previous = existsSync(file) ? readBaselineFileQuietly(file) : null;
  try {
    const baseline = baselineFromResults(results, results.calibration!, { name: baselineNameOf(file), cells });
    // Keeping measured noise from an older baseline would misstate this one's; calibrate-noise measures it afresh.
    writeBaselineFile(file, baseline);
    const needed = repeatsForSignificance(DEFAULT_ALPHA, baseline.cells.length);
    io.stderr.write(
      `Baseline saved: ${shown} (${baseline.cells.length} cells from ${results.options.repeats} repeats${previous?.noise ? '; its measured noise was dropped, run calibrate-noise again' : ''}).\n` +
        (results.options.repeats < needed
          ? `warning: with ${baseline.cells.length} cells a gate needs at least ${needed} repeats per side to detect a change in one cell; save it with --repeats ${needed} or more (or compare fewer cells with --metrics)\n`
          : ''),
    );
    return true;
  } catch (error) {
    io.stderr.write(`Baseline not saved (${shown} is unchanged): ${(error as Error).message}\n`);
    return false;
  }
}

function readBaselineFileQuietly(file: string): ReturnType<typeof readBaselineFile> | null {
  try {
    return readBaselineFile(file);
  } catch {
    return null;
  }
}
