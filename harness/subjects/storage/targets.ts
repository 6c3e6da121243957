/**
 * Targets (targets/define.ts) against a run: validation before anything
 * runs, and one check per target and variant after.
 *
 * Validation is strict because a target that checks nothing looks exactly
 * like a target that passes: an unknown scenario, variant, metric, op type,
 * percentile or field name is an error listing every problem with its place
 * (targets[i].field), what was found, and how to fix it (the closest known
 * name, or the list of known ones). The one sanctioned exception is a
 * scenario listed in the set's `plannedScenarios`: its targets are reported
 * as "no scenario" until it exists, never dropped.
 *
 * Checks read the RunSummary only (analysis/summarize.ts). A target passes
 * when the point estimate meets the bound — the median across repeats for
 * throughput and GC pause, the merged-histogram percentile for latency, the
 * maximum across repeats for peak memory — and the interval, when there is
 * one, is shown next to it; a note says when the interval straddles the
 * bound, i.e. when more repeats could flip the verdict.
 */
import { VarbenchError } from '../../core/errors.ts';
import { formatBytes, formatMs, formatNs, formatOpsPerSec, formatPercent, formatRatio } from '../../core/format.ts';
import { OP_TYPES } from './scenario.ts';
import { ALL_VARIANTS, DEFAULT_TARGET_PERCENTILE, TARGET_METRICS, type Target, type TargetPercentile, type TargetSet } from '../../../targets/define.ts';
import type { CellKey } from '../../gate/cells.ts';
import type { Measured, TargetCheck } from '../../gate/target-checks.ts';
import type { StorageCellMetric as CellMetric } from './gate-cells.ts';
import type { RunSummary, VariantSummary } from './run-summary.ts';
import type { Interval } from '../../stats/descriptive.ts';
import { describeValue, isRecord } from '../../core/input-values.ts';


const DEFAULT_OVER = 'naive';
const PERCENTILES: readonly TargetPercentile[] = ['p50', 'p90', 'p99', 'p999', 'max'];

/** Per metric: the field holding the bound, and every field allowed besides the common ones. */
const METRIC_FIELDS: Readonly<Record<Target['metric'], { readonly bound: string; readonly optional: readonly string[] }>> = {
  throughput: { bound: 'atLeastOpsPerSec', optional: [] },
  latency: { bound: 'atMostNs', optional: ['op', 'percentile'] },
  peakHeap: { bound: 'atMostBytes', optional: [] },
  peakRss: { bound: 'atMostBytes', optional: [] },
  storeRss: { bound: 'atMostBytes', optional: [] },
  gcPause: { bound: 'atMostMs', optional: [] },
  hitRatio: { bound: 'atLeast', optional: [] },
  speedup: { bound: 'atLeastTimes', optional: ['over'] },
  heapPerOp: { bound: 'atMostTimes', optional: ['over'] },
  allocationPerOp: { bound: 'atMostTimes', optional: ['over'] },
};
const COMMON_FIELDS = ['scenario', 'variant', 'metric', 'noiseThreshold', 'source'] as const;

// ---------------------------------------------------------------------------
// Validation

/** Levenshtein distance (Wagner & Fischer 1974), for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known name a typo most likely meant: within a third of its length in edits (at least 2), or equal ignoring case. */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function unknownName(what: string, found: unknown, known: readonly string[], extra = ''): string {
  const suggestion = typeof found === 'string' ? closest(found, known) : null;
  const hint = suggestion === null ? '' : ` (did you mean "${suggestion}"?)`;
  const list = known.length === 0 ? '(none)' : known.join(', ');
  return `unknown ${what} ${describeValue(found)}${hint}; known: ${list}${extra}`;
}

function checkPositive(problems: string[], value: unknown, path: string, example: string): void {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return;
  problems.push(`${path}: expected a number > 0 (e.g. ${example}), got ${describeValue(value)}`);
}

