/**
 * What every exporter receives, built once and purely from results.json:
 * the raw results (for the scenario as declared, the environment and failed
 * jobs), the subject's analysis, and the views of the run's checks. The
 * exporters (html.ts, markdown.ts, console.ts) only format it, so a report
 * can be re-rendered from results.json and every format says the same; the
 * exit code is decided from the same analysis before anything is rendered
 * (harness/cli/exit-code.ts).
 */
import { runCompleteness, type RunCompleteness } from '../core/completeness.ts';
import type { RunResults } from '../core/results.ts';
import type { AnySubject } from '../subjects/subject.ts';
import { gateView, type GateView } from './gate-view.ts';
import { targetsView, type TargetsView } from './targets-view.ts';

export interface ReportModel<A = unknown, M = unknown> {
  readonly results: RunResults<M>;
  /** The subject that measured the run: its analysis and report sections. */
  readonly subject: AnySubject;
  /** The subject's analysis of the run (subject.analyze). */
  readonly analysis: A;
  /** Which planned jobs have a result: a stopped run says so everywhere. */
  readonly completeness: RunCompleteness;
  /** The target checks as every format shows them; null when the run had none. */
  readonly targets: TargetsView | null;
  /** The baseline gate as every format shows it; null without --baseline. */
  readonly gate: GateView | null;
  /** Failures of the run as a whole beyond failed jobs (subject.runFailures), e.g. outputs that disagree. */
  readonly runFailures: readonly string[];
  /** ISO 8601 timestamp of rendering; passed in so rendering stays deterministic. */
  readonly generatedAt: string;
}

export function buildReportModel<A, M>(results: RunResults<M>, subject: AnySubject, generatedAt: string): ReportModel<A, M> {
  const analysis = subject.analyze(results) as A;
  const timedOps = subject.gate?.timedOps(results) ?? null;
  const catalogue = subject.gate?.cells ?? null;
  return {
    results,
    subject,
    analysis,
    completeness: runCompleteness(results),
    targets: results.targets ? targetsView(results.targets, timedOps) : null,
    gate: results.gate && catalogue ? gateView(results.gate, timedOps, catalogue) : null,
    runFailures: subject.runFailures(analysis),
    generatedAt,
  };
}
