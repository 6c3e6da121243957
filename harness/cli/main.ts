/**
 * argv -> Plan -> run -> write -> exit code. Nothing else lives here.
 */
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  balanceVariants,
  checkBalanceSettings,
  openPathfinderReadOnly,
  parseFelt,
  readAddressList,
  removeSidecarsWeCreated,
  snapshotSidecars,
  type SidecarSnapshot,
} from '../../variants/balance/index.ts';
import { checkStoreSettings, storageVariants } from '../../variants/storage/index.ts';
import { prepareBalanceData } from '../subjects/balance/job.ts';
import { createChildExecutor } from '../run/child-executor.ts';
import { baselineBlockers, baselineFromResults } from '../gate/baseline.ts';
import { DEFAULT_ALPHA } from '../gate/compare.ts';
import { repeatsForSignificance } from '../stats/mann-whitney.ts';
import { runCalibration } from '../gate/machine-speed.ts';
import { runJobsCalibrated } from '../gate/machine-speed-sampler.ts';
import { summarize } from '../subjects/storage/summarize.ts';
import { checkTargets } from '../gate/targets.ts';
import { displayPath, PROJECT_ROOT, resolveUserPath } from '../core/user-paths.ts';
import { varbenchVersion } from '../core/environment.ts';
import { EXIT, VarbenchError } from '../core/errors.ts';
import { calibrateNoise } from './calibrate-noise.ts';
import { runGate } from '../gate/gate.ts';
import { parseGateOptions } from './gate-options.ts';
import { planConfirmation, planRun, PROFILE_KINDS, type Plan, type RequestedProfile } from '../plan/plan.ts';
import type { RunResults } from '../core/results.ts';
import type { BalanceSource, Scenario, Subject } from '../plan/scenario.ts';
import type { SettingsChecker } from '../plan/scenario-validate.ts';
import type { JobExecutor } from '../run/runner.ts';
import { listScenarioNames, loadScenario } from '../plan/scenario-load.ts';
import { RunSession } from '../run/session.ts';
import { loadTargets } from '../plan/targets-load.ts';
import { baselineFile, baselineNameOf, readBaselineFile, writeBaselineFile } from '../gate/baseline-store.ts';
import { readResults, renderReport, writeResults } from '../report/writer.ts';

