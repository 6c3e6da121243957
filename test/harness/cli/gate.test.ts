/**
 * Targets, baselines and the gate through the CLI, with an injected
 * executor (fixed throughputs, optional slowdowns) and a fixed machine
 * speed, so every verdict and exit code is exact.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBaseline } from '../../../harness/gate/baseline.ts';
import { summarize } from '../../../harness/subjects/storage/analyze.ts';
import { main } from '../../../harness/cli/main.ts';
import type { JobResult, RunResults } from '../../../harness/core/results.ts';
import type { StorageRunResults } from '../../../harness/subjects/storage/measure.ts';
import { STORAGE_CELLS } from '../../../harness/subjects/storage/gate-cells.ts';
import type { JobExecutor } from '../../../harness/run/runner.ts';
import { captureStream } from '../../support/capture-stream.ts';
import { makeEnvironment, makeMeasure } from '../../support/results-fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'varbench-gate-test-'));
  dirs.push(dir);
  return dir;
}

const THROUGHPUT: Record<string, number> = { noop: 5e6, naive: 3_000, batched: 90_000, pooled: 40_000, cached: 150_000 };

interface FakeOptions {
  /** Throughput factor per variant, e.g. { cached: 0.5 } for a 2x slowdown. */
  readonly slow?: Readonly<Record<string, number>>;
  /** Apply the slowdown only to repeats up to this number (a transient: the confirmation round runs later repeats). */
  readonly slowUpToRepeat?: number;
  readonly failing?: readonly string[];
}

/** Deterministic measurements with a small per-repeat spread (±0.5 %, different order per repeat). */
function fakeExecutor(options: FakeOptions = {}): JobExecutor & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    run: async (payload) => {
      const { job } = payload;
      runs.push(job.id);
      const failed = options.failing?.includes(job.variant) ?? false;
      const slowed = job.repeat <= (options.slowUpToRepeat ?? Infinity) ? (options.slow?.[job.variant] ?? 1) : 1;
      const jitter = 1 + (((job.repeat * 7) % 11) - 5) / 1_000;
      const throughput = THROUGHPUT[job.variant]! * slowed * jitter;
      const result: JobResult = {
        ...job,
        status: failed ? 'failed' : 'ok',
        startedAt: new Date(0).toISOString(),
        wallMs: 10,
        environment: makeEnvironment(),
        phases: null,
        measure: failed ? null : makeMeasure({ throughputOpsPerSec: throughput }, payload.scenario),
        error: failed ? { message: 'the store disagrees with the expected answers', phase: 'verify' } : null,
      };
      return result;
    },
  };
}

const FIXED_SPEED = (samples = 3) => Array.from({ length: samples }, () => 1_000);

async function run(argv: string[], executor: JobExecutor, env: NodeJS.ProcessEnv = { CI: 'true' }) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(argv, { stdout, stderr, env, executor, calibrate: FIXED_SPEED });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function resultsOf(stdout: string): RunResults {
  const file = stdout.trim().split('\n').pop()!;
  return JSON.parse(readFileSync(file, 'utf8')) as RunResults;
}

/** Quick mixed-70-20-10 runs of batched and cached, 6 repeats, only throughput compared (a family of 2). */
function gateArgs(out: string, ...more: string[]): string[] {
  return ['--scenario', 'mixed-70-20-10', '--quick', '--repeats', '6', '--variant', 'batched,cached', '--metrics', 'throughput', '--out', out, '--json', ...more];
}

async function saveBaseline(out: string): Promise<string> {
  const file = path.join(out, 'baselines', 'ci.json');
  const saved = await run(gateArgs(out, '--save-baseline', file), fakeExecutor());
  expect(saved.code).toBe(0);
  return file;
}

