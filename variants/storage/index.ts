/**
 * The storage subject's variants by name: the only door the harness uses.
 */
import { readSettings } from '../../lib/settings.ts';
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

/**
 * Checks a scenario's settings for one variant before anything runs: the
 * same rules `open()` applies. Returns the problem, or null when they are fine.
 */
export function checkStoreSettings(variant: string, settings: Readonly<Record<string, number>>): string | null {
  const known: Record<string, StoreVariant> = storageVariants;
  const target = known[variant];
  if (!target) return `unknown variant (known: ${Object.keys(storageVariants).join(', ')})`;
  try {
    readSettings(`${variant} store`, settings, target.settings);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
