/**
 * A balance job, inside its child process: prepare the data (a cached
 * generated dataset, or a user's database read-only) -> one cold pipeline
 * run, checked against the expected balances -> `runs` measured runs -> the
 * bare SQL reference query as many times -> the outputs' digests.
 *
 * The first run in the process pays for cold caches (the cached variant's
 * slot cache starts empty in a fresh folder; the JIT is cold), so it is
 * reported apart and the measured figure is the median of the runs after it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { balanceVariants, parseFelt, readAddressList, type BalancePipeline, type PipelineResult } from '../../../variants/balance/index.ts';
import { balanceDataset } from './dataset/dataset.ts';
import { runReferenceQuery } from './reference-query.ts';
import { median } from '../../stats/descriptive.ts';
import type { BalanceMeasure, BalanceOutput, BalanceRun } from './results.ts';
import { collectEnvironment } from '../../core/environment.ts';
import type { JobPayload, JobPhase } from '../../run/job.ts';
import { inPhase, jobErrorOf, send } from '../../run/job-phases.ts';
import { defaultDatasetCacheDir } from '../../run/job-scratch.ts';
import { PhaseInstruments } from '../../instruments/phase-instruments.ts';
import type { BalanceJobResult } from './results.ts';
import type { BalanceScenario } from './scenario.ts';

export const OUTPUTS_FOLDER = 'outputs';

interface PreparedData {
  readonly dbPath: string;
  readonly tokens: readonly bigint[];
  readonly accounts: readonly bigint[];
  /** The generator's expected balances.csv; null for a user's database. */
  readonly expectedCsv: string | null;
}

function findPipeline(name: string): BalancePipeline {
  const all: Record<string, BalancePipeline> = balanceVariants;
  const pipeline = all[name];
  if (!pipeline) throw new Error(`unknown balance variant '${name}' (known: ${Object.keys(all).join(', ')})`);
  return pipeline;
}

export function prepareBalanceData(scenario: BalanceScenario): PreparedData {
  const source = scenario.source;
  if (source.kind === 'database') {
    return {
      dbPath: source.path,
      tokens: source.tokens.map((token, i) => parseFelt(token, `token ${i + 1} of --tokens`)),
      accounts: readAddressList(source.accountsFile, 'account'),
      expectedCsv: null,
    };
  }
  const { kind: _kind, ...spec } = source;
  const dataset = balanceDataset(spec, { cacheDir: defaultDatasetCacheDir() });
  return { dbPath: dataset.dbPath, tokens: dataset.tokens, accounts: dataset.accounts, expectedCsv: dataset.expectedCsv };
}

function toRun(result: PipelineResult, endToEndMs: number): BalanceRun {
  return {
    endToEndMs,
    stages: { ...result.stages },
    rows: result.rows,
    rowsScanned: result.rowsScanned,
    unmapped: result.unmapped,
    hashes: result.hashes,
    counters: { ...(result.counters ?? {}) },
  };
}

