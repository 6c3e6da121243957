/**
 * A job process that ends without a result must say why in words a user can
 * act on, not only with an exit code.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChildExecutor } from '../../../harness/run/child-executor.ts';
import type { JobPayload } from '../../../harness/run/job.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';
import { quickened } from '../../../harness/plan/plan.ts';
import mixed from '../../../scenarios/mixed-70-20-10.ts';

const tiny = quickened(mixed);
const scenario = { ...tiny, dataset: { ...tiny.dataset, records: 200 }, workload: { ...tiny.workload, operations: 500 } };

function payload(variant: string): JobPayload {
  return {
    job: { id: `${variant}#1`, index: 0, scenario: scenario.name, variant, repeat: 1, reference: false, profile: null },
    scenario,
    runDir: os.tmpdir(),
    subjectModule: storageSubject.module,
  };
}

describe('a job process that ends without a result', () => {
  it('awaiting a promise that never settles is reported as such, in the phase it happened', async () => {
    const executor = createChildExecutor({
      extraNodeOptions: ['--import', path.resolve('test/harness/run/fixtures/never-settling-flush.ts')],
    });
    const result = await executor.run(payload('batched'), { timeoutMs: 60_000, onMessage: () => {} });
    expect(result.status).toBe('failed');
    expect(result.error!.message).toContain('awaiting a promise that never settles');
    expect(result.error!.message).not.toMatch(/exited with code 13/);
    // Loading the dataset ends with the first flush(): the phase the process was in.
    expect(result.error!.phase).toBe('load');
  });
});
