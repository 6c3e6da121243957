/**
 * The PipelineResult every variant returns, assembled in one place: `rows`
 * is what the sheet holds (tokens x accounts), the rest what the run counted
 * and timed. A variant's own counters are added only when it has some.
 */
import type { BalanceSheet } from './balance-sheet.ts';
import type { OutputPaths } from './outputs.ts';
import type { PipelineResult, PipelineStages } from './pipeline.ts';

export interface RunCounts {
  readonly rowsScanned: number;
  readonly unmapped: number;
  readonly hashes: number;
  readonly counters?: Readonly<Record<string, number>>;
}

export function pipelineResult(sheet: BalanceSheet, outputs: OutputPaths, counts: RunCounts, stages: PipelineStages): PipelineResult {
  const { rowsScanned, unmapped, hashes, counters } = counts;
  return {
    rows: sheet.balances.length,
    rowsScanned,
    unmapped,
    hashes,
    stages,
    outputs,
    ...(counters === undefined ? {} : { counters }),
  };
}
