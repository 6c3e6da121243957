import { describe, expect, it } from 'vitest';
import { mapFramesToSource, type SourceMapLookup } from '../../../harness/profile/source-positions.ts';
import type { CallFrame } from '../../../harness/profile/v8-profile-format.ts';

function frame(url: string, lineNumber: number, columnNumber: number): CallFrame {
  return { functionName: 'f', scriptId: '1', url, lineNumber, columnNumber };
}

/** A map that sends generated column c on line 0 to original line c / 100. */
const lookup: SourceMapLookup = (url) =>
  url === 'file:///proj/a.ts'
    ? { findEntry: (line, column) => (line === 0 ? { originalSource: 'file:///proj/a.ts', originalLine: Math.floor(column / 100), originalColumn: 2 } : {}) }
    : url === 'file:///proj/bundle.js'
      ? { findEntry: () => ({ originalSource: 'file:///proj/src/other.ts', originalLine: 40, originalColumn: 0 }) }
      : undefined;

describe('mapFramesToSource', () => {
  it('rewrites positions of transpiled files to their source lines', () => {
    const a = frame('file:///proj/a.ts', 0, 512);
    expect(mapFramesToSource([a], lookup)).toBe(1);
    expect(a).toMatchObject({ lineNumber: 5, columnNumber: 2 });
  });

  it('leaves native frames, unmapped scripts and maps into other files alone', () => {
    const native = frame('', -1, -1);
    const plain = frame('file:///proj/plain.js', 3, 4);
    const bundled = frame('file:///proj/bundle.js', 0, 10);
    const noEntry = frame('file:///proj/a.ts', 7, 1);
    expect(mapFramesToSource([native, plain, bundled, noEntry], lookup)).toBe(0);
    expect(plain).toMatchObject({ lineNumber: 3, columnNumber: 4 });
    expect(bundled).toMatchObject({ lineNumber: 0, columnNumber: 10 });
    expect(noEntry).toMatchObject({ lineNumber: 7, columnNumber: 1 });
  });

  it('maps a frame object seen twice only once', () => {
    const a = frame('file:///proj/a.ts', 0, 300);
    expect(mapFramesToSource([a, a], lookup)).toBe(1);
    expect(a.lineNumber).toBe(3);
  });
});
