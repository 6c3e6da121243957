/**
 * What every renderer receives: the raw results (for the scenario as declared,
 * the environment and failed jobs) and their analysis. Renderers are pure
 * functions of this model, so a report can be re-rendered from results.json.
 */
import type { RunResults } from '../results.ts';
import type { RunSummary } from '../analysis/summary.ts';

export interface ReportModel {
  readonly results: RunResults;
  readonly summary: RunSummary;
  /** ISO 8601 timestamp of rendering; passed in so rendering stays deterministic. */
  readonly generatedAt: string;
}
