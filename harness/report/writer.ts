/**
 * The one writer of reports/<run-id>/. Files are written whole (temp file,
 * then rename), so a reader or an interrupted run never sees half a file.
 * results.json is written after every job; the HTML is rendered from it
 * alone, and a failing renderer never costs the results. summary.md is the
 * same run as Markdown, for $GITHUB_STEP_SUMMARY.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { summarizeBalance } from '../subjects/balance/summarize.ts';
import { summarize } from '../subjects/storage/summarize.ts';
import { displayPath } from '../core/user-paths.ts';
import { VarbenchError } from '../core/errors.ts';
import { RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION, type RunResults } from '../core/results.ts';
import { loadReportAssets } from './assets.ts';
import { renderConsoleSummary } from './console.ts';
import { renderHtml } from './html.ts';
import { renderMarkdownSummary } from './markdown.ts';
import type { ReportModel } from './model.ts';

export const RESULTS_FILE = 'results.json';
export const HTML_FILE = 'index.html';
export const MARKDOWN_FILE = 'summary.md';

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

export function writeResults(runDir: string, results: RunResults): string {
  const file = path.join(runDir, RESULTS_FILE);
  writeFileAtomic(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}

export function buildReportModel(results: RunResults): ReportModel {
  const generatedAt = new Date().toISOString();
  if (results.scenario.subject === 'balance') {
    const none = { variants: [], profiles: [], baselineVariant: null, overhead: null };
    return { results, summary: none, balance: summarizeBalance(results), generatedAt };
  }
  return { results, summary: summarize(results), balance: null, generatedAt };
}

export interface RenderOutcome {
  /** The analysed run (null when analysis itself failed). */
  readonly model: ReportModel | null;
  readonly htmlPath: string | null;
  /** summary.md, next to index.html. */
  readonly markdownPath: string | null;
  /** Its text, e.g. to append to $GITHUB_STEP_SUMMARY. */
  readonly markdown: string | null;
  readonly consoleSummary: string | null;
  /** Set when rendering failed; results.json is untouched either way. */
  readonly error: Error | null;
}

/** A path as a reader of CI logs knows it: relative to the working directory when inside it. */
export function renderReport(runDir: string, results: RunResults): RenderOutcome {
  let model: ReportModel | null = null;
  try {
    model = buildReportModel(results);
    const htmlPath = path.join(runDir, HTML_FILE);
    writeFileAtomic(htmlPath, renderHtml(model, loadReportAssets()));
    const markdownPath = path.join(runDir, MARKDOWN_FILE);
    const markdown = renderMarkdownSummary(model, { htmlPath: displayPath(htmlPath) });
    writeFileAtomic(markdownPath, markdown);
    return { model, htmlPath, markdownPath, markdown, consoleSummary: renderConsoleSummary(model), error: null };
  } catch (error) {
    return {
      model,
      htmlPath: null,
      markdownPath: null,
      markdown: null,
      consoleSummary: null,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  }
}

/** Reads a results.json for re-rendering; a wrong or damaged file is a clear input error. */
export function readResults(file: string): RunResults {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VarbenchError('RESULTS_UNREADABLE', `Cannot read ${file}: ${(error as Error).message}. Pass the results.json of a run (reports/<run-id>/results.json).`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new VarbenchError('RESULTS_UNREADABLE', `${file} is not valid JSON (${(error as Error).message}); it may have been cut short or edited.`, { cause: error });
  }
  const record = data as Partial<RunResults> | null;
  if (!record || record.schema !== RESULTS_SCHEMA) {
    throw new VarbenchError('RESULTS_UNREADABLE', `${file} is not a varbench results file (its "schema" field is not "${RESULTS_SCHEMA}").`);
  }
  if ((record.schemaVersion as number | undefined) === 2) {
    // Version 3 only added these three fields; a v2 run had none of them.
    return { ...(record as unknown as RunResults), schemaVersion: RESULTS_SCHEMA_VERSION, calibration: null, targets: null, gate: null };
  }
  if (record.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new VarbenchError(
      'RESULTS_UNREADABLE',
      `${file} has results schema version ${String(record.schemaVersion)}; this varbench reads version ${RESULTS_SCHEMA_VERSION}. Re-run the scenario with this version.`,
    );
  }
  return record as RunResults;
}
