/**
 * The time limit a test gives real work (a job's child process, a profiler
 * run, a process that must exit by itself): a hang detector, never a speed
 * expectation. On a loaded 2-core machine work that takes a few seconds alone
 * took up to 30 s (0x on the flame fixture, against a 60 s limit before), so
 * the limit is generous. vitest's testTimeout (vitest.config.ts) is above it,
 * so a hang fails on the test's own check, with its message.
 */
export const REAL_WORK_LIMIT_MS = 240_000;
