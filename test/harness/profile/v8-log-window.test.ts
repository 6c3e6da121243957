import { describe, expect, it } from 'vitest';
import { PHASE_END_MARKER, PHASE_START_MARKER } from '../../../harness/profile/phase-markers.ts';
import { chooseMainIsolateLog, countTicks, findPhaseWindows, keepTicksInWindows } from '../../../harness/profile/v8-log-window.ts';

const start = (us: number): string => `code-creation,JS,10,${us},0x1a2b,3,${PHASE_START_MARKER} :3:45,0x1a00,~`;
const end = (us: number): string => `code-creation,JS,10,${us},0x1a3b,3,${PHASE_END_MARKER} :3:43,0x1a10,~`;
const tick = (us: number): string => `tick,0x7fd719bc3f14,${us},0,0x0,6,0xf80e70`;

const log = [
  'v8-version,11,3,244,8,-node.38,0',
  'shared-library,/usr/bin/node,0x400000,0xb71000,0',
  'code-creation,JS,10,100,0x2dbd,44,loadPhase file:///proj/a.ts:1:334,0x2dbd,~',
  tick(150),
  tick(200),
  start(300),
  tick(300),
  tick(450),
  end(500),
  tick(501),
  '',
].join('\n');

describe('V8 log windows', () => {
  it('finds the measured phase from its markers', () => {
    expect(findPhaseWindows(log)).toEqual([{ startUs: 300, endUs: 500 }]);
  });

  it('keeps the ticks inside the phase and every other line', () => {
    const windowed = keepTicksInWindows(log, findPhaseWindows(log));
    expect(windowed.keptTicks).toBe(2);
    expect(windowed.droppedTicks).toBe(3);
    expect(windowed.log.split('\n').filter((l) => l.startsWith('tick,'))).toEqual([tick(300), tick(450)]);
    expect(windowed.log).toContain('loadPhase file:///proj/a.ts');
    expect(windowed.log).toContain('shared-library,/usr/bin/node');
    expect(countTicks(windowed.log)).toBe(2);
  });

  it('leaves a phase that never ended open (a crash inside it)', () => {
    const crashed = [tick(10), start(20), tick(30), tick(40)].join('\n');
    const windows = findPhaseWindows(crashed);
    expect(windows).toEqual([{ startUs: 20, endUs: Number.POSITIVE_INFINITY }]);
    expect(keepTicksInWindows(crashed, windows).keptTicks).toBe(2);
  });

  it('pairs repeated phases and ignores an end without a start', () => {
    const twice = [end(5), start(10), end(20), start(30), start(35), end(40)].join('\n');
    expect(findPhaseWindows(twice)).toEqual([
      { startUs: 10, endUs: 20 },
      { startUs: 30, endUs: 40 },
    ]);
  });

  it('ignores functions whose names merely begin like a marker', () => {
    const lookalike = `code-creation,JS,10,7,0x1,3,${PHASE_START_MARKER}x :1:1,0x2,~`;
    expect(findPhaseWindows(lookalike)).toEqual([]);
  });
});

describe('chooseMainIsolateLog', () => {
  const hooksThread = { name: 'hooks', text: [tick(1), tick(2), tick(3), tick(4)].join('\n') };
  const entryOnly = { name: 'main', text: ['code-creation,JS,10,1,0x1,3,main file:///proj/run.ts:1:1,0x2,~', tick(5)].join('\n') };

  it('prefers the log with phase markers', () => {
    const marked = { name: 'marked', text: log };
    expect(chooseMainIsolateLog([hooksThread, marked], null)?.name).toBe('marked');
  });

  it('then the log that compiled the entry script, then the busiest', () => {
    expect(chooseMainIsolateLog([hooksThread, entryOnly], '/proj/run.ts')?.name).toBe('main');
    expect(chooseMainIsolateLog([entryOnly, hooksThread], null)?.name).toBe('hooks');
    expect(chooseMainIsolateLog([], null)).toBeNull();
  });
});
