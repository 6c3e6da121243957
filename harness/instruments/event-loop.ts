/**
 * Event-loop delay during a phase, from perf_hooks.monitorEventLoopDelay
 * (https://nodejs.org/api/perf_hooks.html#perf_hooksmonitoreventloopdelayoptions):
 * a libuv timer every `resolutionMs`, recorded in an HDR histogram in
 * nanoseconds.
 *
 * What the histogram holds on Node 20: the full interval between two firings
 * of that timer (src/histogram.cc, ELDHistogram records now - previous), so
 * an idle loop reads ~resolution, not ~0 (an idle loop at 10 ms reads
 * p50 ~10.2 ms here). The delay proper is that interval minus the
 * resolution, which is what this reports.
 *
 * A loop blocked by synchronous work records one long interval when it comes
 * back, so `samples` is small when the phase rarely yields: the driver yields
 * at every timeline interval, so a synchronous store still gets some, and
 * p99/max then say how long the loop went without a turn. A phase shorter
 * than the resolution may have none (all figures null).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { VarbenchError } from '../core/errors.ts';

/**
 * 10 ms, Node's default: 100 wake-ups a second cost the timed runs nothing
 * measurable (this runs in every job, profiled or not), and a 3-second
 * phase yields a few hundred intervals. 1 ms resolves finer delays at ten
 * times the wake-ups.
 */
export const DEFAULT_EVENT_LOOP_RESOLUTION_MS = 10;

export interface EventLoopDelay {
  /** Intervals recorded (timer firings). */
  readonly samples: number;
  /** Delay beyond the timer's resolution, integer nanoseconds; null without samples. */
  readonly p50Ns: number | null;
  readonly p99Ns: number | null;
  readonly maxNs: number | null;
  readonly resolutionNs: number;
}

/** The part of Node's histogram read here (a RecordableHistogram in tests). */
export type DelayHistogram = Pick<IntervalHistogram, 'count' | 'max' | 'percentile'>;

export function summarizeEventLoopDelay(histogram: DelayHistogram, resolutionNs: number): EventLoopDelay {
  if (histogram.count === 0) return { samples: 0, p50Ns: null, p99Ns: null, maxNs: null, resolutionNs };
  const delay = (intervalNs: number): number => Math.max(0, Math.round(intervalNs - resolutionNs));
  return {
    samples: histogram.count,
    p50Ns: delay(histogram.percentile(50)),
    p99Ns: delay(histogram.percentile(99)),
    maxNs: delay(histogram.max),
    resolutionNs,
  };
}

export class EventLoopDelayMonitor {
  readonly resolutionMs: number;
  private readonly histogram: IntervalHistogram;

  constructor(options: { resolutionMs?: number } = {}) {
    const resolutionMs = options.resolutionMs ?? DEFAULT_EVENT_LOOP_RESOLUTION_MS;
    if (!Number.isInteger(resolutionMs) || resolutionMs <= 0) {
      throw new VarbenchError('USAGE', `event-loop delay resolution must be a positive whole number of milliseconds, got ${String(resolutionMs)}; try ${DEFAULT_EVENT_LOOP_RESOLUTION_MS}`);
    }
    this.resolutionMs = resolutionMs;
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  }

  start(): void {
    this.histogram.reset();
    this.histogram.enable();
  }

  stop(): EventLoopDelay {
    this.histogram.disable();
    return summarizeEventLoopDelay(this.histogram, this.resolutionMs * 1_000_000);
  }
}
