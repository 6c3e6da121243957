/**
 * argv -> Plan -> run -> write -> exit code. Nothing else lives here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { balanceVariants, checkBalanceSettings, openPathfinderReadOnly, parseFelt, readAddressList } from '../variants/balance/index.ts';
import { checkStoreSettings, storageVariants } from '../variants/storage/index.ts';
import { prepareBalanceData } from './balance-job.ts';
import { createChildExecutor } from './child-executor.ts';
import { collectEnvironment, varbenchVersion } from './environment.ts';
import { EXIT, VarbenchError } from './errors.ts';
import { planRun, PROFILE_KINDS, type RequestedProfile } from './plan.ts';
import { createProgressReporter } from './progress.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type JobResult, type RunResults } from './results.ts';
import type { BalanceSource, Scenario, Subject } from './scenario.ts';
import type { SettingsChecker } from './scenario-validate.ts';
import { runPlan, type JobExecutor } from './runner.ts';
import { listScenarioNames, loadScenario } from './scenario-load.ts';
import { readResults, renderReport, writeResults } from './report/writer.ts';

export const HELP = `varbench — benchmark interchangeable implementations (a SQLite key-value store, a Starknet
balance pipeline) in isolated processes

Usage:
  npm run bench -- --scenario <name|path> [options]
  npm run bench -- report <results.json>      re-render index.html from a results file
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
  --list                      list scenarios and variants, then exit
  --help, -h                  this text
  --version                   print varbench's version

Exit codes:
  0  every job ran and every variant agreed with the expected answers
  1  a job failed: a variant threw, crashed, timed out or disagreed (the others still ran)
  2  usage or input error (unknown scenario or variant, invalid scenario file); nothing ran
  130 interrupted (Ctrl-C): the report covers the jobs that finished

Examples:
  npm run bench -- --scenario mixed-70-20-10
  npm run bench -- --scenario mixed-70-20-10 --variant naive,cached --repeats 5
  npm run bench -- --scenario ./my-scenario.ts --quick
  npm run bench -- --scenario balance-small
`;

export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Injected by tests; the child-process executor otherwise. */
  readonly executor?: JobExecutor;
}

/** Each subject's variants check their own settings; scenario validation asks them before anything runs. */
const checkSettings: SettingsChecker = (subject, variant, settings) =>
  subject === 'balance' ? checkBalanceSettings(variant, settings) : checkStoreSettings(variant, settings);

const KNOWN_VARIANTS: Readonly<Record<Subject, readonly string[]>> = {
  storage: Object.keys(storageVariants),
  balance: Object.keys(balanceVariants),
};

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
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

/**
 * --db PATH --tokens A,B --accounts FILE: a balance scenario on a user's own
 * Pathfinder database, checked before anything runs (the file opens
 * read-only, has the schema, the addresses parse).
 */
