/**
 * noop: a store that does nothing, synchronously. Not one of the variants:
 * the harness runs it to measure its own per-op overhead (trace replay,
 * dispatch, sampling), which it can then show next to the real variants.
 */
import type { Entry, Store, StoreVariant } from './store.ts';

class NoopStore implements Store {
  get(): undefined {
    return undefined;
  }
  put(): void {}
  delete(): void {}
  batch(): void {}
  scan(): Entry[] {
    return [];
  }
  flush(): void {}
  close(): void {}
}

export const noop: StoreVariant = {
  name: 'noop',
  settings: {},
  description: 'does nothing (get returns undefined): measures the harness overhead, not a storage strategy',
  open: async () => new NoopStore(),
};
