/**
 * Where CPU time moved between the two sides of an --against run: each
 * side's top self-time functions (their CPU profile jobs), matched by
 * function name and script (not line: the code between them may have moved
 * lines), with the share of the profile each took on each side and the
 * change in share, largest moves first. A function in only one side's top
 * list has no share on the other (null): it was below that side's top, not
 * necessarily absent.
 */
import type { SelfTimeRow } from './cpu-profile-analysis.ts';

export interface SelfTimeMove {
  readonly functionName: string;
  readonly url: string;
  /** B's line when B lists it, else A's. */
  readonly line: number | null;
  readonly shareA: number | null;
  readonly shareB: number | null;
  /** shareB - shareA in share points (0.05 = 5 points of the profile); null when one side does not list it. */
  readonly change: number | null;
}

function key(row: SelfTimeRow): string {
  return `${row.functionName}\u0000${row.url}`;
}

export function selfTimeMoves(sideA: readonly SelfTimeRow[], sideB: readonly SelfTimeRow[]): SelfTimeMove[] {
  const moves = new Map<string, { functionName: string; url: string; line: number | null; shareA: number | null; shareB: number | null }>();
  for (const row of sideA) moves.set(key(row), { functionName: row.functionName, url: row.url, line: row.line, shareA: row.selfShare, shareB: null });
  for (const row of sideB) {
    const known = moves.get(key(row));
    moves.set(key(row), { functionName: row.functionName, url: row.url, line: row.line, shareA: known?.shareA ?? null, shareB: row.selfShare });
  }
  const size = (m: SelfTimeMove): number => (m.change === null ? Math.max(m.shareA ?? 0, m.shareB ?? 0) : Math.abs(m.change));
  return [...moves.values()]
    .map((m) => ({ ...m, change: m.shareA !== null && m.shareB !== null ? m.shareB - m.shareA : null }))
    .sort((a, b) => size(b) - size(a) || a.functionName.localeCompare(b.functionName));
}
