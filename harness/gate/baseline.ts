/**
 * The baseline file (reports/baselines/NAME.json): what a later run is
 * compared with. It keeps every cell's raw per-repeat samples (a rank test
 * and a bootstrap need the samples, not a mean), the environment they were
 * measured in, the scenario as it ran, and the calibration figure of the
 * machine at the time (calibration.ts).
 *
 * Pure: building, parsing and judging comparability; reading and the atomic
 * write belong to the caller (analysis never touches files). Parsing is
 * strict and names the file and the field, because a silently misread
 * baseline turns into wrong verdicts.
 *
 * Schema 'varbench/baseline', version 1. Any change of meaning bumps the
 * version; old files are then refused with the command that re-creates them.
 */
import { cpuIdentityDifferences } from '../core/cpu-identity.ts';
import { VarbenchError, type ErrorCode } from '../core/errors.ts';
import { type Environment, type JobResult, type RunResults } from '../core/results.ts';
import type { Scenario } from '../core/scenario.ts';
import { describeValue, isRecord } from '../core/input-values.ts';
import { cellId, cellMetricInfo, cellsFromResults, type CellCatalogue, type SampleCell } from './cells.ts';
import type { BaselineNoise } from './noise.ts';
import type { Comparability } from './records.ts';

export type { Comparability } from './records.ts';

export const BASELINE_SCHEMA = 'varbench/baseline';
export const BASELINE_SCHEMA_VERSION = 1;

/** Baseline names become file names: letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const BASELINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * errors.ts has no baseline codes yet; this one exits 2 (input error:
 * nothing was compared), which is right for a missing or corrupt baseline.
 */
const BASELINE_UNREADABLE: ErrorCode = 'RESULTS_UNREADABLE';

export interface BaselineCalibration {
  /** calibration.ts's CALIBRATION_WORKLOAD at the time; a different id cannot normalise this baseline. */
  readonly workload: string;
  /** Calibration rounds per second, one per sample. */
  readonly opsPerSec: readonly number[];
}

export interface Baseline {
  readonly schema: typeof BASELINE_SCHEMA;
  readonly schemaVersion: typeof BASELINE_SCHEMA_VERSION;
  readonly name: string;
  readonly createdAt: string;
  /** The run the samples come from. */
  readonly runId: string;
  /** The scenario as it ran (after --quick and overrides), to refuse comparing different workloads. */
  readonly scenario: Scenario;
  readonly quick: boolean;
  readonly environment: Environment;
  readonly calibration: BaselineCalibration;
  readonly cells: readonly SampleCell[];
  /**
   * Measured run-to-run noise per cell (`bench calibrate-noise`), absent
   * until measured: per-cell thresholds and the gate's false-alarm rate.
   */
  readonly noise?: BaselineNoise;
}

// ---------------------------------------------------------------------------
// Building

function describeJob(job: JobResult): string {
  return `${job.variant} repeat ${job.repeat}`;
}

/**
 * Why a run cannot become a baseline (empty when it can): an existing
 * baseline must only ever be replaced by a complete, fully successful run,
 * or a gate would compare against a partial picture.
 */
export function baselineBlockers(results: RunResults, cells: CellCatalogue): string[] {
  const blockers: string[] = [];
  if (results.finishedAt === null) blockers.push('the run did not finish');
  const done = new Set(results.results.map((r) => r.id));
  const missing = results.jobs.filter((job) => !done.has(job.id));
  if (missing.length > 0) blockers.push(`${missing.length} of ${results.jobs.length} planned jobs have no result`);
  for (const result of results.results) {
    // Profiled and doctor jobs are not samples, and their failure is only a warning
    // (a variant that really crashes fails its timed repeats too).
    if (result.profile) continue;
    if (result.status !== 'ok' || result.measure === null) {
      blockers.push(`${describeJob(result)} ${result.status === 'ok' ? 'recorded no measurement' : result.status}: ${result.error?.message ?? 'no error recorded'}`);
    }
  }
  if (cellsFromResults(results, cells).length === 0) blockers.push('no variant produced a measurement');
  return blockers;
}

function requireCalibration(calibration: BaselineCalibration): void {
  if (calibration.opsPerSec.length === 0 || !calibration.opsPerSec.every((x) => Number.isFinite(x) && x > 0)) {
    throw new RangeError(`baselineFromResults: calibration.opsPerSec must be a non-empty list of numbers > 0, got [${calibration.opsPerSec.join(', ')}]`);
  }
}

