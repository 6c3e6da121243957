/**
 * The baseline gate (--baseline NAME): compare the run with the baseline,
 * re-run the variants of flagged cells (the confirmation round), and
 * record the verdicts that decide exit code 4.
 *
 * The statistics are analysis/compare.ts's and analysis/confirmation.ts's;
 * this file chooses each cell's noise threshold and sequences the round.
 * Running jobs is the caller's (`runConfirmation`), so the gate never
 * touches processes or files.
 *
 * A cell's noise threshold, most specific first:
 *   1. a target's `noiseThreshold` for that cell (targets/),
 *   2. else the larger of the global threshold (--noise-threshold, default
 *      5 %) and the threshold the baseline's measured noise derived for the
 *      cell (calibrate-noise), so measured noise can only widen the band.
 */
import { baselineComparability, type Baseline } from './baseline.ts';
import { calibrationRatio } from './machine-speed.ts';
import { cellsFromResults, cellsInGroups, type CellCatalogue, type CellKey } from './cells.ts';
import { compareCells, type CompareOptions } from './compare.ts';
import { confirmRegressions, flaggedCells } from './confirmation.ts';
import { measuredThreshold } from './noise.ts';
import type { GateConfirmation, GateRecord } from './records.ts';
import type { GateOptions } from './options.ts';
import type { RunResults } from '../core/results.ts';

export interface GateInputs {
  /** The run after its own repeats, with `calibration` set. */
  readonly results: RunResults;
  readonly baseline: Baseline;
  /** The subject's cell metrics (subject.gate.cells). */
  readonly cells: CellCatalogue;
  /** The baseline file as shown to the user. */
  readonly baselineFile: string;
  readonly options: GateOptions;
  /** The noise thresholds the subject's targets set per cell (undefined: none for that cell); null: no targets. */
  readonly targetThresholds: ((cell: CellKey) => number | undefined) | null;
  /**
   * Runs `repeats` more timed repeats of each of `variants` (marked
   * `confirmation`) and returns the results with them added.
   */
  readonly runConfirmation: (variants: readonly string[], repeats: number) => Promise<RunResults>;
  /** True once Ctrl-C stopped the run: an unfinished confirmation round confirms nothing. */
  readonly interrupted: () => boolean;
}

export interface GateRun {
  /** The results including any confirmation jobs, with `gate` set. */
  readonly results: RunResults;
  readonly record: GateRecord;
}

/** The per-cell threshold rule above, as compareCells' noiseThresholdOf. */
export function cellThresholds(
  options: GateOptions,
  baseline: Baseline,
  fromTargets: ((cell: CellKey) => number | undefined) | null,
): (cell: CellKey) => number {
  if (fromTargets === null) fromTargets = () => undefined;
  return (cell) => fromTargets(cell) ?? Math.max(options.noiseThreshold, measuredThreshold(baseline.noise, cell) ?? 0);
}

export async function runGate(inputs: GateInputs): Promise<GateRun> {
  const { baseline, options } = inputs;
  let results = inputs.results;
  const calibration = results.calibration;
  if (calibration === null) throw new Error('runGate: the run has no calibration samples; time the calibration workload before comparing');

  const comparability = baselineComparability(baseline, {
    environment: results.environment,
    scenario: results.scenario,
    quick: results.options.quick,
    calibrationWorkload: calibration.workload,
  });
  // Another workload is no yardstick at all (and already makes the baseline not comparable).
  const sameYardstick = calibration.workload === baseline.calibration.workload;
  const ratio = sameYardstick ? calibrationRatio(calibration.opsPerSec, baseline.calibration.opsPerSec) : 1;
  const compareOptions: CompareOptions = {
    metrics: inputs.cells,
    noiseThreshold: options.noiseThreshold,
    noiseThresholdOf: cellThresholds(options, baseline, inputs.targetThresholds),
    alpha: options.alpha,
    correction: options.correction,
    calibrationRatio: ratio,
    comparability,
  };
  const baselineCells = cellsInGroups(baseline.cells, options.metrics, inputs.cells);
  const first = cellsInGroups(cellsFromResults(results, inputs.cells, 'first'), options.metrics, inputs.cells);
  let comparison = compareCells(first, baselineCells, compareOptions);

  let confirmation: GateConfirmation | null = null;
  let confirmationSkipped: string | null = null;
  const flagged = flaggedCells(comparison);
  const confirmRepeats = options.confirmRepeats ?? results.options.repeats;
  if (!comparability.comparable) {
    confirmationSkipped = 'the baseline is not comparable with this run, so nothing can be confirmed';
  } else if (flagged.cells.length === 0) {
    confirmationSkipped = 'nothing was flagged';
  } else if (confirmRepeats === 0) {
    confirmationSkipped = `--confirm 0: ${flagged.cells.length} flagged cell(s) were not re-run, so the verdicts stand unconfirmed`;
  } else {
    results = await inputs.runConfirmation(flagged.variants, confirmRepeats);
    if (inputs.interrupted()) {
      // An unfinished round confirms nothing: the first-round verdicts stand, marked as such.
      confirmationSkipped = `interrupted during the confirmation round: the ${flagged.cells.length} flagged cell(s) keep their first-round verdicts, unconfirmed`;
    } else {
      const more = cellsInGroups(cellsFromResults(results, inputs.cells, 'confirmation'), options.metrics, inputs.cells);
      const confirmed = confirmRegressions(first, more, baselineCells, flagged, compareOptions);
      comparison = confirmed.comparison;
      confirmation = {
        repeats: confirmRepeats,
        variants: flagged.variants,
        flagged: flagged.cells,
        confirmed: confirmed.confirmed,
        noise: confirmed.noise,
        inconclusive: confirmed.inconclusive,
      };
    }
  }

  const record: GateRecord = {
    baseline: {
      name: baseline.name,
      file: inputs.baselineFile,
      runId: baseline.runId,
      createdAt: baseline.createdAt,
      gitCommit: baseline.environment.gitCommit,
    },
    settings: {
      noiseThreshold: options.noiseThreshold,
      alpha: options.alpha,
      correction: options.correction,
      confirmRepeats,
      metrics: options.metrics,
      measuredNoise: baseline.noise !== undefined,
    },
    comparability,
    calibration: {
      baselineOpsPerSec: Math.max(...baseline.calibration.opsPerSec),
      currentOpsPerSec: Math.max(...calibration.opsPerSec),
      ratio,
    },
    comparison,
    confirmation,
    confirmationSkipped,
    falseAlarm: falseAlarmFor(baseline, options),
    outcome: !comparability.comparable ? 'not comparable' : comparison.counts.regressed > 0 ? 'regressed' : 'pass',
  };
  return { results: { ...results, gate: record }, record };
}

/**
 * The measured false-alarm rate holds for the gate settings it was measured
 * with; quoting it for another threshold, metric set or correction would
 * state a rate nobody measured.
 */
function falseAlarmFor(baseline: Baseline, options: GateOptions): GateRecord['falseAlarm'] {
  const noise = baseline.noise;
  if (noise === undefined) return null;
  const same =
    noise.settings.floor === options.noiseThreshold &&
    noise.settings.alpha === options.alpha &&
    noise.settings.correction === options.correction &&
    JSON.stringify(noise.settings.metrics) === JSON.stringify(options.metrics);
  return same ? noise.falseAlarm : null;
}
