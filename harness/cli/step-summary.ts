/** GitHub Actions shows what a step appends to $GITHUB_STEP_SUMMARY on the run's page. */
import { appendFileSync } from 'node:fs';
import type { CliIo } from './io.ts';

export function appendStepSummary(markdown: string | null, io: CliIo): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file || markdown === null) return;
  try {
    appendFileSync(file, `${markdown}\n`);
  } catch (error) {
    io.stderr.write(`warning: could not append the summary to $GITHUB_STEP_SUMMARY (${file}): ${(error as Error).message}\n`);
  }
}
