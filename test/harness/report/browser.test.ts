/**
 * Opens the rendered report in a real Chromium from file:// and checks that it
 * draws: no console or page errors, every chart canvas has a chart.js
 * instance with painted pixels, and hostile strings stay text.
 *
 * The browser is VARBENCH_CHROMIUM when set, else a system Chromium, else the
 * build from the @sparticuz/chromium devDependency (test/support/chromium.ts),
 * so `npm install` is all it needs. VARBENCH_SKIP_BROWSER=1 skips it; a
 * browser that cannot be found or launched fails the test rather than
 * silently passing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { OP_TYPES } from '../../../harness/subjects/storage/scenario.ts';
import { loadReportAssets } from '../../../harness/report/assets.ts';
import { renderHtml } from '../../../harness/report/html.ts';
import type { ReportModel } from '../../../harness/report/model.ts';
import type { RunSummary } from '../../../harness/subjects/storage/run-summary.ts';
import { HOSTILE, sampleModel } from './fixtures.ts';
import { BALANCE_HOSTILE, balanceModel } from '../subjects/balance/report-fixtures.ts';
import { HOSTILE_BASELINE, HOSTILE_VARIANT, checksModel } from './checks-fixtures.ts';
import { chromiumLaunchOptions, findChromium } from '../../support/chromium.ts';

const SCREENSHOT = '/tmp/varbench-report.png';
const BALANCE_SCREENSHOT = '/tmp/varbench-balance-report.png';
const CHECKS_SCREENSHOT = '/tmp/varbench-checks-report.png';
const skip = process.env.VARBENCH_SKIP_BROWSER === '1';

/** Storage: throughput + one latency chart per op type with latency + throughput timeline + memory. Balance: stages + end to end. */
function expectedChartCount(model: ReportModel): number {
  if (model.results.scenario.subject === 'balance') return 2;
  const analysis = model.analysis as RunSummary;
  const latencyOps = OP_TYPES.filter((op) => analysis.variants.some((v) => v.latency[op] !== undefined));
  return 3 + latencyOps.length;
}

/** The little of the page's globals the tests read (no DOM lib in this project's tsconfig). */
interface CanvasLike {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> } } | null;
}
interface ScaleLike {
  readonly ticks: readonly { readonly label: string | string[] }[];
}
interface TooltipLike {
  setActiveElements(active: { datasetIndex: number; index: number }[], at: { x: number; y: number }): void;
  readonly title: string[];
  readonly body: readonly { readonly lines: string[] }[];
}
interface BrowserGlobals {
  readonly Chart?: {
    readonly instances: Record<string, { readonly canvas: CanvasLike }>;
    getChart(id: string):
      | { readonly data: { readonly labels: string[] }; readonly scales: Record<string, ScaleLike>; readonly tooltip: TooltipLike; update(): void }
      | undefined;
  };
  readonly document: { querySelectorAll(selector: string): Iterable<CanvasLike> };
}

interface PageProblems {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly dialogs: string[];
  readonly requests: string[];
}

