import path from 'node:path';

/**
 * A file as messages show it: relative to the working directory when it is
 * inside it (short, and what the user typed), else absolute (a chain of
 * "../" says less than the real place).
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
