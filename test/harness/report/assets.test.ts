import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chartJsUmdPath, loadReportAssets } from '../../../harness/report/assets.ts';

describe('loadReportAssets', () => {
  it("reads chart.js 4's UMD build without its source-map reference", () => {
    const { chartJs } = loadReportAssets();
    expect(chartJsUmdPath()).toMatch(/chart\.js[\\/]dist[\\/]chart\.umd\.min\.js$/);
    expect(chartJs).toMatch(/^\/\*!\s*\n \* Chart\.js v4\./);
    expect(chartJs).toContain('window.Chart');
    expect(chartJs).not.toContain('sourceMappingURL');
  });

  it('works from any working directory', () => {
    const assets = new URL('../../../harness/report/assets.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx');
    const out = execFileSync(
      process.execPath,
      ['--import', tsx, '--input-type=module', '-e', `import(${JSON.stringify(assets)}).then((m) => console.log(m.loadReportAssets().chartJs.length))`],
      { cwd: tmpdir(), encoding: 'utf8' },
    );
    expect(Number(out.trim())).toBe(loadReportAssets().chartJs.length);
  });
});
