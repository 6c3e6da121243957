/**
 * `bench calibrate-noise --baseline NAME [--runs K]`: runs the baseline's
 * scenario K more times on the unchanged tree (same variants, repeats and
 * --quick as when it was saved), compares each run with the baseline, and
 * stores each cell's observed noise and the gate's leave-one-out false-alarm
 * rate in the baseline file (analysis/noise.ts explains both).
 *
 * Every self-run is an ordinary run folder under reports/ (results.json and
 * report), so nothing measured is lost if a later run fails; the baseline
 * file is only rewritten once all K runs succeeded.
 */
import { baselineComparability } from '../gate/baseline.ts';
import { CALIBRATION_WORKLOAD } from '../gate/machine-speed.ts';
import { cellId, cellsFromResults, cellsInGroups } from '../gate/cells.ts';
import { measureNoise, type SelfRun } from '../gate/noise.ts';
import { runJobsCalibrated } from '../run/calibrated-jobs.ts';
import { displayPath } from '../core/user-paths.ts';
import { collectEnvironment } from '../core/environment.ts';
import { EXIT, VarbenchError } from '../core/errors.ts';
import { parseGateOptions, type GateOptionValues } from './gate-options.ts';
import { planRun } from '../plan/plan.ts';
import { formatPercent } from '../core/format.ts';
import { baselineFile, readBaselineFile, writeBaselineFile } from '../gate/baseline-store.ts';
import { buildReportModel } from '../report/model.ts';
import { writeReport } from '../report/writer.ts';
import { subjectNamed } from '../subjects/registry.ts';
import type { JobExecutor } from '../run/runner.ts';
import { RunSession } from '../run/session.ts';

export const DEFAULT_NOISE_RUNS = 5;

export interface CalibrateNoiseRequest {
  readonly baseline: string | undefined;
  readonly runs: number | undefined;
  /** Repeats per self-run: use the gate's own (its medians are what the thresholds must cover); default the baseline's. */
  readonly repeats: number | undefined;
  readonly outDir: string;
  /** --noise-threshold, --alpha, --correction, --metrics: the gate whose noise this measures. */
  readonly gateValues: GateOptionValues;
}

export async function calibrateNoise(
  request: CalibrateNoiseRequest,
  io: {
    readonly stdout: NodeJS.WriteStream;
    readonly stderr: NodeJS.WriteStream;
    readonly env: NodeJS.ProcessEnv;
    readonly executor: JobExecutor;
    /** The calibration workload's samples (injected by tests). */
    readonly calibrate: (samples?: number) => readonly number[];
  },
): Promise<number> {
  if (request.baseline === undefined) {
    throw new VarbenchError('USAGE', 'calibrate-noise needs the baseline to measure: npm run bench -- calibrate-noise --baseline NAME [--runs 5]');
  }
  const runs = request.runs ?? DEFAULT_NOISE_RUNS;
  if (runs < 2) throw new VarbenchError('USAGE', `calibrate-noise needs --runs 2 or more (each run is judged against thresholds from the others); got ${runs}.`);
  const file = baselineFile(request.baseline, '--baseline', undefined, io.env);
  const shown = displayPath(file, io.env);
  const baseline = readBaselineFile(file);
  const subject = subjectNamed(baseline.scenario.subject, `Baseline ${shown}`);
  const cells = subject.gate?.cells;
  if (cells === undefined) {
    throw new VarbenchError('USAGE', `Baseline ${shown} is of a ${baseline.scenario.subject} scenario, which keeps no baselines.`);
  }
  const gate = parseGateOptions(request.gateValues, cells);
  // The scenario as the baseline ran it (already quickened when quick; quickening is idempotent).
  const plan = planRun(baseline.scenario, { quick: baseline.quick, repeats: request.repeats ?? baseline.scenario.repeats, ...(baseline.scenario.variants ? { variants: baseline.scenario.variants } : {}) });
  // Refuse before an hour of runs, not after the first: noise is only meaningful on the baseline's machine.
  const here = baselineComparability(baseline, { environment: collectEnvironment(), scenario: plan.scenario, quick: plan.quick, calibrationWorkload: CALIBRATION_WORKLOAD });
  if (!here.comparable) {
    throw new VarbenchError('USAGE', `calibrate-noise must run where the baseline was saved, and ${shown} is not comparable with this machine: ${here.reasons.join('; ')}. Save the baseline here first.`);
  }
  io.stderr.write(`calibrate-noise: ${runs} runs of ${plan.scenario.name} (${plan.variants.join(', ')} × ${plan.repeats} repeats) against baseline ${baseline.name}\n`);

  const selfRuns: SelfRun[] = [];
  for (let k = 1; k <= runs; k++) {
    io.stderr.write(`\nself-run ${k}/${runs}\n`);
    const session = new RunSession(plan, io, { outDir: request.outDir, profile: [] });
    let interrupted: boolean;
    try {
      await runJobsCalibrated(session, plan.jobs, io.calibrate);
      interrupted = session.interrupted;
    } finally {
      session.dispose();
    }
    const results = session.finish();
    writeReport(session.runDir, buildReportModel(results, subject, new Date().toISOString()));
    if (interrupted) {
      io.stderr.write(`Interrupted: ${shown} is unchanged (finished self-runs are in ${request.outDir}/).\n`);
      return session.interruptedExitCode;
    }
    const failed = results.results.filter((r) => r.status !== 'ok');
    if (failed.length > 0) {
      io.stderr.write(`self-run ${k} had failed jobs (${failed.map((r) => r.id).join(', ')}); noise not measured, ${shown} is unchanged. Results: ${session.resultsPath}\n`);
      return EXIT.runFailed;
    }
    selfRuns.push({ cells: cellsInGroups(cellsFromResults(results, cells, 'first'), gate.metrics, cells), calibrationOpsPerSec: results.calibration!.opsPerSec });
  }

  const noise = measureNoise(
    { cells: cellsInGroups(baseline.cells, gate.metrics, cells), calibrationOpsPerSec: baseline.calibration.opsPerSec },
    selfRuns,
    { floor: gate.noiseThreshold, compare: { alpha: gate.alpha, correction: gate.correction }, metrics: gate.metrics, cells, createdAt: new Date().toISOString() },
  );
  writeBaselineFile(file, { ...baseline, noise });

  const lines = noise.cells.map((cell) => `  ${cellId(cell).padEnd(44)} observed ±${formatPercent(cell.observed)}  threshold ±${formatPercent(Math.max(cell.threshold, gate.noiseThreshold))}`);
  const { alarms, upper95 } = noise.falseAlarm;
  io.stdout.write(
    `\nMeasured noise over ${runs} self-runs (threshold = ${noise.margin} × largest deviation, at least ±${formatPercent(gate.noiseThreshold)}):\n${lines.join('\n')}\n` +
      `Gate false alarms (each run judged with thresholds from the others): ${alarms} of ${runs}; expected false-alarm rate ≤ ${formatPercent(upper95)} (95 % upper bound).\n` +
      `Saved in ${shown}; later gates against it use these thresholds.\n`,
  );
  return EXIT.ok;
}
