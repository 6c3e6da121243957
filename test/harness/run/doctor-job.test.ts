/**
 * --profile doctor is opt-in and unmaintained upstream: whatever goes wrong
 * with it must be a warning on an ok job, never a failed run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REAL_WORK_LIMIT_MS } from '../../support/real-work-limit.ts';
import { runDoctorJob } from '../../../harness/run/doctor-job.ts';
import type { JobPayload } from '../../../harness/run/job.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import { quickened } from '../../../harness/plan/plan.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';

const runDir = mkdtempSync(path.join(os.tmpdir(), 'varbench-doctor-test-'));
afterAll(() => rmSync(runDir, { recursive: true, force: true }));

describe('runDoctorJob', () => {
  it('turns a job process that dies under doctor into a warning, not a failure', async () => {
    const payload: JobPayload = {
      job: { id: 'naive#doctor-profile', index: 0, scenario: mixed.name, variant: 'naive', repeat: 1, reference: false,
        profile: { kind: 'doctor', flame: false, cpuSamplingIntervalUs: 100 } },
      scenario: quickened(mixed),
      runDir,
      subjectModule: storageSubject.module,
    };
    // A preload that exits at once stands in for a crash of the profiled process.
    const result = await runDoctorJob(payload, { timeoutMs: REAL_WORK_LIMIT_MS, nodeOptions: ['--import', 'tsx', '--import', 'data:text/javascript,process.exit(3)'] });
    expect(result.status).toBe('ok');
    expect(result.error).toBeNull();
    expect(result.measure).toBeNull();
    const [artifact] = result.findings!.artifacts;
    expect(artifact!.kind).toBe('doctor');
    expect(artifact!.warning).toBeTruthy();
  });
});
