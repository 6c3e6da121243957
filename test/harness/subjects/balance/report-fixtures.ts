/**
 * A balance run for the renderer tests: 4 variants x 3 repeats of a
 * generated scenario (or a user's database), interleaved as the planner does,
 * one failed repeat (the second variant's repeat 1, failed in verify), every
 * ok job with a cold run, 5 measured runs, the SQL reference query and its
 * three outputs. The RunResults are built by hand; the BalanceRunSummary
 * comes from the real summarizeBalance(), so the report is tested on what
 * the analysis actually produces.
 */
import { balanceSubject } from '../../../../harness/subjects/balance/subject.ts';
import type { BalanceReportModel } from '../../../../harness/subjects/balance/run-summary.ts';
import type { BalanceMeasure, BalanceRunResults, BalanceOutput, BalanceRun, BalanceStages } from '../../../../harness/subjects/balance/results.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type JobResult, type JobSpec, type RunResults } from '../../../../harness/core/results.ts';
import type { BalanceScenario, BalanceSource } from '../../../../harness/subjects/balance/scenario.ts';
import { buildReportModel } from '../../../../harness/report/model.ts';
import { makeEnvironment, makeRuntimeFigures } from '../../../support/results-fixtures.ts';
import { GENERATED_AT } from '../../report/fixtures.ts';

export const BALANCE_HOSTILE = {
  scenarioName: 'balance-<b>bold</b>&"quoted"',
  description: 'Balances </script><script>alert(1)</script> and <!-- comments --> & \u2028 separators',
  variant: '<img src=x onerror=alert(2)>',
  error: "balances.csv differs at </script><script>alert(3)</script> 'line 7'",
  dbPath: '/data/<script>alert(4)</script>/pathfinder.sqlite',
  token: '0x04"><script>alert(5)</script>',
  accountsFile: "accounts'<svg onload=alert(6)>.txt",
} as const;

/** Per variant: the median end-to-end time of each repeat (null: the repeat failed), its stages and its cold run. */
interface VariantShape {
  readonly endToEndMs: readonly number[];
  readonly stages: BalanceStages;
  readonly coldEndToEndMs: number;
  readonly coldSlotMappingMs: number;
  /** Pedersen hashes in a warm run (the cached variant reads its slot cache: 0). */
  readonly warmHashes: number;
  readonly peakRssBytes: number;
}

const MIB = 1024 * 1024;

export const BALANCE_SHAPES: readonly VariantShape[] = [
  { endToEndMs: [2460, 2520, 2400], stages: { slotMappingMs: 1150, queryMs: 880, filterDecodeMs: 310, writeMs: 115 }, coldEndToEndMs: 2610, coldSlotMappingMs: 1180, warmHashes: 2000, peakRssBytes: 96 * MIB },
  { endToEndMs: [598, 605, 586], stages: { slotMappingMs: 352, queryMs: 142, filterDecodeMs: 58, writeMs: 36 }, coldEndToEndMs: 705, coldSlotMappingMs: 371, warmHashes: 2000, peakRssBytes: 88 * MIB },
  { endToEndMs: [431, 452, 440], stages: { slotMappingMs: 188, queryMs: 150, filterDecodeMs: 61, writeMs: 34 }, coldEndToEndMs: 540, coldSlotMappingMs: 205, warmHashes: 2000, peakRssBytes: 131 * MIB },
  { endToEndMs: [204, 199, 212], stages: { slotMappingMs: 3.1, queryMs: 139, filterDecodeMs: 36, writeMs: 24 }, coldEndToEndMs: 372, coldSlotMappingMs: 131, warmHashes: 0, peakRssBytes: 90 * MIB },
];

export const BALANCE_VARIANTS = ['naive', 'batched', 'pooled', 'cached'] as const;
/** The bare SQL query per repeat (each job adds its variant's index in tenths). */
const REFERENCE_MS = [128, 131, 126] as const;
export const ROWS = 6_000;
export const ROWS_SCANNED = 14_250;
export const UNMAPPED = 3_050;
const ACCOUNTS = 2_000;
/** Spread of a job's 5 measured runs around its median (which is the factor 1 run). */
const RUN_FACTORS = [1.02, 0.99, 1, 1.01, 0.98] as const;
const SHA = { csv: 'c5v'.padEnd(64, '0'), json: '7s0n'.padEnd(64, '1'), sqlite: '5q1'.padEnd(64, '2') } as const;

export interface BalanceSampleOptions {
  readonly hostile?: boolean;
  /** A user's database (--db) instead of a generated one: no expected balances. */
  readonly source?: 'generated' | 'database';
  /** The last variant's repeat 2 writes a different CSV (and so disagrees). */
  readonly disagree?: boolean;
  /** Variants in run order; default naive, batched, pooled, cached (or the hostile name second). */
  readonly variants?: readonly string[];
}

function scaleStages(stages: BalanceStages, factor: number): BalanceStages {
  return {
    slotMappingMs: stages.slotMappingMs * factor,
    queryMs: stages.queryMs * factor,
    filterDecodeMs: stages.filterDecodeMs * factor,
    writeMs: stages.writeMs * factor,
  };
}

function run(endToEndMs: number, stages: BalanceStages, hashes: number): BalanceRun {
  return { endToEndMs, stages, rows: ROWS, rowsScanned: ROWS_SCANNED, unmapped: UNMAPPED, hashes, counters: {} };
}

