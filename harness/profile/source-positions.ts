/**
 * Maps call-frame positions in a profile from the code V8 ran back to the
 * TypeScript source, before the profile is written.
 *
 * tsx compiles .ts files in memory with esbuild, whitespace-minified, and
 * registers an inline source map with Node (it turns source maps on with
 * process.setSourceMapsEnabled). V8's profilers report positions in the
 * compiled text, so every frame of a .ts file would read as line 1. Node's
 * source-map cache (node:module findSourceMap, https://nodejs.org/api/module.html#source-map-v3-support)
 * is only reachable inside the process that loaded the modules, hence this
 * runs in the profiled process, at stop().
 *
 * Only positions whose original source is the very file the frame names are
 * rewritten (the tsx case); a frame of a compiled .js file with a map to some
 * other source keeps the position of the file it names, so every position in
 * the written profile refers to the text at its url.
 */
import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CallFrame } from './v8-profile-format.ts';

/** The part of node:module's SourceMap used here. */
export interface SourcePositionMap {
  findEntry(lineOffset: number, columnOffset: number): { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
}

export type SourceMapLookup = (url: string) => SourcePositionMap | undefined;

/** Node's own cache: ES modules are keyed by URL, CommonJS ones by path. */
export const nodeSourceMaps: SourceMapLookup = (url) => {
  if (!url.startsWith('file:')) return undefined;
  try {
    return findSourceMap(url) ?? findSourceMap(fileURLToPath(url));
  } catch {
    return undefined;
  }
};

function samePlace(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const pathA = a.startsWith('file:') ? fileURLToPath(a) : a;
    const pathB = b.startsWith('file:') ? fileURLToPath(b) : b;
    return pathA === pathB;
  } catch {
    return false;
  }
}

/**
 * Rewrites the frames in place; returns how many were mapped. `frames` may
 * repeat a frame object; each is mapped once.
 */
export function mapFramesToSource(frames: Iterable<CallFrame>, lookup: SourceMapLookup = nodeSourceMaps): number {
  const maps = new Map<string, SourcePositionMap | undefined>();
  const done = new Set<CallFrame>();
  let mapped = 0;
  for (const frame of frames) {
    if (done.has(frame) || frame.lineNumber < 0 || frame.url === '') continue;
    done.add(frame);
    if (!maps.has(frame.url)) maps.set(frame.url, lookup(frame.url));
    const map = maps.get(frame.url);
    if (!map) continue;
    const entry = map.findEntry(frame.lineNumber, Math.max(0, frame.columnNumber));
    if (!entry || typeof entry.originalLine !== 'number' || typeof entry.originalSource !== 'string') continue;
    if (!samePlace(entry.originalSource, frame.url)) continue;
    frame.lineNumber = entry.originalLine;
    frame.columnNumber = entry.originalColumn ?? frame.columnNumber;
    mapped += 1;
  }
  return mapped;
}
