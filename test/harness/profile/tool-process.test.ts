import { describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { errorSummary, lastLines, runTool } from '../../../harness/profile/tool-process.ts';

describe('runTool', () => {
  it('captures the exit code and output tails', async () => {
    const run = await runTool({
      command: process.execPath,
      args: ['-e', "process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"],
      cwd: process.cwd(),
      timeoutMs: REAL_WORK_LIMIT_MS,
    });
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, stdoutTail: 'out', stderrTail: 'err' });
  });

  it('interrupts a tool that runs past its limit', async () => {
    const run = await runTool({ command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], cwd: process.cwd(), timeoutMs: 200 });
    expect(run.timedOut).toBe(true);
    expect(run.signal).toBe('SIGINT');
  });

  it('resolves, not rejects, when the tool cannot start', async () => {
    const run = await runTool({ command: '/nonexistent/tool', args: [], cwd: process.cwd(), timeoutMs: 1_000 });
    expect(run.spawnError).toMatch(/ENOENT/);
  });
});

describe('tool output', () => {
  it('finds the line that says what went wrong', () => {
    const stderr = "node:internal/modules/run_main:123\n    triggerUncaughtException(\n    ^\n\nError [ERR_MODULE_NOT_FOUND]: Cannot find module '/x.ts'\n    at resolve (node:internal/x:1:1)\n";
    expect(errorSummary(stderr)).toBe("Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/x.ts'");
    expect(errorSummary('TypeError: x is not a function\n    at f (a.ts:1:1)')).toBe('TypeError: x is not a function');
    expect(errorSummary('just\nsome\noutput')).toBe('just | some | output');
  });

  it('keeps the last lines without terminal control codes', () => {
    expect(lastLines('\u001b[1000D\u001b[0K🔥  Profiling\u001b[1000D\u001b[0Kdone\n\n', 2)).toBe('🔥  Profiling | done');
  });
});