export const HELP = `varbench — benchmark interchangeable implementations (a SQLite key-value store, a Starknet
balance pipeline) in isolated processes

Usage:
  npm run bench -- --scenario <name|path> [options]
  npm run bench -- report <results.json>      re-render index.html and summary.md from a results file
  npm run bench -- calibrate-noise --baseline <name> [--runs 5] [--repeats n]
                                               run the baseline's scenario again and again on this
                                               unchanged tree; store each cell's measured noise and
                                               the gate's false-alarm rate in the baseline
  npm run bench -- --list                      list scenarios and variants

Options:
  --scenario, -s <name|path>  scenario to run: a name from scenarios/ or a path to your own file
  --variant <a,b>             run only these variants (default: the scenario's list, else all)
  --repeats <n>               repeats per variant (default: the scenario's; 3 for mixed-70-20-10)
  --quick                     smoke run: 5,000 records, at most 20,000 ops or 0.3 s per job, 1 repeat
  --timeout <seconds>         per-job time limit (default: the scenario's timeoutMs, else 180)
  --out <dir>                 where reports go (default: reports/); each run gets <dir>/<run-id>/
  --json                      print only the path of results.json on stdout (the rest goes to stderr)
  --profile <kinds>           also profile each variant in extra processes: cpu, heap, flame (any
                              subset) or all (= cpu,heap,flame); doctor (clinic doctor) only when
                              named; the timed repeats are never profiled
  --cpu-sampling-interval <µs>  CPU profile sampling interval (default 100)
  --db <path> --tokens <a,b> --accounts <file>
                              balance scenarios: run the pipeline on your own Pathfinder database
                              (opened read-only) for these token contracts and the accounts listed
                              one per line in <file>

Targets and the regression gate (storage scenarios):
  --targets <file>            performance targets to check (default targets/default.ts); every run
                              shows them; an unknown scenario, variant or metric is an error
  --check                     exit 3 when a target fails
  --save-baseline <name>      save this run as reports/baselines/<name>.json (raw samples, environment,
                              machine calibration); only a complete, fully successful run replaces it;
                              use 5 or more repeats (--repeats) so the gate can reach significance
  --baseline <name|path>      compare with a saved baseline; exit 4 on a confirmed regression
  --noise-threshold <t>       smallest change that can count, e.g. 5% (default) or 0.1; targets'
                              noiseThreshold and the baseline's measured noise can raise it per cell
  --alpha <a>                 significance level after correction (default 0.05)
  --correction holm|bh        multiple-testing correction: Holm (default) or Benjamini-Hochberg
  --confirm <n>               repeats per flagged variant in the confirmation round (default: the
                              run's repeats; 0 turns it off)
  --metrics <groups>          compare only these: throughput, p50, p99, heap, rss, gc (default all)
  --runs <k>                  calibrate-noise: self-runs (default 5, at least 2); give it the gate's
                              --repeats, --metrics and --noise-threshold so it measures that gate

  --list                      list scenarios and variants, then exit
  --help, -h                  this text
  --version                   print varbench's version

Exit codes (when several apply, the lowest wins):
  0  every job ran, every variant agreed, no checked target failed, no confirmed regression
  1  a job failed: a variant threw, crashed, timed out or disagreed (the others still ran), or
     --save-baseline could not save
  2  usage or input error (unknown scenario, variant or target name, invalid scenario or targets
     file, missing or corrupt baseline); nothing ran
  3  a target failed (with --check)
  4  a regression against the baseline, confirmed by the confirmation round
  130 interrupted (Ctrl-C), 143 terminated (SIGTERM): the report covers the jobs that finished

Examples:
  npm run bench -- --scenario mixed-70-20-10
  npm run bench -- --scenario mixed-70-20-10 --variant naive,cached --repeats 5
  npm run bench -- --scenario ./my-scenario.ts --quick
  npm run bench -- --scenario balance-small
  npm run bench -- --scenario single-get --check
  npm run bench -- --scenario mixed-70-20-10 --repeats 6 --save-baseline main
  npm run bench -- --scenario mixed-70-20-10 --repeats 6 --baseline main
`;

export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Injected by tests; the child-process executor otherwise. */
  readonly executor?: JobExecutor;
  /** Injected by tests (fixed machine speed); the calibration workload otherwise. */
  readonly calibrate?: (samples?: number) => readonly number[];
}

/** Each subject's variants check their own settings; scenario validation asks them before anything runs. */
const checkSettings: SettingsChecker = (subject, variant, settings) =>
  subject === 'balance' ? checkBalanceSettings(variant, settings) : checkStoreSettings(variant, settings);

const KNOWN_VARIANTS: Readonly<Record<Subject, readonly string[]>> = {
  storage: Object.keys(storageVariants),
  balance: Object.keys(balanceVariants),
};
const ALL_KNOWN_VARIANTS = [...new Set([...KNOWN_VARIANTS.storage, ...KNOWN_VARIANTS.balance])];

/** Options that take a value (parseArgs `type: 'string'`), for joinNegativeValues. */
const VALUE_OPTIONS = new Set([
  '--scenario', '-s', '--variant', '--repeats', '--timeout', '--out', '--profile', '--db', '--tokens', '--accounts',
  '--cpu-sampling-interval', '--targets', '--baseline', '--save-baseline', '--noise-threshold', '--alpha',
  '--correction', '--confirm', '--metrics', '--runs',
]);

/**
 * `--repeats -1` as `--repeats=-1`: parseArgs reads a value that starts with
 * '-' as another option and fails with "argument is ambiguous", which does
 * not say what is wrong; joined, the value reaches varbench's own check
 * ("--repeats expects a whole number >= 1, got '-1'").
 */
export function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        scenario: { type: 'string', short: 's' },
        variant: { type: 'string' },
        repeats: { type: 'string' },
        quick: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        profile: { type: 'string' },
        db: { type: 'string' },
        tokens: { type: 'string' },
        accounts: { type: 'string' },
        'cpu-sampling-interval': { type: 'string' },
        targets: { type: 'string' },
        check: { type: 'boolean', default: false },
        baseline: { type: 'string' },
        'save-baseline': { type: 'string' },
        'noise-threshold': { type: 'string' },
        alpha: { type: 'string' },
        correction: { type: 'string' },
        confirm: { type: 'string' },
        metrics: { type: 'string' },
        runs: { type: 'string' },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new VarbenchError('USAGE', `${(error as Error).message}\nRun with --help for the options.`, { cause: error });
  }
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new VarbenchError('USAGE', `${option} expects a whole number >= 1, got '${value}'.`);
  }
  return n;
}

