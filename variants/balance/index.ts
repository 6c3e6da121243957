/**
 * The balance subject's variants by name: the only door the harness uses.
 */
import { readSettings } from '../../lib/settings.ts';
import { batched } from './batched.ts';
import { cached } from './cached.ts';
import { naive } from './naive.ts';
import type { BalancePipeline } from './pipeline.ts';
import { pooled } from './pooled.ts';

export const balanceVariants = { naive, batched, pooled, cached } as const satisfies Record<string, BalancePipeline>;

export type BalanceVariantName = keyof typeof balanceVariants;

// What the harness needs of the variants' own code besides the variants:
// reading a user's database and address lists.
export { readAddressList } from './address-list.ts';
export { parseFelt } from './felt.ts';
export { openPathfinderReadOnly } from './pathfinder-db.ts';
export { PathfinderSchemaError } from './schema.ts';
export type { BalancePipeline, PipelineResult } from './pipeline.ts';

/**
 * Checks a scenario's settings for one balance variant before anything runs:
 * the same rules its run() applies. Returns the problem, or null.
 */
export function checkBalanceSettings(variant: string, settings: Readonly<Record<string, number>>): string | null {
  const known: Record<string, BalancePipeline> = balanceVariants;
  const target = known[variant];
  if (!target) return `unknown variant (known: ${Object.keys(balanceVariants).join(', ')})`;
  try {
    readSettings(`${variant} balance pipeline`, settings, target.settings);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
