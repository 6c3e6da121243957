/**
 * Builders of RunResults for tests of analysis and report code.
 *
 * `sampleRunResults()` is a realistic small run: scenario "kv-mixed" with
 * variants naive, batched and cached (3 repeats each, interleaved as the
 * planner does), one reference job (the no-op store, variant "noop") and one
 * failed job (batched, repeat 1, failed in verify). Latency histograms are
 * real hdr-histogram-js encodings built with the recorder's settings.
 * `SAMPLE_RUN` holds the numbers it was built from, for exact expectations.
 *
 * `makeRunResults(jobs)` builds any other run from per-job specs.
 */
import * as hdr from 'hdr-histogram-js';
import { HISTOGRAM_SETTINGS } from '../../harness/instruments/latency-recorder.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type Environment, type JobError, type JobResult, type JobSpec, type JobStatus, type LatencySummary, type MemorySample, type RunResults, type Side } from '../../harness/core/results.ts';
import { type MeasureResult, type StorageJobResult, type StorageRunResults, type OpTypeResult, type TimelinePoint } from '../../harness/subjects/storage/measure.ts';
import { OP_TYPES, type OpType, type StorageScenario } from '../../harness/subjects/storage/scenario.ts';
import { type Scenario } from '../../harness/core/scenario.ts';
import { latencySummaryOf as summaryOfHistogram } from '../../harness/stats/latency-summary.ts';

/** Encodes the given latencies (ns), each recorded once, as LatencySummary.histogram does. */
export function encodeLatencies(valuesNs: readonly number[]): string {
  const histogram = hdr.build(HISTOGRAM_SETTINGS);
  try {
    for (const v of valuesNs) histogram.recordValue(v);
    return hdr.encodeIntoCompressedBase64(histogram);
  } finally {
    histogram.destroy();
  }
}

/** A LatencySummary as harness/instruments/latency-recorder.ts produces it, from raw values. */
export function latencySummaryOf(valuesNs: readonly number[]): LatencySummary {
  const histogram = hdr.build(HISTOGRAM_SETTINGS);
  try {
    for (const v of valuesNs) histogram.recordValue(v);
    return summaryOfHistogram(histogram);
  } finally {
    histogram.destroy();
  }
}

/**
 * `count` latencies spread evenly over [baseNs, 2·baseNs) plus one 10·baseNs
 * outlier at the end, a crude but realistic right-skewed shape.
 */
export function latencySeries(baseNs: number, count: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < count - 1; i++) values.push(Math.round(baseNs + (baseNs * i) / count));
  if (count > 0) values.push(baseNs * 10);
  return values;
}

export function makeEnvironment(): Environment {
  return {
    node: 'v20.19.0',
    v8: '11.3.244.8-node.29',
    execArgv: ['--expose-gc'],
    platform: 'linux',
    osRelease: '6.8.0',
    arch: 'x64',
    cpuModel: 'Fixture CPU @ 3.00GHz',
    cpu: { vendor: 'GenuineFixture', family: '6', model: '85', stepping: '7', modelName: 'Fixture CPU @ 3.00GHz', flags: 'avx2 fpu sse2', mhz: 3000 },
    cpuCount: 2,
    totalMemoryBytes: 8 * 1024 ** 3,
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    gitDirty: false,
    varbenchVersion: '0.1.0',
    packages: { 'better-sqlite3': '12.6.2', 'hdr-histogram-js': '3.0.1' },
  };
}

export function makeScenario(overrides?: Partial<StorageScenario>): StorageScenario {
  return {
    name: 'kv-mixed',
    description: 'Point reads and writes over a zipfian key space',
    subject: 'storage',
    dataset: { records: 10_000, valueBytes: 100, keyDistribution: { kind: 'zipfian', constant: 0.99, scrambled: true }, seed: 42 },
    workload: { mix: { get: 70, put: 20, delete: 10 }, operations: 30_000, concurrency: 1 },
    warmup: { operations: 3_000, maxDurationMs: 5_000 },
    repeats: 3,
    ...overrides,
  };
}

export interface MeasureSpec {
  readonly throughputOpsPerSec: number;
  /** Ops per type; default: the scenario's mix applied to its operation count. */
  readonly opCounts?: Partial<Record<OpType, number>>;
  /** Timed latencies per type (ns); default: latencySeries(defaultLatencyBaseNs, count / sampleEvery). */
  readonly latencyNs?: Partial<Record<OpType, readonly number[]>>;
  /** Base of the default latency series; default 1e9 / throughput. */
  readonly latencyBaseNs?: number;
  readonly latencySampleEvery?: number;
  readonly hitRatio?: number | null;
  readonly counters?: Record<string, number>;
  readonly peakHeapUsedBytes?: number;
  readonly peakRssBytes?: number;
  readonly gcCount?: number;
  readonly gcTotalPauseMs?: number;
  /** Bytes allocated per op (GC accounting); default 300. */
  readonly bytesPerOp?: number;
  /** CPU time per op of the phase; default: none recorded (as before results schema 6). */
  readonly cpuPerOpNs?: number;
}

