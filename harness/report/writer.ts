/**
 * Writes a run's rendered report (index.html, summary.md) into its folder.
 * Files are written whole (temp file, then rename), so a reader or an
 * interrupted run never sees half a file. results.json itself is
 * core/results-file.ts's: written after every job, the report rendered from
 * it alone, so a failing renderer never costs the results. summary.md is
 * the same run as Markdown, for $GITHUB_STEP_SUMMARY.
 */
import { writeFileAtomic } from '../core/atomic-file.ts';
import path from 'node:path';
import { displayPath } from '../core/user-paths.ts';
import { loadReportAssets } from './assets.ts';
import { CONSOLE_EXPORTER, HTML_EXPORTER, MARKDOWN_EXPORTER } from './exporters.ts';
import type { ReportModel } from './model.ts';

export interface RenderOutcome {
  readonly htmlPath: string | null;
  /** summary.md, next to index.html. */
  readonly markdownPath: string | null;
  /** Its text, e.g. to append to $GITHUB_STEP_SUMMARY. */
  readonly markdown: string | null;
  readonly consoleSummary: string | null;
  /** Set when rendering failed; results.json is untouched either way. */
  readonly error: Error | null;
}

/**
 * Renders every exporter's format from the model and writes the files into
 * the run folder. A failing renderer is reported, never thrown: results.json
 * is already on disk and the exit code was decided from the model.
 */
export function writeReport(runDir: string, model: ReportModel): RenderOutcome {
  const htmlPath = path.join(runDir, HTML_EXPORTER.file!);
  const markdownPath = path.join(runDir, MARKDOWN_EXPORTER.file!);
  try {
    const context = { assets: loadReportAssets(), htmlPath: displayPath(htmlPath) };
    writeFileAtomic(htmlPath, HTML_EXPORTER.render(model, context));
    const markdown = MARKDOWN_EXPORTER.render(model, context);
    writeFileAtomic(markdownPath, markdown);
    return { htmlPath, markdownPath, markdown, consoleSummary: CONSOLE_EXPORTER.render(model, context), error: null };
  } catch (error) {
    return { htmlPath: null, markdownPath: null, markdown: null, consoleSummary: null, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

