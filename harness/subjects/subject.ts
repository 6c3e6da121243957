/**
 * The seam between the harness and what it measures. A subject (the
 * key-value store, the balance pipeline, a test's own) is a folder under
 * harness/subjects/ with one object implementing this interface, plus its
 * variants; the harness reaches it only through here, so a new subject is a
 * folder and one registry line (registry.ts), and nothing else in the
 * harness asks which subject it is running.
 *
 * Every part runs in one of two processes:
 * - the parent (the CLI): checking scenarios and settings, planning, the
 *   subject's own options, preparing data, analysing results, reporting;
 * - the child (one per job, harness/run/child-main.ts): `runJob`. The
 *   child finds the subject by importing `module` and reading its
 *   `subject` export, so a subject registered only in a test process runs
 *   in real child processes too.
 *
 * Type parameters: S the subject's scenario, M what one job measures
 * (JobResult.measure), A the analysis of a run (built once, read by every
 * exporter).
 */
import type { TargetSet } from '../../targets/define.ts';
import type { SubjectReport } from '../report/model.ts';
import type { TimedOps } from '../core/timed-ops.ts';

export type { HtmlChecks, SubjectHtml, SubjectReport, VariantRow, VariantTable } from '../report/model.ts';
export type { TimedOps } from '../core/timed-ops.ts';
import type { FieldProblems } from '../core/field-checks.ts';
import type { JobResult, RunResults, RuntimeFigures } from '../core/results.ts';
import type { CellCatalogue, CellKey } from '../gate/cells.ts';
import type { TargetCheck } from '../gate/target-checks.ts';
import type { Scenario } from '../core/scenario.ts';
import type { JobPayload } from '../run/job.ts';

/** A tuning knob of a variant, for --list and for checking scenario settings. */
export interface VariantSetting {
  readonly default: number;
  readonly meaning: string;
}

export interface VariantInfo {
  readonly description: string;
  readonly settings: Readonly<Record<string, VariantSetting>>;
}

/** A command-line option a subject adds (balance: --db, --tokens, --accounts). */
export interface SubjectOption {
  readonly type: 'string' | 'boolean';
  /** One line for --help, after the option name. */
  readonly help: string;
}

export interface SubjectOptions<S extends Scenario> {
  readonly options: Readonly<Record<string, SubjectOption>>;
  /** The help block listing them (already wrapped), shown under the common options. */
  readonly helpText: string;
  /** A scenario of this subject to suggest when the options are given with another subject's scenario. */
  readonly exampleScenario: string;
  /**
   * The scenario as the given options change it, checked before anything
   * runs; `values` holds only this subject's options that were given.
   * Throws a VarbenchError (exit 2) for a bad value.
   */
  apply(scenario: S, values: Readonly<Record<string, string | boolean>>, context: OptionContext): S;
}

export interface OptionContext {
  readonly env: NodeJS.ProcessEnv;
  /** A path the user typed, made absolute from the folder they typed it in. */
  resolvePath(given: string): string;
  /** A file as messages show it. */
  displayPath(file: string): string;
}

/** What the parent does around the jobs; `finish` runs however the run ended. */
export interface Preparation {
  finish?(): void;
}

export interface PrepareIo {
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  displayPath(file: string): string;
}






/**
 * Baselines and targets. A subject without them (gate: null) is refused
 * with a clear message by --baseline, --save-baseline and calibrate-noise,
 * and its runs have no target checks.
 */
export interface SubjectGate<M, A> {
  /** The metrics a baseline keeps and a comparison judges, read from one job's measure. */
  readonly cells: CellCatalogue<M>;
  /**
   * Checks a targets file's default export before anything runs; throws a
   * VarbenchError (exit 2) listing every problem, or returns the set typed.
   */
  validateTargets(value: unknown, knownScenarios: readonly string[], knownVariants: readonly string[], file: string): TargetSet;
  /** The target checks of this run's scenario (and "no scenario" rows for targets of scenarios that do not exist). */
  checkTargets(set: TargetSet, analysis: A, scenarioName: string, knownScenarios: readonly string[]): TargetCheck[];
  /** The noise thresholds targets declare per cell, for the gate (a target's noiseThreshold). */
  noiseThresholds(set: TargetSet): (cell: CellKey) => number | undefined;
  /** Timed ops per variant and op type, so views can mark percentiles too few samples support. */
  timedOps(results: RunResults<M>): TimedOps;
}


export interface Subject<S extends Scenario = Scenario, M = unknown, A = unknown> {
  /** The `subject` field of its scenarios. */
  readonly name: string;
  /** import.meta.url of the module whose `subject` export is this object (the child process imports it). */
  readonly module: string;
  /** For --list: "Storage variants (--variant a,b)". */
  readonly listHeading: string;
  readonly variants: Readonly<Record<string, VariantInfo>>;
  /** Checks one variant's settings the way the variant itself will; the problem, or null. */
  checkSettings(variant: string, settings: Readonly<Record<string, number>>): string | null;
  /** The scenario fields besides the common ones (name, description, subject, repeats, variants, settings, timeoutMs). */
  readonly scenarioFields: readonly string[];
  /** Checks those fields, pushing one problem per mistake (field path, expected, found). */
  validateScenario(problems: FieldProblems, value: Readonly<Record<string, unknown>>): void;
  /** --quick: a smoke run of every phase in seconds (repeats are set by the plan). */
  quickened(scenario: S): S;
  /** Jobs that run first, once each, to measure the harness itself (storage: the no-op store); null: none. */
  readonly reference: {
    readonly variants: readonly string[];
    /** The progress line's name for such a job: "noop (harness overhead reference)". */
    readonly progressLabel: string;
    /** The report header's name for them: "reference (no-op) jobs". */
    readonly statusLabel: string;
  } | null;
  readonly options?: SubjectOptions<S>;
  /** In the parent, before the first job (generate a dataset, note what is beside a user's file). */
  prepare?(scenario: S, io: PrepareIo): Preparation;
  /** In the child: one job, start to end; never throws (a failure is a failed JobResult). */
  runJob(payload: JobPayload): Promise<JobResult<M>>;
  /** The progress line's outcome of an ok job ("ok  206.1k ops/s"). */
  progressOutcome(measure: M): string;
  /** The figures every measured phase records (GC, event loop, growth, allocation), for the runtime section. */
  runtimeOf(measure: M): RuntimeFigures;
  /** Pure analysis of a run, built once for every exporter and the exit code. */
  analyze(results: RunResults<M>): A;
  /** Failures of the run as a whole beyond failed jobs (balance: outputs that disagree); each makes the run exit 1. */
  runFailures(analysis: A): readonly string[];
  readonly gate: SubjectGate<M, A> | null;
  readonly report: SubjectReport<A>;
}

/** Any subject, with its types erased: what the harness holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubject = Subject<any, any, any>;
