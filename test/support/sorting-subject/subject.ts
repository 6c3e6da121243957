/**
 * A test-only third subject: "sorting", whose variants sort the same seeded
 * array of numbers in different ways. It exists to prove the Subject seam
 * (harness/subjects/subject.ts): registered from a test alone, it runs
 * through the real CLI, in real child processes, into a report with its own
 * section, and no file of the harness names it. The child process finds it
 * by importing this module's URL and reading its `subject` export.
 *
 * The setting `corrupt: 1` makes a variant write a wrong element, so a test
 * can check that outputs which disagree fail the run (runFailures).
 */
import { performance } from 'node:perf_hooks';
import { collectEnvironment } from '../../../harness/core/environment.ts';
import { checkNumber } from '../../../harness/core/field-checks.ts';
import type { JobResult, RunResults, RuntimeFigures } from '../../../harness/core/results.ts';
import type { Scenario } from '../../../harness/core/scenario.ts';
import { PhaseInstruments } from '../../../harness/instruments/phase-instruments.ts';
import type { ReportModel } from '../../../harness/report/model.ts';
import { escapeHtml } from '../../../harness/report/escape.ts';
import type { JobPayload } from '../../../harness/run/job.ts';
import type { Subject, VariantTable } from '../../../harness/subjects/subject.ts';
import { Prng } from '../../../lib/prng.ts';

export interface SortingScenario extends Scenario {
  /** How many numbers each run sorts. */
  readonly length: number;
  /** Measured runs per job (after one unmeasured warm-up run). */
  readonly runs: number;
  readonly seed: number;
}

export interface SortingMeasure {
  /** Median wall time of one sort over the measured runs. */
  readonly sortMs: number;
  /** An order-sensitive checksum of the sorted output: equal outputs give equal checksums. */
  readonly checksum: number;
  readonly runtime: RuntimeFigures;
}

interface VariantFigures {
  readonly variant: string;
  readonly medianSortMs: number | null;
  readonly ok: number;
  readonly failed: number;
}

export interface SortingAnalysis {
  readonly variants: readonly VariantFigures[];
  /** One line per job whose checksum differs from the first ok job's. */
  readonly disagreements: readonly string[];
}

type Sorter = (values: readonly number[]) => number[];

const SORTERS: Readonly<Record<string, Sorter>> = {
  builtin: (values) => [...values].sort((a, b) => a - b),
  typed: (values) => Array.from(Float64Array.from(values).sort()),
  insertion: (values) => {
    const out = [...values];
    for (let i = 1; i < out.length; i++) {
      const x = out[i]!;
      let j = i - 1;
      while (j >= 0 && out[j]! > x) out[j + 1] = out[j--]!;
      out[j + 1] = x;
    }
    return out;
  },
};

const VARIANTS = {
  builtin: { description: 'Array.prototype.sort with a numeric comparator', settings: { corrupt: { default: 0, meaning: '1: write a wrong element (tests only)' } } },
  typed: { description: 'Float64Array.prototype.sort (numeric, no comparator)', settings: { corrupt: { default: 0, meaning: '1: write a wrong element (tests only)' } } },
  insertion: { description: 'insertion sort, O(n²)', settings: { corrupt: { default: 0, meaning: '1: write a wrong element (tests only)' } } },
} as const;

function checkSettings(variant: string, settings: Readonly<Record<string, number>>): string | null {
  if (!(variant in SORTERS)) return `unknown variant (known: ${Object.keys(SORTERS).join(', ')})`;
  for (const [name, value] of Object.entries(settings)) {
    if (name !== 'corrupt') return `${variant} sorter: unknown setting "${name}" (known: corrupt)`;
    if (value !== 0 && value !== 1) return `${variant} sorter: setting corrupt must be 0 or 1, got ${value}`;
  }
  return null;
}

function checksumOf(sorted: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum = (sum + sorted[i]! * ((i % 1_000) + 1)) % 1_000_000_007;
  return sum;
}

