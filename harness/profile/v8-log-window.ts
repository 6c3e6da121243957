/**
 * Pure edits of a V8 --prof log (the isolate-*-v8.log 0x collects): find the
 * measured phase by its markers (phase-markers.ts) and keep only the ticks
 * inside it. Everything else (code-creation, shared-library, ... lines) stays,
 * since ticks outside the window still need the code map to resolve the ones
 * inside it.
 *
 * Line formats (v8/src/logging/log.cc; fields separated by commas, commas
 * inside names escaped as \x2C):
 *   code-creation,<type>,<kind>,<timestamp µs>,<address>,<size>,<name>[,...]
 *   tick,<pc>,<timestamp µs>,<is external callback>,<tos/callback>,<vm state>[,<stack>...]
 */
import { PHASE_END_MARKER, PHASE_START_MARKER } from './phase-markers.ts';

export interface TickWindow {
  readonly startUs: number;
  /** Infinity when the phase never ended (the process died inside it). */
  readonly endUs: number;
}

function markerAt(line: string): { kind: 'start' | 'end'; us: number } | null {
  if (!line.startsWith('code-creation,')) return null;
  const fields = line.split(',', 7);
  const name = fields[6];
  if (name === undefined) return null;
  // The name field reads "<function name> <script>:<line>:<column>".
  const functionName = name.split(' ', 1)[0];
  const kind = functionName === PHASE_START_MARKER ? 'start' : functionName === PHASE_END_MARKER ? 'end' : null;
  if (!kind) return null;
  const us = Number(fields[3]);
  return Number.isFinite(us) ? { kind, us } : null;
}

/** Start/end pairs in log order; an end without a start is ignored. */
export function findPhaseWindows(log: string): TickWindow[] {
  const windows: TickWindow[] = [];
  let openedAt: number | null = null;
  for (const line of log.split('\n')) {
    const marker = markerAt(line);
    if (!marker) continue;
    if (marker.kind === 'start') {
      if (openedAt === null) openedAt = marker.us;
    } else if (openedAt !== null) {
      windows.push({ startUs: openedAt, endUs: marker.us });
      openedAt = null;
    }
  }
  if (openedAt !== null) windows.push({ startUs: openedAt, endUs: Number.POSITIVE_INFINITY });
  return windows;
}

export function countTicks(log: string): number {
  let ticks = 0;
  for (const line of log.split('\n')) if (line.startsWith('tick,')) ticks += 1;
  return ticks;
}

export interface WindowedLog {
  readonly log: string;
  readonly keptTicks: number;
  readonly droppedTicks: number;
}

export function keepTicksInWindows(log: string, windows: readonly TickWindow[]): WindowedLog {
  let keptTicks = 0;
  let droppedTicks = 0;
  const kept: string[] = [];
  for (const line of log.split('\n')) {
    if (line.startsWith('tick,')) {
      const us = Number(line.split(',', 3)[2]);
      if (!windows.some((w) => us >= w.startUs && us <= w.endUs)) {
        droppedTicks += 1;
        continue;
      }
      keptTicks += 1;
    }
    kept.push(line);
  }
  return { log: kept.join('\n'), keptTicks, droppedTicks };
}

/**
 * Which of a process's isolate logs is the main thread's: with tsx, Node's
 * module-hooks thread (and any worker thread) writes a log of its own, and
 * 0x keeps whichever its directory listing meets first. The main thread's
 * log holds the phase markers; failing that, it compiled the entry script;
 * failing that, the busiest log is the best guess.
 */
export function chooseMainIsolateLog<T extends { readonly text: string }>(logs: readonly T[], entryScript: string | null): T | null {
  if (logs.length === 0) return null;
  const marked = logs.find((log) => findPhaseWindows(log.text).length > 0);
  if (marked) return marked;
  if (entryScript) {
    const entry = logs.find((log) => log.text.split('\n').some((line) => line.startsWith('code-creation,') && line.includes(entryScript)));
    if (entry) return entry;
  }
  return logs.reduce((best, log) => (countTicks(log.text) > countTicks(best.text) ? log : best));
}
