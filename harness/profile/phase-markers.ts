/**
 * Marks the measured phase in V8's --prof tick log, so a flamegraph made from
 * a whole-process 0x run can be cut down to that phase (v8-log-window.ts).
 *
 * No API writes to V8's log from JavaScript, but compiling a function does:
 * under --prof, V8 logs a `code-creation` line for every function it compiles,
 * stamped with the log's own clock, the same clock as its `tick` lines
 * (v8/src/logging/log.cc). A freshly created function with a known name,
 * called once, therefore drops a timestamp into the log. Its source carries a
 * counter so V8's compilation cache never hands back an already-compiled
 * function (which would log nothing).
 *
 * Without --prof this costs one tiny compilation (microseconds); call it
 * outside the timed loop, right before and right after it.
 */

export const PHASE_START_MARKER = '__varbench_phase_start__';
export const PHASE_END_MARKER = '__varbench_phase_end__';

let serial = 0;

function compileAndCall(name: string): void {
  serial += 1;
  // Built from constants only: the marker names are fixed identifiers.
  const make = new Function(`return function ${name}() { return ${serial}; };`) as () => () => number;
  make()();
}

export function markPhaseStart(): void {
  compileAndCall(PHASE_START_MARKER);
}

export function markPhaseEnd(): void {
  compileAndCall(PHASE_END_MARKER);
}
