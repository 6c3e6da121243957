/**
 * The third-party sources the HTML report inlines so it opens from file://
 * with no network. The only file reading in harness/report besides the writer.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ReportAssets {
  /** chart.js 4 UMD build (defines `window.Chart`). */
  readonly chartJs: string;
}

/**
 * chart.js's package.json "exports" does not expose dist/chart.umd.min.js, so
 * resolve the package's CommonJS entry (dist/chart.cjs, which "exports"
 * allows) relative to this module, not the cwd, and take its sibling.
 */
export function chartJsUmdPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

export function loadReportAssets(): ReportAssets {
  const source = readFileSync(chartJsUmdPath(), 'utf8');
  // The source map is not shipped inside the report; drop the reference to it.
  return { chartJs: source.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n') };
}
