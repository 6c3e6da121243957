import { describe, expect, it } from 'vitest';
import { frameLocation, PROJECT_ROOT, scriptLocation } from '../../../harness/profile/frame-location.ts';

describe('frame locations', () => {
  it('makes file URLs inside the project relative, keeps others readable', () => {
    expect(scriptLocation('file:///proj/variants/storage/naive.ts', '/proj')).toBe('variants/storage/naive.ts');
    expect(scriptLocation('file:///other/x.js', '/proj')).toBe('/other/x.js');
    expect(scriptLocation('file:///projector/x.js', '/proj')).toBe('/projector/x.js');
    expect(scriptLocation('node:internal/timers', '/proj')).toBe('node:internal/timers');
    expect(scriptLocation('', '/proj')).toBe('');
  });

  it('names anonymous functions and makes lines 1-based', () => {
    expect(frameLocation({ functionName: '', scriptId: '1', url: 'file:///proj/a.ts', lineNumber: 0, columnNumber: 3 }, '/proj')).toEqual({
      functionName: '(anonymous)', url: 'a.ts', line: 1,
    });
    expect(frameLocation({ functionName: '(idle)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, '/proj').line).toBeNull();
  });

  it('defaults to the folder holding harness/', () => {
    expect(scriptLocation(new URL('../../../harness/profile/flame.ts', import.meta.url).href)).toBe('harness/profile/flame.ts');
    expect(PROJECT_ROOT.endsWith('/')).toBe(true);
  });
});