async function runJob(payload: JobPayload): Promise<JobResult<SortingMeasure>> {
  const { job } = payload;
  const scenario = payload.scenario as SortingScenario;
  const startedAt = new Date().toISOString();
  const wallStart = performance.now();
  const base = { ...job, startedAt, environment: collectEnvironment() };
  try {
    const sort = SORTERS[job.variant];
    if (!sort) throw new Error(`no sorter named ${job.variant}`);
    const random = new Prng(scenario.seed);
    const values = Array.from({ length: scenario.length }, () => random.nextUint32());
    sort(values); // warm-up, unmeasured
    const instruments = new PhaseInstruments(job.profile, { runDir: payload.runDir, variant: job.variant });
    const times: number[] = [];
    let sorted: number[] = [];
    await instruments.start();
    for (let i = 0; i < scenario.runs; i++) {
      const t0 = performance.now();
      sorted = sort(values);
      times.push(performance.now() - t0);
    }
    const runtime = await instruments.finish(scenario.runs * scenario.length);
    if (scenario.settings?.[job.variant]?.corrupt === 1) sorted[0] = -1;
    times.sort((a, b) => a - b);
    const measure: SortingMeasure = { sortMs: times[Math.floor(times.length / 2)]!, checksum: checksumOf(sorted), runtime };
    return { ...base, status: 'ok', wallMs: performance.now() - wallStart, phases: { measureMs: times.reduce((a, b) => a + b, 0) }, measure, error: null };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ...base, status: 'failed', wallMs: performance.now() - wallStart, phases: null, measure: null, error: { message: e.message, stack: e.stack, phase: 'measure' } };
  }
}

function analyze(results: RunResults<SortingMeasure>): SortingAnalysis {
  const timed = results.results.filter((r) => r.profile === null && !r.reference);
  const variants = results.options.variants.map((variant): VariantFigures => {
    const jobs = timed.filter((r) => r.variant === variant);
    const ok = jobs.flatMap((r) => (r.status === 'ok' && r.measure ? [r.measure.sortMs] : [])).sort((a, b) => a - b);
    return { variant, medianSortMs: ok.length === 0 ? null : ok[Math.floor(ok.length / 2)]!, ok: ok.length, failed: jobs.length - ok.length };
  });
  const okJobs = timed.filter((r) => r.status === 'ok' && r.measure);
  const first = okJobs[0];
  const disagreements = okJobs
    .filter((r) => first && r.measure!.checksum !== first.measure!.checksum)
    .map((r) => `${r.variant} repeat ${r.repeat} sorted differently from ${first!.variant} repeat ${first!.repeat} (checksum ${r.measure!.checksum} vs ${first!.measure!.checksum})`);
  return { variants, disagreements };
}

const ms = (value: number | null): string => (value === null ? '—' : `${value.toFixed(2)} ms`);

function variantTable(model: ReportModel<SortingAnalysis>): VariantTable {
  return {
    valueTitle: 'Sort time (median)',
    baselineVariant: null,
    rows: model.analysis.variants.map((v) => ({ variant: v.variant, value: v.medianSortMs === null ? null : ms(v.medianSortMs), interval: null, speedup: null, ok: v.ok, failed: v.failed, notRun: 0 })),
  };
}

export const sortingSubject: Subject<SortingScenario, SortingMeasure, SortingAnalysis> = {
  name: 'sorting',
  module: import.meta.url,
  listHeading: 'Sorting variants (test-only subject)',
  variants: VARIANTS,
  checkSettings,
  scenarioFields: ['length', 'runs', 'seed'],
  validateScenario(problems, value) {
    checkNumber(problems, value.length, 'length', { integer: true, min: 1, max: 10_000_000 });
    checkNumber(problems, value.runs, 'runs', { integer: true, min: 1, max: 1_000 });
    checkNumber(problems, value.seed, 'seed', { integer: true, min: 0, max: 0xffffffff });
  },
  quickened: (scenario) => ({ ...scenario, length: Math.min(scenario.length, 2_000), runs: 1 }),
  reference: null,
  runJob,
  progressOutcome: (measure) => `${ms(measure.sortMs)} per sort`,
  runtimeOf: (measure) => measure.runtime,
  analyze,
  runFailures: (analysis) => (analysis.disagreements.length > 0 ? [`The sorted outputs disagree:\n  ${analysis.disagreements.join('\n  ')}`] : []),
  gate: null,
  report: {
    html: (model, checks) => ({
      sections:
        `<section id="sorting"><h2>Sorting</h2><table><thead><tr><th>Variant</th><th class="num">Median sort time</th><th>Jobs ok</th></tr></thead><tbody>` +
        model.analysis.variants.map((v) => `<tr><td>${escapeHtml(v.variant)}</td><td class="num">${ms(v.medianSortMs)}</td><td>${v.ok}/${v.ok + v.failed}</td></tr>`).join('') +
        `</tbody></table></section>${checks.sections}`,
      charts: [],
      colours: new Map(),
    }),
    console: (model) =>
      ['variant    median sort time', ...model.analysis.variants.map((v) => `${v.variant.padEnd(10)} ${ms(v.medianSortMs)}`)].join('\n') + '\n',
    variantTable,
  },
};

export { sortingSubject as subject };
