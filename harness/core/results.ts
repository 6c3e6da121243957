/**
 * The results file (reports/<run-id>/results.json): a versioned, plain JSON
 * record of everything a run measured. The report is rendered from it alone.
 * Schema changes bump RESULTS_SCHEMA_VERSION; docs/results-schema.md documents it.
 *
 * Units are in the field names: `Ns` nanoseconds (integers), `Ms`
 * milliseconds, `Bytes` bytes, `PerSec` per second.
 */
import type { CpuIdentity } from './cpu-identity.ts';
import type { CpuTime } from '../instruments/cpu-time.ts';
import type { AllocationEstimate } from '../instruments/allocated-bytes.ts';
import type { SelfTimeRow } from '../profile/cpu-profile-analysis.ts';
import type { EventLoopDelay } from '../instruments/event-loop.ts';
import type { GcKindName, GcKindSummary } from '../instruments/gc-kinds.ts';
import type { AllocationSiteRow } from '../profile/heap-profile-analysis.ts';
import type { RetainedGrowth } from '../instruments/heap-growth.ts';
import type { ProfileArtifact } from '../profile/profiler.ts';
import type { Scenario } from './scenario.ts';
import type { CalibrationRecord, GateRecord, TargetsRecord } from '../gate/records.ts';
import type { PairedRecord } from '../gate/paired-records.ts';

export const RESULTS_SCHEMA = 'varbench/results';
/**
 * 2: profiled jobs (JobSpec.profile, JobResult.findings), runtime figures in
 * every measure (GC by kind, event-loop delay, retained growth, allocation),
 * balance jobs (JobResult.balance), options.profile.
 */
/**
 * 3: target checks (`targets`), the machine-speed calibration
 * (`calibration`), the baseline gate (`gate`), and confirmation-round jobs
 * (JobSpec.confirmation).
 */
/**
 * 4: a job's measurement is its subject's (`measure`: the store's
 * MeasureResult, the balance pipeline's BalanceMeasure, which v3 kept in
 * `balance`), `phases` likewise; the scenario's subject fields are its
 * subject's.
 */
/**
 * 5: a gate cell's `reason` (gate.comparison.cells[].reason) is a
 * VerdictReason (gate/records.ts: a code and its numbers), no longer text;
 * report/gate-wording.ts words it. Versions 2, 3 and 4 are still read
 * (results-upgrade.ts; a version-4 reason becomes { code: 'legacy-text' }).
 */
/**
 * 6: --against runs: a job's `side` (JobSpec.side), the paired comparison
 * (`paired`), and the measured phase's CPU time (RuntimeFigures.cpu).
 * A version-5 file reads as `paired: null`.
 */
export const RESULTS_SCHEMA_VERSION = 6;

export interface Environment {
  readonly node: string;
  readonly v8: string;
  readonly execArgv: readonly string[];
  readonly platform: string;
  readonly osRelease: string;
  readonly arch: string;
  readonly cpuModel: string;
  /**
   * Vendor, family/model/stepping, flags and clock from /proc/cpuinfo (null
   * where there is none); absent in results written before it was recorded.
   */
  readonly cpu?: CpuIdentity | null;
  readonly cpuCount: number;
  readonly totalMemoryBytes: number;
  readonly gitCommit: string | null;
  readonly gitDirty: boolean | null;
  readonly varbenchVersion: string;
  readonly packages: Readonly<Record<string, string>>;
}

export type JobStatus = 'ok' | 'failed' | 'timeout';

/**
 * A profiled job: a separate process that measures the variant with a
 * profiler on, so profiling never disturbs the timed repeats. CPU and heap
 * profiles are taken in separate processes (the heap sampler's stack walks
 * would add self time to allocating functions); the flamegraph is rendered
 * from the CPU job's profile.
 */
export interface ProfileSpec {
  /** 'doctor': clinic doctor's report of a whole job process (opt-in; its failure is only a warning). */
  readonly kind: 'cpu' | 'heap' | 'doctor';
  /** CPU job only: also render a flamegraph with 0x. */
  readonly flame: boolean;
  /** CPU job only: microseconds between samples. */
  readonly cpuSamplingIntervalUs: number;
}

/**
 * One (scenario, variant, repeat) as planned. `reference` jobs (the no-op
 * store) measure the harness itself; `profile` jobs profile a variant. Only
 * jobs with neither are timed repeats.
 */
export interface JobSpec {
  readonly id: string;
  readonly index: number;
  readonly scenario: string;
  readonly variant: string;
  readonly repeat: number;
  readonly reference: boolean;
  readonly profile: ProfileSpec | null;
  /** A repeat added by the gate's confirmation round (--baseline): timed like any other, run after the first comparison. */
  readonly confirmation?: boolean;
  /**
   * --against: whose code ran the job: 'A' the ref's worktree, 'B' the
   * working tree. Absent in runs of one side. The run's tables describe side
   * B (the code the user is working on); side A's jobs are the comparison's.
   */
  readonly side?: Side;
}

/** The two sides of an --against run: A the ref compared with, B the working tree. */
export type Side = 'A' | 'B';

