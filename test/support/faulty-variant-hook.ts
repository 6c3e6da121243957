/**
 * TEST-ONLY: makes the batched variant go wrong once its job starts the
 * measured phase, after it passed the verification before timing: the
 * fast-but-wrong variant the check after the measured phase must catch
 * (test/harness/subjects/storage/verify-after-job.test.ts). Nothing in the product imports
 * this file; a test preloads it into a job process:
 *
 *   --import data:text/javascript,process.env.VARBENCH_FAULT='drop-puts'
 *   --import ./test/support/faulty-variant-hook.ts
 *
 * VARBENCH_FAULT: 'drop-puts' (put() acknowledges and writes nothing),
 * 'wrong-gets' (get() answers a value with its first byte changed). The
 * cached and pooled variants write through a BatchedStore, so drop-puts
 * breaks them too.
 * The phase is read from the job's own progress messages, as the child
 * executor's tests place crashes.
 */
import { BatchedStore } from '../../variants/storage/batched.ts';

const fault = process.env.VARBENCH_FAULT;
if (fault !== 'drop-puts' && fault !== 'wrong-gets') {
  throw new Error(`faulty-variant-hook: VARBENCH_FAULT must be 'drop-puts' or 'wrong-gets', got ${String(fault)}`);
}

let measuring = false;
const send = process.send?.bind(process);
if (send) {
  process.send = ((message: unknown, ...rest: unknown[]) => {
    const m = message as { type?: string; phase?: string } | null;
    if (m?.type === 'progress' && m.phase === 'measure') measuring = true;
    return (send as (...args: unknown[]) => boolean)(message, ...rest);
  }) as typeof process.send;
}

const proto = BatchedStore.prototype;
if (fault === 'drop-puts') {
  const put = proto.put;
  proto.put = function (this: BatchedStore, key: string, value: Uint8Array): void {
    if (!measuring) put.call(this, key, value);
  };
} else {
  const get = proto.get;
  proto.get = function (this: BatchedStore, key: string): Uint8Array | undefined {
    const value = get.call(this, key);
    if (!measuring || value === undefined || value.length === 0) return value;
    const wrong = new Uint8Array(value);
    wrong[0] = (wrong[0]! + 1) & 0xff;
    return wrong;
  };
}