function parseVariants(value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new VarbenchError(
      'UNKNOWN_VARIANT',
      `Unknown variant${unknown.length === 1 ? '' : 's'} '${unknown.join(', ') || value}' in --variant. Known variants: ${known.join(', ')}.`,
    );
  }
  return [...new Set(names)];
}

type DatabaseSource = Extract<BalanceSource, { kind: 'database' }>;

/**
 * --db PATH --tokens A,B --accounts FILE: a balance scenario on a user's own
 * Pathfinder database, checked before anything runs (the file opens
 * read-only, has the schema, the addresses parse).
 */
function userDatabaseSource(values: ReturnType<typeof parse>['values'], scenario: Scenario, env: NodeJS.ProcessEnv): DatabaseSource | null {
  const given = [values.db, values.tokens, values.accounts].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (scenario.subject !== 'balance') {
    throw new VarbenchError('USAGE', `--db, --tokens and --accounts apply to balance scenarios; '${scenario.name}' is a ${scenario.subject} scenario. Try --scenario balance-small.`);
  }
  if (given !== 3) {
    throw new VarbenchError('USAGE', '--db, --tokens and --accounts go together: --db pathfinder.sqlite --tokens 0x049d...,0x0471... --accounts accounts.txt');
  }
  const source: DatabaseSource = {
    kind: 'database',
    path: resolveUserPath(values.db!, env),
    tokens: values.tokens!.split(',').map((t) => t.trim()).filter(Boolean),
    accountsFile: resolveUserPath(values.accounts!, env),
  };
  try {
    source.tokens.forEach((token, i) => parseFelt(token, `token ${i + 1} of --tokens`));
    if (source.tokens.length === 0) throw new Error('--tokens lists no token address');
    if (!existsSync(source.accountsFile)) {
      throw new Error(`--accounts: ${source.accountsFile} does not exist; pass a file with one 0x account address per line`);
    }
    if (readAddressList(source.accountsFile, 'account').length === 0) {
      throw new Error(`--accounts: ${source.accountsFile} lists no account address; put one 0x address per line`);
    }
    openPathfinderReadOnly(source.path).close();
  } catch (error) {
    throw new VarbenchError('USAGE', `${(error as Error).message}`, { cause: error });
  }
  return source;
}

/**
 * What a --db run measures, in place of the built-in scenario's description
 * of its generated dataset (which would describe data that was not used).
 */
function userDatabaseDescription(source: DatabaseSource, env: NodeJS.ProcessEnv): string {
  const accounts = readAddressList(source.accountsFile, 'account').length;
  const tokens = source.tokens.length;
  return (
    `Your Pathfinder database ${displayPath(source.path, env)} (read-only): the latest balances of ${accounts.toLocaleString('en-US')} ` +
    `account${accounts === 1 ? '' : 's'} (from ${displayPath(source.accountsFile, env)}) for ${tokens} token${tokens === 1 ? '' : 's'}; ` +
    'no expected balances exist for it, so the variants are verified by agreeing with each other.'
  );
}

/** Says what became of the -wal/-shm files a read-only run of a user's database created (sqlite-sidecars.ts). */
function cleanUpSidecars(snapshot: SidecarSnapshot | null, io: CliIo): void {
  if (snapshot === null) return;
  const { removed, left } = removeSidecarsWeCreated(snapshot);
  if (removed.length > 0) {
    io.stderr.write(`removed ${removed.map((f) => displayPath(f, io.env)).join(' and ')}: SQLite created ${removed.length === 1 ? 'it' : 'them'} to read the database in WAL mode, and a read-only connection cannot remove ${removed.length === 1 ? 'it' : 'them'} itself\n`);
  }
  for (const { file, reason } of left) {
    io.stderr.write(`warning: left ${displayPath(file, io.env)} beside your database: SQLite created it to read the database in WAL mode, and ${reason}\n`);
  }
}

