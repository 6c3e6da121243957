import { describe, expect, it } from 'vitest';
import { captureStream } from '../../support/capture-stream.ts';
import { createProgressReporter } from '../../../harness/run/progress.ts';
import type { JobResult, JobSpec } from '../../../harness/core/results.ts';
import { makeMeasure } from '../../support/results-fixtures.ts';
import { storageSubject } from '../../../harness/subjects/storage/subject.ts';


const job: JobSpec = { id: 'cached#2', index: 4, scenario: 's', variant: 'cached', repeat: 2, reference: false, profile: null };
const ok: JobResult = {
  ...job, status: 'ok', startedAt: '', wallMs: 4_200, environment: null, phases: null, error: null,
  measure: makeMeasure({ throughputOpsPerSec: 123_456 }),
};
const failed: JobResult = { ...ok, status: 'timeout', measure: null, error: { message: 'took too long\nmore', phase: 'measure' } };

describe('progress', () => {
  it('prints plain lines when not interactive (pipes, CI)', () => {
    const out = captureStream();
    const progress = createProgressReporter({ stream: out, interactive: false, totalJobs: 13, repeats: 3, subject: storageSubject });
    progress.jobStarted(job);
    progress.message(job, { type: 'progress', phase: 'measure', done: 10, total: 100 });
    progress.jobFinished(ok);
    progress.jobFinished(failed);
    expect(out.text()).toBe(
      '[5/13] cached repeat 2/3 …\n' +
        '[5/13] cached repeat 2/3 ok  123.5k ops/s  (4.2 s)\n' +
        '[5/13] cached repeat 2/3 TIMEOUT in measure: took too long (4.2 s)\n',
    );
  });

  it('redraws one status line on a TTY with the phase and ops done', () => {
    const out = captureStream();
    const progress = createProgressReporter({ stream: out, interactive: true, totalJobs: 13, repeats: 3, subject: storageSubject });
    progress.jobStarted(job);
    progress.message(job, { type: 'progress', phase: 'measure', done: 250_000, total: 1_000_000 });
    progress.jobFinished(ok);
    const text = out.text();
    expect(text).toContain('\r\x1b[2K[5/13] cached repeat 2/3 measure 250,000/1,000,000 ops');
    expect(text.endsWith('ok  123.5k ops/s  (4.2 s)\n')).toBe(true);
  });
});

describe('progress on a narrow terminal', () => {
  it('keeps the finished line (its newline survives the cut to the width)', () => {
    const out = captureStream();
    (out as { columns?: number }).columns = 40;
    const progress = createProgressReporter({ stream: out, interactive: true, totalJobs: 13, repeats: 3, subject: storageSubject });
    progress.jobFinished(failed);
    expect(out.text()).toBe('\r\x1b[2K' + '[5/13] cached repeat 2/3 TIMEOUT in measure: took too long (4.2 s)'.slice(0, 39) + '\n');
  });
});
