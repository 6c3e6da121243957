/**
 * Paths as the user sees them. `npm run bench` runs in the package root
 * whatever folder the user typed it in; npm keeps that folder in INIT_CWD
 * (https://docs.npmjs.com/cli/commands/npm-run-script). A relative path the
 * user gives (--scenario ./mine.ts, --db, --accounts, --out, --targets, a
 * baseline path) means "from where I am", so it is resolved against INIT_CWD,
 * and paths in messages are shown relative to it.
 */
import path from 'node:path';

export { PROJECT_ROOT } from './project-root.ts';

/** The folder the user ran the command from (INIT_CWD under npm, else the working directory). */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const initCwd = env.INIT_CWD;
  return initCwd && path.isAbsolute(initCwd) ? initCwd : process.cwd();
}

/** A path the user typed, made absolute from the folder they typed it in. */
export function resolveUserPath(given: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(userDirectory(env), given);
}

/**
 * A file as messages show it: relative to the user's folder when it is
 * inside it (short, and what the user typed), else absolute (a chain of
 * "../" says less than the real place).
 */
export function displayPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const relative = path.relative(userDirectory(env), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
