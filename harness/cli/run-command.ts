/**
 * The default command: a scenario's jobs, each in its own process, then the
 * subject's analysis, the target checks, the baseline gate, the report and
 * the exit code. The order matters and is the point of this file:
 *   1. everything the user typed is checked before anything runs (exit 2);
 *   2. the exit code is decided from the analysis, before rendering, so a
 *      renderer that fails can never turn a failed run green;
 *   3. results.json is on disk after every job, whatever happens later.
 */
import path from 'node:path';
import { createChildExecutor } from '../run/child-executor.ts';
import { runJobsCalibrated } from '../run/calibrated-jobs.ts';
import { runGate } from '../gate/gate.ts';
import { baselineFile, readBaselineFile } from '../gate/baseline-store.ts';
import { displayPath, PROJECT_ROOT, resolveUserPath } from '../core/user-paths.ts';
import { VarbenchError } from '../core/errors.ts';
import { planConfirmation, planRun, type Plan, type RequestedProfile } from '../plan/plan.ts';
import type { Scenario } from '../core/scenario.ts';
import type { RunResults } from '../core/results.ts';
import { listScenarioNames, loadScenario } from '../plan/scenario-load.ts';
import { loadTargets } from '../plan/targets-load.ts';
import { RunSession } from '../run/session.ts';
import { allSubjects, subjectNamed } from '../subjects/registry.ts';
import type { AnySubject } from '../subjects/subject.ts';
import { buildReportModel } from '../report/model.ts';
import { writeReport } from '../report/writer.ts';
import { parseProfiles, parseVariants, positiveInteger, type CliValues } from './args.ts';
import { saveBaseline } from './baseline-save.ts';
import { exitCodeOf } from './exit-code.ts';
import { parseGateOptions } from './gate-options.ts';
import type { CliIo } from './io.ts';
import { timeCalibration } from './calibration-clock.ts';
import { appendStepSummary } from './step-summary.ts';
import { checkAgainstAlone, prepareAgainst, profileJobsOfBothSides, runPairs, type AgainstSetup } from './against-run.ts';

/**
 * A baseline gate that could not judge: the baseline is not comparable, or
 * a flagged cell stayed inconclusive in the confirmation round.
 */
function cannotJudge(gate: RunResults['gate']): boolean {
  if (gate === null || gate.outcome === 'regressed') return false;
  return gate.outcome === 'not comparable' || (gate.confirmation?.inconclusive.length ?? 0) > 0;
}

/** --out as the user meant it (from their folder); by default the package's reports/. */
export function outDirOf(out: string | undefined, env: NodeJS.ProcessEnv): string {
  return out === undefined ? path.join(PROJECT_ROOT, 'reports') : resolveUserPath(out, env);
}

/**
 * The scenario as the subject's own options change it (balance: --db ...);
 * options of another subject are a usage error that names a scenario they fit.
 */
function withSubjectOptions(scenario: Scenario, subject: AnySubject, values: CliValues, env: NodeJS.ProcessEnv): Scenario {
  let result = scenario;
  for (const [owner, given] of Object.entries(values.subjectOptions)) {
    const names = Object.keys(given).map((name) => `--${name}`);
    const declared = subjectNamed(owner, 'a command-line option').options!;
    if (owner !== subject.name) {
      const all = Object.keys(declared.options).map((name) => `--${name}`);
      throw new VarbenchError(
        'USAGE',
        `${all.slice(0, -1).join(', ')}${all.length > 1 ? ' and ' : ''}${all.at(-1)} apply to ${owner} scenarios; '${scenario.name}' is a ${scenario.subject} scenario. Try --scenario ${declared.exampleScenario}.`,
      );
    }
    if (names.length > 0) {
      result = declared.apply(result, given, {
        env,
        resolvePath: (given) => resolveUserPath(given, env),
        displayPath: (file) => displayPath(file, env),
      });
    }
  }
  return result;
}

interface Planned {
  readonly plan: Plan;
  readonly subject: AnySubject;
  /** The scenario as its file declares it (its name is a known scenario even when it came from a path). */
  readonly loaded: Scenario;
  readonly profile: readonly RequestedProfile[];
}

