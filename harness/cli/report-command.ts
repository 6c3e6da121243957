/** `report <results.json> [--out DIR]`: re-render a run's report from its results file alone. */
import path from 'node:path';
import { EXIT, VarbenchError } from '../core/errors.ts';
import { resolveUserPath } from '../core/user-paths.ts';
import { readResults, writeResults } from '../core/results-file.ts';
import { buildReportModel } from '../report/model.ts';
import { writeReport } from '../report/writer.ts';
import { subjectNamed } from '../subjects/registry.ts';
import type { CliIo } from './io.ts';

export function reportCommand(given: string | undefined, out: string | undefined, io: CliIo): number {
  if (!given) throw new VarbenchError('USAGE', 'report needs the path of a results.json: npm run bench -- report reports/<run-id>/results.json');
  const file = resolveUserPath(given, io.env);
  const results = readResults(file);
  const subject = subjectNamed(results.scenario.subject, file);
  const runDir = out ? resolveUserPath(out, io.env) : path.dirname(file);
  if (out) writeResults(runDir, results);
  const rendered = writeReport(runDir, buildReportModel(results, subject, new Date().toISOString()));
  if (rendered.error) {
    io.stderr.write(`The report could not be rendered: ${rendered.error.stack ?? rendered.error.message}\n`);
    return EXIT.runFailed;
  }
  io.stdout.write(`${rendered.consoleSummary}\nReport: ${rendered.htmlPath}\n`);
  return EXIT.ok;
}
