/**
 * What a scenario file imports: `export default defineScenario({...})`.
 * It only types its argument (the fields are documented on the types);
 * the harness validates every scenario, built-in or a user's own, before
 * anything runs (harness/plan/scenario-validate.ts). The counterpart of
 * targets/define.ts.
 */
import type { Scenario } from '../harness/core/scenario.ts';

export function defineScenario<const S extends Scenario>(scenario: S): S {
  return scenario;
}
