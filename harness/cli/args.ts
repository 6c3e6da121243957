/**
 * The command line as values: the common options, every registered
 * subject's own, and the checks of single values (a whole number, a list of
 * variants, profile kinds) that fail with varbench's own message.
 */
import { parseArgs } from 'node:util';
import { VarbenchError } from '../core/errors.ts';
import { PROFILE_KINDS, type RequestedProfile } from '../plan/plan.ts';
import { allSubjects } from '../subjects/registry.ts';

type OptionSpec = { readonly type: 'string' | 'boolean'; readonly short?: string; readonly default?: boolean };

const COMMON_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  scenario: { type: 'string', short: 's' },
  variant: { type: 'string' },
  repeats: { type: 'string' },
  quick: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  profile: { type: 'string' },
  'cpu-sampling-interval': { type: 'string' },
  targets: { type: 'string' },
  check: { type: 'boolean', default: false },
  baseline: { type: 'string' },
  'save-baseline': { type: 'string' },
  'noise-threshold': { type: 'string' },
  alpha: { type: 'string' },
  correction: { type: 'string' },
  confirm: { type: 'string' },
  metrics: { type: 'string' },
  against: { type: 'string' },
  budget: { type: 'string' },
  'allow-incomparable': { type: 'boolean', default: false },
  runs: { type: 'string' },
  list: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
};

/** What was given on the command line; subject options are kept apart, by the subject that owns them. */
export interface CliValues {
  readonly scenario?: string;
  readonly variant?: string;
  readonly repeats?: string;
  readonly quick: boolean;
  readonly timeout?: string;
  readonly out?: string;
  readonly json: boolean;
  readonly profile?: string;
  readonly 'cpu-sampling-interval'?: string;
  readonly targets?: string;
  readonly check: boolean;
  readonly baseline?: string;
  readonly 'save-baseline'?: string;
  readonly 'noise-threshold'?: string;
  readonly alpha?: string;
  readonly correction?: string;
  readonly confirm?: string;
  readonly metrics?: string;
  readonly against?: string;
  readonly budget?: string;
  readonly 'allow-incomparable': boolean;
  readonly runs?: string;
  readonly list: boolean;
  readonly help: boolean;
  readonly version: boolean;
  /** Subject name -> that subject's options that were given. */
  readonly subjectOptions: Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;
}

export interface CommandLine {
  readonly values: CliValues;
  readonly positionals: readonly string[];
}

function allOptions(): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = { ...COMMON_OPTIONS };
  for (const subject of allSubjects()) {
    for (const [name, option] of Object.entries(subject.options?.options ?? {})) {
      if (name in options) throw new Error(`subject '${subject.name}' declares option --${name}, which another part of varbench already has`);
      options[name] = { type: option.type };
    }
  }
  return options;
}

/**
 * `--repeats -1` as `--repeats=-1`: parseArgs reads a value that starts with
 * '-' as another option and fails with "argument is ambiguous", which does
 * not say what is wrong; joined, the value reaches varbench's own check
 * ("--repeats expects a whole number >= 1, got '-1'").
 */
export function joinNegativeValues(argv: readonly string[], options: Readonly<Record<string, OptionSpec>> = allOptions()): string[] {
  const takesValue = new Set<string>();
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (spec.short) takesValue.add(`-${spec.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (takesValue.has(arg) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const options = allOptions();
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, options), allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new VarbenchError('USAGE', `${(error as Error).message}\nRun with --help for the options.`, { cause: error });
  }
  const subjectOptions: Record<string, Record<string, string | boolean>> = {};
  for (const subject of allSubjects()) {
    const given = Object.keys(subject.options?.options ?? {}).filter((name) => parsed.values[name] !== undefined);
    if (given.length > 0) subjectOptions[subject.name] = Object.fromEntries(given.map((name) => [name, parsed.values[name]!]));
  }
  return { values: { ...(parsed.values as unknown as CliValues), subjectOptions }, positionals: parsed.positionals };
}

export function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new VarbenchError('USAGE', `${option} expects a whole number >= 1, got '${value}'.`);
  }
  return n;
}

export function parseVariants(value: string | undefined, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new VarbenchError(
      'UNKNOWN_VARIANT',
      `Unknown variant${unknown.length === 1 ? '' : 's'} '${unknown.join(', ') || value}' in --variant. Known variants: ${known.join(', ')}.`,
    );
  }
  return [...new Set(names)];
}

export function parseProfiles(value: string | undefined): RequestedProfile[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const expanded = names.flatMap((name) => (name === 'all' ? (['cpu', 'heap', 'flame'] as const) : [name]));
  const unknown = expanded.filter((name) => !(PROFILE_KINDS as readonly string[]).includes(name));
  if (expanded.length === 0 || unknown.length > 0) {
    throw new VarbenchError(
      'USAGE',
      `Unknown profile '${unknown.join(', ') || value}' in --profile. Use any of ${PROFILE_KINDS.join(', ')}, or all (= cpu,heap,flame).`,
    );
  }
  return [...new Set(expanded)] as RequestedProfile[];
}
