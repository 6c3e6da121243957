/**
 * Links to files inside the run folder (the balance outputs). The report is
 * opened from file:// and the folder may be zipped and moved, so only
 * relative links keep working. results.json is data, not trusted markup: a
 * path carrying a URL scheme (javascript:, http:) or an absolute path is not
 * linked at all, since escaping alone would leave a javascript: href
 * clickable. Each segment is percent-encoded so that names with '#', '?',
 * '%' or spaces still point at their file.
 */

/** The href for a path relative to the run folder, or null when the path is not relative. */
export function relativeHref(path: string): string | null {
  // path.relative() on Windows yields backslashes; a URL needs slashes.
  const slashed = path.replace(/\\/g, '/');
  if (slashed === '' || slashed.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(slashed)) return null;
  return slashed.split('/').map(encodeURIComponent).join('/');
}
