/**
 * The environment recorded with every result, so a figure can always be
 * traced to the machine, runtime and source tree that produced it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './project-root.ts';
import { readCpuIdentity } from './cpu-identity.ts';
import type { Environment } from './results.ts';

const projectRoot = pathToFileURL(PROJECT_ROOT);

/** Packages whose versions can change a result. */
const RECORDED_PACKAGES = ['better-sqlite3', 'lru-cache', 'hdr-histogram-js', 'execa', 'tsx', 'chart.js'];

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null; // not a git checkout (e.g. an unpacked tarball)
  }
}

function packageVersion(name: string): string {
  // Read the installed package.json directly: packages with an "exports" map
  // (execa, lru-cache, chart.js) refuse require.resolve('<name>/package.json').
  try {
    const pkg = JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, projectRoot), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

export function varbenchVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', projectRoot), 'utf8')) as { version: string };
  return pkg.version;
}

export function collectEnvironment(): Environment {
  const cpus = os.cpus();
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    execArgv: process.execArgv,
    platform: process.platform,
    osRelease: os.release(),
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpu: readCpuIdentity(),
    cpuCount: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    gitCommit: commit,
    gitDirty: status === null ? null : status.length > 0,
    varbenchVersion: varbenchVersion(),
    packages: Object.fromEntries(RECORDED_PACKAGES.map((name) => [name, packageVersion(name)])),
  };
}