describe.skipIf(skip)('HTML report in a real browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const found = await findChromium();
    // Which browser drew the report, in the test log.
    console.info(`browser test: ${found.source} Chromium at ${found.executablePath}${found.libraryPath ? ` (libraries from ${found.libraryPath})` : ''}`);
    browser = await chromium.launch(chromiumLaunchOptions(found));
    dir = mkdtempSync(join(tmpdir(), 'varbench-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(model: ReportModel, name: string): Promise<{ page: Page; problems: PageProblems }> {
    const file = join(dir, name);
    writeFileSync(file, renderHtml(model, loadReportAssets()));
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    const problems: PageProblems = { consoleErrors: [], pageErrors: [], dialogs: [], requests: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.consoleErrors.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
    page.on('dialog', (dialog) => {
      problems.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) problems.requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  /** Per canvas: its id, whether chart.js owns it, its size and how many pixels are not transparent. */
  async function chartState(page: Page) {
    return page.evaluate(() => {
      // Runs in the page; typed structurally because this project compiles without the DOM lib.
      const g = globalThis as unknown as BrowserGlobals;
      const instances = g.Chart ? Object.values(g.Chart.instances) : [];
      const canvases = [...g.document.querySelectorAll('canvas[data-chart]')];
      return {
        chartJsLoaded: g.Chart !== undefined,
        instanceCount: instances.length,
        canvases: canvases.map((canvas) => {
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
          return {
            id: canvas.id,
            hasChart: instances.some((c) => c.canvas === canvas),
            width: canvas.width,
            height: canvas.height,
            painted,
          };
        }),
      };
    });
  }

  it('renders every chart with no console errors, page errors or network requests', async () => {
    const model = sampleModel();
    const { page, problems } = await open(model, 'report.html');
    const state = await chartState(page);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests).toEqual([]);
    expect(state.chartJsLoaded).toBe(true);
    const expected = expectedChartCount(model);
    expect(state.canvases).toHaveLength(expected);
    expect(state.instanceCount).toBe(expected);
    for (const canvas of state.canvases) {
      expect(canvas.hasChart, `${canvas.id} has a chart.js instance`).toBe(true);
      expect(canvas.height, `${canvas.id} height`).toBeGreaterThan(100);
      // Axes, grid and data: a drawn chart paints well over 1% of its pixels.
      expect(canvas.painted, `${canvas.id} painted pixels`).toBeGreaterThan((canvas.width * canvas.height) / 100);
    }
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('keeps hostile scenario, variant and error strings as text', async () => {
    const model = sampleModel({ hostile: true });
    const { page, problems } = await open(model, 'hostile.html');
    const state = await chartState(page);

    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(await page.locator('h1').first().innerText()).toContain(HOSTILE.scenarioName);
    expect(await page.locator('.description').innerText()).toBe(HOSTILE.description);
    expect(await page.locator('#failed pre.error').first().innerText()).toBe(HOSTILE.error);
    expect(await page.locator('img').count()).toBe(0);
    // The three scripts of the template and nothing injected.
    expect(await page.locator('script').count()).toBe(3);
    expect(state.instanceCount).toBe(expectedChartCount(model));
    // The hostile variant name reached the chart labels intact.
    const labels = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      return g.Chart?.getChart('chart-throughput')?.data.labels ?? [];
    });
    expect(labels).toContain(`${HOSTILE.variant}`);
    await page.close();
  });

  it('draws a run where a variant failed every repeat and there is no naive', async () => {
    const model = sampleModel({ variants: ['batched', 'pooled', 'cached'], allFailed: ['pooled'] });
    const { page, problems } = await open(model, 'failed.html');
    const state = await chartState(page);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(state.instanceCount).toBe(expectedChartCount(model));
    for (const canvas of state.canvases) expect(canvas.painted, canvas.id).toBeGreaterThan(0);
    await page.close();
  });
  it('shows the targets and the baseline gate, hostile names as text', async () => {
    const model = checksModel({ hostile: true });
    const { page, problems } = await open(model, 'checks.html');
    const state = await chartState(page);

    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests).toEqual([]);
    expect(await page.locator('script').count()).toBe(3);
    expect(await page.locator('img').count()).toBe(0);
    expect(state.instanceCount).toBe(expectedChartCount(model));
    expect(await page.locator('#targets').isVisible()).toBe(true);
    expect(await page.locator('#gate-outcome.error-box').innerText()).toBe(`Gate: REGRESSED — 1 regression confirmed against baseline '${HOSTILE_BASELINE}'`);
    // The regression is the first row, highlighted, and the hostile variant's cells read as text.
    const first = page.locator('#gate tbody tr').first();
    expect(await first.getAttribute('class')).toContain('row-bad');
    expect(await first.locator('.pill').innerText()).toBe('regressed · confirmed');
    expect(await page.locator('#gate tbody td.variant', { hasText: HOSTILE_VARIANT }).count()).toBeGreaterThan(0);
    expect(await page.locator('#targets tbody tr.target-fail').first().innerText()).toContain('fail');
    await page.screenshot({ path: CHECKS_SCREENSHOT, fullPage: true });
    await page.close();
  });

  it('renders a balance report: every chart drawn, formatted by its value axis', async () => {
    const model = balanceModel();
    const { page, problems } = await open(model, 'balance.html');
    const state = await chartState(page);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests).toEqual([]);
    expect(state.chartJsLoaded).toBe(true);
    expect(state.canvases.map((c) => c.id)).toEqual(['chart-balance-stages', 'chart-balance-end-to-end']);
    expect(state.instanceCount).toBe(expectedChartCount(model));
    for (const canvas of state.canvases) {
      expect(canvas.hasChart, `${canvas.id} has a chart.js instance`).toBe(true);
      expect(canvas.height, `${canvas.id} height`).toBeGreaterThan(100);
      expect(canvas.painted, `${canvas.id} painted pixels`).toBeGreaterThan((canvas.width * canvas.height) / 100);
    }
    // Before the tooltips below are opened.
    await page.screenshot({ path: BALANCE_SCREENSHOT, fullPage: true });
    // The horizontal stacked bars: variant names on the category axis (left
    // alone by chart-script.ts), times on the value axis, and a tooltip that
    // formats the value read from x.
    const axes = await page.evaluate(() => {
      const g = globalThis as unknown as BrowserGlobals;
      const stages = g.Chart!.getChart('chart-balance-stages')!;
      const endToEnd = g.Chart!.getChart('chart-balance-end-to-end')!;
      stages.tooltip.setActiveElements([{ datasetIndex: 1, index: 0 }], { x: 0, y: 0 });
      stages.update();
      endToEnd.tooltip.setActiveElements([{ datasetIndex: 0, index: 3 }], { x: 0, y: 0 });
      endToEnd.update();
      const text = (t: TooltipLike) => [...t.title, ...t.body.flatMap((b) => b.lines)];
      return {
        stageY: stages.scales['y']!.ticks.map((t) => String(t.label)),
        stageX: stages.scales['x']!.ticks.map((t) => String(t.label)),
        endToEndX: endToEnd.scales['x']!.ticks.map((t) => String(t.label)),
        endToEndY: endToEnd.scales['y']!.ticks.map((t) => String(t.label)),
        stageTooltip: text(stages.tooltip),
        endToEndTooltip: text(endToEnd.tooltip),
      };
    });
    expect(axes.stageY).toEqual(['naive', 'batched', 'pooled', 'cached']);
    expect(axes.stageX.filter((l) => l !== '0').every((l) => / (ms|s)$/.test(l)), axes.stageX.join(' | ')).toBe(true);
    expect(axes.endToEndX).toEqual(['naive', 'batched', 'pooled', 'cached', 'SQL reference query']);
    // Log axis: labels only at 1, 2 and 5 times a power of ten, the others blank.
    const endToEndLabels = axes.endToEndY.filter((l) => l !== '');
    expect(endToEndLabels.length).toBeGreaterThanOrEqual(3);
    expect(endToEndLabels.every((l) => / (ms|s)$/.test(l)), axes.endToEndY.join(' | ')).toBe(true);
    // naive's query stage in its median run: 880 ms.
    expect(axes.stageTooltip).toContain('query: 880 ms');
    expect(axes.endToEndTooltip.join(' ')).toMatch(/median end to end: 204 ms \(CI \d+ ms – \d+ ms\)/);
    expect(await page.locator('#outputs-agreement.ok-box').isVisible()).toBe(true);
    await page.close();
  });

  it('keeps a hostile balance report inert and shows a disagreement as an error', async () => {
    const model = balanceModel({ hostile: true, source: 'database', disagree: true });
    const { page, problems } = await open(model, 'balance-hostile.html');
    const state = await chartState(page);

    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(await page.locator('h1').first().innerText()).toContain(BALANCE_HOSTILE.scenarioName);
    expect(await page.locator('img, svg').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    expect(await page.locator('#scenario').innerText()).toContain(BALANCE_HOSTILE.dbPath);
    const box = page.locator('#outputs-agreement.error-box');
    expect(await box.isVisible()).toBe(true);
    expect(await box.innerText()).toContain(`csv: cached repeat 2 differs from naive repeat 0`);
    // The hostile variant's output link stays a relative link to its folder.
    const href = await page.locator('#summary a').nth(3).getAttribute('href');
    expect(href).toBe(`outputs/${encodeURIComponent(BALANCE_HOSTILE.variant)}-0/balances.csv`);
    expect(state.instanceCount).toBe(expectedChartCount(model));
    await page.close();
  });
});
