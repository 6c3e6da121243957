/**
 * Stores that turn wrong after their first `afterOps` calls, for tests of
 * the check after the measured phase: set `afterOps` past the verification
 * before timing, and they pass it. Wrap memory-store.ts's exact store.
 */
import type { Store } from '../../variants/storage/store.ts';

export type Fault =
  /** get() answers the right value with its first byte changed. */
  | 'wrong-gets'
  /** put() acknowledges and writes nothing. */
  | 'drop-puts'
  /** delete() acknowledges and deletes nothing. */
  | 'ignore-deletes'
  /** scan() leaves out its last entry. */
  | 'short-scans';

export function faultyAfter(store: Store, afterOps: number, fault: Fault): Store & { readonly calls: () => number } {
  let calls = 0;
  const wrong = () => ++calls > afterOps;
  return {
    ...store,
    calls: () => calls,
    get(key) {
      const answer = store.get(key);
      if (!wrong() || fault !== 'wrong-gets') return answer;
      const corrupt = (value: Uint8Array | undefined) => {
        if (value === undefined || value.length === 0) return value;
        const copy = new Uint8Array(value);
        copy[0] = (copy[0]! + 1) & 0xff;
        return copy;
      };
      return answer instanceof Promise ? answer.then(corrupt) : corrupt(answer as Uint8Array | undefined);
    },
    put(key, value) {
      return wrong() && fault === 'drop-puts' ? undefined : store.put(key, value);
    },
    delete(key) {
      return wrong() && fault === 'ignore-deletes' ? undefined : store.delete(key);
    },
    batch(ops) {
      wrong();
      return store.batch(ops);
    },
    scan(options) {
      const answer = store.scan(options);
      if (!wrong() || fault !== 'short-scans') return answer;
      return answer instanceof Promise ? answer.then((entries) => entries.slice(0, -1)) : answer.slice(0, -1);
    },
  };
}