function declaredMixOf(scenario: StorageScenario): Partial<Record<OpType, number>> {
  const mix = scenario.workload.mix;
  let total = 0;
  for (const op of OP_TYPES) total += mix[op] ?? 0;
  const fractions: Partial<Record<OpType, number>> = {};
  for (const op of OP_TYPES) if (mix[op] !== undefined) fractions[op] = mix[op]! / total;
  return fractions;
}

export function makeMeasure(spec: MeasureSpec, anyScenario: Scenario = makeScenario()): MeasureResult {
  const scenario = anyScenario.subject === 'storage' ? (anyScenario as StorageScenario) : makeScenario();
  const declaredMix = declaredMixOf(scenario);
  const sampleEvery = spec.latencySampleEvery ?? 16;
  const opCounts: Partial<Record<OpType, number>> = spec.opCounts ?? {};
  if (spec.opCounts === undefined) {
    for (const op of OP_TYPES) {
      const share = declaredMix[op];
      if (share !== undefined) opCounts[op] = Math.round(share * scenario.workload.operations);
    }
  }
  const baseNs = spec.latencyBaseNs ?? Math.round(1e9 / spec.throughputOpsPerSec);
  let operations = 0;
  for (const op of OP_TYPES) operations += opCounts[op] ?? 0;

  const opTypes: Partial<Record<OpType, OpTypeResult>> = {};
  const achievedMix: Partial<Record<OpType, number>> = {};
  for (const op of OP_TYPES) {
    const count = opCounts[op];
    if (count === undefined) continue;
    const values = spec.latencyNs?.[op] ?? latencySeries(baseNs, Math.ceil(count / sampleEvery));
    opTypes[op] = { count, latency: values.length === 0 ? null : latencySummaryOf(values) };
    achievedMix[op] = operations === 0 ? 0 : count / operations;
  }

  const durationNs = Math.round((operations / spec.throughputOpsPerSec) * 1e9);
  const durationMs = durationNs / 1e6;
  const timeline: TimelinePoint[] = [];
  const samples: MemorySample[] = [];
  const peakHeap = spec.peakHeapUsedBytes ?? 40_000_000;
  const peakRss = spec.peakRssBytes ?? 120_000_000;
  for (let t = 100; t <= Math.max(100, durationMs); t += 100) {
    timeline.push({ tMs: t, opsPerSec: spec.throughputOpsPerSec });
    samples.push({ tMs: t, heapUsedBytes: peakHeap, rssBytes: peakRss, externalBytes: 1_000_000 });
  }

  return {
    operations,
    durationNs,
    flushNs: 0,
    throughputOpsPerSec: spec.throughputOpsPerSec,
    latencySampling: sampleEvery === 1 ? 'every op timed' : `1 in ${sampleEvery} ops timed`,
    latencySampleEvery: sampleEvery,
    opTypes,
    declaredMix,
    achievedMix,
    timeline,
    memory: { samples, peakHeapUsedBytes: peakHeap, peakRssBytes: peakRss, peakExternalBytes: 1_000_000 },
    counters: spec.counters ?? {},
    hitRatio: spec.hitRatio ?? null,
    ...makeRuntimeFigures(operations, { gcCount: spec.gcCount ?? 10, gcTotalPauseMs: spec.gcTotalPauseMs ?? 12 }, spec.bytesPerOp),
    ...(spec.cpuPerOpNs === undefined
      ? {}
      : { cpu: { userMs: (spec.cpuPerOpNs * operations) / 1e6, systemMs: 0, perOpNs: spec.cpuPerOpNs } }),
  };
}

export interface JobFixture {
  readonly variant: string;
  readonly repeat: number;
  readonly reference?: boolean;
  /** Default 'ok'. */
  readonly status?: JobStatus;
  /** Default: null for ok jobs, a generic error in phase 'measure' otherwise. */
  readonly error?: JobError | null;
  /** Default: null unless status is 'ok' (then required). */
  readonly measure?: MeasureSpec | null;
  /** --against runs: the side whose code ran the job. */
  readonly side?: Side;
}

