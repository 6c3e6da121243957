/**
 * A storage job, inside its child process: open -> load dataset -> verify ->
 * warm up -> measure -> verify-after -> close. Any error becomes a failed
 * result naming the phase it happened in. verify-after checks the store
 * against a replay of the ops it ran (workload/verify-after.ts), so a variant
 * that goes wrong while it is timed is reported failed, not fast.
 */
import { performance } from 'node:perf_hooks';
import { referenceVariants, storageVariants } from '../../../variants/storage/index.ts';
import type { Store, StoreVariant } from '../../../variants/storage/store.ts';
import { collectEnvironment } from '../../core/environment.ts';
import type { JobPayload, JobPhase } from '../../run/job.ts';
import { inPhase, jobErrorOf, send } from '../../run/job-phases.ts';
import { monotonicClock } from '../../instruments/clock.ts';
import { drive } from './driver.ts';
import { latencySampleOffset } from './sample-offset.ts';
import { PhaseInstruments } from '../../instruments/phase-instruments.ts';
import type { RuntimeFigures } from '../../core/results.ts';
import type { StorageJobResult } from './measure.ts';
import type { MeasureResult, OpTypeResult, PhaseTimes } from './measure.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_LATENCY_SAMPLE_EVERY, DEFAULT_SCAN_LENGTH, type OpType, type StorageScenario } from './scenario.ts';
import { loadDataset } from './workload/dataset.ts';
import { keyOf } from './workload/keys.ts';
import { buildTrace, declaredMixFractions, OP_CODES, OP_NAMES, scenarioTraceOptions, traceItems } from './workload/trace.ts';
import { settle } from './workload/settle.ts';
import { verifyStore } from './workload/verify.ts';
import { verifyAfterMeasure } from './workload/verify-after.ts';
import { ObservedGets } from './workload/observed-gets.ts';

const TICK_INTERVAL_NS = 100_000_000;
/**
 * The warmup draws its own op sequence (replaying the measured one would
 * pre-warm exactly the ops about to be timed) over the same hot keys
 * (traceOptions.popularitySeed).
 */
const WARMUP_SEED_OFFSET = 0x9e3779b9;

function findVariant(name: string): StoreVariant {
  const all: Record<string, StoreVariant> = { ...storageVariants, ...referenceVariants };
  const variant = all[name];
  if (!variant) throw new Error(`unknown variant '${name}' (known: ${Object.keys(all).join(', ')})`);
  return variant;
}

function counterDeltas(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) deltas[name] = value - (before[name] ?? 0);
  return deltas;
}

export async function runStorageJob(payload: JobPayload, scenario: StorageScenario): Promise<StorageJobResult> {
  const { job } = payload;
  const startedAt = new Date().toISOString();
  const wallStart = performance.now();
  const environment = collectEnvironment();
  let store: Store | undefined;
  const instruments = new PhaseInstruments(job.profile, { runDir: payload.runDir, variant: job.variant });
  const phases: { -readonly [K in keyof PhaseTimes]: number } = {
    openMs: 0, loadMs: 0, verifyMs: 0, warmupMs: 0, warmupOperations: 0, verifyAfterMs: 0, closeMs: 0,
  };
  const timed = async <T>(phase: JobPhase, field: keyof PhaseTimes | null, work: () => Promise<T>): Promise<T> => {
    await send({ type: 'progress', phase, done: 0, total: 0 });
    const t0 = performance.now();
    const value = await inPhase(phase, work);
    if (field) phases[field] = performance.now() - t0;
    return value;
  };

  try {
    const variant = findVariant(job.variant);
    const settings = scenario.settings?.[job.variant];
    store = await timed('open', 'openMs', () => variant.open(settings ? { settings } : {}));
    const opened = store;
    const { dataset, workload } = scenario;
    await timed('load', 'loadMs', () =>
      loadDataset(opened, dataset, {
        onProgress: (loaded) => void send({ type: 'progress', phase: 'load', done: loaded, total: dataset.records }),
      }),
    );
    await timed('verify', 'verifyMs', async () => {
      // The no-op reference store answers nothing by design; it exists only to time the harness.
      if (job.reference) return;
      const disagreements = await verifyStore(opened, dataset, { seed: dataset.seed });
      if (disagreements.length > 0) {
        throw new Error(`the store disagrees with the expected answers:\n- ${disagreements.slice(0, 10).join('\n- ')}`);
      }
    });

    const keys = Array.from({ length: dataset.records }, (_, i) => keyOf(i));
    const traceOptions = scenarioTraceOptions(scenario);
    const common = {
      store: opened, keys, concurrency: workload.concurrency, scanLength: workload.scanLength ?? DEFAULT_SCAN_LENGTH,
      tickIntervalNs: TICK_INTERVAL_NS, clock: monotonicClock,
    };
    const warmupTrace = buildTrace({ ...traceOptions, operations: scenario.warmup.operations, seed: (dataset.seed + WARMUP_SEED_OFFSET) >>> 0 });
    const warmup = await timed('warmup', 'warmupMs', () =>
      drive({
        ...common,
        trace: warmupTrace,
        operations: scenario.warmup.operations,
        maxDurationNs: scenario.warmup.maxDurationMs * 1e6,
        sampleEvery: 0,
      }),
    );
    phases.warmupOperations = warmup.operations;

    const trace = buildTrace({ ...traceOptions, operations: workload.operations, seed: dataset.seed });
    // Every job observes, the no-op reference included, so the harness overhead it measures includes this.
    const observed = new ObservedGets();
    let positions = 0;
    const measure = await timed('measure', null, async () => {
      const sampling = latencySamplingOf(scenario, job.repeat);
      // The driver reports items done (a batch op counts its puts), so the progress total is in items too.
      const totalItems = traceItems(trace, workload.operations);
      const countersBefore = opened.counters?.() ?? {};
      await instruments.start();
      let result: Awaited<ReturnType<typeof drive>> | undefined;
      try {
        result = await drive({
          ...common,
          trace,
          operations: workload.operations,
          maxDurationNs: workload.durationMs === undefined ? null : workload.durationMs * 1e6,
          sampleEvery: sampling.every,
          sampleOffset: sampling.offset,
          finish: () => opened.flush(),
          observeGets: observed,
          onTick: (done) => void send({ type: 'progress', phase: 'measure', done, total: totalItems }),
        });
      } finally {
        await instruments.stopProfiling(result?.operations ?? 0);
      }
      const figures = await instruments.finish(result.operations);
      positions = result.positions;
      const counters = counterDeltas(countersBefore, opened.counters?.() ?? {});
      return toMeasureResult(scenario, sampling, result, { ...figures, counters });
    });

    // After the phase's meters stopped: its cost is in verifyAfterMs, not in the measured time.
    await timed('verify-after', 'verifyAfterMs', async () => {
      if (job.reference) return;
      const disagreements = await verifyAfterMeasure(opened, {
        dataset,
        warmup: { trace: warmupTrace, positions: warmup.positions },
        measured: { trace, positions },
        observed: observed.gets,
        seed: dataset.seed,
      });
      if (disagreements.length > 0) {
        // The first disagreement on the first line: the console's progress line shows only that.
        const [first, ...rest] = disagreements;
        throw new Error(
          `the store disagrees with a replay of the ops it ran (${warmup.positions} warmup and ${positions} measured ops): ${first}` +
            (rest.length > 0 ? `\n- ${rest.join('\n- ')}` : ''),
        );
      }
    });

    await timed('close', 'closeMs', async () => {
      store = undefined;
      await settle(opened.close());
    });

    return {
      ...job, status: 'ok', startedAt, wallMs: performance.now() - wallStart, environment, phases, measure, error: null,
      ...(instruments.findings ? { findings: instruments.findings } : {}),
    };
  } catch (error) {
    if (store) {
      try {
        await settle(store.close());
      } catch {
        // The original error is what matters; the temp folder is the OS's to clean now.
      }
    }
    return {
      ...job,
      status: 'failed',
      startedAt,
      wallMs: performance.now() - wallStart,
      environment,
      phases,
      measure: null,
      ...(instruments.findings ? { findings: instruments.findings } : {}),
      error: jobErrorOf(error),
    };
  }
}