describe('--save-baseline', () => {
  it('writes every cell raw samples, the environment and the calibration', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const baseline = parseBaseline(readFileSync(file, 'utf8'), file, () => STORAGE_CELLS);
    expect(baseline.name).toBe('ci');
    expect(baseline.quick).toBe(true);
    // A batch before the jobs, one sample after each of the 13 jobs (no-op + 2 variants × 6), a batch after.
    expect(baseline.calibration.opsPerSec).toEqual(Array.from({ length: 3 + 13 + 3 }, () => 1_000));
    const cached = baseline.cells.find((c) => c.variant === 'cached' && c.metric === 'throughput')!;
    expect(cached.samples).toHaveLength(6);
    expect(baseline.cells.some((c) => c.variant === 'noop')).toBe(false);
  });

  it('keeps the old baseline when the run is incomplete, and exits 1', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const before = readFileSync(file, 'utf8');
    const failed = await run(gateArgs(out, '--save-baseline', file), fakeExecutor({ failing: ['cached'] }));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Baseline not saved \(.*ci\.json is unchanged\): cached repeat 1 failed/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a name that cannot be a file name before anything runs, given as a name or in a path', async () => {
    for (const [arg, message] of [
      ['my baseline!', /a baseline name may use letters, digits/],
      ['/tmp/x/_bad name.json', /a baseline path must end in NAME\.json/],
    ] as const) {
      const executor = fakeExecutor();
      const { code, stderr } = await run(gateArgs(tempDir(), '--save-baseline', arg), executor);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(executor.runs).toEqual([]);
    }
  });

  it('does not replace a baseline with a run that regressed against it', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const before = readFileSync(file, 'utf8');
    const { code, stderr } = await run(gateArgs(out, '--baseline', file, '--save-baseline', file), fakeExecutor({ slow: { cached: 0.5 } }));
    expect(code).toBe(4);
    expect(stderr).toMatch(/Baseline not saved .*the run regressed against the baseline/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('--baseline', () => {
  it('an unchanged tree passes (exit 0) and nothing is re-run', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const executor = fakeExecutor();
    const { code, stdout } = await run(gateArgs(out, '--baseline', file), executor);
    expect(code).toBe(0);
    const gate = resultsOf(stdout).gate!;
    expect(gate.outcome).toBe('pass');
    expect(gate.comparison.counts).toMatchObject({ regressed: 0, unchanged: 2 });
    expect(gate.confirmation).toBeNull();
    expect(gate.confirmationSkipped).toBe('nothing was flagged');
    expect(executor.runs.filter((id) => /#([7-9]|1\d)$/.test(id))).toEqual([]);
  });

  it('a 2x slowdown of one variant is a confirmed regression: exit 4, regressions first', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const executor = fakeExecutor({ slow: { cached: 0.5 } });
    const { code, stdout, stderr } = await run(gateArgs(out, '--baseline', file), executor);
    expect(code).toBe(4);
    const results = resultsOf(stdout);
    const gate = results.gate!;
    expect(gate.outcome).toBe('regressed');
    expect(gate.confirmation).toMatchObject({ repeats: 6, variants: ['cached'], confirmed: ['mixed-70-20-10/cached/throughput'], noise: [] });
    expect(gate.comparison.cells[0]).toMatchObject({ variant: 'cached', metric: 'throughput', verdict: 'regressed' });
    expect(gate.comparison.cells[0]!.ratio).toBeCloseTo(0.5, 2);
    // The confirmation round ran 6 more repeats of cached only, marked as such.
    const extra = results.results.filter((r) => r.confirmation);
    expect(extra.map((r) => r.id)).toEqual(['cached#7', 'cached#8', 'cached#9', 'cached#10', 'cached#11', 'cached#12']);
    // The report's tables describe the run's own repeats: 6 per variant, not 12 for the re-run one.
    const summary = summarize(results as StorageRunResults);
    expect(summary.variants.map((v) => [v.variant, v.okJobs])).toEqual([['batched', 6], ['cached', 6]]);
    expect(stderr).toContain('confirmation round: 6 more repeats of cached');
  });

  it('a slowdown that does not reproduce in the confirmation round is reported as noise: exit 0', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const { code, stdout } = await run(gateArgs(out, '--baseline', file), fakeExecutor({ slow: { cached: 0.5 }, slowUpToRepeat: 6 }));
    expect(code).toBe(0);
    const gate = resultsOf(stdout).gate!;
    expect(gate.outcome).toBe('pass');
    expect(gate.confirmation!.noise).toEqual(['mixed-70-20-10/cached/throughput']);
    expect(gate.confirmation!.confirmed).toEqual([]);
  });

  it('--confirm 0 fails on the first comparison alone', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const { code, stdout } = await run(gateArgs(out, '--baseline', file, '--confirm', '0'), fakeExecutor({ slow: { cached: 0.5 }, slowUpToRepeat: 6 }));
    expect(code).toBe(4);
    expect(resultsOf(stdout).gate!.confirmationSkipped).toMatch(/--confirm 0/);
  });

  it('a 3 % slowdown stays under the default 5 % noise threshold; --noise-threshold 2% catches it', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    expect((await run(gateArgs(out, '--baseline', file), fakeExecutor({ slow: { cached: 0.97 } }))).code).toBe(0);
    expect((await run(gateArgs(out, '--baseline', file, '--noise-threshold', '2%'), fakeExecutor({ slow: { cached: 0.97 } }))).code).toBe(4);
  });

  it('normalises by machine speed: a machine 2x slower on calibration and on the store is no regression', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const stdout = captureStream();
    const stderr = captureStream();
    const code = await main(gateArgs(out, '--baseline', file), {
      stdout, stderr, env: { CI: 'true' }, executor: fakeExecutor({ slow: { batched: 0.5, cached: 0.5 } }), calibrate: (samples = 3) => Array.from({ length: samples }, () => 500),
    });
    expect(code).toBe(0);
    expect(resultsOf(stdout.text()).gate!.calibration.ratio).toBeCloseTo(0.5, 12);
  });

  it('a missing baseline is exit 2 with the command that creates it, before anything runs', async () => {
    const executor = fakeExecutor();
    const { code, stderr } = await run(gateArgs(tempDir(), '--baseline', 'nope-not-here'), executor);
    expect(code).toBe(2);
    expect(stderr).toMatch(/No baseline at reports\/baselines\/nope-not-here\.json\. Save one first with: npm run bench -- --scenario <name> --save-baseline nope-not-here/);
    expect(executor.runs).toEqual([]);
  });

  it('a corrupt baseline is exit 2 naming the file and the field', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.cells[0].samples = ['fast'];
    writeFileSync(file, JSON.stringify(data));
    const { code, stderr } = await run(gateArgs(out, '--baseline', file), fakeExecutor());
    expect(code).toBe(2);
    expect(stderr).toContain('ci.json is invalid');
    expect(stderr).toContain('cells[0].samples[0]: expected a number >= 0, got "fast"');
    writeFileSync(file, '{"schema": "varbench/baseline", "schemaVer');
    expect((await run(gateArgs(out, '--baseline', file), fakeExecutor())).stderr).toMatch(/is not valid JSON/);
  });

  it('a baseline of a --quick run is not comparable with a full run: the gate cannot judge, exit 5 (0 with --allow-incomparable)', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const { code, stdout, stderr } = await run(
      ['--scenario', 'mixed-70-20-10', '--repeats', '6', '--variant', 'batched,cached', '--metrics', 'throughput', '--out', out, '--json', '--baseline', file],
      fakeExecutor({ slow: { cached: 0.5 } }),
    );
    expect(code).toBe(5);
    const gate = resultsOf(stdout).gate!;
    expect(gate.outcome).toBe('not comparable');
    expect(gate.comparability.reasons.join('\n')).toMatch(/baseline is a --quick run and this one is not/);
    expect(stderr).toMatch(/not comparable with this run, so the gate checked nothing: .*\(exit 5; --allow-incomparable to accept\)/);
    const allowed = await run(
      ['--scenario', 'mixed-70-20-10', '--repeats', '6', '--variant', 'batched,cached', '--metrics', 'throughput', '--out', out, '--json', '--baseline', file, '--allow-incomparable'],
      fakeExecutor({ slow: { cached: 0.5 } }),
    );
    expect(allowed.code).toBe(0);
  });

  it('rejects bad gate settings with exit 2', async () => {
    for (const [option, value, message] of [
      ['--noise-threshold', '5', /fraction between 0 and 1 or a percentage/],
      ['--correction', 'bonferroni', /holm .* or bh/],
      ['--metrics', 'throughput,p95', /unknown metric group 'p95'/],
      ['--confirm', 'two', /--confirm expects/],
    ] as const) {
      const { code, stderr } = await run(gateArgs(tempDir(), option, value), fakeExecutor());
      expect(code, option).toBe(2);
      expect(stderr).toMatch(message);
    }
  });
});

