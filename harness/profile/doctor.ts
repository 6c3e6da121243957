/**
 * clinic doctor's report for a command (https://clinicjs.org/doctor/):
 * CPU, memory, event-loop delay and active handles sampled over the process's
 * life, with its diagnosis, as one self-contained HTML file. Opt-in: clinic
 * 13 is unmaintained, so every failure of it is a warning, never an error.
 *
 * Scope: doctor samples the whole process from start to exit; its timeline
 * includes dataset loading and verification (artifact scope 'whole-process').
 *
 * How it is run, and why:
 * - NO_INSIGHT=1, or clinic first asks on the terminal whether it may send
 *   usage statistics, and waits; NO_UPDATE_NOTIFIER=1 skips its update check.
 * - --open=false: no browser.
 * - In a scratch folder of its own: doctor makes the command write V8 trace
 *   events (node_trace.N.log) into its working directory and refuses to start
 *   if one is already there, so concurrent or interrupted runs must not share
 *   one. The command's module flags and script are resolved against `cwd`
 *   first (nodeArgsForCwd), so `--import tsx` still finds the project's tsx.
 */
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { missingArtifact, reasonOf, type ProfileArtifact } from './profiler.ts';
import { errorSummary, runTool } from './tool-process.ts';

export interface DoctorOptions {
  /** The script and its arguments; run as `node <nodeOptions> <command>`. */
  readonly command: readonly string[];
  /** Where module flags and a relative script are resolved. */
  readonly cwd: string;
  /** The HTML lands at `<outDir>/<baseName>.html`. */
  readonly outDir: string;
  readonly nodeOptions: readonly string[];
  readonly timeoutMs: number;
  readonly baseName?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** clinic's bin.js; the installed clinic by default (tests point it elsewhere). */
  readonly clinicCli?: string;
}

/** Node flags whose value is a module to load: resolved from `cwd`, since the command runs elsewhere. */
const MODULE_FLAGS: Readonly<Record<string, 'import' | 'require'>> = {
  '--import': 'import',
  '--loader': 'import',
  '--experimental-loader': 'import',
  '--require': 'require',
  '-r': 'require',
};

function resolveModule(specifier: string, how: 'import' | 'require', cwd: string): string {
  if (specifier.startsWith('file:') || specifier.startsWith('node:') || specifier.startsWith('data:')) return specifier;
  let path: string;
  if (isAbsolute(specifier) || specifier.startsWith('./') || specifier.startsWith('../')) path = resolve(cwd, specifier);
  else {
    try {
      path = createRequire(join(cwd, 'package.json')).resolve(specifier);
    } catch {
      return specifier; // Left as given: Node's own error will name it.
    }
  }
  return how === 'import' ? pathToFileURL(path).href : path;
}

/** The node flags and command, made independent of the working directory. */
export function nodeArgsForCwd(nodeOptions: readonly string[], command: readonly string[], cwd: string): string[] {
  const args: string[] = [];
  for (let i = 0; i < nodeOptions.length; i++) {
    const arg = nodeOptions[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const how = MODULE_FLAGS[flag];
    if (how && eq > 0) args.push(`${flag}=${resolveModule(arg.slice(eq + 1), how, cwd)}`);
    else if (how && i + 1 < nodeOptions.length) {
      args.push(arg, resolveModule(nodeOptions[i + 1]!, how, cwd));
      i += 1;
    } else args.push(arg);
  }
  const [script, ...rest] = command;
  return script === undefined ? args : [...args, resolve(cwd, script), ...rest];
}

function installedClinic(): string | null {
  try {
    return createRequire(import.meta.url).resolve('clinic/bin.js');
  } catch {
    return null;
  }
}

export async function doctor(options: DoctorOptions): Promise<ProfileArtifact> {
  const cli = options.clinicCli ?? installedClinic();
  if (!cli) return missingArtifact('doctor', 'clinic is not installed (it is a dependency of varbench: run npm install)');
  const baseName = (options.baseName ?? 'doctor').replace(/[^A-Za-z0-9._-]/g, '-');
  let work: string | null = null;
  try {
    await mkdir(options.outDir, { recursive: true });
    work = await mkdtemp(join(options.outDir, `.${baseName}.clinic-`));
    const run = await runTool({
      command: process.execPath,
      args: [
        cli, 'doctor', '--open=false', '--dest', work, '--name', baseName,
        '--', process.execPath, ...nodeArgsForCwd(options.nodeOptions, options.command, options.cwd),
      ],
      cwd: work,
      env: { ...process.env, ...options.env, NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1' },
      timeoutMs: options.timeoutMs,
    });
    const warnings: string[] = [];
    if (run.spawnError) warnings.push(`clinic could not start: ${run.spawnError}`);
    if (run.timedOut) warnings.push(`clinic doctor timed out after ${options.timeoutMs} ms`);
    const commandExit = /process exited with exit code (\d+)/.exec(run.stderrTail);
    if (commandExit) warnings.push(`the profiled command exited with code ${commandExit[1]} (${errorSummary(run.stderrTail.slice(0, commandExit.index))})`);
    if (!run.spawnError && run.exitCode !== 0) {
      warnings.push(`clinic doctor ${run.signal ? `was killed by ${run.signal}` : `exited with code ${String(run.exitCode)}`}: ${errorSummary(run.stderrTail || run.stdoutTail) || 'no output'}`);
    }
    const rendered = join(work, `${baseName}.clinic-doctor.html`);
    let sizeBytes: number;
    try {
      sizeBytes = (await stat(rendered)).size;
    } catch {
      return missingArtifact('doctor', [...warnings, 'clinic doctor wrote no report'].join('; '));
    }
    const htmlPath = join(options.outDir, `${baseName}.html`);
    await rename(rendered, htmlPath);
    return {
      kind: 'doctor', path: htmlPath, sizeBytes, scope: 'whole-process',
      ...(warnings.length > 0 ? { warning: warnings.join('; ') } : {}),
    };
  } catch (error) {
    return missingArtifact('doctor', `clinic doctor failed: ${reasonOf(error)}`);
  } finally {
    // The raw samples (clinic's data folder) are dropped: the HTML holds them.
    if (work) await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
