/**
 * Checking the fields of a user's file (a scenario, a baseline) one by one,
 * collecting every problem with its field path, what was expected and what
 * was found, so one run of the command lists all of them.
 */
import { describeValue } from './input-values.ts';

/** One line per problem: "dataset.records: expected an integer >= 1, got 0". */
export type FieldProblems = string[];

export interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly exclusiveMin?: number;
  readonly exclusiveMax?: number;
}

export function checkNumber(problems: FieldProblems, value: unknown, path: string, rule: NumberRule): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.exclusiveMin === undefined || value > rule.exclusiveMin) &&
    (rule.exclusiveMax === undefined || value < rule.exclusiveMax);
  if (ok) return;
  const bounds = [
    rule.min !== undefined ? `>= ${rule.min}` : '',
    rule.exclusiveMin !== undefined ? `> ${rule.exclusiveMin}` : '',
    rule.max !== undefined ? `<= ${rule.max}` : '',
    rule.exclusiveMax !== undefined ? `< ${rule.exclusiveMax}` : '',
  ].filter(Boolean);
  const kind = rule.integer ? 'an integer' : 'a number';
  problems.push(`${path}: expected ${kind}${bounds.length ? ' ' + bounds.join(' and ') : ''}, got ${describeValue(value)}`);
}

export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function checkString(problems: FieldProblems, value: unknown, path: string, pattern?: RegExp, hint?: string): void {
  if (typeof value === 'string' && value.length > 0 && (!pattern || pattern.test(value))) return;
  problems.push(`${path}: expected ${hint ?? 'a non-empty string'}, got ${describeValue(value)}`);
}

export function checkKnownKeys(problems: FieldProblems, value: Readonly<Record<string, unknown>>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      problems.push(`${path ? path + '.' : ''}${key}: unknown field (known: ${known.join(', ')})`);
    }
  }
}