/** The scenario, variants and plan a run's options ask for, checked before anything runs. */
async function planFromOptions(values: CliValues, env: NodeJS.ProcessEnv): Promise<Planned> {
  if (!values.scenario) {
    throw new VarbenchError('USAGE', `--scenario is required. Known scenarios: ${listScenarioNames().join(', ')}.\nExample: npm run bench -- --scenario mixed-70-20-10`);
  }
  const repeats = positiveInteger(values.repeats, '--repeats');
  const timeoutSeconds = positiveInteger(values.timeout, '--timeout');
  const profile = parseProfiles(values.profile);
  const cpuSamplingIntervalUs = positiveInteger(values['cpu-sampling-interval'], '--cpu-sampling-interval');
  const loaded = (await loadScenario(values.scenario, env)).scenario;
  const subject = subjectNamed(loaded.subject, `scenario '${loaded.name}'`);
  const variants = parseVariants(values.variant, Object.keys(subject.variants));
  const scenario = withSubjectOptions(loaded, subject, values, env);
  const plan = planRun(timeoutSeconds === undefined ? scenario : { ...scenario, timeoutMs: timeoutSeconds * 1000 }, {
    quick: values.quick,
    ...(variants ? { variants } : {}),
    ...(repeats ? { repeats } : {}),
    ...(profile ? { profile } : {}),
    ...(cpuSamplingIntervalUs ? { cpuSamplingIntervalUs } : {}),
  });
  return { plan, subject, loaded, profile: profile ?? [] };
}

export async function runCommand(values: CliValues, io: CliIo): Promise<number> {
  const { plan, subject, loaded, profile } = await planFromOptions(values, io.env);
  const scenario = plan.scenario;
  const gate = subject.gate;
  const gateOptions = parseGateOptions(values, gate?.cells ?? null);
  // The run's own scenario is known even when it came from a file outside scenarios/.
  const knownScenarios = [...new Set([...listScenarioNames(), loaded.name])];
  // Targets are validated on every run (a typo must fail before anything runs); subjects with a gate check them.
  const allVariants = [...new Set(allSubjects().flatMap((s) => Object.keys(s.variants)))];
  const validators = allSubjects().flatMap((s) => (s.gate ? [s.gate.validateTargets] : []));
  const targets = await loadTargets(values.targets, knownScenarios, allVariants, validators, io.env);
  checkAgainstAlone(values);
  const compareWith = values.baseline === undefined ? null : baselineFile(values.baseline, '--baseline', undefined, io.env);
  const saveTo = values['save-baseline'] === undefined ? null : baselineFile(values['save-baseline'], '--save-baseline', undefined, io.env);
  if ((compareWith !== null || saveTo !== null) && gate === null) {
    const withGate = allSubjects().filter((s) => s.gate !== null).map((s) => s.name);
    throw new VarbenchError('USAGE', `Baselines cover ${withGate.join(' and ')} scenarios; '${scenario.name}' is a ${scenario.subject} scenario. Try --scenario mixed-70-20-10.`);
  }
  const baseline = compareWith === null ? null : readBaselineFile(compareWith);
  const builtInScenario = listScenarioNames().includes(values.scenario ?? '');
  const against = values.against === undefined ? null : await prepareAgainst(values, io, { plan, catalogue: gate?.cells ?? null, gateOptions, builtInScenario });

  // Before the session exists, so Ctrl-C still stops a long preparation at once.
  const preparation = subject.prepare?.(scenario, { stderr: io.stderr, env: io.env, displayPath: (file) => displayPath(file, io.env) }) ?? {};
  try {
    return await runPrepared({ values, io, plan, subject, knownScenarios, targets, gateOptions, compareWith, saveTo, baseline, profile, against });
  } finally {
    preparation.finish?.();
  }
}

interface Prepared {
  readonly values: CliValues;
  readonly io: CliIo;
  readonly plan: Plan;
  readonly subject: AnySubject;
  readonly knownScenarios: readonly string[];
  readonly targets: Awaited<ReturnType<typeof loadTargets>>;
  readonly gateOptions: ReturnType<typeof parseGateOptions>;
  readonly compareWith: string | null;
  readonly saveTo: string | null;
  readonly baseline: ReturnType<typeof readBaselineFile> | null;
  readonly profile: readonly RequestedProfile[];
  readonly against: AgainstSetup | null;
}

