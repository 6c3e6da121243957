/**
 * The Chromium build shipped in the @sparticuz/chromium npm package, unpacked
 * where the browser test can launch it.
 *
 * `chromium.executablePath()` inflates the brotli-packed binary into the OS
 * temp folder (~2–3 s) and reuses `<tmp>/chromium` whenever that path exists.
 * On a shared machine that is fragile: an interrupted extraction leaves a
 * truncated binary that is reused forever, two test runs can extract over
 * each other, and another project may have left a different version there.
 * So it runs in a child process whose TMPDIR is a fresh staging folder, and
 * the finished folder is renamed into place, keyed by the package version:
 * `<tmp>/varbench-chromium-<version>/` exists only complete.
 *
 * The binary links against the system's NSS libraries (libnss3, libnspr4),
 * which a slim machine lacks. The package carries them in al2023.tar.br for
 * Amazon Linux, and unpacks it only when it detects that platform (VERCEL is
 * one of its signals, see isRunningInAmazonLinux2023 in its helper.js, pinned
 * version). So the child asks for them, and they are put on the library path
 * only when the dynamic linker cannot find the system's own (they need glibc
 * 2.34, which older distributions lack, while their own NSS works).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface BundledChromium {
  readonly executablePath: string;
  /** A folder of shared libraries to load before the system's, when the system lacks some. */
  readonly libraryPath?: string;
}

const PACKAGE = '@sparticuz/chromium';
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const EXTRACT = `import chromium from '${PACKAGE}'; process.stdout.write(await chromium.executablePath());`;

export async function bundledChromium(): Promise<BundledChromium> {
  const home = join(tmpdir(), `varbench-chromium-${packageVersion()}`);
  const executablePath = join(home, 'chromium');
  if (!existsSync(executablePath)) await extractInto(home);
  return missingSharedLibraries(lddOf(executablePath)).length > 0 ? { executablePath, libraryPath: join(home, 'al2023', 'lib') } : { executablePath };
}

/** The names ldd reports as `name => not found`. */
export function missingSharedLibraries(lddOutput: string): string[] {
  return [...lddOutput.matchAll(/^\s*(\S+)\s+=>\s+not found\s*$/gm)].map((match) => match[1]!);
}

function packageVersion(): string {
  // The package's exports hide its package.json, so find it from its entry point (build/cjs/index.cjs).
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function extractInto(home: string): Promise<void> {
  const staging = mkdtempSync(`${home}.partial-`);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', EXTRACT], {
      cwd: projectRoot,
      env: { ...process.env, TMPDIR: staging, VERCEL: '1' },
    });
    if (stdout !== join(staging, 'chromium')) throw new Error(`${PACKAGE} unpacked to ${stdout}, not into ${staging}`);
    try {
      renameSync(staging, home);
    } catch (error) {
      // Another run renamed its complete copy into place first: use that one.
      if (!existsSync(join(home, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** ldd's report for a binary; empty when ldd is unavailable (the launch then says what is missing). */
function lddOf(binary: string): string {
  try {
    return execFileSync('ldd', [binary], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