function validateTarget(
  problems: string[],
  target: unknown,
  path: string,
  scenarios: { readonly known: readonly string[]; readonly planned: readonly string[] },
  knownVariants: readonly string[],
): void {
  if (!isRecord(target)) {
    problems.push(`${path}: expected a target object such as { scenario: 'single-put', variant: '*', metric: 'throughput', atLeastOpsPerSec: 100000 }, got ${describeValue(target)}`);
    return;
  }

  const scenario = target.scenario;
  if (typeof scenario !== 'string' || !(scenarios.known.includes(scenario) || scenarios.planned.includes(scenario))) {
    problems.push(
      `${path}.scenario: ${unknownName('scenario', scenario, scenarios.known)}` +
        `; fix the name, or add the scenario under scenarios/ (or, for one still to be written, list it in plannedScenarios)`,
    );
  }

  const variant = target.variant;
  if (typeof variant !== 'string' || (variant !== ALL_VARIANTS && !knownVariants.includes(variant))) {
    problems.push(`${path}.variant: ${unknownName('variant', variant, knownVariants, `, or '${ALL_VARIANTS}' for every variant`)}`);
  }

  const metric = target.metric;
  if (typeof metric !== 'string' || !(TARGET_METRICS as readonly string[]).includes(metric)) {
    problems.push(`${path}.metric: ${unknownName('metric', metric, TARGET_METRICS)}`);
    return; // the remaining fields depend on the metric
  }
  const fields = METRIC_FIELDS[metric as Target['metric']];

  for (const key of Object.keys(target)) {
    const allowed = [...COMMON_FIELDS, fields.bound, ...fields.optional];
    if (!allowed.includes(key)) {
      const suggestion = closest(key, allowed);
      problems.push(
        `${path}.${key}: unknown field for metric '${metric}'${suggestion === null ? '' : ` (did you mean "${suggestion}"?)`}; allowed: ${allowed.join(', ')}`,
      );
    }
  }

  const bound = target[fields.bound];
  switch (metric as Target['metric']) {
    case 'throughput':
      checkPositive(problems, bound, `${path}.atLeastOpsPerSec`, '100000');
      break;
    case 'latency':
      checkPositive(problems, bound, `${path}.atMostNs`, '10000000 for 10 ms');
      if (typeof target.op !== 'string' || !(OP_TYPES as readonly string[]).includes(target.op)) {
        problems.push(`${path}.op: ${unknownName('op type', target.op, OP_TYPES)}`);
      }
      if (target.percentile !== undefined && !(PERCENTILES as readonly unknown[]).includes(target.percentile)) {
        problems.push(`${path}.percentile: ${unknownName('percentile', target.percentile, PERCENTILES)} (default ${DEFAULT_TARGET_PERCENTILE})`);
      }
      break;
    case 'peakHeap':
    case 'peakRss':
    case 'storeRss':
      checkPositive(problems, bound, `${path}.atMostBytes`, '104857600 for 100 MiB');
      break;
    case 'gcPause':
      checkPositive(problems, bound, `${path}.atMostMs`, '50');
      break;
    case 'hitRatio':
      if (!(typeof bound === 'number' && bound >= 0 && bound <= 1)) {
        problems.push(`${path}.atLeast: expected a fraction in [0, 1] (e.g. 0.8 for 80 %), got ${describeValue(bound)}`);
      }
      break;
    case 'speedup':
    case 'heapPerOp':
    case 'allocationPerOp': {
      checkPositive(problems, bound, `${path}.${fields.bound}`, metric === 'speedup' ? '2' : '0.5');
      const over = target.over ?? DEFAULT_OVER;
      if (typeof over !== 'string' || !knownVariants.includes(over)) {
        problems.push(`${path}.over: ${unknownName('variant', over, knownVariants)} (the variant to compare with; default '${DEFAULT_OVER}')`);
      } else if (over === variant) {
        problems.push(`${path}.over: '${over}' is the target's own variant; a variant compared with itself is always 1×`);
      }
      break;
    }
  }

  const threshold = target.noiseThreshold;
  if (threshold !== undefined && !(typeof threshold === 'number' && threshold > 0 && threshold < 1)) {
    problems.push(`${path}.noiseThreshold: expected a fraction in (0, 1) (e.g. 0.05 for 5 %), got ${describeValue(threshold)}`);
  }
  if (target.source !== undefined && typeof target.source !== 'string') {
    problems.push(`${path}.source: expected a string, got ${describeValue(target.source)}`);
  }
}

/**
 * Throws a VarbenchError (exit 2) listing every problem of `set`, or returns
 * it typed. `file` names where the set came from, for the message.
 */