function output(variant: string, repeat: number, file: string, bytes: number, sha256: string): BalanceOutput {
  return { path: `outputs/${variant}-${repeat}/${file}`, bytes, sha256 };
}

function measureOf(shape: VariantShape, variant: string, index: number, repeat: number, options: BalanceSampleOptions, last: boolean): BalanceMeasure {
  const median = shape.endToEndMs[repeat]!;
  const runs = RUN_FACTORS.map((f) => run(median * f, scaleStages(shape.stages, (median / shape.endToEndMs[0]!) * f), shape.warmHashes));
  const cold = run(
    shape.coldEndToEndMs + repeat * 3,
    { ...scaleStages(shape.stages, 1.2), slotMappingMs: shape.coldSlotMappingMs + repeat },
    ACCOUNTS,
  );
  const csvSha = options.disagree && last && repeat === 2 ? 'bad'.padEnd(64, 'f') : SHA.csv;
  return {
    cold,
    runs,
    endToEndMs: median,
    referenceQueryMs: REFERENCE_MS[repeat]! + index / 10,
    referenceRows: ROWS_SCANNED,
    outputs: {
      csv: output(variant, repeat, 'balances.csv', 846_123, csvSha),
      json: output(variant, repeat, 'balances.json', 1_104_001, SHA.json),
      sqlite: output(variant, repeat, 'balances.sqlite', 1_318_912, SHA.sqlite),
    },
    matchesExpected: options.source === 'database' ? null : true,
    peakRssBytes: shape.peakRssBytes + repeat * 1_000_000,
    runtime: makeRuntimeFigures(6_000 * runs.length),
  };
}

function sourceOf(options: BalanceSampleOptions): BalanceSource {
  if (options.source === 'database') {
    return {
      kind: 'database',
      path: options.hostile ? BALANCE_HOSTILE.dbPath : '/srv/pathfinder/mainnet.sqlite',
      tokens: options.hostile
        ? [BALANCE_HOSTILE.token]
        : ['0x049d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7', '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d'],
      accountsFile: options.hostile ? BALANCE_HOSTILE.accountsFile : 'accounts.txt',
    };
  }
  return { kind: 'generated', seed: 7, tokens: 3, accounts: ACCOUNTS, otherHolders: 500, blocks: 200, transfersPerBlock: 40, noisePerBlock: 60, otherContracts: 5 };
}

export function balanceScenario(options: BalanceSampleOptions = {}): BalanceScenario {
  return {
    name: options.hostile ? BALANCE_HOSTILE.scenarioName : 'balance-fixture',
    description: options.hostile ? BALANCE_HOSTILE.description : 'ERC-20 balances of 2,000 accounts for 3 tokens over 200 blocks of a generated Pathfinder database.',
    subject: 'balance',
    source: sourceOf(options),
    runs: RUN_FACTORS.length,
    repeats: 3,
  };
}

/** 4 variants x 3 repeats, interleaved, the second variant's repeat 1 failed in verify. */
export function balanceResults(options: BalanceSampleOptions = {}): BalanceRunResults {
  const variants = options.variants ?? (options.hostile ? ['naive', BALANCE_HOSTILE.variant, 'pooled', 'cached'] : BALANCE_VARIANTS);
  const scenario = balanceScenario(options);
  const environment = makeEnvironment();
  const specs: JobSpec[] = [];
  for (let repeat = 0; repeat < scenario.repeats; repeat++) {
    for (const variant of variants) {
      specs.push({ id: `${scenario.name}/${variant}/${repeat}`, index: specs.length, scenario: scenario.name, variant, repeat, reference: false, profile: null });
    }
  }
  const results = specs.map((spec): JobResult<BalanceMeasure> => {
    const position = variants.indexOf(spec.variant);
    const base = {
      ...spec,
      startedAt: new Date(Date.UTC(2025, 0, 1, 12, 0, spec.index)).toISOString(),
      wallMs: 4_000,
      environment,
      phases: null,
      measure: null,
    };
    if (position === 1 && spec.repeat === 1) {
      return {
        ...base,
        status: 'failed',
        error: {
          message: options.hostile ? BALANCE_HOSTILE.error : "balances.csv differs from the generator's expected balances (expected.csv); the variant computed wrong balances",
          phase: 'verify',
          stack: 'Error: balances.csv differs\n    at verify (harness/balance-job.ts:117:15)',
        },
      };
    }
    const shape = BALANCE_SHAPES[position % BALANCE_SHAPES.length]!;
    return {
      ...base,
      status: 'ok',
      measure: measureOf(shape, spec.variant, position, spec.repeat, options, position === variants.length - 1),
      error: null,
    };
  });
  return {
    schema: RESULTS_SCHEMA,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: `2025-01-01T12-00-00Z-${options.hostile ? 'hostile' : 'balance-fixture'}`,
    startedAt: '2025-01-01T12:00:00.000Z',
    finishedAt: '2025-01-01T12:02:00.000Z',
    scenario,
    options: { quick: false, repeats: scenario.repeats, variants: [...variants], profile: [] },
    environment,
    jobs: specs,
    results,
    calibration: null,
    targets: null,
    gate: null,
    paired: null,
  };
}

export function balanceModel(options: BalanceSampleOptions = {}): BalanceReportModel {
  return buildReportModel(balanceResults(options), balanceSubject, GENERATED_AT);
}
