/**
 * The browser test's choice of Chromium, with every lookup faked: no file
 * system, no PATH, no extraction, no launch.
 */
import { describe, expect, it } from 'vitest';
import { chromiumLaunchOptions, findChromium, type ChromiumLookups } from './chromium.ts';

interface Machine {
  readonly env?: Record<string, string>;
  /** Paths that exist as executable files. */
  readonly files?: readonly string[];
  /** What extracting @sparticuz/chromium yields, or the error it throws. */
  readonly bundled?: { executablePath: string; libraryPath?: string } | Error;
}

function lookups(machine: Machine): ChromiumLookups & { bundledCalls: () => number } {
  let calls = 0;
  return {
    env: (name) => machine.env?.[name],
    isExecutableFile: (path) => (machine.files ?? []).includes(path),
    bundled: async () => {
      calls += 1;
      const bundled = machine.bundled ?? { executablePath: '/tmp/varbench-chromium-141.0.0/chromium' };
      if (bundled instanceof Error) throw bundled;
      return bundled;
    },
    bundledCalls: () => calls,
  };
}

describe('findChromium', () => {
  it('takes VARBENCH_CHROMIUM over a system Chromium and never extracts the bundled one', async () => {
    const machine = lookups({ env: { VARBENCH_CHROMIUM: '/opt/chrome/chrome', PATH: '/usr/bin' }, files: ['/opt/chrome/chrome', '/usr/bin/chromium'] });
    expect(await findChromium(machine)).toEqual({ executablePath: '/opt/chrome/chrome', source: 'VARBENCH_CHROMIUM' });
    expect(machine.bundledCalls()).toBe(0);
  });

  it('fails on a VARBENCH_CHROMIUM that is not there rather than silently using another browser', async () => {
    const machine = lookups({ env: { VARBENCH_CHROMIUM: '/opt/nowhere/chrome' }, files: ['/usr/bin/chromium'] });
    await expect(findChromium(machine)).rejects.toThrow(/VARBENCH_CHROMIUM=\/opt\/nowhere\/chrome is not an executable file/);
    expect(machine.bundledCalls()).toBe(0);
  });

  it('treats an empty VARBENCH_CHROMIUM as unset', async () => {
    const machine = lookups({ env: { VARBENCH_CHROMIUM: '' }, files: ['/usr/bin/chromium'] });
    expect(await findChromium(machine)).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
  });

  it('takes /usr/bin/chromium before anything on PATH and before the bundled build', async () => {
    const machine = lookups({ env: { PATH: '/usr/local/bin:/usr/bin' }, files: ['/usr/local/bin/chromium-browser', '/usr/bin/chromium'] });
    expect(await findChromium(machine)).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(machine.bundledCalls()).toBe(0);
  });

  it('finds chromium, then chromium-browser, on PATH', async () => {
    const both = lookups({ env: { PATH: '/snap/bin::/usr/local/bin' }, files: ['/snap/bin/chromium-browser', '/usr/local/bin/chromium'] });
    expect(await findChromium(both)).toEqual({ executablePath: '/usr/local/bin/chromium', source: 'system' });
    const browserOnly = lookups({ env: { PATH: '/usr/lib/bin:/snap/bin' }, files: ['/snap/bin/chromium-browser'] });
    expect(await findChromium(browserOnly)).toEqual({ executablePath: '/snap/bin/chromium-browser', source: 'system' });
  });

  it('falls back to the @sparticuz/chromium build when there is no system Chromium', async () => {
    const machine = lookups({ env: { PATH: '/usr/bin:/bin' }, files: ['/usr/bin/node'], bundled: { executablePath: '/tmp/x/chromium', libraryPath: '/tmp/x/al2023/lib' } });
    expect(await findChromium(machine)).toEqual({ executablePath: '/tmp/x/chromium', libraryPath: '/tmp/x/al2023/lib', source: '@sparticuz/chromium' });
    expect(machine.bundledCalls()).toBe(1);
  });

  it('says how to fix a machine where nothing works', async () => {
    const machine = lookups({ env: {}, bundled: new Error("Cannot find package '@sparticuz/chromium'") });
    const failure = findChromium(machine);
    await expect(failure).rejects.toThrow(/Cannot find package '@sparticuz\/chromium'/);
    await expect(failure).rejects.toThrow(/npm install.*VARBENCH_CHROMIUM=.*VARBENCH_SKIP_BROWSER=1/);
  });
});

describe('chromiumLaunchOptions', () => {
  it('launches headless with the offline flags, and the environment untouched', () => {
    const options = chromiumLaunchOptions({ executablePath: '/usr/bin/chromium', source: 'system' }, { PATH: '/usr/bin' });
    expect(options.executablePath).toBe('/usr/bin/chromium');
    expect(options.headless).toBe(true);
    expect(options.args).toEqual(
      expect.arrayContaining(['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']),
    );
    expect(options.env).toBeUndefined();
  });

  it('puts the bundled libraries first on the library path, keeping the rest of the environment', () => {
    const found = { executablePath: '/tmp/x/chromium', libraryPath: '/tmp/x/al2023/lib', source: '@sparticuz/chromium' } as const;
    expect(chromiumLaunchOptions(found, { PATH: '/usr/bin' }).env).toEqual({ PATH: '/usr/bin', LD_LIBRARY_PATH: '/tmp/x/al2023/lib' });
    expect(chromiumLaunchOptions(found, { LD_LIBRARY_PATH: '/opt/lib' }).env).toEqual({ LD_LIBRARY_PATH: '/tmp/x/al2023/lib:/opt/lib' });
  });
});
