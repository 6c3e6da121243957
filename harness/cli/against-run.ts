/**
 * `--against REF`: the paired gate's part of a run. Before the session: the
 * ref checked out and installed (run/ref-checkout.ts), the settings checked,
 * and an executor that sends each job to its side's code. In the session:
 * rounds of pairs (plan.ts planPairedRound), then, with --budget, more
 * rounds until every cell is decided or the time is spent; the paired
 * analysis (gate/paired.ts) goes into results.json as `paired`.
 *
 * Everything the user typed is checked before any job runs (exit 2), and a
 * ref that cannot run the scenario's jobs is an exit 2 naming the ref, after
 * its first round, with what ran kept in results.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VarbenchError } from '../core/errors.ts';
import { PROJECT_ROOT } from '../core/project-root.ts';
import type { JobResult, JobSpec } from '../core/results.ts';
import { formatMs } from '../core/format.ts';
import { cellsInGroups, type CellCatalogue } from '../gate/cells.ts';
import { analysePairs, DEFAULT_PAIRED_METRICS, minimumPairs } from '../gate/paired.ts';
import { SIDE_A_FOLDER, type PairedRecord, type SideRecord } from '../gate/paired-records.ts';
import type { GateOptions } from '../gate/options.ts';
import { planPairedRound, type Plan } from '../plan/plan.ts';
import { createChildExecutor } from '../run/child-executor.ts';
import { checkoutRef, resolveRef, treeState, type RefCheckout } from '../run/ref-checkout.ts';
import type { JobExecutor } from '../run/runner.ts';
import type { RunSession } from '../run/session.ts';
import type { CliValues } from './args.ts';
import type { CliIo } from './io.ts';

/** Rounds beyond which --budget stops adding pairs even with time left: a cell this stubborn sits on its threshold. */
const MAX_PAIRS = 60;

export interface AgainstSetup {
  readonly checkout: RefCheckout;
  readonly sides: readonly [SideRecord, SideRecord];
  readonly metrics: readonly string[];
  readonly threshold: number;
  readonly alpha: number;
  /** Pairs to run before looking (and all of them without --budget). */
  readonly pairs: number;
  readonly budgetSeconds: number | null;
  readonly executor: JobExecutor;
}

/** --against is a gate of its own; checked before a baseline file is read. */
export function checkAgainstAlone(values: CliValues): void {
  if (values.against !== undefined && (values.baseline !== undefined || values['save-baseline'] !== undefined)) {
    throw new VarbenchError('USAGE', '--against is a gate of its own: leave out --baseline and --save-baseline (or run them separately).');
  }
}

/** "5m", "90s", "1h", "1m30s" -> seconds; a usage error otherwise. */
export function parseBudget(value: string): number {
  const match = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(value.trim());
  const seconds = match ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : NaN;
  if (!match || !(seconds > 0) || value.trim() === '') {
    throw new VarbenchError('USAGE', `--budget expects a time such as 5m, 90s or 1m30s; got '${value}'.`);
  }
  return seconds;
}

/** The subject's module as it is in the other checkout. */
function moduleIn(root: string, module: string): string {
  const file = fileURLToPath(module);
  const relative = path.relative(PROJECT_ROOT, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new VarbenchError('USAGE', `--against compares this project's own subjects; ${file} lies outside ${PROJECT_ROOT}.`);
  }
  return pathToFileURL(path.join(root, relative)).href;
}

/**
 * Sends side A's jobs to the ref's checkout (its subject module, its
 * artifacts under side-A/) and the rest to this tree; each job learns its
 * side (VARBENCH_SIDE).
 */
function sideExecutor(checkout: RefCheckout, injected: JobExecutor | undefined): JobExecutor {
  const a = injected ?? createChildExecutor({ projectRoot: checkout.root, env: { VARBENCH_SIDE: 'A' } });
  const b = injected ?? createChildExecutor({ env: { VARBENCH_SIDE: 'B' } });
  return {
    run: (payload, options) =>
      payload.job.side === 'A'
        ? a.run({ ...payload, subjectModule: moduleIn(checkout.root, payload.subjectModule), runDir: path.join(payload.runDir, SIDE_A_FOLDER) }, options)
        : b.run(payload, options),
  };
}

/**
 * Everything --against needs before the session: the checkout, the cells'
 * settings and the executor; usage errors for what cannot work.
 */
