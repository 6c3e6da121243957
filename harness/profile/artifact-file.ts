/**
 * Writes a profile file whole: a temp file in the same folder, then a rename,
 * so a report folder never holds half a profile (DESIGN.md: files under
 * reports/ are written whole). Compact JSON: DevTools, speedscope and 0x
 * read it, and a long measured phase makes profiles of many megabytes.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Returns the size written. Rejects (JSON too large for a string, disk full): callers turn that into a warning. */
export async function writeJsonWhole(path: string, value: unknown): Promise<number> {
  const text = JSON.stringify(value);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return (await stat(path)).size;
}