function parseProfiles(value: string | undefined): RequestedProfile[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const expanded = names.flatMap((name) => (name === 'all' ? (['cpu', 'heap', 'flame'] as const) : [name]));
  const unknown = expanded.filter((name) => !(PROFILE_KINDS as readonly string[]).includes(name));
  if (expanded.length === 0 || unknown.length > 0) {
    throw new VarbenchError(
      'USAGE',
      `Unknown profile '${unknown.join(', ') || value}' in --profile. Use any of ${PROFILE_KINDS.join(', ')}, or all (= cpu,heap,flame).`,
    );
  }
  return [...new Set(expanded)] as RequestedProfile[];
}

async function listCommand(io: CliIo): Promise<number> {
  io.stdout.write('Scenarios (npm run bench -- --scenario <name>):\n');
  for (const name of listScenarioNames()) {
    const { scenario } = await loadScenario(name, KNOWN_VARIANTS, checkSettings);
    io.stdout.write(`  ${name.padEnd(22)} ${scenario.description}\n`);
  }
  io.stdout.write('\nStorage variants (--variant a,b):\n');
  for (const [name, variant] of Object.entries(storageVariants)) {
    io.stdout.write(`  ${name.padEnd(22)} ${variant.description}\n`);
    for (const [setting, spec] of Object.entries(variant.settings)) {
      io.stdout.write(`  ${''.padEnd(22)}   setting ${setting} (default ${spec.default}): ${spec.meaning}\n`);
    }
  }
  io.stdout.write('\nBalance variants (balance-* scenarios):\n');
  for (const [name, variant] of Object.entries(balanceVariants)) {
    io.stdout.write(`  ${name.padEnd(22)} ${variant.description}\n`);
    for (const [setting, spec] of Object.entries(variant.settings)) {
      io.stdout.write(`  ${''.padEnd(22)}   setting ${setting} (default ${spec.default}): ${spec.meaning}\n`);
    }
  }
  return EXIT.ok;
}

function reportCommand(given: string | undefined, out: string | undefined, io: CliIo): number {
  if (!given) throw new VarbenchError('USAGE', 'report needs the path of a results.json: npm run bench -- report reports/<run-id>/results.json');
  const file = resolveUserPath(given, io.env);
  const results = readResults(file);
  const runDir = out ? resolveUserPath(out, io.env) : path.dirname(file);
  if (out) writeResults(runDir, results);
  const rendered = renderReport(runDir, results);
  if (rendered.error) {
    io.stderr.write(`The report could not be rendered: ${rendered.error.stack ?? rendered.error.message}\n`);
    return EXIT.runFailed;
  }
  io.stdout.write(`${rendered.consoleSummary}\nReport: ${rendered.htmlPath}\n`);
  return EXIT.ok;
}

/** The scenario, variants and plan a run's options ask for, checked before anything runs. */
async function planFromOptions(
  values: ReturnType<typeof parse>['values'],
  env: NodeJS.ProcessEnv,
): Promise<{ plan: Plan; loaded: Scenario; profile: readonly RequestedProfile[] }> {
  if (!values.scenario) {
    throw new VarbenchError('USAGE', `--scenario is required. Known scenarios: ${listScenarioNames().join(', ')}.\nExample: npm run bench -- --scenario mixed-70-20-10`);
  }
  const repeats = positiveInteger(values.repeats, '--repeats');
  const timeoutSeconds = positiveInteger(values.timeout, '--timeout');
  const profile = parseProfiles(values.profile);
  const cpuSamplingIntervalUs = positiveInteger(values['cpu-sampling-interval'], '--cpu-sampling-interval');
  const loaded = (await loadScenario(values.scenario, KNOWN_VARIANTS, checkSettings, env)).scenario;
  const variants = parseVariants(values.variant, KNOWN_VARIANTS[loaded.subject]);
  const database = userDatabaseSource(values, loaded, env);
  const scenario: Scenario =
    database && loaded.subject === 'balance' ? { ...loaded, source: database, description: userDatabaseDescription(database, env) } : loaded;
  const plan = planRun(
    timeoutSeconds === undefined ? scenario : { ...scenario, timeoutMs: timeoutSeconds * 1000 },
    {
      quick: values.quick,
      ...(variants ? { variants } : {}),
      ...(repeats ? { repeats } : {}),
      ...(profile ? { profile } : {}),
      ...(cpuSamplingIntervalUs ? { cpuSamplingIntervalUs } : {}),
    },
    KNOWN_VARIANTS[scenario.subject],
  );
  return { plan, loaded, profile: profile ?? [] };
}

