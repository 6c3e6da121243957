/**
 * Validation of `StoreOptions.settings`. Each variant declares the settings
 * it understands; anything else fails at open with the variant's name, the
 * offending setting and what is accepted, because a misspelt tuning knob that
 * is silently ignored produces a benchmark of the wrong configuration.
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

export function readSettings<K extends string>(
  variant: string,
  given: Readonly<Record<string, number>> | undefined,
  specs: SettingSpecs<K>,
): { readonly [P in K]: number } {
  const known = Object.keys(specs) as K[];
  for (const name of Object.keys(given ?? {})) {
    if (!(known as string[]).includes(name)) {
      const list = known.length > 0 ? known.join(', ') : 'none';
      throw new RangeError(`${variant} store: unknown setting "${name}" (known settings: ${list})`);
    }
  }
  const result = {} as { [P in K]: number };
  for (const name of known) {
    const spec = specs[name];
    const value = given?.[name] ?? spec.default;
    const problems: string[] = [];
    if (typeof value !== 'number' || Number.isNaN(value)) problems.push('a number');
    if (spec.integer && !Number.isInteger(value)) problems.push('an integer');
    if (spec.minExclusive ? !(value > spec.min) : !(value >= spec.min)) {
      problems.push(`${spec.minExclusive ? '>' : '>='} ${spec.min}`);
    }
    if (spec.max !== undefined && (spec.maxExclusive ? !(value < spec.max) : !(value <= spec.max))) {
      problems.push(`${spec.maxExclusive ? '<' : '<='} ${spec.max}`);
    }
    if (problems.length > 0) {
      throw new RangeError(
        `${variant} store: setting ${name} (${spec.meaning}) must be ${problems.join(' and ')}, got ${String(value)}`,
      );
    }
    result[name] = value;
  }
  return result;
}