export function validateTargets(
  set: unknown,
  knownScenarios: readonly string[],
  knownVariants: readonly string[],
  file = 'targets',
): TargetSet {
  const problems: string[] = [];
  let name = '(unnamed)';
  if (!isRecord(set)) {
    problems.push(`expected defineTargets({ name, targets: [...] }), got ${describeValue(set)}`);
  } else {
    if (typeof set.name === 'string' && set.name.length > 0) name = set.name;
    else problems.push(`name: expected a non-empty string, got ${describeValue(set.name)}`);

    let planned: string[] = [];
    if (set.plannedScenarios !== undefined) {
      if (Array.isArray(set.plannedScenarios) && set.plannedScenarios.every((s) => typeof s === 'string')) {
        planned = set.plannedScenarios as string[];
      } else {
        problems.push(`plannedScenarios: expected an array of scenario names, got ${describeValue(set.plannedScenarios)}`);
      }
    }
    for (const key of Object.keys(set)) {
      if (!['name', 'description', 'plannedScenarios', 'targets'].includes(key)) {
        problems.push(`${key}: unknown field (known: name, description, plannedScenarios, targets)`);
      }
    }
    if (!Array.isArray(set.targets)) {
      problems.push(`targets: expected an array of targets, got ${describeValue(set.targets)}`);
    } else {
      set.targets.forEach((target: unknown, i: number) =>
        validateTarget(problems, target, `targets[${i}]`, { known: knownScenarios, planned }, knownVariants),
      );
    }
  }
  if (problems.length > 0) {
    throw new VarbenchError(
      'INVALID_TARGETS',
      `Invalid targets "${name}" in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `Each target is { scenario, variant ('${ALL_VARIANTS}' for all), metric, <bound> }; see targets/define.ts.`,
    );
  }
  return set as TargetSet;
}

// ---------------------------------------------------------------------------
// Checks

type Direction = 'atLeast' | 'atMost';

interface Rule {
  readonly label: string;
  readonly direction: Direction;
  readonly limit: number;
  readonly format: (value: number) => string;
  /** The bound in words, e.g. "≥ 2.00× naive". */
  readonly boundText: string;
}

function ruleOf(target: Target): Rule {
  const rule = (label: string, direction: Direction, limit: number, format: (value: number) => string, suffix = ''): Rule => ({
    label,
    direction,
    limit,
    format,
    boundText: `${direction === 'atLeast' ? '≥' : '≤'} ${format(limit)}${suffix}`,
  });
  switch (target.metric) {
    case 'throughput':
      return rule('throughput', 'atLeast', target.atLeastOpsPerSec, formatOpsPerSec);
    case 'latency':
      return rule(`${target.percentile ?? DEFAULT_TARGET_PERCENTILE} ${target.op}`, 'atMost', target.atMostNs, formatNs);
    case 'peakHeap':
      return rule('peak heap', 'atMost', target.atMostBytes, formatBytes);
    case 'peakRss':
      return rule('peak RSS', 'atMost', target.atMostBytes, formatBytes);
    case 'storeRss':
      return rule('peak RSS above the no-op job', 'atMost', target.atMostBytes, formatBytes);
    case 'gcPause':
      return rule('GC pause total', 'atMost', target.atMostMs, formatMs);
    case 'hitRatio':
      return rule('hit ratio', 'atLeast', target.atLeast, (v) => formatPercent(v));
    case 'speedup': {
      const over = target.over ?? DEFAULT_OVER;
      return rule(`speed-up over ${over}`, 'atLeast', target.atLeastTimes, formatRatio, ` ${over}'s throughput`);
    }
    case 'heapPerOp': {
      const over = target.over ?? DEFAULT_OVER;
      return rule(`heap per op vs ${over}`, 'atMost', target.atMostTimes, formatRatio, ` ${over}'s heap per op`);
    }
    case 'allocationPerOp': {
      const over = target.over ?? DEFAULT_OVER;
      return rule(`bytes allocated per op vs ${over}`, 'atMost', target.atMostTimes, formatRatio, ` ${over}'s bytes allocated per op`);
    }
  }
}

/** A measurement, or why there is none. */
type Reading = { readonly value: number; readonly interval: Interval | null; readonly note?: string } | { readonly missing: string };

function opsPerRepeat(summary: VariantSummary): number | null {
  if (summary.okJobs === 0) return null;
  let total = 0;
  for (const count of Object.values(summary.opCounts)) total += count ?? 0;
  return total / summary.okJobs;
}

/** Peak heap divided by the ops of one repeat: the peak is per process, so it is shared by one repeat's ops. */
function heapPerOp(summary: VariantSummary): number | null {
  const ops = opsPerRepeat(summary);
  if (summary.peakHeapUsedBytes === null || ops === null || ops <= 0) return null;
  return summary.peakHeapUsedBytes / ops;
}

function relativeTo(run: RunSummary, over: string): VariantSummary | { readonly missing: string } {
  const other = run.variants.find((v) => v.variant === over);
  if (other === undefined) return { missing: `${over} did not run, so there is nothing to compare with (run it too: --variant ...,${over})` };
  if (other.okJobs === 0) return { missing: `${over} has no successful repeat to compare with` };
  return other;
}

