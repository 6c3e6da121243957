/**
 * One exporter per format (hyperfine's idea): each renders the report model
 * to text and names the file it belongs in, or none (the console). The
 * writer (writer.ts) is the only code that puts them on disk.
 */
import { renderConsoleSummary } from './console.ts';
import { renderHtml, type HtmlAssets } from './html.ts';
import { renderMarkdownSummary } from './markdown.ts';
import type { ReportModel } from './model.ts';

export interface ExportContext {
  readonly assets: HtmlAssets;
  /** Where index.html is, as the reader of summary.md should see it; null when it was not written. */
  readonly htmlPath: string | null;
}

export interface Exporter {
  readonly format: 'html' | 'markdown' | 'console';
  /** The file in the run folder; null for the console, which the CLI prints. */
  readonly file: string | null;
  render(model: ReportModel, context: ExportContext): string;
}

export const HTML_EXPORTER: Exporter = {
  format: 'html',
  file: 'index.html',
  render: (model, context) => renderHtml(model, context.assets),
};

export const MARKDOWN_EXPORTER: Exporter = {
  format: 'markdown',
  file: 'summary.md',
  render: (model, context) => renderMarkdownSummary(model, { htmlPath: context.htmlPath }),
};

export const CONSOLE_EXPORTER: Exporter = {
  format: 'console',
  file: null,
  render: (model) => renderConsoleSummary(model),
};
