/**
 * A doctor job: the job's worker run under clinic doctor, which samples the
 * whole process (CPU, memory, event loop, handles) and writes its diagnosis
 * as HTML. clinic 13 is unmaintained, so this is opt-in (--profile doctor)
 * and anything that goes wrong with it is a warning on an 'ok' job, never a
 * failed run. The worker has no IPC channel under clinic, and its timing
 * under doctor's sampling is not comparable, so the job records no measure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../core/project-root.ts';
import type { JobPayload } from './job.ts';
import { doctor } from '../profile/doctor.ts';
import { PROFILES_FOLDER } from '../profile/phase-profiling.ts';
import type { JobResult } from '../core/results.ts';

const workerPath = fileURLToPath(new URL('./child-main.ts', import.meta.url));

export async function runDoctorJob(
  payload: JobPayload,
  options: { timeoutMs: number; nodeOptions: readonly string[]; env?: NodeJS.ProcessEnv },
): Promise<JobResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const artifact = await doctor({
    command: [workerPath, JSON.stringify(payload)],
    cwd: PROJECT_ROOT,
    outDir: path.join(payload.runDir, PROFILES_FOLDER),
    nodeOptions: options.nodeOptions,
    timeoutMs: options.timeoutMs,
    baseName: `${payload.job.variant}-doctor`,
    ...(options.env ? { env: options.env } : {}),
  });
  return {
    ...payload.job,
    status: 'ok',
    startedAt,
    wallMs: performance.now() - t0,
    environment: null,
    phases: null,
    measure: null,
    findings: {
      artifacts: [artifact.path === null ? artifact : { ...artifact, path: path.relative(payload.runDir, artifact.path) }],
      selfTime: null,
      totalSampledMs: null,
      allocationSites: null,
      totalSampledBytes: null,
    },
    error: null,
  };
}
