/**
 * Escaping for everything that reaches HTML from a scenario, a variant, an
 * error or the environment (DESIGN.md: "Every string ... that reaches HTML is
 * escaped").
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const SCRIPT_JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for the body of a <script> element. `<` and `>` are escaped so neither
 * `</script>` nor `<!--` can end or change the script's parsing state (HTML
 * spec, "script data" states); `&` for XHTML-parsed copies; U+2028/U+2029 so
 * the text is also valid JavaScript before ES2019. The escapes are JSON string
 * escapes, so JSON.parse and a JS engine read the same value back. These
 * characters can only occur inside JSON strings, so the escapes are always valid.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_JSON_ESCAPES[c] ?? c);
}

/**
 * JavaScript source (trusted, e.g. chart.js) for the body of an inline
 * <script>. `</script` would end the element and `<!--` can switch the HTML
 * parser into the "script data escaped" state. In valid JS both can only occur
 * in strings, template literals and comments (in a regex literal the `/` would
 * already be escaped), where `\x3C` means the same `<`.
 */
export function scriptSourceForInline(source: string): string {
  return source.replace(/<(\/script|!--)/gi, '\\x3C$1');
}