/**
 * A baseline from a complete run. Throws a RangeError when `baselineBlockers`
 * is not empty (check it first to tell the user why) or the name or the
 * calibration is unusable. `createdAt` defaults to the run's end, so the
 * function stays pure.
 */
export function baselineFromResults(
  results: RunResults,
  calibration: BaselineCalibration,
  options: { readonly name: string; readonly cells: CellCatalogue; readonly createdAt?: string },
): Baseline {
  if (!BASELINE_NAME_PATTERN.test(options.name)) {
    throw new RangeError(`baselineFromResults: baseline name '${options.name}' must match ${BASELINE_NAME_PATTERN} (it becomes a file name)`);
  }
  const blockers = baselineBlockers(results, options.cells);
  if (blockers.length > 0) {
    throw new RangeError(`baselineFromResults: run ${results.runId} cannot be a baseline: ${blockers.join('; ')}`);
  }
  requireCalibration(calibration);
  return {
    schema: BASELINE_SCHEMA,
    schemaVersion: BASELINE_SCHEMA_VERSION,
    name: options.name,
    createdAt: options.createdAt ?? results.finishedAt ?? results.startedAt,
    runId: results.runId,
    scenario: results.scenario,
    quick: results.options.quick,
    environment: results.environment,
    calibration: { workload: calibration.workload, opsPerSec: [...calibration.opsPerSec] },
    // The gate's confirmation repeats ran later, under other conditions; a baseline is the run's own repeats.
    cells: cellsFromResults(results, options.cells, 'first'),
  };
}

/** The file's text: two-space JSON and a final newline, so committed baselines diff well. */
export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Parsing

/** "reports/baselines/main.json" -> "main": for the re-create hint. */
function nameFromPath(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.json$/i, '') || 'NAME';
}

function recreateHint(path: string): string {
  return `Re-create it with: npm run bench -- --scenario <name> --save-baseline ${nameFromPath(path)}`;
}

type Problems = string[];

function checkString(problems: Problems, value: unknown, path: string): void {
  if (typeof value !== 'string' || value.length === 0) problems.push(`${path}: expected a non-empty string, got ${describeValue(value)}`);
}

function checkNumber(problems: Problems, value: unknown, path: string, rule: { min?: number; positive?: boolean }): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.min === undefined || value >= rule.min) &&
    (!rule.positive || value > 0);
  if (!ok) {
    const bound = rule.positive ? ' > 0' : rule.min !== undefined ? ` >= ${rule.min}` : '';
    problems.push(`${path}: expected a number${bound}, got ${describeValue(value)}`);
  }
}