function userDatabaseSource(values: ReturnType<typeof parse>['values'], scenario: Scenario): BalanceSource | null {
  const given = [values.db, values.tokens, values.accounts].filter((v) => v !== undefined).length;
  if (given === 0) return null;
  if (scenario.subject !== 'balance') {
    throw new VarbenchError('USAGE', `--db, --tokens and --accounts apply to balance scenarios; '${scenario.name}' is a ${scenario.subject} scenario. Try --scenario balance-small.`);
  }
  if (given !== 3) {
    throw new VarbenchError('USAGE', '--db, --tokens and --accounts go together: --db pathfinder.sqlite --tokens 0x049d...,0x0471... --accounts accounts.txt');
  }
  const source: BalanceSource = {
    kind: 'database',
    path: path.resolve(values.db!),
    tokens: values.tokens!.split(',').map((t) => t.trim()).filter(Boolean),
    accountsFile: path.resolve(values.accounts!),
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

function runId(scenario: string, now: Date): string {
  // Sortable and safe in file names on every OS.
  return `${now.toISOString().replace(/[:.]/g, '-').replace('Z', '')}-${scenario}`;
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

function reportCommand(file: string | undefined, out: string | undefined, io: CliIo): number {
  if (!file) throw new VarbenchError('USAGE', 'report needs the path of a results.json: npm run bench -- report reports/<run-id>/results.json');
  const results = readResults(file);
  const runDir = out ? path.resolve(out) : path.dirname(path.resolve(file));
  if (out) writeResults(runDir, results);
  const rendered = renderReport(runDir, results);
  if (rendered.error) {
    io.stderr.write(`The report could not be rendered: ${rendered.error.stack ?? rendered.error.message}\n`);
    return EXIT.runFailed;
  }
  io.stdout.write(`${rendered.consoleSummary}\nReport: ${rendered.htmlPath}\n`);
  return EXIT.ok;
}

async function runCommand(values: ReturnType<typeof parse>['values'], io: CliIo): Promise<number> {
  if (!values.scenario) {
    throw new VarbenchError('USAGE', `--scenario is required. Known scenarios: ${listScenarioNames().join(', ')}.\nExample: npm run bench -- --scenario mixed-70-20-10`);
  }
  const repeats = positiveInteger(values.repeats, '--repeats');
  const timeoutSeconds = positiveInteger(values.timeout, '--timeout');
  const profile = parseProfiles(values.profile);
  const cpuSamplingIntervalUs = positiveInteger(values['cpu-sampling-interval'], '--cpu-sampling-interval');
  const loaded = (await loadScenario(values.scenario, KNOWN_VARIANTS, checkSettings)).scenario;
  const variants = parseVariants(values.variant, KNOWN_VARIANTS[loaded.subject]);
  const database = userDatabaseSource(values, loaded);
  const scenario: Scenario = database && loaded.subject === 'balance' ? { ...loaded, source: database } : loaded;
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

  const startedAt = new Date();
  const id = runId(scenario.name, startedAt);
  const runDir = path.resolve(values.out ?? 'reports', id);
  const console = values.json ? io.stderr : io.stdout;
  let results: RunResults = {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: id,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    scenario: plan.scenario,
    options: { quick: plan.quick, repeats: plan.repeats, variants: plan.variants, profile: profile ?? [] },
    environment: collectEnvironment(),
    jobs: plan.jobs,
    results: [],
    calibration: null,
    targets: null,
    gate: null,
  };
  let resultsPath: string;
  try {
    resultsPath = writeResults(runDir, results);
  } catch (error) {
    throw new VarbenchError(
      'USAGE',
      `Cannot write the report folder ${runDir}: ${(error as Error).message}. Pass --out with a folder you can write to.`,
      { cause: error },
    );
  }
  if (plan.scenario.subject === 'balance' && plan.scenario.source.kind === 'generated') {
    // Generate (or find in the cache) the dataset here, once: otherwise the
    // first job would pay for it inside its timeout and its peak memory.
    io.stderr.write('preparing the balance dataset (generated once, then read from the cache)…\n');
    try {
      prepareBalanceData(plan.scenario);
    } catch (error) {
      throw new VarbenchError('INVALID_SCENARIO', `Could not generate the dataset of ${scenario.name}: ${(error as Error).message}`, { cause: error });
    }
  }
  const interactive = Boolean(io.stderr.isTTY) && !io.env.CI;
  const progress = createProgressReporter({ stream: io.stderr, interactive, totalJobs: plan.jobs.length, repeats: plan.repeats });
  io.stderr.write(
    `varbench ${scenario.name}${plan.quick ? ' (quick)' : ''}: ${plan.variants.join(', ')} × ${plan.repeats} repeat${plan.repeats === 1 ? '' : 's'}, one process per job\n` +
      `results: ${resultsPath}\n`,
  );

  // First Ctrl-C: let the running job finish, then report what finished.
  // Second: stop now; results.json already holds every finished job.
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) {
      io.stderr.write(`\nStopped. Finished jobs are in ${resultsPath}\n`);
      process.exit(130);
    }
    interrupted = true;
    io.stderr.write('\nInterrupted: the running job finishes, then the report is written (Ctrl-C again to stop now)…\n');
  };
  process.on('SIGINT', onSigint);
  try {
    await runPlan(plan, { executor: io.executor ?? createChildExecutor(), runDir }, {
      onJobStart: (job) => progress.jobStarted(job),
      onMessage: (job, message) => progress.message(job, message),
      onJobDone: (result, finished: readonly JobResult[]) => {
        progress.jobFinished(result);
        results = { ...results, results: [...finished] };
        writeResults(runDir, results);
      },
      shouldStop: () => interrupted,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }

  results = { ...results, finishedAt: new Date().toISOString() };
  writeResults(runDir, results);
  const rendered = renderReport(runDir, results);
  if (rendered.error) {
    io.stderr.write(`Warning: the HTML report could not be rendered (${rendered.error.message}); the results are safe in ${resultsPath}.\n`);
  } else {
    console.write(`\n${rendered.consoleSummary}\nReport: ${rendered.htmlPath}\n`);
  }
  if (values.json) io.stdout.write(`${resultsPath}\n`);

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
  if (interrupted) return 130;
  return failed.length > 0 || disagreements.length > 0 ? EXIT.runFailed : EXIT.ok;
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
    if (command !== undefined && command !== 'run') {
      throw new VarbenchError('USAGE', `Unknown command '${command}'. Commands: run (the default), report. Run with --help.`);
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
