/**
 * What a user meets with their own files: relative paths from the folder
 * they typed the command in (npm run changes to the package root and keeps
 * theirs in INIT_CWD), targets of a scenario file outside scenarios/, and
 * messages that name files as the user gave them.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { JobExecutor } from '../../../harness/run/runner.ts';
import { captureStream } from '../../support/capture-stream.ts';
import { makeEnvironment, makeMeasure } from '../../support/results-fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-user-paths-'));
  dirs.push(dir);
  return dir;
}

function fakeExecutor(): JobExecutor & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    run: async (payload) => {
      runs.push(payload.job.id);
      const result: JobResult = {
        ...payload.job,
        status: 'ok',
        startedAt: new Date(0).toISOString(),
        wallMs: 10,
        environment: makeEnvironment(),
        phases: null,
        measure: makeMeasure({ throughputOpsPerSec: 50_000 }, payload.scenario),
        error: null,
      };
      return result;
    },
  };
}

async function run(argv: string[], env: NodeJS.ProcessEnv, executor: JobExecutor = fakeExecutor()) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(argv, { stdout, stderr, env, executor, calibrate: () => [1_000, 1_000, 1_000] });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const HARNESS_SCENARIO = path.resolve('scenarios/define.ts');
const TARGETS_DEFINE = path.resolve('targets/define.ts');

function writeScenario(file: string, name: string, records = 1_000): void {
  writeFileSync(
    file,
    `import { defineScenario } from ${JSON.stringify(HARNESS_SCENARIO)};\n` +
      `export default defineScenario({ name: ${JSON.stringify(name)}, description: 'a user scenario', subject: 'storage',\n` +
      `  dataset: { records: ${records}, valueBytes: 8, keyDistribution: { kind: 'uniform' }, seed: 1 },\n` +
      `  workload: { mix: { get: 1 }, operations: 100, concurrency: 1 }, warmup: { operations: 0, maxDurationMs: 0 }, repeats: 1,\n` +
      `  variants: ['batched'] });\n`,
  );
}

function writeTargets(file: string, scenario: string): void {
  writeFileSync(
    file,
    `import { defineTargets } from ${JSON.stringify(TARGETS_DEFINE)};\n` +
      `export default defineTargets({ name: 'mine', targets: [{ scenario: ${JSON.stringify(scenario)}, variant: 'batched', metric: 'throughput', atLeastOpsPerSec: 1e12 }] });\n`,
  );
}

describe('a scenario file of the user with its own targets', () => {
  it('checks the targets of a scenario passed by path: an impossible bound fails and --check exits 3', async () => {
    const dir = tempDir();
    writeScenario(path.join(dir, 'my.ts'), 'my-own');
    writeTargets(path.join(dir, 'my-targets.ts'), 'my-own');
    const argv = ['--scenario', path.join(dir, 'my.ts'), '--targets', path.join(dir, 'my-targets.ts'), '--check', '--out', path.join(dir, 'out'), '--json'];
    const { code, stdout } = await run(argv, { CI: 'true' });
    expect(code).toBe(3);
    const results = JSON.parse(readFileSync(stdout.trim(), 'utf8')) as RunResults;
    expect(results.targets!.checks).toHaveLength(1);
    expect(results.targets!.checks[0]).toMatchObject({ scenario: 'my-own', variant: 'batched', status: 'fail' });
  });
});

describe('relative paths from the folder the user typed the command in (INIT_CWD)', () => {
  it('finds --scenario, --targets and --out under the user folder, not the package root', async () => {
    const dir = tempDir();
    const sub = path.join(dir, 'work', 'bench');
    mkdirSync(sub, { recursive: true });
    writeScenario(path.join(sub, 'mine.ts'), 'mine');
    writeTargets(path.join(sub, 't.ts'), 'mine');
    const { code, stdout, stderr } = await run(['--scenario', './mine.ts', '--targets', 't.ts', '--out', 'my-reports', '--json'], { CI: 'true', INIT_CWD: sub });
    expect(stderr).not.toContain('not found');
    expect(code).toBe(0);
    expect(stdout.trim().startsWith(path.join(sub, 'my-reports') + path.sep)).toBe(true);
    expect(existsSync(stdout.trim())).toBe(true);
  });

  it('says "not found" with the path as typed and where it looked', async () => {
    const dir = tempDir();
    const { code, stderr } = await run(['--scenario', './absent.ts'], { CI: 'true', INIT_CWD: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(`Scenario file not found: ./absent.ts (looked for ${path.join(dir, 'absent.ts')})`);
  });

  it('names an invalid scenario file as the user gave it, not as a chain of ../', async () => {
    const dir = tempDir();
    writeScenario(path.join(dir, 'bad.ts'), 'bad', 0);
    const { code, stderr } = await run(['--scenario', './bad.ts'], { CI: 'true', INIT_CWD: dir });
    expect(code).toBe(2);
    expect(stderr).toContain('./bad.ts');
    expect(stderr).not.toContain('../');
  });
});

describe('option values that look like options', () => {
  it('--repeats -1 gets varbench own message, not "argument is ambiguous"', async () => {
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--repeats', '-1'], { CI: 'true' }, executor);
    expect(code).toBe(2);
    expect(stderr).toContain("--repeats expects a whole number >= 1, got '-1'");
    expect(stderr).not.toContain('ambiguous');
    expect(executor.runs).toEqual([]);
  });
});
