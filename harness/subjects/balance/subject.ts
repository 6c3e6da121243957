/**
 * The Starknet balance pipeline as a subject: its variants
 * (variants/balance), scenario fields, --db/--tokens/--accounts, the dataset
 * prepared before the jobs, the job each child process runs, the analysis
 * and its report sections. It keeps no baselines or targets (gate: null).
 */
import { balanceVariants, checkBalanceSettings, openPathfinderReadOnly } from '../../../variants/balance/index.ts';
import { VarbenchError } from '../../core/errors.ts';
import { formatIntervalWithCoverage, formatMs, formatRatio } from '../../core/format.ts';
import type { Preparation, PrepareIo, Subject, VariantTable } from '../subject.ts';
import { prepareBalanceData, runBalanceJob } from './job.ts';
import { renderBalanceConsole } from './report-console.ts';
import { renderBalanceHtml } from './report-section.ts';
import type { BalanceMeasure } from './results.ts';
import type { BalanceScenario } from './scenario.ts';
import { BALANCE_SCENARIO_FIELDS, checkBalanceFields } from './scenario-fields.ts';
import { removeSidecarsWeCreated, snapshotSidecars, type SidecarSnapshot } from './sqlite-sidecars.ts';
import { summarizeBalance } from './analyze.ts';
import type { BalanceReportModel, BalanceRunSummary } from './run-summary.ts';
import { USER_DATABASE_OPTIONS } from './user-database.ts';

/** Says what became of the -wal/-shm files a read-only run of a user's database created (sqlite-sidecars.ts). */
function reportSidecars(snapshot: SidecarSnapshot, io: PrepareIo): void {
  const { removed, left } = removeSidecarsWeCreated(snapshot);
  if (removed.length > 0) {
    const them = removed.length === 1 ? 'it' : 'them';
    io.stderr.write(`removed ${removed.map((f) => io.displayPath(f)).join(' and ')}: SQLite created ${them} to read the database in WAL mode, and a read-only connection cannot remove ${them} itself\n`);
  }
  for (const { file, reason } of left) {
    io.stderr.write(`warning: left ${io.displayPath(file)} beside your database: SQLite created it to read the database in WAL mode, and ${reason}\n`);
  }
}

/**
 * Before the first job: a user's database is checked (read-only; the files
 * SQLite may create beside it are noted first, and removed afterwards), a
 * generated one is made or found in the cache here, once, so no job pays
 * for it inside its timeout and its peak memory.
 */
function prepare(scenario: BalanceScenario, io: PrepareIo): Preparation {
  const source = scenario.source;
  if (source.kind === 'database') {
    const snapshot = snapshotSidecars(source.path);
    try {
      openPathfinderReadOnly(source.path).close();
    } catch (error) {
      reportSidecars(snapshot, io);
      throw new VarbenchError('USAGE', (error as Error).message, { cause: error });
    }
    return { finish: () => reportSidecars(snapshot, io) };
  }
  io.stderr.write('preparing the balance dataset (generated once, then read from the cache)…\n');
  try {
    prepareBalanceData(scenario);
  } catch (error) {
    throw new VarbenchError('INVALID_SCENARIO', `Could not generate the dataset of ${scenario.name}: ${(error as Error).message}`, { cause: error });
  }
  return {};
}

function variantTable(model: BalanceReportModel): VariantTable {
  const balance = model.analysis;
  return {
    valueTitle: 'End to end (median)',
    baselineVariant: balance.baselineVariant,
    rows: balance.variants.map((v) => ({
      variant: v.variant,
      value: v.endToEndMs === null ? null : formatMs(v.endToEndMs.median),
      interval: v.endToEndMs === null ? null : formatIntervalWithCoverage(v.endToEndMs.interval, formatMs),
      speedup: v.speedup ? formatRatio(v.speedup.ratio) : null,
      ok: v.okJobs,
      failed: v.failedJobs.length,
      notRun: v.notRunJobs,
    })),
  };
}

export const balanceSubject: Subject<BalanceScenario, BalanceMeasure, BalanceRunSummary> = {
  name: 'balance',
  module: import.meta.url,
  listHeading: 'Balance variants (balance-* scenarios)',
  variants: balanceVariants,
  checkSettings: checkBalanceSettings,
  scenarioFields: BALANCE_SCENARIO_FIELDS,
  validateScenario: checkBalanceFields,
  // The dataset stays as declared (generated datasets are cached on disk, and a
  // smaller one would be another dataset); one measured run after the cold one.
  quickened: (scenario) => ({ ...scenario, runs: 1 }),
  // Each job times the bare SQL query itself, in its own process.
  reference: null,
  options: USER_DATABASE_OPTIONS,
  prepare,
  runJob: (payload) => runBalanceJob(payload, payload.scenario as BalanceScenario),
  progressOutcome: (measure) => `${measure.endToEndMs.toFixed(1)} ms end to end${measure.matchesExpected === true ? ', verified' : ''}`,
  runtimeOf: (measure) => measure.runtime,
  analyze: (results) => summarizeBalance(results),
  // Variants that wrote different balances disagree: a failed run, as when one fails verification.
  runFailures: (analysis) => (analysis.disagreements.length > 0 ? [`The variants' outputs disagree:\n  ${analysis.disagreements.join('\n  ')}`] : []),
  gate: null,
  report: {
    html: (model, checks) => renderBalanceHtml(model as BalanceReportModel, checks),
    console: (model, options) => renderBalanceConsole(model as BalanceReportModel, options),
    variantTable: (model) => variantTable(model as BalanceReportModel),
  },
};

export { balanceSubject as subject };