describe('targets and --check', () => {
  function targetsFile(dir: string, body: string): string {
    const file = path.join(dir, 'targets.ts');
    writeFileSync(file, `export default ${body};\n`);
    return file;
  }

  it('a failed target is shown on every run and exits 3 only with --check', async () => {
    const dir = tempDir();
    const targets = targetsFile(dir, `{ name: 'strict', targets: [{ scenario: 'mixed-70-20-10', variant: 'cached', metric: 'throughput', atLeastOpsPerSec: 1e9 }] }`);
    const shown = await run(gateArgs(dir, '--targets', targets), fakeExecutor());
    expect(shown.code).toBe(0);
    expect(resultsOf(shown.stdout).targets!.checks[0]).toMatchObject({ variant: 'cached', status: 'fail' });
    const checked = await run(gateArgs(dir, '--targets', targets, '--check'), fakeExecutor());
    expect(checked.code).toBe(3);
    expect(resultsOf(checked.stdout).targets!.enforced).toBe(true);
  });

  it('the lowest exit code wins: a failed target (3) over a regression (4), a failed job (1) over both', async () => {
    const dir = tempDir();
    const file = await saveBaseline(dir);
    const targets = targetsFile(dir, `{ name: 'strict', targets: [{ scenario: 'mixed-70-20-10', variant: 'batched', metric: 'throughput', atLeastOpsPerSec: 1e9 }] }`);
    expect((await run(gateArgs(dir, '--targets', targets, '--check', '--baseline', file), fakeExecutor({ slow: { cached: 0.5 } }))).code).toBe(3);
    const failing = await run(gateArgs(dir, '--targets', targets, '--check', '--baseline', file, '--variant', 'batched,cached,pooled'), fakeExecutor({ slow: { cached: 0.5 }, failing: ['pooled'] }));
    expect(failing.code).toBe(1);
  });

  it('a typo in a target is exit 2 before anything runs, with the closest name', async () => {
    const dir = tempDir();
    const targets = targetsFile(dir, `{ name: 't', targets: [{ scenario: 'mixed-70-20-10', variant: 'cahced', metric: 'throughput', atLeastOpsPerSec: 1 }] }`);
    const executor = fakeExecutor();
    const { code, stderr } = await run(gateArgs(dir, '--targets', targets), executor);
    expect(code).toBe(2);
    expect(stderr).toMatch(/targets\[0\]\.variant: unknown variant "cahced" \(did you mean "cached"\?\)/);
    expect(executor.runs).toEqual([]);
  });

  it('a missing targets file is exit 2', async () => {
    const { code, stderr } = await run(gateArgs(tempDir(), '--targets', '/nonexistent/targets.ts'), fakeExecutor());
    expect(code).toBe(2);
    expect(stderr).toMatch(/Targets file not found/);
  });
});

