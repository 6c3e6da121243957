/**
 * Balance scenarios end to end with real child processes: the pipeline's
 * outputs are verified and compared across variants, a user's database is
 * only read, and a database without Pathfinder's schema is refused up front.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { captureStream } from '../support/capture-stream.ts';
import { main } from '../../harness/cli/main.ts';
import type { BalanceRunResults } from '../../harness/subjects/balance/results.ts';
import type { BalanceScenario } from '../../harness/subjects/balance/scenario.ts';
import { prepareBalanceData } from '../../harness/subjects/balance/job.ts';
import small from '../../scenarios/balance-small.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'varbench-balance-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));


async function bench(args: string[]) {
  const stdout = captureStream();
  const stderr = captureStream();
  const code = await main(args, { stdout, stderr, env: { CI: 'true' } });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function onlyRun(out: string): { runDir: string; results: BalanceRunResults } {
  const [name] = readdirSync(out);
  const runDir = path.join(out, name!);
  return { runDir, results: JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as BalanceRunResults };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('balance scenarios', () => {
  it('runs the variants on a generated database, verifies them and finds their outputs identical', async () => {
    const out = path.join(tmp, 'generated');
    const { code, stderr } = await bench(['--scenario', 'balance-small', '--quick', '--variant', 'naive,cached', '--out', out]);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    const { runDir, results } = onlyRun(out);
    expect(results.results.map((r) => `${r.variant}:${r.status}`)).toEqual(['naive:ok', 'cached:ok']);
    for (const r of results.results) {
      expect(r.measure!.matchesExpected).toBe(true);
      expect(r.measure!.runs).toHaveLength(1);
      expect(r.measure!.referenceRows).toBeGreaterThan(0);
      expect(existsSync(path.join(runDir, r.measure!.outputs.sqlite.path))).toBe(true);
    }
    const [naive, cached] = results.results;
    expect(cached!.measure!.outputs.json.sha256).toBe(naive!.measure!.outputs.json.sha256);
    expect(cached!.measure!.outputs.sqlite.sha256).toBe(naive!.measure!.outputs.sqlite.sha256);
    // naive hashes every account on every run; cached only in its cold run.
    expect(naive!.measure!.runs[0]!.hashes).toBe(small.source.kind === 'generated' ? small.source.accounts : -1);
    expect(cached!.measure!.runs[0]!.hashes).toBe(0);
    expect(existsSync(path.join(runDir, 'index.html'))).toBe(true);
  });

  it('runs on a user database given with --db --tokens --accounts, and never writes into it', async () => {
    const data = prepareBalanceData(small);
    const accounts = path.join(tmp, 'accounts.txt');
    writeFileSync(accounts, readFileSync(data.expectedCsv!, 'utf8').split('\n').slice(1).filter(Boolean)
      .map((line) => line.split(',')[1]).filter((a, i, all) => all.indexOf(a) === i).join('\n') + '\n');
    const tokens = data.tokens.map((t) => `0x${t.toString(16)}`).join(',');
    // A node's database is in WAL mode: reading it makes SQLite create -wal and -shm beside it.
    const userDb = path.join(tmp, 'user-pathfinder.sqlite');
    copyFileSync(data.dbPath, userDb);
    const walDb = new Database(userDb);
    walDb.pragma('journal_mode = WAL');
    walDb.close();
    expect(readdirSync(tmp).filter((f) => f.startsWith('user-pathfinder'))).toEqual(['user-pathfinder.sqlite']);
    const before = sha(userDb);
    const out = path.join(tmp, 'user-db');
    const { code, stderr } = await bench(['--scenario', 'balance-small', '--quick', '--variant', 'batched,cached', '--db', userDb, '--tokens', tokens, '--accounts', accounts, '--out', out]);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    expect(sha(userDb)).toBe(before);
    // Nothing left beside the user's database, and the run says what it removed.
    expect(readdirSync(tmp).filter((f) => f.startsWith('user-pathfinder'))).toEqual(['user-pathfinder.sqlite']);
    expect(stderr).toMatch(/removed .*user-pathfinder\.sqlite-wal and .*user-pathfinder\.sqlite-shm/);
    const { runDir, results } = onlyRun(out);
    expect(results.scenario.subject === 'balance' && (results.scenario as BalanceScenario).source.kind).toBe('database');
    // The report describes the user's data, not balance-small's generated dataset.
    expect(results.scenario.description).toContain('Your Pathfinder database');
    expect(results.scenario.description).not.toBe(small.description);
    expect(readFileSync(path.join(runDir, 'index.html'), 'utf8')).toContain('Your Pathfinder database');
    for (const r of results.results) expect(r.measure!.matchesExpected).toBeNull();
    // Same accounts and tokens as the generator's: the same balances come out.
    expect(readFileSync(path.join(runDir, results.results[0]!.measure!.outputs.csv.path), 'utf8')).toBe(readFileSync(data.expectedCsv!, 'utf8'));
  });

  it('refuses a database without Pathfinder tables before anything runs, naming what is missing', async () => {
    const db = path.join(tmp, 'not-pathfinder.sqlite');
    const handle = new Database(db);
    handle.exec('CREATE TABLE storage_updates (block_number TEXT)');
    handle.close();
    const accounts = path.join(tmp, 'one-account.txt');
    writeFileSync(accounts, '0x1\n');
    const out = path.join(tmp, 'refused');
    const { code, stderr } = await bench(['--scenario', 'balance-small', '--db', db, '--tokens', '0x1', '--accounts', accounts, '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toContain('contract_addresses');
    expect(stderr).toContain(db);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects --db without --tokens and --accounts, and on a storage scenario', async () => {
    expect((await bench(['--scenario', 'balance-small', '--db', 'x.sqlite'])).stderr).toContain('--db, --tokens and --accounts go together');
    const storage = await bench(['--scenario', 'mixed-70-20-10', '--db', 'x', '--tokens', '0x1', '--accounts', 'a.txt']);
    expect(storage.code).toBe(2);
    expect(storage.stderr).toContain('apply to balance scenarios');
  });
});

describe('balance scenarios with --profile', () => {
  it('profiles the measured runs of a pipeline, with samples from the balance code, and records runtime figures', async () => {
    const out = path.join(tmp, 'profiled');
    const { code, stderr } = await bench(['--scenario', 'balance-small', '--quick', '--variant', 'naive', '--profile', 'cpu,heap', '--out', out]);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    const { runDir, results } = onlyRun(out);
    const timed = results.results.find((r) => r.profile === null)!;
    expect(timed.measure!.runtime.allocation.method).toBe('gc-accounting');
    expect(timed.measure!.runtime.allocation.bytesPerOp).toBeGreaterThan(0);
    const cpu = results.results.find((r) => r.profile?.kind === 'cpu')!;
    expect(cpu.status).toBe('ok');
    // naive hashes with the generic pedersen: its code must be in the profile. Pedersen's
    // time is mostly @noble/curves' field arithmetic under @scure/starknet's calls, and which
    // of the three leads the top rows varies with the machine's load, so any of them counts.
    const pipelineCode = (url: string) => /node_modules\/@(scure|noble)\//.test(url) || url.startsWith('variants/balance/');
    expect(cpu.findings!.selfTime!.some((row) => pipelineCode(row.url)), JSON.stringify(cpu.findings!.selfTime)).toBe(true);
    const artifact = cpu.findings!.artifacts.find((a) => a.kind === 'cpu')!;
    expect(JSON.parse(readFileSync(path.join(runDir, artifact.path!), 'utf8')).samples.length).toBeGreaterThan(10);
    const heap = results.results.find((r) => r.profile?.kind === 'heap')!;
    expect(heap.findings!.allocationSites!.length).toBeGreaterThan(0);
    const html = readFileSync(path.join(runDir, 'index.html'), 'utf8');
    expect(html).toContain(`href="${artifact.path}"`);
    expect(html).toContain('id="runtime"');
  });
});
