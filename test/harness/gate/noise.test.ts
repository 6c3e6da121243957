import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import { describe, expect, it } from 'vitest';
import type { SampleCell } from '../../../harness/gate/cells.ts';
import { clopperPearsonUpper, measureNoise, measuredThreshold } from '../../../harness/gate/noise.ts';

const cell = (variant: string, samples: readonly number[], metric = 'throughput'): SampleCell => ({ scenario: 's', variant, metric, samples });
const CAL = [100, 100, 100];
const baseline = { cells: [cell('cached', [1_000, 1_000, 1_000, 1_000, 1_000, 1_000]), cell('cached', [500, 500, 500, 500, 500, 500], 'p99:get')], calibrationOpsPerSec: CAL };
const run = (throughput: number, p99: number, calibration = CAL) => ({
  cells: [cell('cached', [throughput, throughput, throughput, throughput, throughput, throughput]), cell('cached', [p99, p99, p99, p99, p99, p99], 'p99:get')],
  calibrationOpsPerSec: calibration,
});

describe('clopperPearsonUpper', () => {
  it('matches the closed form for zero successes: 1 - alpha^(1/n)', () => {
    expect(clopperPearsonUpper(0, 10)).toBeCloseTo(1 - 0.05 ** (1 / 10), 9);
    expect(clopperPearsonUpper(0, 5)).toBeCloseTo(0.4507, 4);
  });
  it('matches published values for other counts and is 1 when all succeed', () => {
    // R: binom.test(1, 10, alternative = "less")$conf.int[2] = 0.3941633
    expect(clopperPearsonUpper(1, 10)).toBeCloseTo(0.3941633, 6);
    expect(clopperPearsonUpper(5, 5)).toBe(1);
  });
  it('refuses impossible counts', () => {
    expect(() => clopperPearsonUpper(3, 2)).toThrow(RangeError);
  });
});

describe('measureNoise', () => {
  it('derives each cell threshold from the largest deviation times the margin, normalised by machine speed', () => {
    // Run 3's machine was 10 % faster: its 1,100 ops/s are 1,000 at baseline speed; its p99 450 ns is 495.
    const noise = measureNoise(baseline, [run(1_020, 510), run(970, 505), run(1_100, 450, [110, 110, 110])], { cells: STORAGE_CELLS, floor: 0.05, createdAt: 't' });
    const throughput = noise.cells.find((c) => c.metric === 'throughput')!;
    expect(throughput.ratios.map((r) => Number(r.toFixed(6)))).toEqual([1.02, 0.97, 1]);
    expect(throughput.observed).toBeCloseTo(0.03, 12);
    expect(throughput.threshold).toBeCloseTo(0.045, 12);
    const p99 = noise.cells.find((c) => c.metric === 'p99:get')!;
    expect(p99.observed).toBeCloseTo(0.02, 12);
    expect(measuredThreshold(noise, { scenario: 's', variant: 'cached', metric: 'p99:get' })).toBeCloseTo(0.03, 12);
    expect(measuredThreshold(noise, { scenario: 's', variant: 'naive', metric: 'p99:get' })).toBeUndefined();
    expect(noise.falseAlarm).toMatchObject({ runs: 3, alarms: 0, rate: 0 });
  });

  it('counts a false alarm when one run lies far outside the noise of the others (leave-one-out)', () => {
    // Four quiet runs and one 20 % slower: judged against thresholds from the quiet four, it alarms.
    const runs = [run(1_010, 500), run(995, 500), run(1_005, 500), run(990, 500), run(800, 500)];
    const noise = measureNoise(baseline, runs, { cells: STORAGE_CELLS, floor: 0.05, createdAt: 't' });
    expect(noise.falseAlarm.alarms).toBe(1);
    expect(noise.falseAlarm.rate).toBeCloseTo(0.2, 12);
    expect(noise.falseAlarm.upper95).toBeGreaterThan(0.2);
    // The derived threshold covers the outlier (1.5 × 20 %), so a later gate would not alarm on it.
    expect(noise.cells.find((c) => c.metric === 'throughput')!.threshold).toBeCloseTo(0.3, 12);
  });

  it('needs at least two self-runs', () => {
    expect(() => measureNoise(baseline, [run(1_000, 500)], { cells: STORAGE_CELLS, floor: 0.05, createdAt: 't' })).toThrow(/at least 2/);
  });
});