async function runPrepared(run: Prepared): Promise<number> {
  const { values, io, plan, subject, baseline, compareWith, saveTo, against } = run;
  const scenario = plan.scenario;
  // --against: the timed repeats become pairs of side A and B jobs, planned round by round.
  const listed = against === null ? plan : { ...plan, jobs: plan.jobs.filter((job) => job.reference || job.profile) };
  const executor = against?.executor ?? io.executor ?? createChildExecutor();
  const session = new RunSession(listed, { stderr: io.stderr, env: io.env, executor }, {
    outDir: outDirOf(values.out, io.env),
    profile: run.profile,
  });
  const console = values.json ? io.stderr : io.stdout;
  try {
    const repeats = against === null ? `${plan.repeats} repeat${plan.repeats === 1 ? '' : 's'}` : `${against.pairs}+ pairs (A, B)`;
    io.stderr.write(
      `varbench ${scenario.name}${plan.quick ? ' (quick)' : ''}: ${plan.variants.join(', ')} × ${repeats}, one process per job\n` +
        `results: ${session.resultsPath}\n`,
    );
    if (against !== null && subject.gate !== null) {
      await session.runJobs(plan.jobs.filter((job) => job.reference));
      const paired = await runPairs(session, plan, against, subject.gate.cells, io);
      session.update((r) => ({ ...r, paired }));
      if (!session.interrupted) await session.runJobs(profileJobsOfBothSides(plan.jobs, session.results.jobs.length));
    } else if (compareWith !== null || saveTo !== null) await runJobsCalibrated(session, plan.jobs, io.calibrate ?? timeCalibration);
    else await session.runJobs(plan.jobs);
    if (subject.gate !== null) {
      const checks = subject.gate.checkTargets(run.targets.set, subject.analyze(session.results), scenario.name, run.knownScenarios);
      session.update((r) => ({ ...r, targets: { name: run.targets.set.name, file: run.targets.file, checks, enforced: values.check } }));
    }
    if (baseline !== null && compareWith !== null && subject.gate !== null && !session.interrupted) {
      const shownBaseline = displayPath(compareWith, io.env);
      io.stderr.write(`comparing with baseline ${baseline.name} (${shownBaseline})…\n`);
      const gate = await runGate({
        results: session.results,
        baseline,
        cells: subject.gate.cells,
        baselineFile: shownBaseline,
        options: run.gateOptions,
        targetThresholds: subject.gate.noiseThresholds(run.targets.set),
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
  const saveFailed = saveTo !== null && subject.gate !== null && !saveBaseline(saveTo, results, session.interrupted, subject.gate.cells, io);
  // The verdicts come from the analysis, before anything is rendered.
  const model = buildReportModel(results, subject, new Date().toISOString());
  const failed = results.results.filter((r) => r.status !== 'ok' && !r.profile);

  const rendered = writeReport(session.runDir, model);
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
  if (failed.length > 0) {
    io.stderr.write(`${failed.length} job${failed.length === 1 ? '' : 's'} failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}\n`);
  }
  for (const failure of model.runFailures) io.stderr.write(`${failure}\n`);
  for (const id of results.gate?.confirmation?.inconclusive ?? []) {
    io.stderr.write(`warning: ${id} was worse again in the confirmation round, but these repeats cannot decide it (see the report); use more --repeats for baseline and gate\n`);
  }
  if (results.gate?.outcome === 'not comparable') {
    io.stderr.write(
      `warning: baseline ${results.gate.baseline.name} is not comparable with this run, so the gate checked nothing: ${results.gate.comparability.reasons.join('; ')}` +
        `${values['allow-incomparable'] ? '' : ' (exit 5; --allow-incomparable to accept)'}\n`,
    );
  }
  if (session.interrupted) return session.interruptedExitCode;
  return exitCodeOf({
    runFailed: failed.length > 0 || model.runFailures.length > 0 || saveFailed,
    targetFailed: values.check && (results.targets?.checks.some((check) => check.status === 'fail') ?? false),
    regressed: results.gate?.outcome === 'regressed' || results.paired?.outcome === 'regressed',
    // A gate that could not judge must not pass silently (exit 5), unless the user opted out.
    undecided:
      !values['allow-incomparable'] &&
      (results.paired?.outcome === 'undecided' ||
        cannotJudge(results.gate) ||
        (values.check && (results.targets?.checks.some((check) => check.status === 'undecided') ?? false))),
  });
}
