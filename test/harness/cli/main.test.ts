/**
 * The CLI end to end with an injected executor (hyperfine's mock-executor
 * idea): argument handling, exit codes, and the files a run leaves behind.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureStream } from '../../support/capture-stream.ts';
import { main } from '../../../harness/cli/main.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { JobExecutor } from '../../../harness/run/runner.ts';
import { makeEnvironment, makeMeasure, makeRuntimeFigures } from '../../support/results-fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-cli-test-'));
  dirs.push(dir);
  return dir;
}


const THROUGHPUT: Record<string, number> = { noop: 5e6, naive: 3_000, batched: 90_000, pooled: 40_000, cached: 150_000 };

/** Pretends to run jobs: measured results from the fixture builder; `failing` variants fail in verify. */
function fakeExecutor(failing: string[] = []): JobExecutor & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    run: async (payload) => {
      runs.push(payload.job.id);
      const failed = failing.includes(payload.job.variant);
      const result: JobResult = {
        ...payload.job,
        status: failed ? 'failed' : 'ok',
        startedAt: new Date(0).toISOString(),
        wallMs: 10,
        environment: makeEnvironment(),
        phases: null,
        measure: failed
          ? null
          : makeMeasure({ throughputOpsPerSec: THROUGHPUT[payload.job.variant]! * (1 + payload.job.repeat / 100) }, payload.scenario),
        error: failed ? { message: 'the store disagrees with the expected answers: <b>key:1</b>', phase: 'verify' } : null,
      };
      return result;
    },
  };
}

async function run(argv: string[], executor?: JobExecutor) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(argv, { stdout, stderr, env: { CI: 'true' }, ...(executor ? { executor } : {}) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('cli', () => {
  it('--help documents the options and exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const option of ['--scenario', '--variant', '--repeats', '--quick', '--out', '--json', '--list', 'Exit codes']) {
      expect(stdout).toContain(option);
    }
  });

  it('--list shows the scenarios and the variants', async () => {
    const { code, stdout } = await run(['--list']);
    expect(code).toBe(0);
    expect(stdout).toContain('mixed-70-20-10');
    for (const variant of ['naive', 'batched', 'pooled', 'cached']) expect(stdout).toContain(variant);
  });

  it('an unknown scenario exits 2 and lists the known names', async () => {
    const { code, stderr } = await run(['--scenario', 'mixed-70-20']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown scenario 'mixed-70-20'");
    expect(stderr).toContain('mixed-70-20-10');
  });

  it('an unknown variant or a bad number exits 2 before anything runs', async () => {
    const executor = fakeExecutor();
    expect((await run(['--scenario', 'mixed-70-20-10', '--variant', 'naive,turbo'], executor)).stderr).toContain("Unknown variant 'turbo'");
    const bad = await run(['--scenario', 'mixed-70-20-10', '--repeats', 'three'], executor);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--repeats expects a whole number >= 1, got 'three'");
    expect((await run(['--scenario', 'mixed-70-20-10', '--frobnicate'], executor)).code).toBe(2);
    expect(executor.runs).toEqual([]);
  });

  it('an invalid scenario file names the file and field, exits 2 and writes nothing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mine.ts');
    const harness = path.resolve('scenarios/define.ts');
    writeFileSync(
      file,
      `import { defineScenario } from ${JSON.stringify(harness)};\n` +
        `export default defineScenario({ name: 'mine', description: 'x', subject: 'storage',\n` +
        `  dataset: { records: 0, valueBytes: 8, keyDistribution: { kind: 'uniform' }, seed: 1 },\n` +
        `  workload: { mix: { get: 1 }, operations: 10, concurrency: 1 }, warmup: { operations: 0, maxDurationMs: 0 }, repeats: 1 });\n`,
    );
    const out = path.join(dir, 'reports');
    const { code, stderr } = await run(['--scenario', file, '--out', out], fakeExecutor());
    expect(code).toBe(2);
    expect(stderr).toContain('mine.ts');
    expect(stderr).toContain('dataset.records: expected an integer >= 1');
    expect(existsSync(out)).toBe(false);
  });

  it('a run writes results.json and index.html, prints the summary, and exits 1 when a job failed', async () => {
    const out = tempDir();
    const executor = fakeExecutor(['pooled']);
    const { code, stdout, stderr } = await run(['--scenario', 'mixed-70-20-10', '--repeats', '2', '--out', out], executor);
    expect(code).toBe(1);
    expect(executor.runs).toEqual(['noop#1', 'naive#1', 'batched#1', 'pooled#1', 'cached#1', 'naive#2', 'batched#2', 'pooled#2', 'cached#2']);
    const [runDir] = readdirSync(out);
    const results = JSON.parse(readFileSync(path.join(out, runDir!, 'results.json'), 'utf8')) as RunResults;
    expect(results.schema).toBe('varbench/results');
    expect(results.finishedAt).not.toBeNull();
    expect(results.results).toHaveLength(9);
    const html = readFileSync(path.join(out, runDir!, 'index.html'), 'utf8');
    expect(html).toContain('mixed-70-20-10');
    expect(html).not.toContain('<b>key:1</b>');
    expect(stdout).toContain('Report: ');
    expect(stdout).toContain('cached');
    expect(stderr).toContain('2 jobs failed: pooled#1 (failed), pooled#2 (failed)');
  });

  it('--json prints only the results path on stdout', async () => {
    const out = tempDir();
    const { code, stdout } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--variant', 'naive,cached', '--json', '--out', out], fakeExecutor());
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout.trim()).toMatch(/results\.json$/);
    expect(existsSync(stdout.trim())).toBe(true);
  });

  it('report re-renders index.html from results.json alone, and rejects a damaged file', async () => {
    const out = tempDir();
    await run(['--scenario', 'mixed-70-20-10', '--quick', '--out', out], fakeExecutor());
    const [runDir] = readdirSync(out);
    const resultsPath = path.join(out, runDir!, 'results.json');
    const elsewhere = path.join(tempDir(), 'copy');
    const rerendered = await run(['report', resultsPath, '--out', elsewhere]);
    expect(rerendered.code).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'index.html'), 'utf8')).toContain('mixed-70-20-10');

    const damaged = path.join(tempDir(), 'results.json');
    writeFileSync(damaged, readFileSync(resultsPath, 'utf8').slice(0, 100));
    const { code, stderr } = await run(['report', damaged]);
    expect(code).toBe(2);
    expect(stderr).toContain('is not valid JSON');
  });
});

