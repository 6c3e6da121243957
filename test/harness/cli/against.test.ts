/**
 * --against through main(): the ref is really checked out (HEAD of this
 * repository, into a temporary cache), the jobs are answered by a fake
 * executor that plays both sides, so the exit codes, the paired record and
 * the report can be checked without timing anything.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../harness/cli/main.ts';
import { parseBudget } from '../../../harness/cli/against-run.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { JobExecutor } from '../../../harness/run/runner.ts';
import { captureStream } from '../../support/capture-stream.ts';
import { makeEnvironment, makeMeasure } from '../../support/results-fixtures.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-against-'));
  dirs.push(dir);
  return dir;
}
const cache = tempDir();
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Side B's CPU time per op is `slower[variant]` times side A's; a small fixed wobble per pair; `failA` fails side A's jobs. */
function sidesExecutor(options: { slower?: Record<string, number>; wobble?: number; failA?: boolean } = {}): JobExecutor & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    run: async (payload) => {
      const { job } = payload;
      runs.push(job.id);
      const failed = options.failA === true && job.side === 'A' && job.profile === null;
      // CPU profile jobs: side B spends a fifth of its time in a new hot spot.
      const findings = job.profile?.kind === 'cpu'
        ? {
            artifacts: [{ kind: 'cpu' as const, path: `profiles/${job.variant}-cpu.cpuprofile`, sizeBytes: 10, samples: 10, scope: 'measured-phase' as const }],
            selfTime: [
              { functionName: 'get', url: 'variants/storage/cached.ts', line: 40, selfMs: 50, selfShare: job.side === 'A' ? 0.5 : 0.4 },
              ...(job.side === 'A' ? [] : [{ functionName: 'slowPath', url: 'variants/storage/cached.ts', line: 90, selfMs: 20, selfShare: 0.2 }]),
            ],
            totalSampledMs: 100, allocationSites: null, totalSampledBytes: null,
          }
        : undefined;
      const factor = job.side === 'B' ? (options.slower?.[job.variant] ?? 1) : 1;
      const wobble = 1 + (options.wobble ?? 0.003) * Math.sin(job.repeat * 7 + (job.side === 'A' ? 0 : 3));
      const result: JobResult = {
        ...job,
        status: failed ? 'failed' : 'ok',
        startedAt: new Date(0).toISOString(),
        wallMs: 10,
        environment: makeEnvironment(),
        phases: null,
        measure: failed ? null : makeMeasure({ throughputOpsPerSec: 100_000 / (factor * wobble), cpuPerOpNs: 9_000 * factor * wobble }, payload.scenario),
        error: failed ? { message: "Cannot find module 'variants/storage/cached.ts'", phase: 'start' } : null,
        ...(findings ? { findings } : {}),
      };
      return result;
    },
  };
}

async function run(argv: string[], executor: JobExecutor) {
  const stdout = captureStream();
  const stderr = captureStream();
  const out = tempDir();
  const code = await main([...argv, '--out', out], { stdout, stderr, env: { CI: 'true', VARBENCH_REF_CACHE: cache }, executor });
  const [id] = readdirSync(out);
  const runDir = id === undefined ? null : path.join(out, id);
  const read = (file: string): string => (runDir !== null && existsSync(path.join(runDir, file)) ? readFileSync(path.join(runDir, file), 'utf8') : '');
  const json = read('results.json');
  const results = json === '' ? null : (JSON.parse(json) as RunResults);
  return { code, stdout: stdout.text(), stderr: stderr.text(), results, summary: read('summary.md'), html: read('index.html') };
}

const CI_GATE = ['--scenario', 'ci-gate', '--against', 'HEAD'];