function read(target: Target, variant: VariantSummary, run: RunSummary): Reading {
  switch (target.metric) {
    case 'throughput':
      return variant.throughput === null
        ? { missing: 'no throughput recorded' }
        : { value: variant.throughput.median, interval: variant.throughput.interval };
    case 'latency': {
      const percentile = target.percentile ?? DEFAULT_TARGET_PERCENTILE;
      const latency = variant.latency[target.op];
      if (latency === undefined) return { missing: `no ${target.op} latency recorded (does the scenario's mix include ${target.op}?)` };
      const field = { p50: 'p50Ns', p90: 'p90Ns', p99: 'p99Ns', p999: 'p999Ns', max: 'maxNs' } as const;
      return { value: latency[field[percentile]], interval: null };
    }
    case 'peakHeap':
      return variant.peakHeapUsedBytes === null ? { missing: 'no heap samples' } : { value: variant.peakHeapUsedBytes, interval: null };
    case 'peakRss':
      return variant.peakRssBytes === null ? { missing: 'no RSS samples' } : { value: variant.peakRssBytes, interval: null };
    case 'storeRss': {
      const reference = run.overhead?.peakRssBytes ?? null;
      if (variant.peakRssBytes === null) return { missing: 'no RSS samples' };
      if (reference === null) return { missing: 'the no-op reference job has no RSS figure (did it fail?)' };
      return { value: variant.peakRssBytes - reference, interval: null };
    }
    case 'gcPause':
      return variant.gcPauseMs === null
        ? { missing: 'no GC figures recorded' }
        : { value: variant.gcPauseMs.median, interval: variant.gcPauseMs.interval };
    case 'hitRatio':
      return variant.hitRatio === null
        ? { missing: `${variant.variant} does not count cache hits and misses` }
        : { value: variant.hitRatio, interval: null };
    case 'speedup': {
      const over = target.over ?? DEFAULT_OVER;
      const other = relativeTo(run, over);
      if ('missing' in other) return other;
      // The summary's own speed-up carries a two-sample bootstrap interval; it exists only against the run's baseline variant.
      if (run.baselineVariant === over && variant.speedup !== null) {
        return { value: variant.speedup.ratio, interval: variant.speedup.interval };
      }
      if (variant.throughput === null || other.throughput === null || !(other.throughput.median > 0)) {
        return { missing: `no throughput to compare with ${over}'s` };
      }
      return { value: variant.throughput.median / other.throughput.median, interval: null };
    }
    case 'heapPerOp': {
      const over = target.over ?? DEFAULT_OVER;
      const other = relativeTo(run, over);
      if ('missing' in other) return other;
      const mine = heapPerOp(variant);
      const theirs = heapPerOp(other);
      if (mine === null || theirs === null || !(theirs > 0)) return { missing: `no heap or op counts to compare with ${over}'s` };
      const myOps = opsPerRepeat(variant)!;
      const theirOps = opsPerRepeat(other)!;
      // A duration cap lets a fast variant do more ops under the same peak heap; then the ratio mostly measures speed.
      const note =
        Math.abs(myOps - theirOps) > 0.01 * Math.max(myOps, theirOps)
          ? `unequal work: ${Math.round(myOps)} vs ${Math.round(theirOps)} ops per repeat, so this ratio also reflects speed; use a scenario without a duration cap`
          : undefined;
      return note === undefined ? { value: mine / theirs, interval: null } : { value: mine / theirs, interval: null, note };
    }
    case 'allocationPerOp': {
      const over = target.over ?? DEFAULT_OVER;
      const other = relativeTo(run, over);
      if ('missing' in other) return other;
      const mine = variant.runtime?.bytesPerOp ?? null;
      const theirs = other.runtime?.bytesPerOp ?? null;
      if (mine === null || theirs === null || !(theirs > 0)) return { missing: `no allocation figures to compare with ${over}'s` };
      return { value: mine / theirs, interval: null };
    }
  }
}

function meets(direction: Direction, value: number, limit: number): boolean {
  return direction === 'atLeast' ? value >= limit : value <= limit;
}

