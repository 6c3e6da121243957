import { describe, expect, it } from 'vitest';
import {
  CALIBRATION_WORKLOAD,
  calibrationRatio,
  calibrationRound,
  ROUND_LENGTH,
  runCalibration,
} from '../../../harness/gate/machine-speed.ts';
import type { Clock } from '../../../harness/instruments/clock.ts';

/** A clock that advances by fixed steps per reading and counts its readings. */
function steppingClock(stepsNs: readonly number[]): Clock & { readings: number } {
  let now = 1_000;
  let i = 0;
  const clock = {
    readings: 0,
    nowNs(): number {
      clock.readings++;
      now += stepsNs[i++ % stepsNs.length]!;
      return now;
    },
  };
  return clock;
}

describe('runCalibration', () => {
  it('times each sample with exactly two clock readings and reports rounds per second', () => {
    // Readings alternate start/end; the end reading of each sample comes 2 ms (then 4 ms) after its start.
    const clock = steppingClock([1_000, 2_000_000, 1_000, 4_000_000]);
    const result = runCalibration({ clock, samples: 2, roundsPerSample: 3 });
    expect(clock.readings).toBe(4);
    expect(result.workload).toBe(CALIBRATION_WORKLOAD);
    expect(result.opsPerSec).toEqual([1_500, 750]);
  });

  it('does a fixed, deterministic amount of work: the checksum depends only on the number of rounds', () => {
    const clock = steppingClock([1_000_000]);
    const a = runCalibration({ clock, samples: 2, roundsPerSample: 2 });
    const b = runCalibration({ clock, samples: 2, roundsPerSample: 2 });
    expect(a.checksum).toBe(b.checksum);
    expect(a.checksum).not.toBe(runCalibration({ clock, samples: 3, roundsPerSample: 2 }).checksum);
    // Pinned: a change of the workload must change CALIBRATION_WORKLOAD too (old baselines become not comparable).
    expect(a.checksum).toBe(510_671_913);
  });

  it('sorts the round buffer (the round really does the work it names)', () => {
    const buffer = new Uint32Array(ROUND_LENGTH);
    calibrationRound(0, buffer);
    for (let i = 1; i < buffer.length; i++) expect(buffer[i]! >= buffer[i - 1]!).toBe(true);
    expect(new Set(buffer).size).toBeGreaterThan(ROUND_LENGTH * 0.99);
  });

  it('rejects a clock that does not advance and bad counts', () => {
    const frozen: Clock = { nowNs: () => 5 };
    expect(() => runCalibration({ clock: frozen, samples: 1, roundsPerSample: 1 })).toThrow(/clock did not advance/);
    expect(() => runCalibration({ samples: 0 })).toThrow(/samples must be a whole number/);
    expect(() => runCalibration({ roundsPerSample: 1.5 })).toThrow(/roundsPerSample/);
  });
});

describe('calibrationRatio', () => {
  it('is max(current) / max(baseline)', () => {
    // The fastest samples: a neighbour slowing some samples down does not move the ratio.
    expect(calibrationRatio([2_200, 1_400, 1_800], [1_000, 1_100, 700])).toBe(2);
    expect(calibrationRatio([500], [1_000, 1_000])).toBe(0.5);
    expect(() => calibrationRatio([1], [0])).toThrow(/baseline's fastest calibration sample/);
  });
});