function checkNumbers(problems: Problems, value: unknown, path: string, rule: { min?: number; positive?: boolean }): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${path}: expected a non-empty array of numbers, got ${Array.isArray(value) ? 'an empty array' : describeValue(value)}`);
    return;
  }
  value.forEach((x, i) => checkNumber(problems, x, `${path}[${i}]`, rule));
}

function checkEnvironment(problems: Problems, value: unknown, path: string): void {
  if (!isRecord(value)) {
    problems.push(`${path}: expected the environment object of the run, got ${describeValue(value)}`);
    return;
  }
  for (const key of ['node', 'v8', 'platform', 'osRelease', 'arch', 'cpuModel', 'varbenchVersion'] as const) {
    checkString(problems, value[key], `${path}.${key}`);
  }
  checkNumber(problems, value.cpuCount, `${path}.cpuCount`, { positive: true });
  checkNumber(problems, value.totalMemoryBytes, `${path}.totalMemoryBytes`, { positive: true });
  if (!Array.isArray(value.execArgv) || !value.execArgv.every((a) => typeof a === 'string')) {
    problems.push(`${path}.execArgv: expected an array of strings, got ${describeValue(value.execArgv)}`);
  }
  if (value.gitCommit !== null && typeof value.gitCommit !== 'string') {
    problems.push(`${path}.gitCommit: expected a string or null, got ${describeValue(value.gitCommit)}`);
  }
  if (value.gitDirty !== null && typeof value.gitDirty !== 'boolean') {
    problems.push(`${path}.gitDirty: expected true, false or null, got ${describeValue(value.gitDirty)}`);
  }
  if (value.cpu !== undefined && value.cpu !== null && !isRecord(value.cpu)) {
    problems.push(`${path}.cpu: expected the CPU identity object or null, got ${describeValue(value.cpu)}`);
  }
  if (!isRecord(value.packages) || !Object.values(value.packages).every((v) => typeof v === 'string')) {
    problems.push(`${path}.packages: expected an object of package versions, got ${describeValue(value.packages)}`);
  }
}

function checkCells(problems: Problems, value: unknown, catalogue: CellCatalogue | undefined): void {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`cells: expected a non-empty array of { scenario, variant, metric, samples }, got ${Array.isArray(value) ? 'an empty array' : describeValue(value)}`);
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((cell: unknown, i: number) => {
    const path = `cells[${i}]`;
    if (!isRecord(cell)) {
      problems.push(`${path}: expected { scenario, variant, metric, samples }, got ${describeValue(cell)}`);
      return;
    }
    checkString(problems, cell.scenario, `${path}.scenario`);
    checkString(problems, cell.variant, `${path}.variant`);
    if (catalogue !== undefined && (typeof cell.metric !== 'string' || cellMetricInfo(catalogue, cell.metric) === undefined)) {
      problems.push(`${path}.metric: unknown metric ${describeValue(cell.metric)}; known: ${catalogue.metrics.map((m) => m.id).join(', ')}`);
    }
    checkNumbers(problems, cell.samples, `${path}.samples`, { min: 0 });
    if (typeof cell.scenario === 'string' && typeof cell.variant === 'string' && typeof cell.metric === 'string') {
      const id = cellId({ scenario: cell.scenario, variant: cell.variant, metric: cell.metric });
      const first = seen.get(id);
      if (first !== undefined) problems.push(`${path}: duplicates cells[${first}] (${id})`);
      else seen.set(id, i);
    }
  });
}

function checkNoise(problems: Problems, value: unknown): void {
  if (value === undefined) return;
  const hint = 'written by `bench calibrate-noise`; delete the "noise" field and run it again';
  if (!isRecord(value)) {
    problems.push(`noise: expected the measured noise object (${hint}), got ${describeValue(value)}`);
    return;
  }
  checkString(problems, value.createdAt, 'noise.createdAt');
  checkNumber(problems, value.runs, 'noise.runs', { min: 2 });
  checkNumber(problems, value.margin, 'noise.margin', { positive: true });
  if (!Array.isArray(value.cells)) {
    problems.push(`noise.cells: expected an array (${hint}), got ${describeValue(value.cells)}`);
  } else {
    value.cells.forEach((cell: unknown, i: number) => {
      const path = `noise.cells[${i}]`;
      if (!isRecord(cell)) {
        problems.push(`${path}: expected { scenario, variant, metric, ratios, observed, threshold }, got ${describeValue(cell)}`);
        return;
      }
      checkString(problems, cell.scenario, `${path}.scenario`);
      checkString(problems, cell.variant, `${path}.variant`);
      checkString(problems, cell.metric, `${path}.metric`);
      checkNumbers(problems, cell.ratios, `${path}.ratios`, { positive: true });
      checkNumber(problems, cell.observed, `${path}.observed`, { min: 0 });
      const threshold = cell.threshold;
      if (!(typeof threshold === 'number' && threshold >= 0 && threshold < 1)) {
        problems.push(`${path}.threshold: expected a fraction in [0, 1), got ${describeValue(threshold)}`);
      }
    });
  }
  const alarm = value.falseAlarm;
  if (!isRecord(alarm)) {
    problems.push(`noise.falseAlarm: expected { runs, alarms, rate, upper95 }, got ${describeValue(alarm)}`);
  } else {
    for (const key of ['runs', 'alarms', 'rate', 'upper95'] as const) checkNumber(problems, alarm[key], `noise.falseAlarm.${key}`, { min: 0 });
  }
}

function unreadable(message: string, cause?: unknown): VarbenchError {
  return new VarbenchError(BASELINE_UNREADABLE, message, cause === undefined ? undefined : { cause });
}

/**
 * Parses and validates a baseline file's text. `text` null means the file
 * does not exist (the caller read it); `path` is named in every error.
 */
/**
 * `cellsOf` gives the cell metrics of a subject by name (subject.gate.cells);
 * undefined for a subject that keeps no baselines, whose file is refused.
 */
export function parseBaseline(text: string | null, path: string, cellsOf: (subject: string) => CellCatalogue | undefined): Baseline {
  if (text === null) {
    throw unreadable(
      `No baseline at ${path}. Save one first with: npm run bench -- --scenario <name> --save-baseline ${nameFromPath(path)}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw unreadable(`Baseline ${path} is not valid JSON (${(error as Error).message}); it may have been cut short or edited. ${recreateHint(path)}`, error);
  }
  if (!isRecord(data)) throw unreadable(`Baseline ${path} is not a varbench baseline: expected a JSON object, got ${describeValue(data)}.`);
  if (data.schema !== BASELINE_SCHEMA) {
    throw unreadable(`${path} is not a varbench baseline: its "schema" is ${describeValue(data.schema)}, expected "${BASELINE_SCHEMA}".`);
  }
  if (data.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    const newer = typeof data.schemaVersion === 'number' && data.schemaVersion > BASELINE_SCHEMA_VERSION;
    throw unreadable(
      `Baseline ${path} has schema version ${describeValue(data.schemaVersion)}; this varbench reads version ${BASELINE_SCHEMA_VERSION}` +
        (newer ? ' (the file was written by a newer varbench: update this checkout).' : `. ${recreateHint(path)}`),
    );
  }

  const problems: Problems = [];
  if (typeof data.name !== 'string' || !BASELINE_NAME_PATTERN.test(data.name)) {
    problems.push(`name: expected a name matching ${BASELINE_NAME_PATTERN}, got ${describeValue(data.name)}`);
  }
  checkString(problems, data.createdAt, 'createdAt');
  checkString(problems, data.runId, 'runId');
  let catalogue: CellCatalogue | undefined;
  if (!isRecord(data.scenario) || typeof data.scenario.name !== 'string') {
    problems.push(`scenario: expected the scenario as it ran (an object with a name), got ${describeValue(data.scenario)}`);
  } else {
    catalogue = typeof data.scenario.subject === 'string' ? cellsOf(data.scenario.subject) : undefined;
    if (catalogue === undefined) problems.push(`scenario.subject: ${describeValue(data.scenario.subject)} is not a subject that keeps baselines`);
  }
  if (typeof data.quick !== 'boolean') problems.push(`quick: expected true or false, got ${describeValue(data.quick)}`);
  checkEnvironment(problems, data.environment, 'environment');
  if (!isRecord(data.calibration)) {
    problems.push(`calibration: expected { workload, opsPerSec: [...] }, got ${describeValue(data.calibration)}`);
  } else {
    checkString(problems, data.calibration.workload, 'calibration.workload');
    checkNumbers(problems, data.calibration.opsPerSec, 'calibration.opsPerSec', { positive: true });
  }
  checkCells(problems, data.cells, catalogue);
  checkNoise(problems, data.noise);

  if (problems.length > 0) {
    throw unreadable(`Baseline ${path} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${recreateHint(path)}`);
  }
  return data as unknown as Baseline;
}