function describeOutput(file: string, runDir: string): BalanceOutput {
  const bytes = readFileSync(file);
  return { path: path.relative(runDir, file), bytes: statSync(file).size, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function runBalanceJob(payload: JobPayload, scenario: BalanceScenario): Promise<BalanceJobResult> {
  const { job } = payload;
  const startedAt = new Date().toISOString();
  const wallStart = performance.now();
  const environment = collectEnvironment();
  const slotCacheDir = mkdtempSync(path.join(os.tmpdir(), 'varbench-slot-cache-'));
  // Named after the job, so a profiled job never overwrites the timed repeat's outputs.
  const outDir = path.join(payload.runDir, OUTPUTS_FOLDER, job.id.replace(/[^A-Za-z0-9._-]/g, '-'));
  const phase = async <T>(name: JobPhase, work: () => Promise<T>): Promise<T> => {
    await send({ type: 'progress', phase: name, done: 0, total: 0 });
    return inPhase(name, work);
  };
  // Profiled jobs profile the measured runs only.
  const instruments = new PhaseInstruments(job.profile, { runDir: payload.runDir, variant: job.variant });
  let loadMs = 0;
  let verifyMs = 0;
  try {
    const pipeline = findPipeline(job.variant);
    const settings = scenario.settings?.[job.variant];
    const t0 = performance.now();
    const data = await phase('load', async () => prepareBalanceData(scenario));
    loadMs = performance.now() - t0;
    mkdirSync(outDir, { recursive: true });
    const input = {
      dbPath: data.dbPath, tokens: data.tokens, accounts: data.accounts, outDir, slotCacheDir,
      ...(settings ? { settings } : {}),
    };
    const timedRun = async (): Promise<BalanceRun> => {
      const started = performance.now();
      const result = await pipeline.run(input);
      return toRun(result, performance.now() - started);
    };

    const describeOutputs = () => ({
      csv: describeOutput(path.join(outDir, 'balances.csv'), payload.runDir),
      json: describeOutput(path.join(outDir, 'balances.json'), payload.runDir),
      sqlite: describeOutput(path.join(outDir, 'balances.sqlite'), payload.runDir),
    });

    const cold = await phase('warmup', timedRun);
    const verifyStart = performance.now();
    const matchesExpected = await phase('verify', async () => {
      if (data.expectedCsv === null) return null;
      const written = readFileSync(path.join(outDir, 'balances.csv'));
      if (!written.equals(readFileSync(data.expectedCsv))) {
        throw new Error(`balances.csv differs from the generator's expected balances (${data.expectedCsv}); the variant computed wrong balances`);
      }
      return true;
    });
    const coldOutputs = describeOutputs();
    verifyMs = performance.now() - verifyStart;

    const measure = await phase('measure', async (): Promise<BalanceMeasure> => {
      const runs: BalanceRun[] = [];
      const rowsWritten = () => runs.reduce((sum, run) => sum + run.rows, 0);
      await instruments.start();
      try {
        for (let i = 0; i < scenario.runs; i++) {
          runs.push(await timedRun());
          await send({ type: 'progress', phase: 'measure', done: i + 1, total: scenario.runs });
        }
      } finally {
        await instruments.stopProfiling(rowsWritten());
      }
      const runtime = await instruments.finish(rowsWritten());
      // The database's own work for the same tokens, in the same process and page cache.
      const references = Array.from({ length: Math.max(1, scenario.runs) }, () => runReferenceQuery(data.dbPath, data.tokens));
      return {
        cold,
        runs,
        endToEndMs: median(runs.map((run) => run.endToEndMs)),
        referenceQueryMs: median(references.map((r) => r.queryMs)),
        referenceRows: references[0]!.rows,
        outputs: coldOutputs,
        matchesExpected,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
        runtime,
      };
    });

    // The timed runs take the warm paths (slot caches, JIT-compiled code): what
    // they wrote must be the verified cold run's output, byte for byte.
    await phase('verify', async () => {
      const warm = describeOutputs();
      for (const kind of ['csv', 'json', 'sqlite'] as const) {
        if (warm[kind].sha256 !== measure.outputs[kind].sha256) {
          throw new Error(`the measured runs wrote a different ${warm[kind].path} than the verified cold run: the variant's warm path computes other balances`);
        }
      }
    });

    return {
      ...job, status: 'ok', startedAt, wallMs: performance.now() - wallStart, environment,
      phases: { openMs: 0, loadMs, verifyMs, warmupMs: cold.endToEndMs, warmupOperations: 1, closeMs: 0 },
      measure, error: null,
      ...(instruments.findings ? { findings: instruments.findings } : {}),
    };
  } catch (error) {
    return {
      ...job, status: 'failed', startedAt, wallMs: performance.now() - wallStart, environment,
      phases: { openMs: 0, loadMs, verifyMs, warmupMs: 0, warmupOperations: 0, closeMs: 0 },
      measure: null, error: jobErrorOf(error),
      ...(instruments.findings ? { findings: instruments.findings } : {}),
    };
  } finally {
    rmSync(slotCacheDir, { recursive: true, force: true });
  }
}
