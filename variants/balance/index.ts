/**
 * The balance subject's variants by name: the only door the harness uses.
 */
import { batched } from './batched.ts';
import { cached } from './cached.ts';
import { naive } from './naive.ts';
import type { BalancePipeline } from './pipeline.ts';
import { pooled } from './pooled.ts';

export const balanceVariants = { naive, batched, pooled, cached } as const satisfies Record<string, BalancePipeline>;

export type BalanceVariantName = keyof typeof balanceVariants;
