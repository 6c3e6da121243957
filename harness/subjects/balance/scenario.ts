/**
 * The balance subject's scenarios: where the Pathfinder database comes from
 * and how many measured runs each job makes, checked by scenario-fields.ts
 * before anything runs.
 */
import type { BalanceDatasetSpec } from './dataset/spec.ts';
import type { ScenarioBase } from '../../core/scenario.ts';

/**
 * Where a balance scenario's data comes from: a generated Pathfinder
 * database (cached on disk by spec, expected balances known), or a user's
 * own database (--db): read-only, verified by the variants agreeing.
 */
export type BalanceSource =
  /** The generator's parameters (dataset/spec.ts documents each). */
  | ({ readonly kind: 'generated' } & BalanceDatasetSpec)
  | {
      readonly kind: 'database';
      readonly path: string;
      /** Token contract addresses, 0x-hex. */
      readonly tokens: readonly string[];
      /** A file with one account address per line. */
      readonly accountsFile: string;
    };

export interface BalanceScenario extends ScenarioBase {
  readonly subject: 'balance';
  readonly source: BalanceSource;
  /**
   * Pipeline runs per job after the first (cold) one: the first run pays
   * for cold caches (the cached variant's slot cache, the JIT) and is
   * reported separately; the measured figure is the median of these.
   */
  readonly runs: number;
}
