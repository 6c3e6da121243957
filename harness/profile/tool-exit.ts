/**
 * How a profiled child process should end so the tool it runs under keeps
 * its data.
 *
 * clinic doctor's sampler (injected with -r into the command) writes its
 * samples through a stream that it ends on 'beforeExit', then exits itself
 * (@clinic/doctor/injects/sampler.js). An explicit process.exit() skips
 * 'beforeExit': the samples still buffered are lost, and a program that
 * never yielded to the event loop leaves an empty report ("interval":
 * [null, null], seen here). The worker exits explicitly on purpose (a
 * variant that leaks a timer must not keep the job alive), so under doctor
 * it emits 'beforeExit' itself and gives the sampler a moment to flush
 * before exiting anyway. 0x needs nothing: V8 flushes its --prof log at any
 * exit (checked with an explicit process.exit).
 */

/** clinic doctor sets this for the command it runs (its collect step). */
const UNDER_CLINIC_DOCTOR = 'NODE_CLINIC_DOCTOR_DATA_PATH';
/** Time for the sampler to flush a few hundred kilobytes of samples. */
const FLUSH_GRACE_MS = 2_000;

export function underClinicDoctor(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[UNDER_CLINIC_DOCTOR] !== undefined;
}

/** process.exit(code), after letting clinic doctor's sampler flush when it is there. */
export function exitFlushingProfilers(code: number): void {
  if (!underClinicDoctor()) process.exit(code);
  process.exitCode = code;
  // A leaked handle cannot hold the process past the grace period.
  setTimeout(() => process.exit(code), FLUSH_GRACE_MS);
  // The sampler's 'beforeExit' handler ends its stream and calls process.exit() once it is written.
  process.emit('beforeExit', code);
}
