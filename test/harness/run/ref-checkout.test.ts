import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execaSync } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_MAIN, checkoutRef, refCacheDir, resolveRef, treeState } from '../../../harness/run/ref-checkout.ts';

/** A real git repository with two commits: the first without the job protocol, the second with it. */
let repo: string;
let first: string;
let second: string;

function git(...args: string[]): string {
  return execaSync('git', args, { cwd: repo }).stdout.trim();
}

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'varbench-ref-'));
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  fs.writeFileSync(path.join(repo, 'package-lock.json'), '{"lockfileVersion": 3}\n');
  fs.writeFileSync(path.join(repo, '.gitignore'), '.varbench/\nnode_modules/\n');
  git('add', '.');
  git('commit', '-q', '-m', 'before the job protocol');
  first = git('rev-parse', 'HEAD');
  fs.mkdirSync(path.join(repo, path.dirname(CHILD_MAIN)), { recursive: true });
  fs.writeFileSync(path.join(repo, CHILD_MAIN), '// the child entry\n');
  git('add', '.');
  git('commit', '-q', '-m', 'with the job protocol');
  git('tag', 'v2');
  second = git('rev-parse', 'HEAD');
  fs.mkdirSync(path.join(repo, 'node_modules', 'some-package'), { recursive: true });
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('ref checkout', () => {
  it('resolves refs to commits and refuses unknown ones with how to fix it', () => {
    expect(resolveRef('v2', repo)).toBe(second);
    expect(resolveRef('HEAD~1', repo)).toBe(first);
    expect(() => resolveRef('no-such-branch', repo)).toThrow(/--against no-such-branch: no such commit, branch or tag .*git fetch origin main/);
  });

  it('tells a clean tree from one with uncommitted changes', () => {
    expect(treeState(repo)).toEqual({ commit: second, dirty: false });
    fs.appendFileSync(path.join(repo, CHILD_MAIN), '// changed\n');
    expect(treeState(repo).dirty).toBe(true);
    git('checkout', '--', CHILD_MAIN);
    expect(() => treeState(os.tmpdir())).toThrow(/--against needs a git checkout/);
  });

  it('checks a commit out into its cache folder, shares node_modules when the lockfiles match, and reuses it', async () => {
    const log: string[] = [];
    const checkout = await checkoutRef('v2', second, { projectRoot: repo, log: (line) => log.push(line) });
    expect(checkout.root).toBe(path.join(refCacheDir(repo), second));
    expect(checkout.install).toBe('shared node_modules');
    expect(fs.existsSync(path.join(checkout.root, CHILD_MAIN))).toBe(true);
    expect(fs.realpathSync(path.join(checkout.root, 'node_modules'))).toBe(fs.realpathSync(path.join(repo, 'node_modules')));
    expect(log.join('\n')).toMatch(/checking out v2 \(/);

    const again: string[] = [];
    const reused = await checkoutRef('v2', second, { projectRoot: repo, log: (line) => again.push(line) });
    expect(reused).toMatchObject({ root: checkout.root, install: 'already installed' });
    expect(again).toEqual([]);
  });

  it('refuses a commit from before the job protocol, naming the ref', async () => {
    await expect(checkoutRef('HEAD~1', first, { projectRoot: repo, log: () => {} })).rejects.toThrow(
      /--against HEAD~1: .* has no harness\/run\/child-main\.ts, so it predates the job protocol/,
    );
  });
});
