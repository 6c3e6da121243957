/**
 * How a profile's call frame is named in tables: the function name as V8
 * reports it (for TypeScript run through tsx, the source's own names: tsx
 * transpiles with esbuild, which keeps them), the script relative to the
 * project root when it lies inside it, and a 1-based line.
 *
 * Lines are V8's, i.e. of the code V8 ran. tsx emits whitespace-minified
 * code, so unmapped positions of .ts files all sit on line 1; the profilers
 * map them back to the TypeScript source before writing (source-positions.ts).
 */
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallFrame } from './v8-profile-format.ts';
import { PROJECT_ROOT } from '../core/project-root.ts';

/** The folder holding harness/: what table URLs are made relative to. */
export { PROJECT_ROOT };

export interface FrameLocation {
  /** '(anonymous)' for unnamed functions, as DevTools shows them. */
  readonly functionName: string;
  /** Project-relative path, absolute path outside the project, node:... or '' for native code. */
  readonly url: string;
  /** 1-based, null when V8 knows no position (native code, GC, idle). */
  readonly line: number | null;
}

export function scriptLocation(url: string, projectRoot: string = PROJECT_ROOT): string {
  if (!url.startsWith('file:')) return url;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return url;
  }
  const inside = relative(projectRoot, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
  return inside.split(sep).join('/');
}

export function frameLocation(frame: CallFrame, projectRoot: string = PROJECT_ROOT): FrameLocation {
  return {
    functionName: frame.functionName === '' ? '(anonymous)' : frame.functionName,
    url: scriptLocation(frame.url, projectRoot),
    line: frame.lineNumber >= 0 ? frame.lineNumber + 1 : null,
  };
}

/** Rows are aggregated per function and place: a function reached by many call paths is one row. */
export function locationKey(location: FrameLocation): string {
  return `${location.functionName}\u0000${location.url}\u0000${location.line ?? ''}`;
}
