/**
 * Flamegraphs made with 0x (https://github.com/davidmarkclements/0x), as one
 * self-contained HTML file each (0x inlines d3 and its UI; it opens from
 * file://).
 *
 * 0x profiles a whole process: it starts `node --prof` and turns the tick log
 * into a flamegraph when the process exits. It has no way to profile part of
 * a process (--collect-delay only skips a fixed time from the first tick,
 * and dataset loading takes as long as it takes). Two honest ways to get the
 * measured phase only, both here:
 *
 * - flamegraph(): a real 0x run of the profiled command, in two steps.
 *   `0x --collect-only` collects the tick log; the command marks its measured
 *   phase in that log (phase-markers.ts), the ticks outside the phase are
 *   dropped (v8-log-window.ts), and `0x --visualize-only` renders the rest.
 *   0x's own tick pipeline is kept whole: inlining data, optimized versus
 *   interpreted frames, native frames of shared libraries (libc, SQLite).
 *   A command that marks no phase gets a whole-process flamegraph, and the
 *   artifact says so (scope 'whole-process' and a warning).
 * - flamegraphFromCpuProfile(): `0x --visualize-cpu-profile` renders the
 *   .cpuprofile the CpuProfiler took of the measured phase: no extra process
 *   run, the same samples as the self-time tables, and source-mapped lines;
 *   but JS frames only (time inside native code sits on the JS function that
 *   called it), and 0x prints cpuprofile lines 0-based.
 *
 * Function names are those of the TypeScript sources: tsx (esbuild) keeps
 * them, so --prof logs and CPU profiles carry `hotLoop`, not a bundle's
 * mangled names. Positions in --prof flamegraphs are those of tsx's compiled
 * text (line 1 and a column); V8's tick log has no source-map step.
 *
 * Neither function throws: a missing 0x, a crash, a time-out or an empty log
 * resolve to an artifact with a warning (and path null if nothing rendered).
 */
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { missingArtifact, reasonOf, type ProfileArtifact, type ProfileScope } from './profiler.ts';
import { errorSummary, runTool, type ToolRun } from './tool-process.ts';
import { chooseMainIsolateLog, countTicks, findPhaseWindows, keepTicksInWindows } from './v8-log-window.ts';

export interface FlamegraphOptions {
  /** The script and its arguments; run as `node <nodeOptions> <command>`. */
  readonly command: readonly string[];
  /** Where the command runs (relative paths in it are relative to this). */
  readonly cwd: string;
  /** The HTML lands at `<outDir>/<baseName>.html`. */
  readonly outDir: string;
  /** Node flags for the command, e.g. ['--import', 'tsx', '--expose-gc']. */
  readonly nodeOptions: readonly string[];
  /**
   * Limit on the profiled command (0x's collection). On time-out the command
   * is interrupted and what it ran so far is still rendered.
   */
  readonly timeoutMs: number;
  /** Limit on rendering (V8's --prof-process and 0x's bundling); default 120 s. */
  readonly renderTimeoutMs?: number;
  readonly baseName?: string;
  /** Shown at the top of the flamegraph. */
  readonly title?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** 0x's cmd.js; the installed 0x by default (tests point it elsewhere). */
  readonly zeroXCli?: string;
  /** Keep 0x's profile folder (tick log, meta.json) next to the HTML, for `0x --visualize-only`. */
  readonly keepRaw?: boolean;
}

export interface CpuProfileFlamegraphOptions {
  readonly cpuProfilePath: string;
  /** Default: the folder of the .cpuprofile. */
  readonly outDir?: string;
  readonly baseName?: string;
  readonly title?: string;
  /** Limit on rendering. */
  readonly timeoutMs: number;
  readonly zeroXCli?: string;
}

/** Rendering runs V8's --prof-process over the log, then browserify over 0x's UI: seconds, more for long logs. */
const DEFAULT_RENDER_TIMEOUT_MS = 120_000;

