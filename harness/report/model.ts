/**
 * What every renderer receives: the raw results (for the scenario as declared,
 * the environment and failed jobs) and their analysis. Renderers are pure
 * functions of this model, so a report can be re-rendered from results.json.
 */
import type { RunResults } from '../core/results.ts';
import type { RunSummary } from '../subjects/storage/summary.ts';
import type { BalanceRunSummary } from '../subjects/balance/summary.ts';

export interface ReportModel {
  readonly results: RunResults;
  /** The storage subject's analysis (empty variants for a balance run). */
  readonly summary: RunSummary;
  /** The balance subject's analysis; null for storage runs. */
  readonly balance: BalanceRunSummary | null;
  /** ISO 8601 timestamp of rendering; passed in so rendering stays deterministic. */
  readonly generatedAt: string;
}
