/**
 * Which Chromium the browser test drives, and how it is launched.
 *
 * First match wins:
 *   1. VARBENCH_CHROMIUM, when set and not empty: the user chose a binary, so
 *      a wrong path is an error, never a silent fallback;
 *   2. a system Chromium: /usr/bin/chromium, else `chromium` or
 *      `chromium-browser` on PATH (a distribution's build, already set up);
 *   3. the build shipped in the @sparticuz/chromium npm package (a
 *      devDependency), so `npm install` alone is enough.
 *
 * The lookups are injectable so the precedence is unit-tested without a
 * browser (test/support/chromium.test.ts).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { LaunchOptions } from 'playwright-core';
import { bundledChromium, type BundledChromium } from './bundled-chromium.ts';

export type ChromiumSource = 'VARBENCH_CHROMIUM' | 'system' | '@sparticuz/chromium';

export interface FoundChromium extends BundledChromium {
  readonly source: ChromiumSource;
}

export interface ChromiumLookups {
  readonly env: (name: string) => string | undefined;
  readonly isExecutableFile: (path: string) => boolean;
  /** Extracts the bundled build if needed (seconds the first time). */
  readonly bundled: () => Promise<BundledChromium>;
}

/** Where Debian's `chromium` package puts it; checked before PATH because a test runner's PATH may be minimal. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** Debian's name, then Ubuntu's and older distributions'. */
export const SYSTEM_CHROMIUM_COMMANDS = ['chromium', 'chromium-browser'] as const;

/**
 * Flags for every source. The report must draw offline, and this machine's
 * network is closed, so everything that phones home is off: background
 * networking, component updates, sync, QUIC. --no-sandbox because CI runs as
 * root, where Chromium refuses its sandbox; --disable-gpu because there is no
 * GPU and canvas 2D rasterises in software. @sparticuz/chromium's own
 * `chromium.args` are tuned for AWS Lambda and deliberately not used:
 * --single-process and --no-zygote are needed only inside Lambda's sandbox,
 * and --disable-web-security / --allow-running-insecure-content would weaken
 * what the hostile-string tests prove. (Its `setGraphicsMode` only changes
 * those args, so it is not needed either.) `headless: true` makes Playwright
 * add --headless, which that build (a headless shell) expects.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
] as const;

export async function findChromium(lookups: ChromiumLookups = realLookups): Promise<FoundChromium> {
  // Empty counts as unset: tools clear a variable by setting it to ''.
  const chosen = lookups.env('VARBENCH_CHROMIUM');
  if (chosen !== undefined && chosen !== '') {
    if (!lookups.isExecutableFile(chosen)) {
      throw new Error(`VARBENCH_CHROMIUM=${chosen} is not an executable file: point it at a Chromium binary, or unset it to use a system Chromium or the one from @sparticuz/chromium.`);
    }
    return { executablePath: chosen, source: 'VARBENCH_CHROMIUM' };
  }
  const system = systemChromium(lookups);
  if (system !== undefined) return { executablePath: system, source: 'system' };
  try {
    return { ...(await lookups.bundled()), source: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(
      `no Chromium for the browser test: none at ${SYSTEM_CHROMIUM} or on PATH, and the @sparticuz/chromium build failed ` +
        `(${error instanceof Error ? error.message : String(error)}). Run npm install, set VARBENCH_CHROMIUM=<path of a Chromium binary>, ` +
        'or set VARBENCH_SKIP_BROWSER=1 to skip this test.',
      { cause: error },
    );
  }
}

function systemChromium({ env, isExecutableFile }: ChromiumLookups): string | undefined {
  if (isExecutableFile(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const dirs = (env('PATH') ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const command of SYSTEM_CHROMIUM_COMMANDS) {
    for (const dir of dirs) {
      const candidate = join(dir, command);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Playwright's launch options for what was found. */
export function chromiumLaunchOptions(found: FoundChromium, env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  const options: LaunchOptions = { executablePath: found.executablePath, headless: true, args: [...CHROMIUM_ARGS] };
  if (found.libraryPath === undefined) return options;
  // Playwright passes `env` instead of this process's environment, so keep the rest of it.
  const libraryPath = env['LD_LIBRARY_PATH'] ? `${found.libraryPath}${delimiter}${env['LD_LIBRARY_PATH']}` : found.libraryPath;
  return { ...options, env: { ...env, LD_LIBRARY_PATH: libraryPath } };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const realLookups: ChromiumLookups = {
  env: (name) => process.env[name],
  isExecutableFile,
  bundled: bundledChromium,
};