/** An isolate log's file name, as V8 writes it under --logfile-per-isolate (0x's own pattern). */
const ISOLATE_LOG = /^isolate-(?:0x)?[0-9A-Fa-f]{2,16}(?:-\d*)?-\d*-v8\.log$/;

function installedZeroX(): string | null {
  try {
    return createRequire(import.meta.url).resolve('0x/cmd.js');
  } catch {
    return null;
  }
}

/** The worker's command carries a JSON payload: keep titles readable. */
function defaultTitle(command: readonly string[]): string {
  const text = `node ${command.join(' ')}`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** File-name-safe, so 0x's --name cannot point outside the folder. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '-');
}

function toolFailure(run: ToolRun, what: string): string | null {
  if (run.spawnError) return `${what} could not start: ${run.spawnError}`;
  if (run.timedOut) return `${what} timed out`;
  if (run.exitCode !== 0) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${String(run.exitCode)}`;
    return `${what} ${how}: ${errorSummary(run.stderrTail || run.stdoutTail) || 'no output'}`;
  }
  return null;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

async function isolateLogsIn(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => ISOLATE_LOG.test(name)).map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/**
 * Profiles `node <nodeOptions> <command>` under 0x and renders the ticks of
 * its marked measured phase (or of the whole process, with a warning).
 */
export async function flamegraph(options: FlamegraphOptions): Promise<ProfileArtifact> {
  const cli = options.zeroXCli ?? installedZeroX();
  if (!cli) return missingArtifact('flame', '0x is not installed (it is a dependency of varbench: run npm install)');
  const baseName = safeName(options.baseName ?? 'flamegraph');
  const htmlPath = join(options.outDir, `${baseName}.html`);
  const warnings: string[] = [];
  let work: string | null = null;
  try {
    await mkdir(options.outDir, { recursive: true });
    work = await mkdtemp(join(options.outDir, `.${baseName}.0x-`));
    const collectDir = join(work, 'collect');
    const collect = await runTool({
      command: process.execPath,
      args: [cli, '--collect-only', '--quiet', '--working-dir', work, '--output-dir', collectDir, '--', process.execPath, ...options.nodeOptions, ...options.command],
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      timeoutMs: options.timeoutMs,
    });
    const targetExit = /Target subprocess error, code: (\d+)/.exec(collect.stderrTail);
    if (targetExit) warnings.push(`the profiled command exited with code ${targetExit[1]} (${errorSummary(collect.stderrTail.slice(0, targetExit.index)) || 'no output'}); the flamegraph holds what ran before that`);
    const collectFailure = toolFailure(collect, '0x (collecting)');
    if (collectFailure && !targetExit) warnings.push(collect.timedOut ? `the profiled command was stopped after ${options.timeoutMs} ms` : collectFailure);

    // 0x moved one isolate log into collectDir; the others (tsx's module-hooks thread, worker threads) stay in `work`.
    const candidates = await Promise.all(
      [...(await isolateLogsIn(collectDir)), ...(await isolateLogsIn(work))].map(async (path) => ({ path, text: await readFile(path, 'utf8') })),
    );
    const main = chooseMainIsolateLog(candidates, options.command[0] ? resolve(options.cwd, options.command[0]) : null);
    if (!main) return missingArtifact('flame', [...warnings, '0x collected no V8 tick log'].join('; '));

    let scope: ProfileScope = 'whole-process';
    let log = main.text;
    let ticks = countTicks(log);
    const windows = findPhaseWindows(log);
    if (windows.length > 0) {
      const windowed = keepTicksInWindows(log, windows);
      log = windowed.log;
      ticks = windowed.keptTicks;
      scope = 'measured-phase';
      if (windows.some((w) => w.endUs === Number.POSITIVE_INFINITY)) warnings.push('the measured phase never ended (the command died inside it): the flamegraph holds the part that ran');
      if (ticks === 0) warnings.push('no V8 ticks fell inside the measured phase (shorter than --prof\'s 1 ms tick?)');
    } else {
      warnings.push('the command marked no measured phase (harness/profile/phase-markers.ts), so the flamegraph covers the whole process, dataset loading and verification included');
    }

    // The log 0x renders: the main thread's, trimmed, alone in its folder with 0x's meta.json.
    await mkdir(collectDir, { recursive: true });
    for (const name of await readdir(collectDir)) if (name.startsWith('isolate-')) await rm(join(collectDir, name), { force: true });
    await writeFile(join(collectDir, basename(main.path)), log);

    const render = await runTool({
      command: process.execPath,
      args: [cli, '--visualize-only', 'collect', '--working-dir', work, '--name', baseName, '--title', options.title ?? defaultTitle(options.command), '--quiet'],
      cwd: work,
      env: { ...process.env, ...options.env },
      timeoutMs: options.renderTimeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS,
    });
    const rendered = join(collectDir, `${baseName}.html`);
    const renderFailure = toolFailure(render, '0x (rendering)');
    const sizeBytes = await sizeOf(rendered);
    if (sizeBytes === null) return missingArtifact('flame', [...warnings, renderFailure ?? '0x rendered no flamegraph'].join('; '));
    if (renderFailure) warnings.push(renderFailure);
    await rename(rendered, htmlPath);
    if (options.keepRaw) {
      const rawDir = join(options.outDir, `${baseName}.0x`);
      await rm(rawDir, { recursive: true, force: true });
      // The tick log and meta.json are what `0x --visualize-only` needs; its intermediates are ten times larger.
      for (const name of await readdir(collectDir)) if (/\.(json|preprocess-ready)$/.test(name) && name !== 'meta.json') await rm(join(collectDir, name));
      await rename(collectDir, rawDir);
    }
    return {
      kind: 'flame', path: htmlPath, sizeBytes, samples: ticks, scope,
      ...(warnings.length > 0 ? { warning: warnings.join('; ') } : {}),
    };
  } catch (error) {
    return missingArtifact('flame', [...warnings, `flamegraph failed: ${reasonOf(error)}`].join('; '));
  } finally {
    if (work) await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Renders a .cpuprofile (already limited to the measured phase) with 0x. */
export async function flamegraphFromCpuProfile(options: CpuProfileFlamegraphOptions): Promise<ProfileArtifact> {
  const cli = options.zeroXCli ?? installedZeroX();
  if (!cli) return missingArtifact('flame', '0x is not installed (it is a dependency of varbench: run npm install)');
  const profilePath = resolve(options.cpuProfilePath);
  const folder = dirname(profilePath);
  const baseName = safeName(options.baseName ?? 'flamegraph');
  const outDir = options.outDir ?? folder;
  try {
    if ((await sizeOf(profilePath)) === null) return missingArtifact('flame', `no CPU profile at ${profilePath} to render`);
    // 0x writes the HTML next to the profile; an old one must not pass for a new one.
    const rendered = join(folder, `${baseName}.html`);
    await rm(rendered, { force: true });
    const render = await runTool({
      command: process.execPath,
      args: [cli, '--visualize-cpu-profile', profilePath, '--working-dir', folder, '--name', baseName, '--title', options.title ?? baseName, '--quiet'],
      cwd: folder,
      timeoutMs: options.timeoutMs,
    });
    const failure = toolFailure(render, '0x (rendering a CPU profile)');
    const sizeBytes = await sizeOf(rendered);
    if (sizeBytes === null) return missingArtifact('flame', failure ?? '0x rendered no flamegraph');
    const htmlPath = join(outDir, `${baseName}.html`);
    if (htmlPath !== rendered) {
      await mkdir(outDir, { recursive: true });
      await rename(rendered, htmlPath);
    }
    return { kind: 'flame', path: htmlPath, sizeBytes, scope: 'measured-phase', ...(failure ? { warning: failure } : {}) };
  } catch (error) {
    return missingArtifact('flame', `flamegraph from ${profilePath} failed: ${reasonOf(error)}`);
  }
}
