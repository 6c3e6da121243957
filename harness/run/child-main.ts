/**
 * Child-process entry: one job (scenario, variant, repeat) in a fresh
 * process, so every measurement gets a fresh heap and JIT. Runs the job of
 * its subject and sends the JobResult to the parent over IPC; the parent
 * turns a crash or a timeout into a failed result too.
 *
 * Usage (by the runner): node --expose-gc --import tsx harness/run/child-main.ts '<JobPayload JSON>'
 */
import type { JobPayload } from './job.ts';
import { exitOrphaned, send } from './job-phases.ts';
import { exitFlushingProfilers } from '../profile/tool-exit.ts';
import type { AnySubject } from '../subjects/subject.ts';

async function main(): Promise<void> {
  if (process.send) {
    // Ctrl-C reaches the whole process group; the parent decides: it lets
    // this job finish (first Ctrl-C) or kills it (second).
    process.on('SIGINT', () => {});
    // The parent is gone (killed outright): see exitOrphaned.
    process.on('disconnect', exitOrphaned);
    // A 'disconnect' listener refs the IPC channel, which would keep this
    // process alive forever when a variant awaits a promise nothing settles;
    // unref'd, Node ends it with exit code 13 and the parent says why.
    process.channel?.unref();
  }
  const raw = process.argv[2];
  if (!raw) {
    console.error('usage: node --import tsx harness/run/child-main.ts <JobPayload JSON> (the runner starts this; see harness/run/runner.ts)');
    process.exit(2);
  }
  const payload = JSON.parse(raw) as JobPayload;
  // The subject's own module, so a subject registered only in the parent (a test's) runs here too.
  const { subject } = (await import(payload.subjectModule)) as { subject: AnySubject };
  const result = await subject.runJob(payload);
  await send({ type: 'result', result });
  // Exit explicitly: a variant that leaks a handle (a timer, a thread) must
  // not keep the job alive; under clinic doctor, after its sampler flushed.
  exitFlushingProfilers(0);
}

await main();
