import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { doctor, nodeArgsForCwd } from '../../../harness/profile/doctor.ts';
import { underClinicDoctor } from '../../../harness/profile/tool-exit.ts';
import { PROJECT_ROOT } from '../../../harness/profile/frame-location.ts';

const TARGET = 'test/harness/profile/fixtures/flame-target.ts';

let outDir: string;
beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'varbench-doctor-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('nodeArgsForCwd', () => {
  it('resolves module flags and the script against the project, leaving other arguments alone', () => {
    const root = PROJECT_ROOT.replace(/\/$/, '');
    expect(nodeArgsForCwd(['--import', 'tsx', '--expose-gc', '--require=./setup.cjs', '--import=node:fs'], [TARGET, '{"a":1}'], PROJECT_ROOT)).toEqual([
      '--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
      '--expose-gc',
      `--require=${join(root, 'setup.cjs')}`,
      '--import=node:fs',
      join(root, TARGET), '{"a":1}',
    ]);
  });

  it('leaves a module it cannot find for Node to report', () => {
    expect(nodeArgsForCwd(['--import', 'no-such-package-xyz'], [], PROJECT_ROOT)).toEqual(['--import', 'no-such-package-xyz']);
  });
});

describe('underClinicDoctor', () => {
  it('recognises the environment clinic doctor gives the command it runs', () => {
    expect(underClinicDoctor({ NODE_CLINIC_DOCTOR_DATA_PATH: '/tmp/x' })).toBe(true);
    expect(underClinicDoctor({})).toBe(false);
  });
});

describe('doctor (clinic doctor of a command)', () => {
  it('writes clinic doctor\'s HTML report for the command', async () => {
    const dir = join(outDir, 'ok');
    const artifact = await doctor({ command: [TARGET], cwd: PROJECT_ROOT, outDir: dir, nodeOptions: ['--import', 'tsx'], timeoutMs: REAL_WORK_LIMIT_MS, baseName: 'target.doctor' });
    expect(artifact).toMatchObject({ kind: 'doctor', path: join(dir, 'target.doctor.html'), scope: 'whole-process' });
    expect(artifact.warning).toBeUndefined();
    expect(artifact.sizeBytes).toBeGreaterThan(0);
    const html = await readFile(artifact.path!, 'utf8');
    // clinic stamps its reports with a trailer naming the tool (booleans: a failing match would print 300 kB of HTML).
    expect(html.includes('"tool":"doctor"')).toBe(true);
    // Samples arrived: an empty collection analyses an interval of [null, null].
    expect(html.includes('"interval":[null,null]')).toBe(false);
    expect(await readdir(dir)).toEqual(['target.doctor.html']);
  });

  it('turns a missing clinic into a warning', async () => {
    const artifact = await doctor({
      command: [TARGET], cwd: PROJECT_ROOT, outDir: join(outDir, 'missing'), nodeOptions: ['--import', 'tsx'], timeoutMs: REAL_WORK_LIMIT_MS, clinicCli: join(outDir, 'no-clinic', 'bin.js'),
    });
    expect(artifact).toMatchObject({ kind: 'doctor', path: null, sizeBytes: 0 });
    expect(artifact.warning).toMatch(/clinic doctor exited with code 1/);
  });
});
