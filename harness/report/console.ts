/**
 * The plain-text summary printed at the end of a run: a warning when the run
 * stopped early, the subject's table (subject.report.console), then the
 * run's target checks and baseline gate (console-checks.ts). No colour unless
 * asked for (`color: true`), so logs and CI output stay clean.
 */
import type { FailedJob } from '../core/failed-jobs.ts';
import type { ReportModel } from './model.ts';
import { renderChecksConsole } from './console-checks.ts';
import { ANSI, painter, plain } from './console-text.ts';

export interface ConsoleOptions {
  /** ANSI colour for status and speedups; default false. */
  readonly color?: boolean;
}

/**
 * "median ± CI": the CI's larger distance from the median as a percentage of
 * the median. Bootstrap intervals need not be symmetric; taking the larger
 * side never overstates precision. The HTML report shows both ends.
 */
export function ciHalfWidthPercent(median: number, low: number, high: number): number {
  return (Math.max(median - low, high - median) / median) * 100;
}

/** A variant's repeats in words: "ok 3/3", "partly failed 2/3 ok (failed in verify)", "not run". */
export function statusText(v: { readonly okJobs: number; readonly failedJobs: readonly FailedJob[]; readonly notRunJobs: number }): string {
  const ran = v.okJobs + v.failedJobs.length;
  const total = ran + v.notRunJobs;
  if (ran === 0) return v.notRunJobs > 0 ? 'not run' : 'no repeat';
  const notRun = v.notRunJobs > 0 ? `, ${v.notRunJobs} not run` : '';
  if (v.failedJobs.length === 0) return `ok ${v.okJobs}/${total}${notRun}`;
  const phases = [...new Set(v.failedJobs.map((f) => `${f.status} in ${plain(f.phase)}`))].join(', ');
  return `${v.okJobs === 0 ? 'FAILED' : 'partly failed'} ${v.okJobs}/${total} ok (${phases})${notRun}`;
}

/** A first line that no one can miss when part of the plan never ran. */
function stoppedEarlyLine(model: ReportModel): string | null {
  const c = model.completeness;
  if (!c.stoppedEarly) return null;
  return `STOPPED EARLY: ${c.finished} of ${c.planned} planned jobs ran; the figures below cover only those`;
}

/** The subject's table, then the run's checks (targets, baseline gate) when it had any. */
export function renderConsoleSummary(model: ReportModel, options: ConsoleOptions = {}): string {
  const summary = model.subject.report.console(model, options);
  const stopped = stoppedEarlyLine(model);
  const warning = stopped === null ? '' : `${painter(options.color)(ANSI.red, stopped)}\n`;
  return warning + summary + renderChecksConsole(model, options);
}