describe('--against', () => {
  it('passes the same code on both sides, with pairs run in ABBA order, and says so in every format', async () => {
    const executor = sidesExecutor();
    const { code, stdout, results, summary, html } = await run(CI_GATE, executor);
    expect(code).toBe(0);
    const paired = results!.paired!;
    expect(paired.outcome).toBe('pass');
    expect(paired.sides.map((s) => s.side)).toEqual(['A', 'B']);
    expect(paired.cells.map((c) => `${c.variant}/${c.metric}:${c.decision}`)).toEqual([
      'batched/throughput:same', 'batched/cpu:same', 'cached/throughput:same', 'cached/cpu:same',
    ]);
    // 4 cells at alpha 0.05: 10 pairs before looking, and the reference job first.
    expect(paired.pairs).toBe(10);
    expect(executor.runs.slice(0, 9)).toEqual(['noop#1', 'batched#1A', 'batched#1B', 'cached#1A', 'cached#1B', 'batched#2B', 'batched#2A', 'cached#2B', 'cached#2A']);
    expect(stdout).toContain('paired gate: pass');
    expect(summary).toContain('### Paired gate (--against)');
    expect(html).toContain('<section class="card" id="paired">');
    expect(html).toContain('paired gate: pass vs HEAD');
    // The run's own tables describe side B only: 10 timed repeats per variant, not 20.
    expect(stdout).toMatch(/batched .* ok 10\/10/);
  });

  it('exits 4 when one variant is 10 % slower on side B only, and lists it first', async () => {
    const { code, results, stdout, summary } = await run(CI_GATE, sidesExecutor({ slower: { cached: 1.1 } }));
    expect(code).toBe(4);
    expect(results!.paired!.outcome).toBe('regressed');
    const worse = results!.paired!.cells.filter((c) => c.decision === 'worse').map((c) => `${c.variant}/${c.metric}`);
    expect(worse.sort()).toEqual(['cached/cpu', 'cached/throughput']);
    expect(stdout).toMatch(/paired gate: REGRESSED: 2 of 4 cells worse than HEAD by more than 5\.0%/);
    const table = summary.slice(summary.indexOf('| Decision'));
    expect(table.indexOf('cached')).toBeLessThan(table.indexOf('batched'));
  });

  it('exits 5 when a cell stays undecided, 0 with --allow-incomparable, and --budget adds pairs until the cells are decided', async () => {
    // A 5 % change sits on the threshold: no number of pairs decides it.
    const stuck = await run([...CI_GATE, '--metrics', 'cpu'], sidesExecutor({ slower: { cached: 1.05 } }));
    expect(stuck.code).toBe(5);
    expect(stuck.results!.paired!.outcome).toBe('undecided');
    expect(stuck.stderr).not.toContain('one more round');
    const allowed = await run([...CI_GATE, '--metrics', 'cpu', '--allow-incomparable'], sidesExecutor({ slower: { cached: 1.05 } }));
    expect(allowed.code).toBe(0);
    // A noisy 9 % change: undecided at first, decided after more pairs.
    const budget = await run([...CI_GATE, '--metrics', 'cpu', '--variant', 'cached', '--budget', '10m'], sidesExecutor({ slower: { cached: 1.09 }, wobble: 0.05 }));
    expect(budget.results!.paired!.pairs).toBeGreaterThan(8);
    expect(budget.stderr).toContain('one more round');
    expect(budget.results!.paired!.stoppedBecause).toBe('a cell is worse');
    expect(budget.code).toBe(4);
  });

  it('with --profile cpu, profiles both sides and shows where CPU time moved, side A\'s files kept apart', async () => {
    const executor = sidesExecutor();
    const { code, results, html } = await run([...CI_GATE, '--variant', 'cached', '--profile', 'cpu', '--metrics', 'cpu'], executor);
    expect(code).toBe(0);
    expect(executor.runs.slice(-2)).toEqual(['cached#cpu-profile', 'cached#cpu-profile-A']);
    expect(results!.results.find((r) => r.id === 'cached#cpu-profile-A')!.side).toBe('A');
    expect(html).toContain('cached: where CPU time moved');
    const table = html.slice(html.indexOf('class="profile-moves"'));
    // The new hot spot (only in B's top) and get's drop (50 % to 40 %: −10 points) are listed.
    expect(table).toContain('slowPath');
    expect(table).toMatch(/−10\.0% points/);
    expect(table).toContain('href="side-A/profiles/cached-cpu.cpuprofile"');
  });

  it('is a usage error (exit 2, naming the ref) when side A cannot run the jobs, or the options cannot work', async () => {
    const failing = await run(CI_GATE, sidesExecutor({ failA: true }));
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/--against HEAD: side A \([0-9a-f]{12}\) could not run batched#1A: Cannot find module/);
    const executor = sidesExecutor();
    expect((await run([...CI_GATE, '--baseline', 'main'], executor)).stderr).toContain('--against is a gate of its own');
    expect((await run([...CI_GATE, '--quick'], executor)).code).toBe(2);
    expect((await run([...CI_GATE, '--repeats', '3'], executor)).stderr).toMatch(/need at least 10 pairs/);
    expect((await run(['--scenario', 'balance-small', '--against', 'HEAD'], executor)).stderr).toContain('--against compares storage scenarios');
    expect((await run(['--scenario', 'ci-gate', '--against', 'no-such-ref-anywhere'], executor)).stderr).toContain('no such commit, branch or tag');
    expect((await run([...CI_GATE, '--budget', 'soon'], executor)).stderr).toContain('--budget expects a time such as 5m');
    expect(executor.runs).toEqual([]);
  });
});

describe('parseBudget', () => {
  it('reads hours, minutes and seconds', () => {
    expect(parseBudget('5m')).toBe(300);
    expect(parseBudget('90s')).toBe(90);
    expect(parseBudget('1m30s')).toBe(90);
    expect(parseBudget('1h')).toBe(3600);
    expect(() => parseBudget('0s')).toThrow(/--budget/);
    expect(() => parseBudget('')).toThrow(/--budget/);
  });
});
