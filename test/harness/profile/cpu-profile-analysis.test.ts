import { describe, expect, it } from 'vitest';
import { topSelfTime, totalSampledMs } from '../../../harness/profile/cpu-profile-analysis.ts';
import type { CallFrame, CpuProfile } from '../../../harness/profile/v8-profile-format.ts';

const ROOT = '/proj';

function frame(functionName: string, url: string, lineNumber: number): CallFrame {
  return { functionName, scriptId: '0', url, lineNumber, columnNumber: lineNumber < 0 ? -1 : 0 };
}

/**
 * Sample timestamps: 1010, 1110, 1310, 1360, 1510, 1610; endTime 1700.
 * Each sample lasts until the next: 100, 200, 50, 150, 100, 90 µs (690 in all).
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', -1), children: [2, 3, 5] },
    { id: 2, callFrame: frame('alpha', 'file:///proj/variants/a.ts', 4), children: [4] },
    { id: 3, callFrame: frame('beta', 'node:internal/x', 9), children: [6] },
    { id: 4, callFrame: frame('', 'file:///elsewhere/z.js', 0) },
    { id: 5, callFrame: frame('(garbage collector)', '', -1) },
    // alpha again, reached through beta: same function, same row.
    { id: 6, callFrame: frame('alpha', 'file:///proj/variants/a.ts', 4) },
  ],
  startTime: 1000,
  endTime: 1700,
  samples: [2, 2, 3, 6, 4, 5],
  timeDeltas: [10, 100, 200, 50, 150, 100],
};

describe('topSelfTime', () => {
  it('weights each sample by the time to the next one and aggregates by function and place', () => {
    const rows = topSelfTime(profile, 10, ROOT);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({ functionName: 'alpha', url: 'variants/a.ts', line: 5, selfMs: 0.45, selfShare: 450 / 690 });
    expect(rows[1]).toEqual({ functionName: '(anonymous)', url: '/elsewhere/z.js', line: 1, selfMs: 0.1, selfShare: 100 / 690 });
    expect(rows[2]).toEqual({ functionName: '(garbage collector)', url: '', line: null, selfMs: 0.09, selfShare: 90 / 690 });
    expect(rows[3]).toEqual({ functionName: 'beta', url: 'node:internal/x', line: 10, selfMs: 0.05, selfShare: 50 / 690 });
  });

  it('keeps the n largest', () => {
    expect(topSelfTime(profile, 2, ROOT).map((r) => r.functionName)).toEqual(['alpha', '(anonymous)']);
  });

  it('gives an out-of-order sample (negative delta) no time', () => {
    const p: CpuProfile = { ...profile, startTime: 0, endTime: 20, samples: [2, 3], timeDeltas: [10, -5] };
    // alpha's only sample gets no time, so alpha gets no row.
    expect(topSelfTime(p, 10, ROOT).map((r) => [r.functionName, r.selfMs])).toEqual([['beta', 0.015]]);
    expect(totalSampledMs(p)).toBe(0.015);
  });

  it('falls back to hit counts spread over the profile when there is no sample timeline', () => {
    const p: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '', -1), hitCount: 0, children: [2, 3] },
        { id: 2, callFrame: frame('alpha', 'file:///proj/a.ts', 0), hitCount: 3 },
        { id: 3, callFrame: frame('beta', 'file:///proj/b.ts', 0), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 1000,
    };
    expect(topSelfTime(p, 10, ROOT)).toEqual([
      { functionName: 'alpha', url: 'a.ts', line: 1, selfMs: 0.75, selfShare: 0.75 },
      { functionName: 'beta', url: 'b.ts', line: 1, selfMs: 0.25, selfShare: 0.25 },
    ]);
  });

  it('returns nothing for an empty profile', () => {
    const p: CpuProfile = { nodes: [{ id: 1, callFrame: frame('(root)', '', -1) }], startTime: 5, endTime: 5, samples: [], timeDeltas: [] };
    expect(topSelfTime(p)).toEqual([]);
    expect(totalSampledMs(p)).toBe(0);
  });
});

describe('totalSampledMs', () => {
  it('is the time from the first sample to the end of the profile', () => {
    expect(totalSampledMs(profile)).toBe(0.69);
  });
});
