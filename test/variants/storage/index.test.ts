import { describe, expect, it } from 'vitest';
import { referenceVariants, storageVariants } from '../../../variants/storage/index.ts';

describe('storage variant map', () => {
  it('holds the four variants under their own names', () => {
    expect(Object.keys(storageVariants)).toEqual(['naive', 'batched', 'pooled', 'cached']);
    for (const [name, variant] of Object.entries({ ...storageVariants, ...referenceVariants })) {
      expect(variant.name).toBe(name);
      expect(variant.description.length).toBeGreaterThan(10);
    }
  });

  it('has a noop reference store that answers synchronously and keeps nothing', async () => {
    const store = await referenceVariants.noop.open();
    expect(store.put('k', Uint8Array.of(1))).toBeUndefined();
    expect(store.get('k')).toBeUndefined();
    expect(store.batch([{ type: 'delete', key: 'k' }])).toBeUndefined();
    expect(store.scan({ prefix: 'k' })).toEqual([]);
    expect(store.flush()).toBeUndefined();
    expect(store.close()).toBeUndefined();
  });
});