interface MeasuredFigures extends RuntimeFigures {
  readonly counters: Record<string, number>;
}

interface LatencySampling {
  readonly every: number;
  readonly offset: number;
}

/**
 * 1 in 8 ops timed by default: ~30 ns of clock cost per op on average,
 * against a few µs for the fastest store; a scenario of slow ops may time
 * all. Which 1 in 8 depends on the repeat (sample-offset.ts), so repeats
 * time different ops of the same trace.
 */
export function latencySamplingOf(scenario: StorageScenario, repeat: number): LatencySampling {
  const every = scenario.workload.latencySampleEvery ?? DEFAULT_LATENCY_SAMPLE_EVERY;
  return { every, offset: latencySampleOffset(scenario.dataset.seed, repeat, every) };
}

function toMeasureResult(
  scenario: StorageScenario,
  sampling: LatencySampling,
  result: Awaited<ReturnType<typeof drive>>,
  figures: MeasuredFigures,
): MeasureResult {
  const { gc, counters } = figures;
  const sampleEvery = sampling.every;
  const opTypes: Partial<Record<OpType, OpTypeResult>> = {};
  const achievedMix: Partial<Record<OpType, number>> = {};
  // Counts are items (a batch op counts its batchSize puts, as throughput
  // does); the achieved mix is in ops (calls), like the declared mix it sits
  // next to: { get: 50, batch: 50 } should read 50/50, not 1/99.
  const batchSize = scenario.workload.batchSize ?? DEFAULT_BATCH_SIZE;
  const callsOf = (code: number): number => {
    const count = result.counts[code] ?? 0;
    return code === OP_CODES.batch ? count / batchSize : count;
  };
  let calls = 0;
  OP_NAMES.forEach((_, code) => (calls += callsOf(code)));
  OP_NAMES.forEach((name, code) => {
    const count = result.counts[code] ?? 0;
    if (count === 0) return;
    opTypes[name] = { count, latency: result.latency.summary(code) };
    achievedMix[name] = callsOf(code) / calls;
  });
  const hits = counters.cacheHits;
  const misses = counters.cacheMisses;
  const lookups = (hits ?? 0) + (misses ?? 0);
  return {
    operations: result.operations,
    durationNs: result.durationNs,
    flushNs: result.finishNs,
    throughputOpsPerSec: (result.operations * 1e9) / result.durationNs,
    latencySampling:
      sampleEvery === 1
        ? `every op timed individually (two clock reads each); throughput from the phase's wall time`
        : `1 in ${sampleEvery} ops timed individually (two clock reads each; a different 1 in ${sampleEvery} in each repeat); throughput from the phase's wall time, without per-op clocks`,
    latencySampleEvery: sampleEvery,
    latencySampleOffset: sampling.offset,
    opTypes,
    declaredMix: declaredMixFractions(scenario.workload.mix),
    achievedMix,
    timeline: result.timeline,
    memory: result.memory.result(),
    gc,
    counters,
    hitRatio: hits !== undefined && misses !== undefined && lookups > 0 ? hits / lookups : null,
    eventLoopDelay: figures.eventLoopDelay,
    retainedGrowth: figures.retainedGrowth,
    allocation: figures.allocation,
    ...(figures.cpu ? { cpu: figures.cpu } : {}),
  };
}