function checkOne(target: Target, variantName: string, run: RunSummary): TargetCheck {
  const rule = ruleOf(target);
  const base = {
    target,
    scenario: target.scenario,
    variant: variantName,
    description: `${target.scenario} · ${variantName} · ${rule.label}`,
    bound: rule.boundText,
  };
  const noData = (note: string): TargetCheck => ({ ...base, measured: null, status: 'no data', note });

  const variant = run.variants.find((v) => v.variant === variantName);
  if (variant === undefined) return noData(`${variantName} did not run (was it left out with --variant?)`);
  if (variant.okJobs === 0 && variant.failedJobs.length === 0) {
    return noData(`not run: the run was stopped before ${variantName}'s repeats`);
  }
  if (variant.okJobs === 0) {
    return noData(`no successful repeat (${variant.failedJobs.length} failed: ${variant.failedJobs[0]?.message ?? 'no error recorded'})`);
  }
  const reading = read(target, variant, run);
  if ('missing' in reading) return noData(reading.missing);

  const { value, interval } = reading;
  const text =
    interval === null
      ? rule.format(value)
      : `${rule.format(value)} [${rule.format(interval.low)}, ${rule.format(interval.high)}]`;
  const pass = meets(rule.direction, value, rule.limit);
  const notes: string[] = [];
  if (reading.note !== undefined) notes.push(reading.note);
  const straddles = interval !== null && meets(rule.direction, interval.low, rule.limit) !== meets(rule.direction, interval.high, rule.limit);
  if (straddles) {
    notes.push(`the ${Math.round(interval.confidence * 100)}% interval straddles the bound, so these repeats cannot decide it (the median ${pass ? 'meets' : 'misses'} it); more repeats would`);
  }
  return {
    ...base,
    measured: { value, interval, text },
    status: straddles ? 'undecided' : pass ? 'pass' : 'fail',
    note: notes.length === 0 ? null : notes.join('; '),
  };
}

/**
 * Checks the targets of `scenarioName` against the run's summary (one check
 * per target and variant; '*' expands to the run's variants in run order,
 * without the `over` variant of a relative target), and reports every
 * target whose scenario is not in `knownScenarios` as "no scenario". Targets
 * of other existing scenarios are left to those scenarios' runs.
 */
export function checkTargets(
  set: TargetSet,
  summary: RunSummary,
  scenarioName: string,
  knownScenarios: readonly string[],
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const target of set.targets) {
    if (!knownScenarios.includes(target.scenario)) {
      const rule = ruleOf(target);
      checks.push({
        target,
        scenario: target.scenario,
        variant: target.variant,
        description: `${target.scenario} · ${target.variant} · ${rule.label}`,
        bound: rule.boundText,
        measured: null,
        status: 'no scenario',
        note: `there is no scenario "${target.scenario}" yet: add scenarios/${target.scenario}.ts to check this target`,
      });
      continue;
    }
    if (target.scenario !== scenarioName) continue;
    if (target.variant !== ALL_VARIANTS) {
      checks.push(checkOne(target, target.variant, summary));
      continue;
    }
    const over = target.metric === 'speedup' || target.metric === 'heapPerOp' || target.metric === 'allocationPerOp' ? (target.over ?? DEFAULT_OVER) : null;
    const names = summary.variants.map((v) => v.variant).filter((name) => name !== over);
    if (names.length === 0) {
      checks.push({ ...checkOne(target, ALL_VARIANTS, summary), note: 'no variant ran' });
      continue;
    }
    for (const name of names) checks.push(checkOne(target, name, summary));
  }
  return checks;
}

// ---------------------------------------------------------------------------
// Noise thresholds for baseline comparisons

/** The baseline cell a target's metric corresponds to, if any (relative targets and hit ratio have none). */
function cellMetricOf(target: Target): CellMetric | null {
  switch (target.metric) {
    case 'throughput':
      return 'throughput';
    case 'latency': {
      const percentile = target.percentile ?? DEFAULT_TARGET_PERCENTILE;
      return percentile === 'p50' || percentile === 'p99' ? `${percentile}:${target.op}` : null;
    }
    case 'peakHeap':
      return 'peakHeapBytes';
    case 'peakRss':
      return 'peakRssBytes';
    case 'gcPause':
      return 'gcPauseMs';
    default:
      return null;
  }
}

/**
 * The per-cell noise thresholds a target set declares, as a lookup for
 * compareCells' `noiseThresholdOf`: a target naming the cell's variant wins
 * over a '*' target; undefined when no target sets one.
 */
export function noiseThresholdsFrom(set: TargetSet): (cell: CellKey) => number | undefined {
  return (cell) => {
    let wildcard: number | undefined;
    for (const target of set.targets) {
      if (target.noiseThreshold === undefined || target.scenario !== cell.scenario || cellMetricOf(target) !== cell.metric) continue;
      if (target.variant === cell.variant) return target.noiseThreshold;
      if (target.variant === ALL_VARIANTS && wildcard === undefined) wildcard = target.noiseThreshold;
    }
    return wildcard;
  };
}
