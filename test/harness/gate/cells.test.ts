import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { describe, expect, it } from 'vitest';
import { cellId, cellMetricInfo, cellsFromResults } from '../../../harness/gate/cells.ts';
import { makeRunResults, sampleRunResults, SAMPLE_RUN } from '../../support/results-fixtures.ts';

describe('cell metrics', () => {
  it('catalogues throughput, CPU time per op, p50/p99 per op type, memory and GC with their directions and speed scaling', () => {
    expect(STORAGE_CELLS.metrics.map((m) => m.id)).toEqual([
      'throughput', 'cpu',
      'p50:get', 'p50:put', 'p50:delete', 'p50:scan', 'p50:batch',
      'p99:get', 'p99:put', 'p99:delete', 'p99:scan', 'p99:batch',
      'peakHeapBytes', 'peakRssBytes', 'gcPauseMs',
    ]);
    expect(cellMetricInfo(STORAGE_CELLS, 'throughput')).toMatchObject({ higherIsBetter: true, speed: 'rate', unit: 'ops/s' });
    expect(cellMetricInfo(STORAGE_CELLS, 'cpu')).toMatchObject({ higherIsBetter: false, speed: 'time', unit: 'ns' });
    expect(cellMetricInfo(STORAGE_CELLS, 'p99:get')).toMatchObject({ higherIsBetter: false, speed: 'time', unit: 'ns', label: 'p99 get' });
    expect(cellMetricInfo(STORAGE_CELLS, 'peakHeapBytes')).toMatchObject({ higherIsBetter: false, speed: 'none' });
    expect(cellMetricInfo(STORAGE_CELLS, 'nope')).toBeUndefined();
    expect(cellId({ scenario: 's', variant: 'v', metric: 'm' })).toBe('s/v/m');
  });
});

describe('cellsFromResults', () => {
  const cells = cellsFromResults(sampleRunResults(), STORAGE_CELLS);

  it('yields one cell per variant and recorded metric, without the reference job or failed repeats', () => {
    expect([...new Set(cells.map((c) => c.variant))]).toEqual(['naive', 'batched', 'cached']);
    expect(cells.every((c) => c.scenario === 'kv-mixed')).toBe(true);
    const throughput = (variant: string) => cells.find((c) => c.variant === variant && c.metric === 'throughput')!.samples;
    expect(throughput('naive')).toEqual(SAMPLE_RUN.throughput.naive);
    expect(throughput('batched')).toEqual([20_000, 20_400]);
    // The sample run's mix has no scans, so there is no scan cell.
    expect(cells.some((c) => c.metric === 'p99:scan')).toBe(false);
    expect(cells.filter((c) => c.variant === 'naive').map((c) => c.metric)).toEqual([
      'throughput', 'p50:get', 'p50:put', 'p50:delete', 'p99:get', 'p99:put', 'p99:delete', 'peakHeapBytes', 'peakRssBytes', 'gcPauseMs',
    ]);
  });

  it('takes latency percentiles per repeat and orders samples by repeat, whatever the job order', () => {
    const run = makeRunResults([
      { variant: 'cached', repeat: 2, measure: { throughputOpsPerSec: 300, latencyNs: { get: [1_500] }, opCounts: { get: 10 } } },
      { variant: 'cached', repeat: 0, measure: { throughputOpsPerSec: 100, latencyNs: { get: [1_000] }, opCounts: { get: 10 } } },
      { variant: 'cached', repeat: 1, measure: { throughputOpsPerSec: 200, latencyNs: { get: [1_200] }, opCounts: { get: 10 } } },
    ]);
    const byMetric = Object.fromEntries(cellsFromResults(run, STORAGE_CELLS).map((c) => [c.metric, c.samples]));
    expect(byMetric['throughput']).toEqual([100, 200, 300]);
    expect(byMetric['p99:get']).toEqual([1_000, 1_200, 1_500]);
  });
});
