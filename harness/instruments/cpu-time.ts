/**
 * CPU time of a measured phase: process.cpuUsage() at its start and end, so
 * the figure covers every thread of the job's process (a pooled variant's
 * worker threads included) and nothing of other processes. Unlike wall time
 * it does not grow while the process waits for the CPU another process holds,
 * which is why it is far less noisy on a shared machine for CPU-bound
 * variants; it does not see time spent waiting for I/O (an fsync), so a
 * variant bound by the disk shows it in wall time only.
 */
export interface CpuTime {
  /** User-mode CPU time of the phase, all threads of the process. */
  readonly userMs: number;
  /** Kernel-mode CPU time of the phase (system calls: SQLite's writes, fsync's bookkeeping). */
  readonly systemMs: number;
  /** (user + system) per op, in nanoseconds. */
  readonly perOpNs: number;
}

export class CpuTimeMeter {
  private startedAt: NodeJS.CpuUsage | null = null;

  start(): void {
    this.startedAt = process.cpuUsage();
  }

  /** The phase's CPU time since start(), for `operations` ops. */
  stop(operations: number): CpuTime {
    const used = process.cpuUsage(this.startedAt ?? undefined);
    const totalNs = (used.user + used.system) * 1_000;
    return { userMs: used.user / 1_000, systemMs: used.system / 1_000, perOpNs: operations > 0 ? totalNs / operations : 0 };
  }
}
