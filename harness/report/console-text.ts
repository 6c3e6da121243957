/**
 * Terminal text shared by the console renderers: control characters made
 * harmless, columns padded, and colour only when asked for.
 */
import type { Tone } from './tone.ts';

export const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', reset: '\u001b[0m' } as const;

/** Control characters from a scenario or an error could move the cursor or recolour the terminal. */
export function plain(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Columns padded to their widest cell (counted in code points), joined by two spaces. */
export function padCells(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
        return rightAligned.has(i) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

/** `text` in an ANSI colour when `color` is on, unchanged otherwise. */
export function painter(color: boolean | undefined): (code: string, text: string) => string {
  return (code, text) => (color ? `${code}${text}${ANSI.reset}` : text);
}

const TONE_CODE: Readonly<Record<Tone, string | null>> = { bad: ANSI.red, good: ANSI.green, warn: ANSI.yellow, muted: ANSI.dim, plain: null };

/** Paints `text` by tone (plain tones are never painted). */
export function paintTone(paint: (code: string, text: string) => string, tone: Tone, text: string): string {
  const code = TONE_CODE[tone];
  return code === null ? text : paint(code, text);
}
