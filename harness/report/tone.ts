/**
 * How a status reads in every renderer: red (bad), green (good), amber
 * (warn), grey (muted), or no colour (plain). Each renderer maps a tone to
 * its medium (a CSS class, an ANSI colour, a Markdown marker) and always
 * prints the status in words too, so nothing depends on colour alone.
 */
export type Tone = 'bad' | 'good' | 'warn' | 'muted' | 'plain';

/** The HTML class of a tone (styles.ts). */
export function toneClass(tone: Tone): string {
  return `tone-${tone}`;
}

/** A status as an HTML pill: its words, coloured by its tone. `text` is escaped by the caller. */
export function statusPill(escapedText: string, tone: Tone): string {
  return `<span class="pill ${toneClass(tone)}">${escapedText}</span>`;
}
