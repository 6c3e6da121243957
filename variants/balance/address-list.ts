/**
 * Lists of addresses in files, one 0x-hex felt per line: the dataset's
 * tokens.txt and accounts.txt, and the `--accounts FILE` a user passes to run
 * the pipeline on their own database. Blank lines are skipped; anything else
 * that is not a felt fails with the file and line.
 */
import fs from 'node:fs';
import { feltToHex, parseFelt } from './felt.ts';

/** Reads `file`; `what` names an entry in errors ("account" -> "account on line 3 of accounts.txt"). */
export function readAddressList(file: string, what: string): bigint[] {
  const values: bigint[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() !== '') values.push(parseFelt(line, `${what} on line ${i + 1} of ${file}`));
  });
  return values;
}

/** The text of such a file: one 0x + 64-hex-digit address per line. */
export function formatAddressList(values: readonly bigint[]): string {
  return values.map((value) => `${feltToHex(value)}\n`).join('');
}
