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
import type { CellCatalogue } from '../gate/cells.ts';
import type { TimedOps } from '../core/timed-ops.ts';
import type { ChartSpec } from './chart-spec.ts';
import { gateView, type GateView } from './gate-view.ts';
import { targetsView, type TargetsView } from './targets-view.ts';
import { pairedView, type PairedView } from './paired-view.ts';

export interface ReportModel<A = unknown, M = unknown> {
  readonly results: RunResults<M>;
  /** The subject that measured the run: its report sections. */
  readonly subject: ReportSubject<A, M>;
  /** The subject's analysis of the run (subject.analyze). */
  readonly analysis: A;
  /** Which planned jobs have a result: a stopped run says so everywhere. */
  readonly completeness: RunCompleteness;
  /** The target checks as every format shows them; null when the run had none. */
  readonly targets: TargetsView | null;
  /** The baseline gate as every format shows it; null without --baseline. */
  readonly gate: GateView | null;
  /** The paired gate (--against) as every format shows it; null without it. */
  readonly paired: PairedView | null;
  /** Failures of the run as a whole beyond failed jobs (subject.runFailures), e.g. outputs that disagree. */
  readonly runFailures: readonly string[];
  /** ISO 8601 timestamp of rendering; passed in so rendering stays deterministic. */
  readonly generatedAt: string;
}

/**
 * What the report needs of a subject (harness/subjects/subject.ts has the
 * whole interface; declared here so the report depends on no subject code).
 */
export interface ReportSubject<A = unknown, M = unknown> {
  readonly name: string;
  /** The report header's name for the subject's reference jobs, if it has any. */
  readonly reference: { readonly statusLabel: string } | null;
  analyze(results: RunResults<M>): A;
  runFailures(analysis: A): readonly string[];
  readonly gate: { readonly cells: CellCatalogue<M>; timedOps(results: RunResults<M>): TimedOps } | null;
  readonly report: SubjectReport<A>;
}

export function buildReportModel<A, M>(results: RunResults<M>, subject: ReportSubject<A, M>, generatedAt: string): ReportModel<A, M> {
  const analysis = subject.analyze(results);
  const timedOps = subject.gate?.timedOps(results) ?? null;
  const catalogue = subject.gate?.cells ?? null;
  return {
    results,
    subject,
    analysis,
    completeness: runCompleteness(results),
    targets: results.targets ? targetsView(results.targets, timedOps) : null,
    gate: results.gate && catalogue ? gateView(results.gate, timedOps, catalogue) : null,
    paired: results.paired ? pairedView(results.paired, results) : null,
    runFailures: subject.runFailures(analysis),
    generatedAt,
  };
}

/** A subject's part of the HTML report: its sections, the charts they draw and the colours of its variants. */
export interface SubjectHtml {
  readonly sections: string;
  readonly charts: readonly ChartSpec[];
  readonly colours: ReadonlyMap<string, string>;
}

/** The run's checks as the HTML places them among the subject's sections. */
export interface HtmlChecks {
  /** The targets and gate sections, already rendered ('' when the run had none). */
  readonly sections: string;
}

/** One row of the Markdown summary's variants table. */
export interface VariantRow {
  readonly variant: string;
  /** The headline figure and its interval, formatted; null when no repeat succeeded. */
  readonly value: string | null;
  readonly interval: string | null;
  /** Speed-up over the subject's baseline variant, formatted; null when not computed. */
  readonly speedup: string | null;
  readonly ok: number;
  readonly failed: number;
  readonly notRun: number;
}

export interface VariantTable {
  /** Column title of the headline figure, e.g. "Throughput (median)". */
  readonly valueTitle: string;
  /** The variant speed-ups are over, or null. */
  readonly baselineVariant: string | null;
  readonly rows: readonly VariantRow[];
}

export interface SubjectReport<A> {
  /** Sections between the page header and the failed jobs, with the checks placed where this subject wants them. */
  html(model: ReportModel<A>, checks: HtmlChecks): SubjectHtml;
  /** The console table(s) of a finished run (the checks follow, rendered by the report layer). */
  console(model: ReportModel<A>, options: { readonly color?: boolean }): string;
  /** The variants table of summary.md. */
  variantTable(model: ReportModel<A>): VariantTable;
}
