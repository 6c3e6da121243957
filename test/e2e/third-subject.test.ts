/**
 * A third subject is a folder: the test-only "sorting" subject
 * (test/support/sorting-subject/) is registered from this test alone and runs
 * through the real CLI, each job in a real child process that imports the
 * subject by its module URL, into results.json, the HTML report, summary.md
 * and the console, with no file of the harness naming it.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { registerSubject } from '../../harness/subjects/registry.ts';
import { captureStream } from '../support/capture-stream.ts';
import { sortingSubject, type SortingMeasure } from '../support/sorting-subject/subject.ts';
import type { RunResults } from '../../harness/core/results.ts';

const SCENARIO = fileURLToPath(new URL('../support/sorting-subject/scenario.ts', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'varbench-third-subject-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => registerSubject(sortingSubject));

async function bench(args: string[]) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(args, { stdout, stderr, env: { CI: 'true' } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function onlyRun(out: string): { runDir: string; results: RunResults<SortingMeasure> } {
  const [name] = readdirSync(out);
  const runDir = path.join(out, name!);
  return { runDir, results: JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResults<SortingMeasure> };
}

/** A scenario file beside the shipped one, with some fields changed. */
function scenarioFile(name: string, changes: Record<string, unknown>): string {
  const file = path.join(tmp, `${name}.ts`);
  writeFileSync(file, `import base from ${JSON.stringify(SCENARIO)};\nexport default { ...base, name: ${JSON.stringify(name)}, ...${JSON.stringify(changes)} };\n`);
  return file;
}

describe('a test-only third subject', () => {
  it('runs end to end through the CLI, in child processes, into every report format', async () => {
    const out = path.join(tmp, 'ok');
    const { code, stdout, stderr } = await bench(['--scenario', SCENARIO, '--out', out]);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    const { runDir, results } = onlyRun(out);
    expect(results.scenario.subject).toBe('sorting');
    expect(results.results.map((r) => `${r.variant}#${r.repeat}:${r.status}`)).toEqual([
      'builtin#1:ok', 'typed#1:ok', 'insertion#1:ok', 'builtin#2:ok', 'typed#2:ok', 'insertion#2:ok',
    ]);
    for (const r of results.results) {
      expect(r.measure!.sortMs).toBeGreaterThan(0);
      expect(r.measure!.runtime.gc.byKind).toBeDefined();
      // Measured in a child process, not in this one.
      expect(r.environment!.execArgv).toContain('--expose-gc');
    }
    expect(new Set(results.results.map((r) => r.measure!.checksum)).size).toBe(1);
    const html = readFileSync(path.join(runDir, 'index.html'), 'utf8');
    expect(html).toContain('<section id="sorting"><h2>Sorting</h2>');
    expect(html).toContain('<td>insertion</td>');
    expect(readFileSync(path.join(runDir, 'summary.md'), 'utf8')).toContain('Sort time (median)');
    expect(stdout).toMatch(/variant {4}median sort time\nbuiltin +\d+\.\d\d ms/);
    expect(existsSync(path.join(runDir, 'results.json'))).toBe(true);
  }, 120_000);

  it('lists its variants under its own heading', async () => {
    const { code, stdout } = await bench(['--list']);
    expect(code).toBe(0);
    expect(stdout).toContain('Sorting variants (test-only subject):\n  builtin');
  });

  it('refuses a bad field or setting of its scenario before anything runs, with its own checks', async () => {
    const file = scenarioFile('sort-bad', { length: 0, settings: { typed: { corupt: 1 } } });
    const { code, stderr } = await bench(['--scenario', file, '--out', path.join(tmp, 'bad')]);
    expect(code).toBe(2);
    expect(stderr).toContain('length: expected an integer >= 1');
    expect(stderr).toContain('typed sorter: unknown setting "corupt"');
    expect(existsSync(path.join(tmp, 'bad'))).toBe(false);
  });

  it('fails the run (exit 1) when the variants sorted differently, naming them', async () => {
    const file = scenarioFile('sort-disagree', { repeats: 1, variants: ['builtin', 'typed'], settings: { typed: { corrupt: 1 } } });
    const { code, stderr } = await bench(['--scenario', file, '--out', path.join(tmp, 'disagree')]);
    expect(stderr).toContain('The sorted outputs disagree:\n  typed repeat 1 sorted differently from builtin repeat 1');
    expect(code).toBe(1);
  }, 120_000);

  it('says it keeps no baselines', async () => {
    const { code, stderr } = await bench(['--scenario', SCENARIO, '--baseline', 'x', '--out', path.join(tmp, 'baseline')]);
    expect(code).toBe(2);
    expect(stderr).toContain("Baselines cover storage scenarios; 'sort-numbers' is a sorting scenario.");
  });
});
