/**
 * Everything that watches a measured phase besides its own timing, for any
 * subject: GC pauses by kind, event-loop delay, bytes allocated, retained
 * heap growth after forced GCs, and (in profiled jobs) the CPU or heap
 * profiler. "Ops" are the subject's unit: store ops, or balance rows.
 *
 *   await instruments.start();
 *   try { ...the phase... } finally { await instruments.stopProfiling(ops); }
 *   const figures = await instruments.finish(ops);
 *
 * stopProfiling runs in `finally` so a variant that throws still leaves its
 * partial profile (instruments.findings).
 */
import type { ProfileFindings, ProfileSpec, RuntimeFigures } from '../core/results.ts';
import { AllocationCounter, type AllocationEstimate } from './allocated-bytes.ts';
import { EventLoopDelayMonitor } from './event-loop.ts';
import { measureRetainedGrowth, settledHeap, type SettledHeap } from './heap-growth.ts';
import { createPhaseProfiling, type PhaseProfiling } from '../profile/phase-profiling.ts';
import { GcMonitor } from './gc-monitor.ts';
import { CpuTimeMeter, type CpuTime } from './cpu-time.ts';

export class PhaseInstruments {
  private readonly gc = new GcMonitor();
  private readonly eventLoop = new EventLoopDelayMonitor();
  private readonly allocations = new AllocationCounter();
  private readonly cpuTime = new CpuTimeMeter();
  private cpu: CpuTime | null = null;
  private readonly profiling: PhaseProfiling | null;
  private heapBefore: SettledHeap | null = null;
  private allocation: AllocationEstimate | null = null;
  /** The gc-accounting estimate, taken once when the phase ends. */
  private counted: AllocationEstimate | null = null;
  /** What the profiler wrote; set by stopProfiling in profiled jobs. */
  findings: ProfileFindings | undefined;

  constructor(profile: ProfileSpec | null, context: { readonly runDir: string; readonly variant: string }) {
    // clinic doctor samples the whole process from outside: nothing to start in here.
    this.profiling = profile && profile.kind !== 'doctor' ? createPhaseProfiling(profile, context) : null;
  }

  async start(): Promise<void> {
    // From a collected heap, so earlier phases' garbage is not billed to this one
    // and retained growth has a clean baseline.
    this.heapBefore = settledHeap();
    this.gc.start();
    this.eventLoop.start();
    this.allocations.start();
    await this.profiling?.start();
    // Last, so the profiler's start-up is not billed to the phase.
    this.cpuTime.start();
  }

  /**
   * The phase's end for the meters that must not see what follows: the
   * allocation count, then the GC window (whose marker GC would otherwise be
   * counted as allocation-time GC), before the profiler's stop builds large
   * objects on the heap. Synchronous and idempotent.
   */
  private endPhase(operations: number): AllocationEstimate {
    if (!this.counted) {
      this.cpu = this.cpuTime.stop(operations);
      this.counted = this.allocations.stop(operations);
      this.gc.end();
    }
    return this.counted;
  }

  /** Stops the profiler and writes its artifacts (profiled jobs only); never rejects. */
  async stopProfiling(operations: number): Promise<void> {
    const counted = this.endPhase(operations);
    if (!this.profiling || this.findings) return;
    const profiled = await this.profiling.finish(operations);
    this.findings = profiled.findings;
    this.allocation = profiled.allocation ?? counted;
  }

  async finish(operations: number): Promise<RuntimeFigures> {
    await this.stopProfiling(operations);
    const allocation = this.allocation ?? this.endPhase(operations);
    const eventLoopDelay = this.eventLoop.stop();
    const gc = await this.gc.stop();
    const retainedGrowth = measureRetainedGrowth(this.heapBefore ?? settledHeap(), settledHeap(), operations);
    return { gc, eventLoopDelay, retainedGrowth, allocation, cpu: this.cpu ?? this.cpuTime.stop(operations) };
  }
}
