/**
 * Reading values from a user's file (a scenario, a target set) for
 * validation: telling an object from the rest, and naming what was found in
 * an error message ("expected an integer >= 1, got an array").
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // Long strings are cut so one bad field cannot bury the rest of the message.
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
