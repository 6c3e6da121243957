/**
 * A variant that passes the verification before timing and goes wrong once
 * measured must be reported failed, not fast: real job processes, with the
 * batched variant made faulty from its measured phase on by a preloaded
 * test hook (test/support/faulty-variant-hook.ts).
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createChildExecutor } from '../../../../harness/run/child-executor.ts';
import type { JobPayload } from '../../../../harness/run/job.ts';
import { quickened } from '../../../../harness/plan/plan.ts';
import mixed from '../../../../scenarios/mixed-70-20-10.ts';
import { storageSubject } from '../../../../harness/subjects/storage/subject.ts';

const quick = quickened(mixed);
const scenario = { ...quick, dataset: { ...quick.dataset, records: 2_000 }, workload: { ...quick.workload, operations: 5_000 } };

function payload(): JobPayload {
  return {
    job: { id: 'batched#1', index: 0, scenario: scenario.name, variant: 'batched', repeat: 1, reference: false, profile: null },
    scenario,
    runDir: os.tmpdir(),
    subjectModule: storageSubject.module,
  };
}

function faulty(fault: 'drop-puts' | 'wrong-gets') {
  return createChildExecutor({
    extraNodeOptions: [
      '--import', `data:text/javascript,process.env.VARBENCH_FAULT=${JSON.stringify(fault)}`,
      '--import', './test/support/faulty-variant-hook.ts',
    ],
  });
}

describe('verification after the measured phase', () => {
  it('fails a variant that drops writes once it is measured', async () => {
    const result = await faulty('drop-puts').run(payload(), { timeoutMs: 60_000, onMessage: () => {} });
    expect(result.status).toBe('failed');
    // It passed the verification before timing and was measured: only the check after caught it.
    expect(result.error!.phase).toBe('verify-after');
    expect(result.measure).toBeNull();
    expect(result.error!.message).toMatch(/disagrees with a replay of the ops it ran/);
    // Names the key, the expected and the actual value.
    expect(result.error!.message).toMatch(/get\("key:\d{10}"\) after the measured phase: expected \d+ bytes [0-9a-f]{16}…, got (absent|\d+ bytes [0-9a-f]{16}…)/);
  });

  it('fails a variant that answers wrong values once it is measured', async () => {
    const result = await faulty('wrong-gets').run(payload(), { timeoutMs: 60_000, onMessage: () => {} });
    expect(result.status).toBe('failed');
    expect(result.error!.phase).toBe('verify-after');
    expect(result.error!.message).toMatch(/get\("key:\d{10}"\) at op \d+ of the measured phase: expected \d+ bytes [0-9a-f]{16}…, got \d+ bytes [0-9a-f]{16}… \(first difference at byte 0\)/);
  });
});