export interface LatencySummary {
  /** How many ops were timed (latency is sampled; see `latencySampling`). */
  readonly samples: number;
  readonly p50Ns: number;
  readonly p90Ns: number;
  readonly p99Ns: number;
  readonly p999Ns: number;
  readonly maxNs: number;
  readonly meanNs: number;
  /** The HDR histogram, compressed and base64-encoded (hdr-histogram-js encodeIntoCompressedBase64). */
  readonly histogram: string;
}

export interface MemorySample {
  readonly tMs: number;
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
  readonly externalBytes: number;
}

export interface MemoryResult {
  readonly samples: readonly MemorySample[];
  readonly peakHeapUsedBytes: number;
  readonly peakRssBytes: number;
  readonly peakExternalBytes: number;
}

export interface GcResult {
  readonly count: number;
  readonly totalPauseMs: number;
  readonly maxPauseMs: number;
  /** By V8 GC kind (minor = scavenge, major = mark-compact, incremental marking, weak callbacks). */
  readonly byKind: Readonly<Record<GcKindName, GcKindSummary>>;
  /**
   * True when every GC of the phase is known to be counted (a marker GC
   * forced after the phase was seen, so all earlier entries had arrived:
   * measure/gc-monitor.ts). False when that could not be proven (no
   * --expose-gc): the figures are then a lower bound. Absent in results
   * written before the flag existed, whose counts lost the entries of a
   * phase's last synchronous stretch: read that as false.
   */
  readonly complete?: boolean;
}

/** The runtime figures every measured phase records, whatever its subject. */
export interface RuntimeFigures {
  readonly gc: GcResult;
  /** perf_hooks monitorEventLoopDelay over the phase: how long ready callbacks waited. */
  readonly eventLoopDelay: EventLoopDelay;
  /** Heap in use after a forced GC at the end of the phase minus after one at its start. */
  readonly retainedGrowth: RetainedGrowth;
  /** Bytes allocated per op: GC accounting in timed jobs, the sampling heap profiler in heap-profiled ones. */
  readonly allocation: AllocationEstimate;
  /** CPU time of the phase, every thread of the job's process (instruments/cpu-time.ts); absent in results written before it was recorded. */
  readonly cpu?: CpuTime;
}

/** An artifact as stored: `path` relative to the run folder, so the folder can be zipped and sent. */
export type StoredArtifact = ProfileArtifact;

/** What a profiled job found, for the report's tables. */
export interface ProfileFindings {
  readonly artifacts: readonly StoredArtifact[];
  /** Top self-time functions of the measured phase (CPU job). */
  readonly selfTime: readonly SelfTimeRow[] | null;
  readonly totalSampledMs: number | null;
  /** Top allocation sites by sampled bytes (heap job). */
  readonly allocationSites: readonly AllocationSiteRow[] | null;
  readonly totalSampledBytes: number | null;
}

export interface JobError {
  readonly message: string;
  readonly stack?: string;
  /** Where it went wrong: 'open' | 'load' | 'verify' | 'warmup' | 'measure' | 'verify-after' | 'close' | 'process'. */
  readonly phase: string;
}

export interface JobResult<M = unknown> extends JobSpec {
  readonly status: JobStatus;
  readonly startedAt: string;
  readonly wallMs: number;
  readonly environment: Environment | null;
  /** Milliseconds per phase of the job (the subject names them: openMs, loadMs, ...); null when it died before reporting. */
  readonly phases: Readonly<Record<string, number>> | null;
  /** What the job measured, in its subject's shape; null when it failed or measures nothing (doctor jobs). */
  readonly measure: M | null;
  /** Profiled jobs only (also when the variant failed: whatever partial profile exists). */
  readonly findings?: ProfileFindings;
  readonly error: JobError | null;
}

export interface RunResults<M = unknown> {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly runId: string;
  readonly startedAt: string;
  /** Null while the run is in progress (results.json is rewritten after every job). */
  readonly finishedAt: string | null;
  /** The scenario as it ran (after --quick and option overrides). */
  readonly scenario: Scenario;
  /** What the user asked for, for the report header. */
  readonly options: {
    readonly quick: boolean;
    readonly repeats: number;
    readonly variants: readonly string[];
    /** The profiles asked for with --profile (empty: none). */
    readonly profile: readonly string[];
  };
  readonly environment: Environment;
  readonly jobs: readonly JobSpec[];
  readonly results: readonly JobResult<M>[];
  /** The calibration workload timed around the jobs (with --baseline and --save-baseline; else null). */
  readonly calibration: CalibrationRecord | null;
  /** The target checks of this scenario (null for a subject without targets). */
  readonly targets: TargetsRecord | null;
  /** The baseline comparison (--baseline NAME; else null). */
  readonly gate: GateRecord | null;
  /** The paired comparison with another git ref (--against REF; else null). */
  readonly paired: PairedRecord | null;
}

/** Timed repeats are the jobs statistics are computed from: not the reference, not profiled, not the other side of --against. */
export function isTimedRepeat(job: JobSpec): boolean {
  return !job.reference && !job.profile && job.side !== 'A';
}

/**
 * The run's own timed repeats, without the gate's confirmation round: what
 * the report's tables and the target checks describe (the round re-runs only
 * flagged variants, later, so mixing it in would give variants unequal repeats).
 */
export function isRunRepeat(job: JobSpec): boolean {
  return isTimedRepeat(job) && !job.confirmation;
}
