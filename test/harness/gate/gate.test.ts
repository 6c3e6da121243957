import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../../harness/gate/baseline.ts';
import type { BaselineNoise } from '../../../harness/gate/noise.ts';
import { cellThresholds } from '../../../harness/gate/gate.ts';
import { noiseThresholdsFrom } from '../../../harness/subjects/storage/targets.ts';
import type { GateOptions } from '../../../harness/gate/options.ts';
import { defineTargets } from '../../../targets/define.ts';

const options: GateOptions = { noiseThreshold: 0.05, alpha: 0.05, correction: 'holm', confirmRepeats: undefined, metrics: null };
const noise = (threshold: number, variant = 'cached'): BaselineNoise => ({
  createdAt: 't', runs: 5, margin: 1.5,
  cells: [{ scenario: 's', variant, metric: 'throughput', ratios: [1], observed: threshold / 1.5, threshold }],
  falseAlarm: { runs: 5, alarms: 0, rate: 0, upper95: 0.45 },
  settings: { floor: 0.05, alpha: 0.05, correction: 'holm', metrics: null },
});
const baselineWith = (measured?: BaselineNoise) => ({ noise: measured }) as unknown as Baseline;
const cell = (variant: string) => ({ scenario: 's', variant, metric: 'throughput' });

describe('cellThresholds', () => {
  it('uses the global threshold when nothing else is known', () => {
    expect(cellThresholds(options, baselineWith(), null)(cell('cached'))).toBe(0.05);
  });

  it('lets measured noise widen a cell threshold, never narrow it below the global one', () => {
    expect(cellThresholds(options, baselineWith(noise(0.12)), null)(cell('cached'))).toBe(0.12);
    expect(cellThresholds(options, baselineWith(noise(0.01)), null)(cell('cached'))).toBe(0.05);
    expect(cellThresholds(options, baselineWith(noise(0.12)), null)(cell('batched'))).toBe(0.05);
  });

  it('gives a target noiseThreshold the last word, narrower or wider', () => {
    const targets = defineTargets({
      name: 't',
      targets: [{ scenario: 's', variant: 'cached', metric: 'throughput', atLeastOpsPerSec: 1, noiseThreshold: 0.02 }],
    });
    expect(cellThresholds(options, baselineWith(noise(0.12)), noiseThresholdsFrom(targets))(cell('cached'))).toBe(0.02);
    expect(cellThresholds(options, baselineWith(noise(0.12)), noiseThresholdsFrom(targets))(cell('batched'))).toBe(0.05);
  });
});
