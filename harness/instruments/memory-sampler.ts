/**
 * Memory samples taken by the driver at its timeline ticks (a timer would
 * never fire while a synchronous store keeps the event loop busy).
 */
import type { MemoryResult, MemorySample } from '../core/results.ts';

export class MemorySampler {
  private readonly samples: MemorySample[] = [];

  sample(tMs: number): void {
    const usage = process.memoryUsage();
    this.samples.push({ tMs, heapUsedBytes: usage.heapUsed, rssBytes: usage.rss, externalBytes: usage.external });
  }

  result(): MemoryResult {
    let peakHeapUsedBytes = 0;
    let peakRssBytes = 0;
    let peakExternalBytes = 0;
    for (const s of this.samples) {
      peakHeapUsedBytes = Math.max(peakHeapUsedBytes, s.heapUsedBytes);
      peakRssBytes = Math.max(peakRssBytes, s.rssBytes);
      peakExternalBytes = Math.max(peakExternalBytes, s.externalBytes);
    }
    return { samples: this.samples, peakHeapUsedBytes, peakRssBytes, peakExternalBytes };
  }
}
