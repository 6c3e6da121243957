import { describe, expect, it } from 'vitest';
import { selfTimeMoves } from '../../../harness/profile/self-time-diff.ts';

const row = (functionName: string, selfShare: number, line: number | null = 10, url = 'harness/x.ts') => ({ functionName, url, line, selfMs: selfShare * 1000, selfShare });

describe('selfTimeMoves', () => {
  it('matches functions by name and script across moved lines, largest moves first', () => {
    const moves = selfTimeMoves(
      [row('get', 0.4, 10), row('put', 0.3, 20), row('spin', 0.05, 30)],
      [row('get', 0.3, 12), row('put', 0.31, 22), row('spin', 0.25, 30)],
    );
    expect(moves.map((m) => [m.functionName, m.line, Number(m.change!.toFixed(2))])).toEqual([
      ['spin', 30, 0.2],
      ['get', 12, -0.1],
      ['put', 22, 0.01],
    ]);
  });

  it("keeps a function listed on one side only, without a change (it was below the other side's top)", () => {
    const moves = selfTimeMoves([row('old', 0.2)], [row('new', 0.3), row('same', 0.1, 1, 'a.ts')]);
    expect(moves.map((m) => [m.functionName, m.shareA, m.shareB, m.change])).toEqual([
      ['new', null, 0.3, null],
      ['old', 0.2, null, null],
      ['same', null, 0.1, null],
    ]);
  });

  it('tells apart functions of the same name in different scripts', () => {
    const moves = selfTimeMoves([row('run', 0.2, 1, 'a.ts'), row('run', 0.1, 1, 'b.ts')], [row('run', 0.2, 1, 'a.ts'), row('run', 0.3, 1, 'b.ts')]);
    expect(moves.map((m) => [m.url, Number(m.change!.toFixed(2))])).toEqual([['b.ts', 0.2], ['a.ts', 0]]);
  });
});
