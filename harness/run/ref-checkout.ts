/**
 * `--against REF`: the other side's code, checked out into a git worktree of
 * varbench's own cache (.varbench/refs/<commit>, git-ignored) and installed,
 * so its jobs run its own harness and variants in their own processes.
 *
 * - A worktree is reused by commit: a second run against the same commit
 *   checks nothing out again.
 * - Installing: when the ref's package-lock.json equals the current one, its
 *   node_modules is a symlink to the current node_modules (nothing to
 *   install, and the native better-sqlite3 build is shared); otherwise
 *   `npm ci` runs in the worktree, once.
 * - Every failure (not a git repository, an unknown ref, a checkout or an
 *   install that fails, a ref from before the job protocol --against drives)
 *   is a VarbenchError naming the ref: exit 2, before any job runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import { VarbenchError } from '../core/errors.ts';

/** The child's entry point, relative to a checkout: a ref without it predates the job protocol --against drives. */
export const CHILD_MAIN = path.join('harness', 'run', 'child-main.ts');

export interface RefCheckout {
  /** As the user typed it. */
  readonly ref: string;
  readonly commit: string;
  /** The worktree's root. */
  readonly root: string;
  /** How its dependencies got there. */
  readonly install: 'shared node_modules' | 'npm ci' | 'already installed';
}

/** The commit and state of the tree the user runs from (side B). */
export interface TreeState {
  readonly commit: string;
  /** Uncommitted changes to tracked files (git status --porcelain --untracked-files=no). */
  readonly dirty: boolean;
}

function git(args: readonly string[], cwd: string): string {
  return execaSync('git', args, { cwd, reject: true }).stdout.trim();
}

/** Where worktrees are kept: VARBENCH_REF_CACHE when set (tests, a CI cache), else .varbench/refs in the project. */
export function refCacheDir(projectRoot: string, env: NodeJS.ProcessEnv = {}): string {
  return env.VARBENCH_REF_CACHE ? path.resolve(env.VARBENCH_REF_CACHE) : path.join(projectRoot, '.varbench', 'refs');
}

/** The current tree's commit and whether it has uncommitted changes; an error when it is not a git checkout. */
export function treeState(projectRoot: string): TreeState {
  try {
    return {
      commit: git(['rev-parse', 'HEAD'], projectRoot),
      dirty: git(['status', '--porcelain', '--untracked-files=no'], projectRoot).length > 0,
    };
  } catch (error) {
    throw new VarbenchError('USAGE', `--against needs a git checkout with at least one commit: ${projectRoot} is not one (${firstLine(error)}).`, { cause: error });
  }
}

/** REF as a full commit id, or a usage error that says how to find one. */
export function resolveRef(ref: string, projectRoot: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], projectRoot);
  } catch (error) {
    throw new VarbenchError(
      'USAGE',
      `--against ${ref}: no such commit, branch or tag in ${projectRoot}. Give a ref git knows (e.g. --against HEAD, --against main, --against HEAD~1); in CI, fetch it first (git fetch origin main).`,
      { cause: error },
    );
  }
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; shortMessage?: string; message?: string };
  return (e.stderr?.trim() || e.shortMessage || e.message || String(error)).split('\n')[0]!;
}

function sameFile(a: string, b: string): boolean {
  try {
    return fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
}

/**
 * A worktree of `commit` under the cache, reused when it exists; installed
 * as the header comment says. `log` receives one line per slow step.
 */
export async function checkoutRef(
  ref: string,
  commit: string,
  options: { readonly projectRoot: string; readonly log: (line: string) => void; readonly env?: NodeJS.ProcessEnv },
): Promise<RefCheckout> {
  const { projectRoot, log } = options;
  const root = path.join(refCacheDir(projectRoot, options.env), commit);
  const short = commit.slice(0, 12);
  const named = ref === commit || commit.startsWith(ref) ? short : `${ref} (${short})`;
  let reused = false;
  try {
    reused = fs.existsSync(root) && git(['rev-parse', 'HEAD'], root) === commit;
  } catch {
    reused = false;
  }
  if (!reused) {
    log(`checking out ${named} into ${path.relative(projectRoot, root) || root}…`);
    try {
      fs.rmSync(root, { recursive: true, force: true });
      git(['worktree', 'prune'], projectRoot);
      git(['worktree', 'add', '--detach', '--force', root, commit], projectRoot);
    } catch (error) {
      throw new VarbenchError('USAGE', `--against ${ref}: could not check out ${short} into ${root}: ${firstLine(error)}.`, { cause: error });
    }
  }
  if (!fs.existsSync(path.join(root, CHILD_MAIN))) {
    throw new VarbenchError(
      'USAGE',
      `--against ${ref}: ${named} has no ${CHILD_MAIN}, so it predates the job protocol --against runs (each job a child process of harness/run/child-main.ts). Compare with a later commit.`,
    );
  }
  const nodeModules = path.join(root, 'node_modules');
  if (fs.existsSync(nodeModules)) return { ref, commit, root, install: 'already installed' };
  if (sameFile(path.join(root, 'package-lock.json'), path.join(projectRoot, 'package-lock.json'))) {
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), nodeModules, 'dir');
    return { ref, commit, root, install: 'shared node_modules' };
  }
  log(`installing ${named}'s dependencies (npm ci: its package-lock.json differs from this tree's; once per commit)…`);
  try {
    await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, all: true, env: { CI: 'true' } });
  } catch (error) {
    fs.rmSync(nodeModules, { recursive: true, force: true });
    const output = String((error as { all?: string }).all ?? '').trim().split('\n').slice(-15).join('\n');
    throw new VarbenchError('USAGE', `--against ${ref}: npm ci failed in ${root} for ${named}:\n${output || firstLine(error)}`, { cause: error });
  }
  return { ref, commit, root, install: 'npm ci' };
}
