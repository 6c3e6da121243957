/**
 * The storage subject's variants by name: the only door the harness uses.
 */
import { batched } from './batched.ts';
import { cached } from './cached.ts';
import { naive } from './naive.ts';
import { noop } from './noop.ts';
import { pooled } from './pooled.ts';
import type { StoreVariant } from './store.ts';

export const storageVariants = { naive, batched, pooled, cached } as const satisfies Record<string, StoreVariant>;

export type StorageVariantName = keyof typeof storageVariants;

/** Not storage strategies: baselines for measuring the harness itself. */
export const referenceVariants = { noop } as const satisfies Record<string, StoreVariant>;
