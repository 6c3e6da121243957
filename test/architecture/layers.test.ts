/**
 * The layering rules of .dependency-cruiser.cjs hold for the real tree, and
 * each rule really bites: a small tree with one deliberate violation per rule
 * must be refused, naming the rule. (A rule set that cannot fail would pass
 * the first test however the code drifts.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const SOURCES = ['harness', 'lib', 'variants', 'scenarios', 'targets', 'scripts'];

async function cruise(cwd: string, folders: readonly string[]): Promise<{ exitCode: number; output: string }> {
  const result = await execa(DEPCRUISE, [...folders, '--config', CONFIG, '--output-type', 'err'], { cwd, reject: false, all: true });
  return { exitCode: result.exitCode ?? -1, output: result.all ?? '' };
}

describe('layering', () => {
  const fixture = mkdtempSync(path.join(os.tmpdir(), 'varbench-layers-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('the project has no violation and no import circle', async () => {
    const { exitCode, output } = await cruise(ROOT, SOURCES);
    expect(output).toContain('no dependency violations found');
    expect(exitCode).toBe(0);
  }, 120_000);

  it('refuses each kind of violation, naming its rule', async () => {
    const files: Record<string, string> = {
      'tsconfig.json': '{ "compilerOptions": { "allowImportingTsExtensions": true, "noEmit": true, "module": "nodenext" } }',
      // A circle.
      'harness/core/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'harness/core/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      // lib/ importing the harness.
      'lib/prng.ts': "import { a } from '../harness/core/a.ts';\nexport const prng = a;\n",
      // A variant importing the harness.
      'variants/storage/naive.ts': "import { a } from '../../harness/core/a.ts';\nexport const naive = a;\n",
      // The runner naming a subject.
      'harness/subjects/storage/job.ts': 'export const job = 1;\n',
      'harness/run/runner.ts': "import { job } from '../subjects/storage/job.ts';\nexport const runner = job;\n",
      // One subject importing another.
      'harness/subjects/balance/job.ts': "import { job } from '../storage/job.ts';\nexport const balance = job;\n",
      // A lower layer importing the report, the gate importing the CLI, the report running jobs.
      'harness/report/html.ts': "import { runner } from '../run/runner.ts';\nexport const html = runner;\n",
      'harness/stats/median.ts': "import { html } from '../report/html.ts';\nexport const median = html;\n",
      'harness/cli/args.ts': 'export const args = 1;\n',
      'harness/gate/gate.ts': "import { args } from '../cli/args.ts';\nexport const gate = args;\n",
      // The product importing a test.
      'test/support/hook.ts': 'export const hook = 1;\n',
      'harness/core/c.ts': "import { hook } from '../../test/support/hook.ts';\nexport const c = hook;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), text);
    }
    const { exitCode, output } = await cruise(fixture, ['harness', 'lib', 'variants']);
    expect(exitCode).not.toBe(0);
    for (const rule of [
      'no-circular',
      'lib-imports-nothing-of-the-project',
      'variants-never-import-the-harness',
      'only-the-registry-knows-subjects-by-name',
      'subjects-do-not-import-each-other',
      'lower-layers-never-import-upper-ones',
      'the-gate-does-not-format-or-parse-the-command-line',
      'the-report-only-formats',
      'the-product-never-imports-tests',
    ]) {
      expect(output, rule).toContain(`error ${rule}:`);
    }
  }, 120_000);
});
