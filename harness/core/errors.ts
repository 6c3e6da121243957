/**
 * The one error type of the harness. `code` is stable (tests and scripts
 * match on it); the message says what was wrong, where, and how to fix it.
 */
export type ErrorCode =
  | 'USAGE' // bad command-line arguments
  | 'UNKNOWN_SCENARIO'
  | 'INVALID_SCENARIO'
  | 'INVALID_TARGETS' // a targets file that cannot be loaded or names what does not exist
  | 'UNKNOWN_VARIANT'
  | 'RESULTS_UNREADABLE';

/** Exit codes, documented in the README and --help. */
export const EXIT = {
  ok: 0,
  runFailed: 1,
  usage: 2,
  /** --check: a performance target failed. */
  targetFailed: 3,
  /** --baseline: a regression was found and confirmed; --against: a cell is worse than the other side. */
  regression: 4,
  /**
   * A gate could not judge (--allow-incomparable: 0): --against left a cell
   * undecided; --baseline was not comparable, or a flagged cell stayed inconclusive.
   */
  undecided: 5,
} as const;

const USAGE_CODES: ReadonlySet<ErrorCode> = new Set([
  'USAGE',
  'UNKNOWN_SCENARIO',
  'INVALID_SCENARIO',
  'INVALID_TARGETS',
  'UNKNOWN_VARIANT',
  'RESULTS_UNREADABLE',
]);

export class VarbenchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VarbenchError';
    this.code = code;
  }

  /** Usage and input errors exit 2 (before anything ran); anything else is an internal failure. */
  get exitCode(): number {
    return USAGE_CODES.has(this.code) ? EXIT.usage : EXIT.runFailed;
  }
}
