/**
 * Progress on the console while jobs run. On a TTY one status line is
 * redrawn in place (job, repeat, phase, ops done); elsewhere (pipes, CI=true)
 * plain lines at each job's start and end, so logs stay readable.
 */
import type { WorkerMessage } from './job.ts';
import type { JobResult, JobSpec } from '../core/results.ts';
import type { AnySubject } from '../subjects/subject.ts';

export interface ProgressReporter {
  jobStarted(job: JobSpec): void;
  message(job: JobSpec, message: WorkerMessage): void;
  jobFinished(result: JobResult): void;
}

function jobLabel(job: JobSpec, total: number, repeats: number, subject: AnySubject): string {
  const which = job.reference
    ? `${job.variant} (${subject.reference?.progressLabel ?? 'reference'})`
    : job.profile
      ? `${job.variant} (${job.profile.kind} profile, not timed)`
      : job.side !== undefined
        ? `${job.variant} pair ${job.repeat}, side ${job.side} (${job.side === 'A' ? 'the ref' : 'working tree'})`
        : job.confirmation
          ? `${job.variant} confirmation repeat ${job.repeat - repeats}`
          : `${job.variant} repeat ${job.repeat}/${repeats}`;
  return `[${job.index + 1}/${total}] ${which}`;
}

function outcome(result: JobResult, subject: AnySubject): string {
  const seconds = `${(result.wallMs / 1000).toFixed(1)} s`;
  if (result.status === 'ok' && result.measure !== null) return `ok  ${subject.progressOutcome(result.measure)}  (${seconds})`;
  if (result.status === 'ok') return `ok  (${seconds})`;
  const firstLine = result.error?.message.split('\n')[0] ?? '';
  return `${result.status.toUpperCase()} in ${result.error?.phase ?? '?'}: ${firstLine} (${seconds})`;
}

export function createProgressReporter(options: {
  stream: NodeJS.WriteStream;
  interactive: boolean;
  totalJobs: number;
  repeats: number;
  /** Names reference jobs and words a finished job's figure. */
  subject: AnySubject;
}): ProgressReporter {
  const { stream, interactive, totalJobs, repeats, subject } = options;
  const labels = new Map<string, string>();
  const label = (job: JobSpec) => {
    let text = labels.get(job.id);
    if (!text) labels.set(job.id, (text = jobLabel(job, totalJobs, repeats, subject)));
    return text;
  };
  let lastDraw = 0;
  /** Clears the line and draws `text` cut to the terminal width (so it never wraps); `end` survives the cut. */
  const redraw = (text: string, end = '') => {
    const width = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${text.slice(0, width - 1)}${end}`);
  };
  return {
    jobStarted(job) {
      if (interactive) redraw(`${label(job)} starting…`);
      else stream.write(`${label(job)} …\n`);
    },
    message(job, message) {
      if (!interactive || message.type !== 'progress') return;
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const count = message.total > 0 ? ` ${message.done.toLocaleString('en-US')}/${message.total.toLocaleString('en-US')}` : '';
      const unit = message.phase === 'load' ? ' records' : message.phase === 'measure' ? ' ops' : '';
      redraw(`${label(job)} ${message.phase}${count}${message.total > 0 ? unit : ''}`);
    },
    jobFinished(result) {
      const text = `${label(result)} ${outcome(result, subject)}`;
      if (interactive) redraw(text, '\n');
      else stream.write(`${text}\n`);
    },
  };
}