describe('calibrate-noise', () => {
  it('stores per-cell noise and the false-alarm estimate in the baseline', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const { code, stdout } = await run(['calibrate-noise', '--baseline', file, '--runs', '3', '--metrics', 'throughput', '--out', out], fakeExecutor());
    expect(code).toBe(0);
    const baseline = parseBaseline(readFileSync(file, 'utf8'), file, () => STORAGE_CELLS);
    expect(baseline.noise!.runs).toBe(3);
    expect(baseline.noise!.cells.map((c) => c.variant).sort()).toEqual(['batched', 'cached']);
    expect(baseline.noise!.falseAlarm).toMatchObject({ runs: 3, alarms: 0 });
    expect(stdout).toMatch(/Gate false alarms .*: 0 of 3; expected false-alarm rate ≤ 63\.2%/);
    // A later gate reports the estimate.
    const gated = await run(gateArgs(out, '--baseline', file), fakeExecutor());
    expect(resultsOf(gated.stdout).gate!.falseAlarm).toMatchObject({ runs: 3, alarms: 0 });
  });

  it('needs a baseline and at least two runs', async () => {
    expect((await run(['calibrate-noise'], fakeExecutor())).stderr).toMatch(/needs the baseline to measure/);
    const out = tempDir();
    const file = await saveBaseline(out);
    const before = readFileSync(file, 'utf8');
    const one = await run(['calibrate-noise', '--baseline', file, '--runs', '1'], fakeExecutor());
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/--runs 2 or more/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('Markdown summary', () => {
  it('is written next to the report and appended to $GITHUB_STEP_SUMMARY when set', async () => {
    const out = tempDir();
    const file = await saveBaseline(out);
    const summary = path.join(out, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const { code, stdout } = await run(gateArgs(out, '--baseline', file), fakeExecutor({ slow: { cached: 0.5 } }), { CI: 'true', GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(4);
    const written = readFileSync(path.join(path.dirname(stdout.trim().split('\n').pop()!), 'summary.md'), 'utf8');
    const appended = readFileSync(summary, 'utf8');
    expect(appended.startsWith('# earlier step\n')).toBe(true);
    expect(appended).toContain(written.trim());
    expect(written).toMatch(/regress/i);
    expect(written).toContain('cached');
  });
});