export async function prepareAgainst(
  values: CliValues,
  io: CliIo,
  context: { readonly plan: Plan; readonly catalogue: CellCatalogue | null; readonly gateOptions: GateOptions; readonly builtInScenario: boolean },
): Promise<AgainstSetup> {
  const ref = values.against!;
  const { plan, catalogue, gateOptions } = context;
  if (catalogue === null) {
    throw new VarbenchError('USAGE', `--against compares storage scenarios; '${plan.scenario.name}' is a ${plan.scenario.subject} scenario. Try --scenario ci-gate.`);
  }
  if (plan.quick) {
    throw new VarbenchError('USAGE', '--against with --quick would gate on smoke-run figures; leave out --quick (use --budget to bound the time).');
  }
  const metrics = gateOptions.metrics ?? [...DEFAULT_PAIRED_METRICS];
  const budgetSeconds = values.budget === undefined ? null : parseBudget(values.budget);
  const cellCount = plan.variants.length * cellsInGroups(catalogue.metrics.map((info) => ({ scenario: '', variant: '', metric: info.id })), metrics, catalogue).length;
  const fewest = minimumPairs(cellCount, gateOptions.alpha);
  if (values.repeats !== undefined && plan.repeats < fewest) {
    throw new VarbenchError(
      'USAGE',
      `--repeats ${plan.repeats}: with --against, repeats are pairs, and ${cellCount} cells at --alpha ${gateOptions.alpha} need at least ${fewest} pairs before any interval can be bounded. Give --repeats ${fewest} or more, or fewer --metrics or --variant.`,
    );
  }
  const state = treeState(PROJECT_ROOT);
  const commit = resolveRef(ref, PROJECT_ROOT);
  const checkout = await checkoutRef(ref, commit, { projectRoot: PROJECT_ROOT, env: io.env, log: (line) => io.stderr.write(`${line}\n`) });
  if (context.builtInScenario && !fs.existsSync(path.join(checkout.root, 'scenarios', `${plan.scenario.name}.ts`))) {
    throw new VarbenchError(
      'USAGE',
      `--against ${ref}: ${commit.slice(0, 12)} has no scenario '${plan.scenario.name}' (scenarios/${plan.scenario.name}.ts came later), so its side cannot run this scenario. Compare with a later commit.`,
    );
  }
  return {
    checkout,
    sides: [
      { side: 'A', label: ref, commit, dirty: false },
      { side: 'B', label: 'working tree', commit: state.commit, dirty: state.dirty },
    ],
    metrics,
    threshold: gateOptions.noiseThreshold,
    alpha: gateOptions.alpha,
    pairs: values.repeats !== undefined ? plan.repeats : Math.max(plan.repeats, fewest),
    budgetSeconds,
    executor: sideExecutor(checkout, io.executor),
  };
}

/**
 * The plan's profiled jobs, with a side-A twin of each CPU profile job, so
 * the paired section can show where CPU time moved between the sides.
 */
export function profileJobsOfBothSides(jobs: readonly JobSpec[], planned: number): JobSpec[] {
  const profiled = jobs.filter((job) => job.profile !== null);
  const twins = profiled
    .filter((job) => job.profile?.kind === 'cpu')
    .map((job, i): JobSpec => ({ ...job, id: `${job.id}-A`, index: planned + i, side: 'A' }));
  return [...profiled, ...twins];
}

function sideAFailure(ran: readonly JobResult[]): JobResult | undefined {
  return ran.find((r) => r.side === 'A' && r.status !== 'ok');
}

/**
 * Runs the pairs into `session` and returns the paired record. A side-A job
 * that fails in the first round means the ref cannot run this scenario:
 * exit 2, naming the ref (side B's failures are the run's own, reported as usual).
 */
export async function runPairs(session: RunSession, plan: Plan, setup: AgainstSetup, catalogue: CellCatalogue, io: CliIo): Promise<PairedRecord> {
  const settings = { threshold: setup.threshold, alpha: setup.alpha, metrics: setup.metrics };
  const [a, b] = setup.sides;
  io.stderr.write(
    `paired gate: A = ${a.label} (${a.commit.slice(0, 12)}, ${setup.checkout.install}), B = working tree (${b.commit.slice(0, 12)}${b.dirty ? ' + uncommitted changes' : ''}); ` +
      `${setup.pairs} pairs${setup.budgetSeconds === null ? '' : `, then more until every cell is decided or ${formatMs(setup.budgetSeconds * 1000)} have passed`}\n`,
  );
  const started = performance.now();
  let round = 0;
  const runRound = async (): Promise<void> => {
    round += 1;
    await session.runJobs(planPairedRound(plan, round, session.results.jobs.length));
  };
  await runRound();
  const failed = sideAFailure(session.results.results);
  if (failed && !session.interrupted) {
    throw new VarbenchError(
      'USAGE',
      `--against ${a.label}: side A (${a.commit.slice(0, 12)}) could not run ${failed.id}: ${failed.error?.message.split('\n')[0] ?? failed.status}. ` +
        `The ref's code cannot run this scenario's jobs (it may predate a field the scenario uses); compare with a later commit. What ran is in ${session.resultsPath}.`,
    );
  }
  while (round < setup.pairs && !session.interrupted) await runRound();

  let stoppedBecause: PairedRecord['stoppedBecause'] = session.interrupted ? 'interrupted' : 'fixed pairs';
  let analysis = analysePairs(session.results, catalogue, settings);
  if (setup.budgetSeconds !== null && !session.interrupted) {
    const budgetMs = setup.budgetSeconds * 1000;
    for (;;) {
      // A worse cell decides the gate: more pairs would only spend the budget.
      if (analysis.outcome === 'regressed') {
        stoppedBecause = 'a cell is worse';
        break;
      }
      const undecided = analysis.cells.filter((cell) => cell.decision === 'undecided');
      if (undecided.length === 0) {
        stoppedBecause = 'all cells decided';
        break;
      }
      const elapsed = performance.now() - started;
      const perRound = elapsed / round;
      if (elapsed + perRound > budgetMs) {
        stoppedBecause = 'budget spent';
        break;
      }
      if (round >= MAX_PAIRS) {
        stoppedBecause = 'pair limit';
        break;
      }
      io.stderr.write(
        `after ${round} pairs, ${undecided.length} cell${undecided.length === 1 ? '' : 's'} undecided (${undecided.map((c) => `${c.variant} ${c.label}`).join(', ')}): one more round…\n`,
      );
      await runRound();
      if (session.interrupted) {
        stoppedBecause = 'interrupted';
        break;
      }
      analysis = analysePairs(session.results, catalogue, settings);
    }
  }
  return {
    sides: setup.sides,
    threshold: setup.threshold,
    alpha: setup.alpha,
    metrics: setup.metrics,
    pairs: round,
    budgetSeconds: setup.budgetSeconds,
    stoppedBecause,
    cells: analysis.cells,
    outcome: analysis.outcome,
  };
}