/** --out as the user meant it (from their folder); by default the package's reports/. */
function outDirOf(out: string | undefined, env: NodeJS.ProcessEnv): string {
  return out === undefined ? path.join(PROJECT_ROOT, 'reports') : resolveUserPath(out, env);
}

/** One batch of the calibration workload's samples (`samples` of them; default 5). */
function timeCalibration(samples?: number): readonly number[] {
  return runCalibration(samples === undefined ? undefined : { samples }).opsPerSec;
}

function exitCodeOf(failures: { readonly runFailed: boolean; readonly targetFailed: boolean; readonly regressed: boolean }): number {
  // Several can hold at once; the lowest code wins, so a crash is never hidden behind a verdict.
  if (failures.runFailed) return EXIT.runFailed;
  if (failures.targetFailed) return EXIT.targetFailed;
  if (failures.regressed) return EXIT.regression;
  return EXIT.ok;
}

async function runCommand(values: ReturnType<typeof parse>['values'], io: CliIo): Promise<number> {
  // Before anything opens the user's database (checking it does), so that only files this run creates are removed.
  const givenDatabase = values.db === undefined ? null : snapshotSidecars(resolveUserPath(values.db, io.env));
  let planned: Awaited<ReturnType<typeof planFromOptions>>;
  try {
    planned = await planFromOptions(values, io.env);
  } catch (error) {
    cleanUpSidecars(givenDatabase, io);
    throw error;
  }
  const { plan, loaded, profile } = planned;
  const scenario = plan.scenario;
  const sidecars =
    scenario.subject === 'balance' && scenario.source.kind === 'database' ? (givenDatabase ?? snapshotSidecars(scenario.source.path)) : null;
  try {
    return await runPlanned(values, io, plan, loaded, profile);
  } finally {
    cleanUpSidecars(sidecars, io);
  }
}

