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

// The subject's shared infrastructure the harness needs around the variants:
// datasets with their expected balances, the reference query, and reading a
// user's database and address lists.
export { balanceDataset, type BalanceDataset } from './dataset.ts';
export type { BalanceDatasetSpec } from './dataset-spec.ts';
export { runReferenceQuery } from './reference-query.ts';
export { readAddressList } from './address-list.ts';
export { parseFelt } from './felt.ts';
export { openPathfinderReadOnly } from './pathfinder-db.ts';
export { PathfinderSchemaError } from './schema.ts';
export type { BalancePipeline, PipelineResult } from './pipeline.ts';