describe('cli settings', () => {
  it('a misspelt variant setting in a scenario file exits 2 naming the field, before any job', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tuned.ts');
    writeFileSync(
      file,
      `import base from ${JSON.stringify(path.resolve('scenarios/mixed-70-20-10.ts'))};\n` +
        `export default { ...base, name: 'tuned', settings: { cached: { cacheEntrys: 100 } } };\n`,
    );
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', file], executor);
    expect(code).toBe(2);
    expect(stderr).toContain('settings.cached: cached store: unknown setting "cacheEntrys"');
    expect(executor.runs).toEqual([]);
  });
});

describe('cli output folder under /proc', () => {
  // Node 20's recursive mkdirSync loops forever on this path; the writer must fail instead.
  it.runIf(process.platform === 'linux')('exits 2 at once for --out /proc/nope', async () => {
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--out', '/proc/nope'], executor);
    expect(code).toBe(2);
    expect(stderr).toContain("mkdir '/proc/nope'");
    expect(executor.runs).toEqual([]);
  });
});

describe('cli output folder', () => {
  it('an --out that cannot be written exits 2 and says how to fix it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--out', file], executor);
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot write the report folder');
    expect(stderr).toContain('Pass --out with a folder you can write to');
    expect(executor.runs).toEqual([]);
  });
});

describe('cli --profile', () => {
  it('rejects an unknown profile kind and says which exist', async () => {
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--profile', 'cpu,flames'], executor);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown profile 'flames'");
    expect(stderr).toContain('cpu, heap, flame');
    expect(executor.runs).toEqual([]);
  });

  it('plans profiled jobs for --profile all and records what was asked', async () => {
    const out = tempDir();
    const executor = fakeExecutor();
    const { code } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--variant', 'naive', '--profile', 'all', '--out', out], executor);
    expect(code).toBe(0);
    expect(executor.runs).toEqual(['noop#1', 'naive#1', 'naive#cpu-profile', 'naive#heap-profile']);
    const [runDir] = readdirSync(out);
    const results = JSON.parse(readFileSync(path.join(out, runDir!, 'results.json'), 'utf8')) as RunResults;
    expect(results.options.profile).toEqual(['cpu', 'heap', 'flame']);
  });
});