// ---------------------------------------------------------------------------
// Comparability


function nodeMajor(version: string): string {
  return /^v?(\d+)/.exec(version)?.[1] ?? version;
}

/**
 * Whether two environments can be compared. A different CPU model, Node
 * major (another V8, other JIT heuristics), architecture or OS makes
 * calibration-normalised numbers meaningless: the calibration loop does not
 * speed up by the same factor as a SQLite-bound store. Smaller differences
 * (V8 patch, core count, memory, package versions, flags) are warnings.
 */
export function comparability(baselineEnv: Environment, currentEnv: Environment): Comparability {
  const reasons: string[] = [];
  const warnings: string[] = [];
  if (baselineEnv.cpuModel !== currentEnv.cpuModel) {
    reasons.push(`CPU model differs: baseline "${baselineEnv.cpuModel}", now "${currentEnv.cpuModel}"`);
  }
  reasons.push(...cpuIdentityDifferences(baselineEnv.cpu, currentEnv.cpu));
  if (nodeMajor(baselineEnv.node) !== nodeMajor(currentEnv.node)) {
    reasons.push(`Node major differs: baseline ${baselineEnv.node}, now ${currentEnv.node}`);
  }
  if (baselineEnv.arch !== currentEnv.arch) reasons.push(`architecture differs: baseline ${baselineEnv.arch}, now ${currentEnv.arch}`);
  if (baselineEnv.platform !== currentEnv.platform) {
    reasons.push(`OS differs: baseline ${baselineEnv.platform}, now ${currentEnv.platform}`);
  }

  if (baselineEnv.node !== currentEnv.node && nodeMajor(baselineEnv.node) === nodeMajor(currentEnv.node)) {
    warnings.push(`Node version differs: baseline ${baselineEnv.node}, now ${currentEnv.node}`);
  }
  if (baselineEnv.cpuCount !== currentEnv.cpuCount) warnings.push(`CPU count differs: baseline ${baselineEnv.cpuCount}, now ${currentEnv.cpuCount}`);
  if (baselineEnv.totalMemoryBytes !== currentEnv.totalMemoryBytes) {
    warnings.push(`total memory differs: baseline ${baselineEnv.totalMemoryBytes} B, now ${currentEnv.totalMemoryBytes} B`);
  }
  if (baselineEnv.osRelease !== currentEnv.osRelease) {
    warnings.push(`OS release differs: baseline ${baselineEnv.osRelease}, now ${currentEnv.osRelease}`);
  }
  if (baselineEnv.execArgv.join(' ') !== currentEnv.execArgv.join(' ')) {
    warnings.push(`Node flags differ: baseline [${baselineEnv.execArgv.join(' ')}], now [${currentEnv.execArgv.join(' ')}]`);
  }
  const packages = new Set([...Object.keys(baselineEnv.packages), ...Object.keys(currentEnv.packages)]);
  for (const name of [...packages].sort()) {
    const before = baselineEnv.packages[name];
    const now = currentEnv.packages[name];
    if (before !== now) warnings.push(`${name} differs: baseline ${before ?? 'absent'}, now ${now ?? 'absent'}`);
  }
  return { comparable: reasons.length === 0, reasons, warnings };
}

