/**
 * What every scenario has, whatever its subject: plain typed data. Each
 * subject adds its own fields (harness/subjects/<name>/scenario.ts) and
 * checks them; `defineScenario` (scenarios/define.ts) only types a file's
 * default export, and scenario-validate.ts checks every scenario, built in
 * or a user's own, before anything runs.
 */
export interface ScenarioBase {
  /** Lowercase letters, digits, '.', '_' and '-': it names the run's folder. */
  readonly name: string;
  readonly description: string;
  /** Which subject measures it (a registered subject's name: storage, balance). */
  readonly subject: string;
  /** Timed repeats per variant, each in its own process. */
  readonly repeats: number;
  /** Variants to run; default: all of the subject's variants. */
  readonly variants?: readonly string[];
  /** Variant-specific settings, by variant name (the variant checks them). */
  readonly settings?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per-job time limit for the child process. */
  readonly timeoutMs?: number;
}

/** A scenario as the harness holds it: the common fields, and the subject's own, which only its subject reads. */
export type Scenario = ScenarioBase;
