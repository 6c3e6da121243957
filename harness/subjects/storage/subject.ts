/**
 * The key-value store as a subject: its variants (variants/storage), its
 * scenario fields, the job each child process runs, the analysis, the gate
 * cells and targets, and its report sections. The harness reaches the store
 * only through this object (harness/subjects/subject.ts).
 */
import { checkStoreSettings, storageVariants } from '../../../variants/storage/index.ts';
import { formatIntervalWithCoverage, formatOpsPerSec, formatRate, formatRatio } from '../../core/format.ts';
import { checkTargets, noiseThresholdsFrom, validateTargets } from './targets.ts';
import type { Subject, VariantTable } from '../subject.ts';
import { STORAGE_CELLS } from './gate-cells.ts';
import { runStorageJob } from './job.ts';
import type { MeasureResult } from './measure.ts';
import { renderStorageConsole } from './report-console.ts';
import { renderStorageHtml } from './report-html.ts';
import type { StorageScenario } from './scenario.ts';
import { STORAGE_SCENARIO_FIELDS, checkStorageFields } from './scenario-fields.ts';
import { summarize } from './analyze.ts';
import type { RunSummary, StorageReportModel } from './run-summary.ts';
import { timedOpsOf } from './timed-ops.ts';

/** The no-op store: its jobs measure what the harness's driver costs per op. */
export const STORAGE_REFERENCE_VARIANT = 'noop';

/**
 * --quick: 5,000 records, at most 20,000 ops or 0.3 s per measured phase,
 * a short warmup; every phase still runs.
 */
function quickened(scenario: StorageScenario): StorageScenario {
  return {
    ...scenario,
    dataset: { ...scenario.dataset, records: Math.min(scenario.dataset.records, 5_000) },
    workload: {
      ...scenario.workload,
      operations: Math.min(scenario.workload.operations, 20_000),
      durationMs: Math.min(scenario.workload.durationMs ?? Infinity, 300),
    },
    warmup: {
      operations: Math.min(scenario.warmup.operations, 1_000),
      maxDurationMs: Math.min(scenario.warmup.maxDurationMs, 100),
    },
  };
}

function rate(opsPerSec: number): string {
  return opsPerSec >= 1e6 ? `${(opsPerSec / 1e6).toFixed(2)}M` : `${(opsPerSec / 1e3).toFixed(1)}k`;
}

function variantTable(model: StorageReportModel): VariantTable {
  const summary = model.analysis;
  return {
    valueTitle: 'Throughput (median)',
    baselineVariant: summary.baselineVariant,
    rows: summary.variants.map((v) => ({
      variant: v.variant,
      value: v.throughput === null ? null : formatOpsPerSec(v.throughput.median),
      interval: v.throughput === null ? null : formatIntervalWithCoverage(v.throughput.interval, formatRate),
      speedup: v.speedup ? formatRatio(v.speedup.ratio) : null,
      ok: v.okJobs,
      failed: v.failedJobs.length,
      notRun: v.notRunJobs,
    })),
  };
}

export const storageSubject: Subject<StorageScenario, MeasureResult, RunSummary> = {
  name: 'storage',
  module: import.meta.url,
  listHeading: 'Storage variants (--variant a,b)',
  variants: storageVariants,
  checkSettings: checkStoreSettings,
  scenarioFields: STORAGE_SCENARIO_FIELDS,
  validateScenario: checkStorageFields,
  quickened,
  reference: { variants: [STORAGE_REFERENCE_VARIANT], progressLabel: 'harness overhead reference', statusLabel: 'reference (no-op) jobs' },
  runJob: (payload) => runStorageJob(payload, payload.scenario as StorageScenario),
  progressOutcome: (measure) => `${rate(measure.throughputOpsPerSec)} ops/s`,
  runtimeOf: (measure) => measure,
  analyze: (results) => summarize(results),
  runFailures: () => [],
  gate: {
    cells: STORAGE_CELLS,
    checkTargets: (set, analysis, scenarioName, knownScenarios) => checkTargets(set, analysis, scenarioName, knownScenarios),
    validateTargets,
    noiseThresholds: noiseThresholdsFrom,
    timedOps: timedOpsOf,
  },
  report: {
    html: (model, checks) => renderStorageHtml(model as StorageReportModel, checks),
    console: (model, options) => renderStorageConsole(model as StorageReportModel, options),
    variantTable: (model) => variantTable(model as StorageReportModel),
  },
};

export { storageSubject as subject };
