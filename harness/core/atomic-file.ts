/**
 * Files written whole: a temp file beside the target, then a rename, so a
 * reader (a report, a gate reading a baseline) or an interrupted run never
 * sees half a file (DESIGN.md: files under reports/ are written whole).
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * mkdir -p one level at a time. Node 20's mkdirSync({ recursive: true })
 * never returns for some unwritable paths (seen with --out /proc/nope: it
 * loops on ENOENT); a plain mkdirSync of each missing level fails at once
 * with the real error.
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) mkdirSync(level);
}

export function writeFileAtomic(file: string, contents: string): void {
  ensureDirectory(path.dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}