export function makeRunResults(
  jobs: readonly JobFixture[],
  options?: { readonly scenario?: Scenario; readonly runId?: string },
): StorageRunResults {
  const scenario = options?.scenario ?? makeScenario();
  const environment = makeEnvironment();
  const specs: JobSpec[] = jobs.map((job, index) => ({
    id: `${scenario.name}/${job.variant}/${job.repeat}${job.side ?? ""}`,
    index,
    scenario: scenario.name,
    variant: job.variant,
    repeat: job.repeat,
    reference: job.reference ?? false,
    profile: null,
    ...(job.side ? { side: job.side } : {}),
  }));
  const results: StorageJobResult[] = jobs.map((job, index) => {
    const status = job.status ?? 'ok';
    if (status === 'ok' && job.measure === undefined) {
      throw new Error(`fixture job ${specs[index]!.id}: an ok job needs a measure spec (or measure: null explicitly)`);
    }
    const measure = job.measure == null ? null : makeMeasure(job.measure, scenario);
    const error =
      job.error !== undefined
        ? job.error
        : status === 'ok'
          ? null
          : { message: `fixture ${status}`, phase: status === 'timeout' ? 'process' : 'measure' };
    return {
      ...specs[index]!,
      status,
      startedAt: new Date(Date.UTC(2025, 0, 1, 12, 0, index)).toISOString(),
      wallMs: 2_500,
      environment,
      phases: { openMs: 5, loadMs: 400, verifyMs: 30, warmupMs: 200, warmupOperations: 3_000, closeMs: 2 },
      measure,
      error,
    };
  });
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: options?.runId ?? '2025-01-01T12-00-00Z-kv-mixed',
    startedAt: '2025-01-01T12:00:00.000Z',
    finishedAt: '2025-01-01T12:01:00.000Z',
    scenario,
    options: {
      quick: false,
      repeats: scenario.repeats,
      variants: [...new Set(jobs.filter((j) => !j.reference).map((j) => j.variant))],
      profile: [],
    },
    environment,
    jobs: specs,
    results,
    calibration: null,
    targets: null,
    gate: null,
    paired: null,
  };
}

/** The numbers sampleRunResults() is built from (throughput per repeat, ops/s). */
export const SAMPLE_RUN = {
  referenceVariant: 'noop',
  referenceThroughput: 5_000_000,
  throughput: {
    naive: [10_000, 10_200, 9_800],
    /** Repeat 1 failed in verify; its number is never measured. */
    batched: [20_000, null, 20_400],
    cached: [40_000, 41_000, 39_000],
  },
  hitRatio: { cached: [0.8, 0.82, 0.78] },
  failed: { variant: 'batched', repeat: 1, phase: 'verify', message: "get('user:42') returned undefined, expected 'v42'" },
} as const;

export function sampleRunResults(): StorageRunResults {
  const jobs: JobFixture[] = [
    { variant: SAMPLE_RUN.referenceVariant, repeat: 0, reference: true, measure: { throughputOpsPerSec: SAMPLE_RUN.referenceThroughput } },
  ];
  for (let repeat = 0; repeat < 3; repeat++) {
    jobs.push({ variant: 'naive', repeat, measure: { throughputOpsPerSec: SAMPLE_RUN.throughput.naive[repeat]! } });
    const batched = SAMPLE_RUN.throughput.batched[repeat];
    if (batched === null || batched === undefined) {
      jobs.push({
        variant: 'batched',
        repeat,
        status: 'failed',
        error: { message: SAMPLE_RUN.failed.message, phase: SAMPLE_RUN.failed.phase, stack: 'Error: verify\n    at verify (harness/workload/verify.ts:1:1)' },
        measure: null,
      });
    } else {
      jobs.push({ variant: 'batched', repeat, measure: { throughputOpsPerSec: batched, gcCount: 4, gcTotalPauseMs: 5 } });
    }
    const hitRatio = SAMPLE_RUN.hitRatio.cached[repeat]!;
    const lookups = 21_000;
    const hits = Math.round(hitRatio * lookups);
    jobs.push({
      variant: 'cached',
      repeat,
      measure: {
        throughputOpsPerSec: SAMPLE_RUN.throughput.cached[repeat]!,
        hitRatio,
        counters: { cacheHits: hits, cacheMisses: lookups - hits, evictions: 100 * (repeat + 1) },
        peakHeapUsedBytes: 60_000_000 + repeat * 1_000_000,
      },
    });
  }
  return makeRunResults(jobs);
}

/** GC, event-loop, growth and allocation figures as a job records them (storage measure or balance runtime). */
export function makeRuntimeFigures(
  operations: number,
  gc: { gcCount: number; gcTotalPauseMs: number } = { gcCount: 10, gcTotalPauseMs: 12 },
  bytesPerOp = 300,
) {
  const none = { count: 0, totalPauseNs: 0, longestPauseNs: 0 };
  return {
    gc: {
      count: gc.gcCount,
      totalPauseMs: gc.gcTotalPauseMs,
      maxPauseMs: 3,
      byKind: {
        minor: { count: gc.gcCount, totalPauseNs: gc.gcTotalPauseMs * 1e6, longestPauseNs: 3e6 },
        major: none,
        incremental: none,
        weakcb: none,
        other: none,
      },
      complete: true,
    },
    eventLoopDelay: { samples: 30, p50Ns: 1_000_000, p99Ns: 4_000_000, maxNs: 5_000_000, resolutionNs: 10_000_000 },
    retainedGrowth: { retainedBytes: 2_000, perThousandOpsBytes: (2_000 * 1000) / operations, forced: true },
    allocation: { method: 'gc-accounting' as const, allocatedBytes: bytesPerOp * operations, operations, bytesPerOp, gcCount: gc.gcCount },
  };
}
