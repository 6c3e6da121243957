/**
 * A variant's numeric settings (tuning knobs: batch sizes, pool sizes, cache
 * sizes, rates) read against the specs the variant declares, for every
 * subject. Anything the variant does not list fails, naming the setting and
 * what is accepted, because a misspelt knob that is silently ignored
 * benchmarks the wrong configuration; a missing one takes its default; a
 * value out of bounds fails with the bounds. Subjects keep only their specs.
 */
export interface SettingSpec {
  readonly default: number;
  readonly min: number;
  readonly max?: number;
  /** Whole numbers only (sizes, counts); false for rates. */
  readonly integer: boolean;
  /** Lower bound is exclusive (for rates that must be > 0). */
  readonly minExclusive?: boolean;
  /** Upper bound is exclusive (for rates that must be < 1). */
  readonly maxExclusive?: boolean;
  /** One line for the error message. */
  readonly meaning: string;
}

export type SettingSpecs<K extends string> = { readonly [P in K]: SettingSpec };

/**
 * The settings `given` for `specs`, defaults filled in; throws a RangeError
 * for an unknown setting or a value out of bounds. `owner` names the
 * variant in the messages: 'pooled store', 'cached balance pipeline'.
 */
export function readSettings<K extends string>(
  owner: string,
  given: Readonly<Record<string, number>> | undefined,
  specs: SettingSpecs<K>,
): { readonly [P in K]: number } {
  const known = Object.keys(specs) as K[];
  for (const name of Object.keys(given ?? {})) {
    if (!(known as string[]).includes(name)) {
      const list = known.length > 0 ? known.join(', ') : 'none';
      throw new RangeError(`${owner}: unknown setting "${name}" (known settings: ${list})`);
    }
  }
  const result = {} as { [P in K]: number };
  for (const name of known) {
    const spec = specs[name];
    const value = given?.[name] ?? spec.default;
    const requirement = unmetRequirement(spec, value);
    if (requirement !== null) {
      throw new RangeError(`${owner}: setting ${name} (${spec.meaning}) must be ${requirement}, got ${String(value)}`);
    }
    result[name] = value;
  }
  return result;
}

/**
 * What `value` fails of `spec`, or null. A whole number between two
 * inclusive bounds is told as its range ("an integer in [1, 64]": short, and
 * it names both ends); otherwise the conditions the value breaks, joined.
 */
function unmetRequirement(spec: SettingSpec, value: number): string | null {
  const problems: string[] = [];
  if (typeof value !== 'number' || Number.isNaN(value)) problems.push('a number');
  if (spec.integer && !Number.isInteger(value)) problems.push('an integer');
  if (spec.minExclusive ? !(value > spec.min) : !(value >= spec.min)) {
    problems.push(`${spec.minExclusive ? '>' : '>='} ${spec.min}`);
  }
  if (spec.max !== undefined && (spec.maxExclusive ? !(value < spec.max) : !(value <= spec.max))) {
    problems.push(`${spec.maxExclusive ? '<' : '<='} ${spec.max}`);
  }
  if (problems.length === 0) return null;
  const closedIntegerRange = spec.integer && spec.max !== undefined && !spec.minExclusive && !spec.maxExclusive;
  return closedIntegerRange ? `an integer in [${spec.min}, ${spec.max}]` : problems.join(' and ');
}