async function runPlanned(
  values: ReturnType<typeof parse>['values'],
  io: CliIo,
  plan: Plan,
  loaded: Scenario,
  profile: readonly RequestedProfile[],
): Promise<number> {
  const scenario = plan.scenario;
  const gateOptions = parseGateOptions(values);
  // The run's own scenario is known even when it came from a file outside scenarios/.
  const knownScenarios = [...new Set([...listScenarioNames(), loaded.name])];
  // Targets are validated on every run (a typo must fail before anything runs); storage runs check them.
  const targets = await loadTargets(values.targets, knownScenarios, ALL_KNOWN_VARIANTS, io.env);
  const compareWith = values.baseline === undefined ? null : baselineFile(values.baseline, '--baseline', undefined, io.env);
  const saveTo = values['save-baseline'] === undefined ? null : baselineFile(values['save-baseline'], '--save-baseline', undefined, io.env);
  if ((compareWith !== null || saveTo !== null) && scenario.subject !== 'storage') {
    throw new VarbenchError('USAGE', `Baselines cover storage scenarios; '${scenario.name}' is a ${scenario.subject} scenario. Try --scenario mixed-70-20-10.`);
  }
  const baseline = compareWith === null ? null : readBaselineFile(compareWith);
  const calibrate = compareWith !== null || saveTo !== null;

  if (plan.scenario.subject === 'balance' && plan.scenario.source.kind === 'generated') {
    // Generate (or find in the cache) the dataset here, once: otherwise the
    // first job would pay for it inside its timeout and its peak memory.
    // Before the session exists, so Ctrl-C still stops the generation at once.
    io.stderr.write('preparing the balance dataset (generated once, then read from the cache)…\n');
    try {
      prepareBalanceData(plan.scenario);
    } catch (error) {
      throw new VarbenchError('INVALID_SCENARIO', `Could not generate the dataset of ${scenario.name}: ${(error as Error).message}`, { cause: error });
    }
  }
  const session = new RunSession(plan, { stderr: io.stderr, env: io.env, executor: io.executor ?? createChildExecutor() }, {
    outDir: outDirOf(values.out, io.env),
    profile,
  });
  const console = values.json ? io.stderr : io.stdout;
  try {
    io.stderr.write(
      `varbench ${scenario.name}${plan.quick ? ' (quick)' : ''}: ${plan.variants.join(', ')} × ${plan.repeats} repeat${plan.repeats === 1 ? '' : 's'}, one process per job\n` +
        `results: ${session.resultsPath}\n`,
    );

    if (calibrate) await runJobsCalibrated(session, plan.jobs, io.calibrate ?? timeCalibration);
    else await session.runJobs(plan.jobs);
    if (scenario.subject === 'storage') {
      const checks = checkTargets(targets.set, summarize(session.results), scenario.name, knownScenarios);
      session.update((r) => ({ ...r, targets: { name: targets.set.name, file: targets.file, checks, enforced: values.check } }));
    }
    if (baseline !== null && compareWith !== null && !session.interrupted) {
      const shownBaseline = displayPath(compareWith, io.env);
      io.stderr.write(`comparing with baseline ${baseline.name} (${shownBaseline})…\n`);
      const gate = await runGate({
        results: session.results,
        baseline,
        baselineFile: shownBaseline,
        options: gateOptions,
        targets: targets.set,
        interrupted: () => session.interrupted,
        runConfirmation: async (variants, repeats) => {
          io.stderr.write(`confirmation round: ${repeats} more repeat${repeats === 1 ? '' : 's'} of ${variants.join(', ')} (flagged against the baseline)…\n`);
          await session.runJobs(planConfirmation(plan, session.results.jobs, variants, repeats));
          return session.results;
        },
      });
      session.update(() => gate.results);
    }
  } catch (error) {
    session.dispose();
    throw error;
  }

  const results = session.finish();
  let saveFailed = false;
  if (saveTo !== null) saveFailed = !saveBaseline(saveTo, results, session.interrupted, io);
  const rendered = renderReport(session.runDir, results);
  if (rendered.error) {
    io.stderr.write(`Warning: the HTML report could not be rendered (${rendered.error.message}); the results are safe in ${session.resultsPath}.\n`);
  } else {
    console.write(`\n${rendered.consoleSummary}\nReport: ${rendered.htmlPath}\nSummary (Markdown): ${rendered.markdownPath}\n`);
    appendStepSummary(rendered.markdown, io);
  }
  if (values.json) io.stdout.write(`${session.resultsPath}\n`);

  for (const r of results.results) {
    for (const artifact of r.findings?.artifacts ?? []) {
      if (artifact.warning) io.stderr.write(`warning: ${r.variant} ${artifact.kind} profile: ${artifact.warning}\n`);
    }
  }
  // A profiled job that fails is a warning: profiling must never fail a run
  // whose timed repeats succeeded (a variant that really crashes fails those too).
  for (const r of results.results.filter((job) => job.profile && job.status !== 'ok')) {
    io.stderr.write(`warning: ${r.id} (not timed) ${r.status}: ${r.error?.message.split('\n')[0] ?? ''}\n`);
  }
  const failed = results.results.filter((r) => r.status !== 'ok' && !r.profile);
  if (failed.length > 0) {
    io.stderr.write(`${failed.length} job${failed.length === 1 ? '' : 's'} failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  }
  // Variants that wrote different balances disagree: a failed run, as when one fails verification.
  const disagreements = rendered.model?.balance?.disagreements ?? [];
  if (disagreements.length > 0) {
    io.stderr.write(`The variants' outputs disagree:\n  ${disagreements.join('\n  ')}\n`);
  }
  for (const id of results.gate?.confirmation?.inconclusive ?? []) {
    io.stderr.write(`warning: ${id} was worse again in the confirmation round, but these repeats cannot decide it (see the report); use more --repeats for baseline and gate\n`);
  }
  if (results.gate?.outcome === 'not comparable') {
    io.stderr.write(`warning: baseline ${results.gate.baseline.name} is not comparable with this run, so the gate checked nothing: ${results.gate.comparability.reasons.join('; ')}\n`);
  }
  if (session.interrupted) return session.interruptedExitCode;
  return exitCodeOf({
    runFailed: failed.length > 0 || disagreements.length > 0 || saveFailed,
    targetFailed: values.check && (results.targets?.checks.some((check) => check.status === 'fail') ?? false),
    regressed: results.gate?.outcome === 'regressed',
  });
}

/** GitHub Actions shows what a step appends to $GITHUB_STEP_SUMMARY on the run's page. */
function appendStepSummary(markdown: string | null, io: CliIo): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file || markdown === null) return;
  try {
    appendFileSync(file, `${markdown}\n`);
  } catch (error) {
    io.stderr.write(`warning: could not append the summary to $GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}\n`);
  }
}

