import { describe, expect, it } from 'vitest';
import { latencySampleOffset } from '../../../../harness/subjects/storage/sample-offset.ts';

describe('latencySampleOffset', () => {
  it('is the same for the same seed and repeat, so a run is reproducible', () => {
    for (const repeat of [1, 2, 3, 17]) {
      expect(latencySampleOffset(42, repeat, 8)).toBe(latencySampleOffset(42, repeat, 8));
    }
  });

  it('gives every one of sampleEvery consecutive repeats its own offset in [0, sampleEvery)', () => {
    for (const seed of [0, 1, 42, 2 ** 40 + 3, -7]) {
      for (const every of [2, 8, 16, 1024]) {
        const offsets = Array.from({ length: every }, (_, i) => latencySampleOffset(seed, i + 1, every));
        expect([...offsets].sort((a, b) => a - b)).toEqual(Array.from({ length: every }, (_, i) => i));
      }
    }
  });

  it('steps by one per repeat from a start the seed picks', () => {
    const start = latencySampleOffset(42, 0, 8);
    expect(latencySampleOffset(42, 3, 8)).toBe((start + 3) % 8);
    expect(latencySampleOffset(42, 8, 8)).toBe(start);
    // Different seeds start at different places (fmix32 of 1..8 does not land on one residue).
    const starts = new Set(Array.from({ length: 8 }, (_, seed) => latencySampleOffset(seed + 1, 0, 8)));
    expect(starts.size).toBeGreaterThan(1);
  });

  it('is 0 when every op is timed, or none', () => {
    expect(latencySampleOffset(42, 5, 1)).toBe(0);
    expect(latencySampleOffset(42, 5, 0)).toBe(0);
  });
});