describe('cli profile warnings', () => {
  it('prints a profiler warning on the console and still exits 0', async () => {
    const out = tempDir();
    const base = fakeExecutor();
    const executor: JobExecutor = {
      run: async (payload, options) => {
        const result = await base.run(payload, options);
        if (!payload.job.profile) return result;
        return {
          ...result,
          findings: {
            artifacts: [{ kind: 'flame', path: null, sizeBytes: 0, warning: '0x exited with code 1' }],
            selfTime: null, totalSampledMs: null, allocationSites: null, totalSampledBytes: null,
          },
        };
      },
    };
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--variant', 'naive', '--profile', 'flame', '--out', out], executor);
    expect(code).toBe(0);
    expect(stderr).toContain('warning: naive flame profile: 0x exited with code 1');
  });
});

describe('cli balance disagreement', () => {
  it('exits 1 when the variants wrote different balances, even though every job is ok', async () => {
    const out = tempDir();
    const executor: JobExecutor = {
      run: async (payload) => {
        const output = (name: string) => ({ path: `outputs/${payload.job.id}/${name}`, bytes: 1, sha256: payload.job.variant === 'cached' ? `x-${name}` : `y-${name}` });
        const run = { endToEndMs: 10, rows: 5, rowsScanned: 9, unmapped: 4, hashes: 0, counters: {}, stages: { slotMappingMs: 1, queryMs: 1, filterDecodeMs: 1, writeMs: 1 } };
        return {
          ...payload.job, status: 'ok', startedAt: '', wallMs: 1, environment: makeEnvironment(), phases: null, error: null,
          measure: {
            cold: run, runs: [run], endToEndMs: 10, referenceQueryMs: 5, referenceRows: 9,
            outputs: { csv: output('balances.csv'), json: output('balances.json'), sqlite: output('balances.sqlite') },
            matchesExpected: null, peakRssBytes: 1, runtime: makeRuntimeFigures(5),
          },
        };
      },
    };
    const { code, stderr } = await run(['--scenario', 'balance-small', '--quick', '--variant', 'naive,cached', '--out', out], executor);
    expect(code).toBe(1);
    expect(stderr).toContain("The variants' outputs disagree");
    expect(stderr).toContain('csv: cached repeat 1 differs from naive repeat 1');
  });
});

describe('cli profiled job failure', () => {
  it('warns about a failed profiled job but exits 0 when every timed repeat succeeded', async () => {
    const out = tempDir();
    const base = fakeExecutor();
    const executor: JobExecutor = {
      run: async (payload, options) => {
        const result = await base.run(payload, options);
        return payload.job.profile ? { ...result, status: 'timeout', measure: null, error: { message: 'timed out after 180 s', phase: 'measure' } } : result;
      },
    };
    const { code, stderr } = await run(['--scenario', 'mixed-70-20-10', '--quick', '--variant', 'naive', '--profile', 'cpu', '--out', out], executor);
    expect(code).toBe(0);
    expect(stderr).toContain('warning: naive#cpu-profile (not timed) timeout: timed out after 180 s');
  });
});

describe('cli balance settings', () => {
  it('a misspelt balance setting exits 2 naming the field, before any job', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tuned-balance.ts');
    writeFileSync(
      file,
      `import base from ${JSON.stringify(path.resolve('scenarios/balance-small.ts'))};\n` +
        `export default { ...base, name: 'tuned-balance', settings: { pooled: { worker: 2 } } };\n`,
    );
    const executor = fakeExecutor();
    const { code, stderr } = await run(['--scenario', file], executor);
    expect(code).toBe(2);
    expect(stderr).toContain('settings.pooled: pooled balance pipeline: unknown setting "worker" (known settings: workers)');
    expect(executor.runs).toEqual([]);
  });
});
