/**
 * ReportModels for the renderer tests, built with the analysis fixtures
 * (test/support/results-fixtures.ts) and the real summarize(), so the report
 * is tested on what the pipeline actually produces.
 */
import type { MemorySample } from '../../../harness/core/results.ts';
import type { StorageJobResult, StorageRunResults, TimelinePoint } from '../../../harness/subjects/storage/measure.ts';
import { buildReportModel } from '../../../harness/report/model.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import type { StorageReportModel } from '../../../harness/subjects/storage/run-summary.ts';
import { makeRunResults, makeScenario, type JobFixture } from '../../support/results-fixtures.ts';

export const GENERATED_AT = '2025-01-01T12:05:00.000Z';

export const HOSTILE = {
  scenarioName: 'kv-<b>bold</b>&"quoted"',
  description: 'Reads </script><script>alert(1)</script> and <!-- comments --> & \u2028 line separators',
  variant: '<img src=x onerror=alert(2)>',
  error: "expected 'v1' but got </script><script>alert(3)</script>",
  stack: 'Error: </pre><script>alert(4)</script>\n    at verify (x.ts:1:1)',
  package: '</script><script>alert(5)</script>',
} as const;

const THROUGHPUT: Readonly<Record<string, readonly number[]>> = {
  naive: [10_000, 10_400, 9_700],
  batched: [21_000, 20_200, 20_700],
  pooled: [14_500, 15_200, 14_900],
  cached: [41_000, 39_500, 40_200],
};

/** Deterministic, realistic-looking timeline: a ramp-up then wobble around the job's throughput. */
function shapedTimeline(opsPerSec: number, durationMs: number, phase: number): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  const step = Math.max(25, Math.round(durationMs / 40));
  for (let t = step; t <= durationMs; t += step) {
    const ramp = Math.min(1, 0.75 + t / (durationMs * 0.8));
    const wobble = 1 + 0.05 * Math.sin(t / (step * 2.3) + phase) + 0.02 * Math.sin(t / (step * 0.7) + 2 * phase);
    points.push({ tMs: t, opsPerSec: Math.round(opsPerSec * ramp * wobble) });
  }
  return points;
}

/** Heap saw-tooth (allocation then GC) under a slowly rising RSS. */
function shapedMemory(peakHeap: number, peakRss: number, durationMs: number, phase: number): MemorySample[] {
  const samples: MemorySample[] = [];
  const step = Math.max(25, Math.round(durationMs / 40));
  for (let t = 0; t <= durationMs; t += step) {
    const saw = ((t / step + phase * 3) % 8) / 8;
    samples.push({
      tMs: t,
      heapUsedBytes: Math.round(peakHeap * (0.55 + 0.45 * saw)),
      rssBytes: Math.round(peakRss * (0.85 + (0.15 * t) / durationMs)),
      externalBytes: 1_000_000,
    });
  }
  return samples;
}

function reshape(results: StorageRunResults): StorageRunResults {
  return {
    ...results,
    results: results.results.map((job): StorageJobResult => {
      const m = job.measure;
      if (m === null || job.reference) return job;
      const durationMs = m.durationNs / 1e6;
      const phase = job.repeat + job.variant.length;
      return {
        ...job,
        measure: {
          ...m,
          timeline: shapedTimeline(m.throughputOpsPerSec, durationMs, phase),
          memory: { ...m.memory, samples: shapedMemory(m.memory.peakHeapUsedBytes, m.memory.peakRssBytes, durationMs, phase) },
        },
      };
    }),
  };
}

export interface SampleOptions {
  /** Variants in run order; default naive, batched, pooled, cached. */
  readonly variants?: readonly string[];
  /** Variants whose every repeat fails. */
  readonly allFailed?: readonly string[];
  /** Add one failed repeat (batched repeat 1, verify). Default true. */
  readonly oneFailedRepeat?: boolean;
  readonly hostile?: boolean;
}

/** A 4-variant, 3-repeat run with a reference job, one failed repeat and shaped timelines. */
export function sampleResults(options: SampleOptions = {}): StorageRunResults {
  const hostile = options.hostile ?? false;
  const variants = options.variants ?? (hostile ? ['naive', HOSTILE.variant, 'cached'] : ['naive', 'batched', 'pooled', 'cached']);
  const allFailed = new Set(options.allFailed ?? []);
  const jobs: JobFixture[] = [{ variant: 'noop', repeat: 0, reference: true, measure: { throughputOpsPerSec: 4_000_000, latencyBaseNs: 180 } }];
  for (let repeat = 0; repeat < 3; repeat++) {
    for (const variant of variants) {
      const throughput = THROUGHPUT[variant]?.[repeat] ?? 18_000 + 300 * repeat;
      if (allFailed.has(variant)) {
        jobs.push({
          variant,
          repeat,
          status: repeat === 2 ? 'timeout' : 'failed',
          error:
            repeat === 2
              ? { message: 'job exceeded its 60000 ms time limit and was killed', phase: 'process' }
              : { message: hostile ? HOSTILE.error : `open failed: pool size must be positive (repeat ${repeat})`, phase: 'open', stack: hostile ? HOSTILE.stack : 'Error: open failed\n    at open (variants/storage/pooled.ts:12:11)' },
          measure: null,
        });
        continue;
      }
      if ((options.oneFailedRepeat ?? true) && variant === variants[1] && repeat === 1) {
        jobs.push({
          variant,
          repeat,
          status: 'failed',
          error: {
            message: hostile ? HOSTILE.error : "verify: get('user:42') returned undefined, expected 'v42'",
            phase: 'verify',
            stack: hostile ? HOSTILE.stack : 'Error: verify mismatch\n    at verify (harness/workload/verify.ts:40:13)',
          },
          measure: null,
        });
        continue;
      }
      const cached = variant === 'cached';
      const hitRatio = cached ? [0.81, 0.79, 0.8][repeat]! : null;
      jobs.push({
        variant,
        repeat,
        measure: {
          throughputOpsPerSec: throughput,
          hitRatio,
          counters: cached
            ? { cacheHits: Math.round(21_000 * hitRatio!), cacheMisses: 21_000 - Math.round(21_000 * hitRatio!), evictions: 120 + repeat }
            : variant === 'pooled'
              ? { poolWaits: 30 + repeat }
              : {},
          peakHeapUsedBytes: (cached ? 64 : variant === 'pooled' ? 48 : 40) * 1024 * 1024 + repeat * 300_000,
          peakRssBytes: (cached ? 150 : 120) * 1024 * 1024,
          gcCount: cached ? 14 : 8,
          gcTotalPauseMs: cached ? 9.5 : 4.2 + repeat,
        },
      });
    }
  }
  const scenario = hostile
    ? makeScenario({ name: HOSTILE.scenarioName, description: HOSTILE.description, variants })
    : makeScenario({ description: 'Point reads and writes over a zipfian key space (70% get, 20% put, 10% delete), 10k records of 100 B.' });
  const results = makeRunResults(jobs, { scenario });
  const withEnv: StorageRunResults = hostile
    ? { ...results, environment: { ...results.environment, cpuModel: HOSTILE.package, packages: { [HOSTILE.package]: HOSTILE.package } } }
    : results;
  return reshape(withEnv);
}

export function sampleModel(options: SampleOptions = {}): StorageReportModel {
  return buildReportModel(sampleResults(options), storageSubject, GENERATED_AT);
}
