/**
 * Older results.json files, read as the current schema so `report` can
 * re-render them: each version's changes undone in order. Version 2 had no
 * targets, calibration or gate (added in 3); version 3 kept a balance job's
 * measurement in `balance` and its `measure` null (4 keeps every subject's
 * in `measure`); version 4 stored a gate cell's reason as text (5 stores a
 * code and its numbers, worded by the report: the old text is kept as
 * { code: 'legacy-text', text } and shown as is); version 5 had no
 * --against runs (6 adds `paired`, a job's `side` and a phase's `cpu`).
 */
import { RESULTS_SCHEMA_VERSION, type RunResults } from './results.ts';

/** The versions this varbench can read; anything else is refused with the reason. */
export const READABLE_RESULTS_VERSIONS: readonly number[] = [2, 3, 4, 5, RESULTS_SCHEMA_VERSION];

type Record_ = Readonly<Record<string, unknown>>;

function fromV2(record: Record_): Record_ {
  return { ...record, schemaVersion: 3, calibration: null, targets: null, gate: null };
}

function fromV3(record: Record_): Record_ {
  const results = (record.results as readonly Record_[] | undefined) ?? [];
  return {
    ...record,
    schemaVersion: 4,
    results: results.map((job) => {
      if (!('balance' in job)) return job;
      const { balance, ...rest } = job;
      return { ...rest, measure: balance ?? null };
    }),
  };
}

function fromV4(record: Record_): Record_ {
  const gate = record.gate as Record_ | null | undefined;
  const comparison = gate?.comparison as Record_ | undefined;
  const cells = comparison?.cells as readonly Record_[] | undefined;
  if (gate == null || comparison === undefined || cells === undefined) return { ...record, schemaVersion: 5 };
  return {
    ...record,
    schemaVersion: 5,
    gate: {
      ...gate,
      comparison: {
        ...comparison,
        cells: cells.map((cell) => (typeof cell.reason === 'string' ? { ...cell, reason: { code: 'legacy-text', text: cell.reason } } : cell)),
      },
    },
  };
}

function fromV5(record: Record_): Record_ {
  return { ...record, schemaVersion: 6, paired: null };
}

/** `record` must already be a varbench results object of a readable version. */
export function upgradeResults(record: Record_): RunResults {
  let current = record;
  if (current.schemaVersion === 2) current = fromV2(current);
  if (current.schemaVersion === 3) current = fromV3(current);
  if (current.schemaVersion === 4) current = fromV4(current);
  if (current.schemaVersion === 5) current = fromV5(current);
  return current as unknown as RunResults;
}