/**
 * --save-baseline: only a complete run with every timed repeat ok replaces
 * a baseline (a gate must never compare with half a picture). Returns false
 * when the save failed (exit 1), true when it saved or rightly declined.
 */
function saveBaseline(file: string, results: RunResults, interrupted: boolean, io: CliIo): boolean {
  const shown = displayPath(file, io.env);
  const blockers = interrupted ? ['the run was interrupted'] : baselineBlockers(results);
  if (results.calibration === null) blockers.push('no calibration samples');
  if (blockers.length === 0 && results.gate?.outcome === 'regressed') {
    // A regressed run must not become the yardstick (the regression would be
    // absorbed silently); exit 4 already reports it, so this is not a failure of its own.
    io.stderr.write(`Baseline not saved (${shown} is unchanged): the run regressed against the baseline it was compared with\n`);
    return true;
  }
  if (blockers.length > 0) {
    io.stderr.write(`Baseline not saved (${shown} is unchanged): ${blockers.join('; ')}\n`);
    return false;
  }
  const previous = existsSync(file) ? readBaselineFileQuietly(file) : null;
  try {
    const baseline = baselineFromResults(results, results.calibration!, { name: baselineNameOf(file) });
    // Keeping measured noise from an older baseline would misstate this one's; calibrate-noise measures it afresh.
    writeBaselineFile(file, baseline);
    const needed = repeatsForSignificance(DEFAULT_ALPHA, baseline.cells.length);
    io.stderr.write(
      `Baseline saved: ${shown} (${baseline.cells.length} cells from ${results.options.repeats} repeats${previous?.noise ? '; its measured noise was dropped, run calibrate-noise again' : ''}).\n` +
        (results.options.repeats < needed
          ? `warning: with ${baseline.cells.length} cells a gate needs at least ${needed} repeats per side to detect a change in one cell; save it with --repeats ${needed} or more (or compare fewer cells with --metrics)\n`
          : ''),
    );
    return true;
  } catch (error) {
    io.stderr.write(`Baseline not saved (${shown} is unchanged): ${(error as Error).message}\n`);
    return false;
  }
}

function readBaselineFileQuietly(file: string): ReturnType<typeof readBaselineFile> | null {
  try {
    return readBaselineFile(file);
  } catch {
    return null;
  }
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (values.version) {
      io.stdout.write(`${varbenchVersion()}\n`);
      return EXIT.ok;
    }
    if (values.list) return await listCommand(io);
    const [command, ...rest] = positionals;
    if (command === 'report') return reportCommand(rest[0], values.out, io);
    if (command === 'calibrate-noise') {
      return await calibrateNoise(
        {
          baseline: values.baseline,
          runs: positiveInteger(values.runs, '--runs'),
          repeats: positiveInteger(values.repeats, '--repeats'),
          outDir: outDirOf(values.out, io.env),
          gate: parseGateOptions(values),
          knownVariants: KNOWN_VARIANTS.storage,
        },
        { stdout: io.stdout, stderr: io.stderr, env: io.env, executor: io.executor ?? createChildExecutor(), calibrate: io.calibrate ?? timeCalibration },
      );
    }
    if (command !== undefined && command !== 'run') {
      throw new VarbenchError('USAGE', `Unknown command '${command}'. Commands: run (the default), report, calibrate-noise. Run with --help.`);
    }
    return await runCommand(values, io);
  } catch (error) {
    if (error instanceof VarbenchError) {
      io.stderr.write(`varbench: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug of ours, not a bad input: say so, with the stack for a bug report.
    io.stderr.write(`varbench: unexpected internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.runFailed;
  }
}
