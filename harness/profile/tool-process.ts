/**
 * Runs a profiling tool's CLI (0x, clinic) as a child process with a time
 * limit, and never rejects: the caller turns any outcome into an artifact.
 *
 * The tool starts the profiled program as its own child, so the tool runs in
 * a process group of its own (detached) and a time-out signals the whole
 * group: first SIGINT, which both 0x and clinic treat as "stop and write
 * what you have" (and their preloads make the profiled program exit
 * cleanly, flushing V8's log), then SIGKILL after a grace period. The group is
 * also killed if this process exits first, so no profiled program outlives
 * the run.
 */
import { spawn } from 'node:child_process';

export interface ToolRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The last bytes of its output (enough for an error message). */
  readonly stdoutTail: string;
  readonly stderrTail: string;
  /** Set when the tool could not be started at all. */
  readonly spawnError?: string;
}

export interface ToolRunOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** Time between the SIGINT of a time-out and SIGKILL. */
  readonly graceMs?: number;
}

const TAIL_BYTES = 16 * 1024;
/** 0x and clinic process what they collected after SIGINT: seconds for a large log. */
const DEFAULT_GRACE_MS = 20_000;

function appendTail(tail: string, chunk: Buffer): string {
  const joined = tail + chunk.toString('utf8');
  return joined.length > TAIL_BYTES ? joined.slice(joined.length - TAIL_BYTES) : joined;
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

export function runTool(options: ToolRunOptions): Promise<ToolRun> {
  return new Promise((resolve) => {
    let stdoutTail = '';
    let stderrTail = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killOnExit = (): void => signalGroup(child.pid, 'SIGKILL');
    process.once('exit', killOnExit);
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, 'SIGINT');
      killTimer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), options.graceMs ?? DEFAULT_GRACE_MS);
    }, options.timeoutMs);
    const finish = (run: Omit<ToolRun, 'timedOut' | 'stdoutTail' | 'stderrTail'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      process.removeListener('exit', killOnExit);
      resolve({ ...run, timedOut, stdoutTail, stderrTail });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutTail = appendTail(stdoutTail, chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = appendTail(stderrTail, chunk);
    });
    child.once('error', (error) => finish({ exitCode: null, signal: null, spawnError: error.message }));
    child.once('close', (exitCode, signal) => finish({ exitCode, signal }));
  });
}

/** The last non-empty lines of a tool's output, for a warning. */
export function lastLines(text: string, count = 5): string {
  return text
    // Progress spinners and single-line status output (ANSI cursor codes).
    .replace(/\u001b\[[0-9;]*[A-Za-z]/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(-count)
    .join(' | ');
}

/**
 * The line of a Node error report that says what went wrong ("Error: ...",
 * "TypeError [ERR_X]: ..."), else the last lines: a stack's frames say where,
 * not what.
 */
export function errorSummary(text: string): string {
  const clean = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '\n');
  const line = clean.split('\n').find((l) => /^\s*(?:\w+)?Error\b[^:]*:/.test(l));
  return line ? line.trim() : lastLines(clean);
}