/** JSON with object keys sorted, so equal data gives equal text whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/**
 * The parts of the scenario that change what is measured and differ between
 * the baseline and now (repeats, variants and timeouts do not change a
 * cell's meaning, so they may differ).
 */
export function scenarioDifferences(baseline: Scenario, current: Scenario): string[] {
  const fields = ['subject', 'dataset', 'workload', 'warmup', 'source', 'runs', 'settings'] as const;
  const field = (scenario: Scenario, name: (typeof fields)[number]): unknown => (scenario as unknown as Record<string, unknown>)[name] ?? null;
  return fields
    .filter((name) => canonical(field(baseline, name)) !== canonical(field(current, name)))
    .map((name) => `scenario ${name} differs: baseline ${canonical(field(baseline, name))}, now ${canonical(field(current, name))}`);
}

export interface CurrentRun {
  readonly environment: Environment;
  readonly scenario: Scenario;
  readonly quick: boolean;
  /** The calibration workload id of this run (calibration.ts's CALIBRATION_WORKLOAD). */
  readonly calibrationWorkload: string;
}

/**
 * Everything that makes a baseline unusable for this run: the environment
 * (comparability), another calibration workload (no common yardstick), a
 * --quick run against a full one or vice versa, or another scenario
 * definition under the same name.
 */
export function baselineComparability(baseline: Baseline, current: CurrentRun): Comparability {
  const environment = comparability(baseline.environment, current.environment);
  const reasons = [...environment.reasons];
  if (baseline.calibration.workload !== current.calibrationWorkload) {
    reasons.push(`calibration workload differs: baseline "${baseline.calibration.workload}", now "${current.calibrationWorkload}"; re-save the baseline`);
  }
  if (baseline.scenario.name !== current.scenario.name) {
    reasons.push(`scenario differs: baseline "${baseline.scenario.name}", now "${current.scenario.name}"`);
  } else {
    reasons.push(...scenarioDifferences(baseline.scenario, current.scenario));
  }
  if (baseline.quick !== current.quick) {
    reasons.push(`baseline is ${baseline.quick ? '' : 'not '}a --quick run and this one is${current.quick ? '' : ' not'}`);
  }
  return { comparable: reasons.length === 0, reasons, warnings: environment.warnings };
}
