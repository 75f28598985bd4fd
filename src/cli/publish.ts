import { existsSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The published folder is replaced only by a complete build: the new site is written beside
 * it and swapped in with two renames, so a failed or killed build leaves it as it was.
 */
export const stagingDir = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-moi-${process.pid}`);

const previousDir = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-cu-${process.pid}`);

/** Undoes a swap that was cut off between its two renames, and clears stale staging folders. */
export async function recover(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    if (entry.startsWith(`.${name}-cu-`) && !existsSync(outDir)) {
      await rename(join(parent, entry), outDir);
    } else if (entry.startsWith(`.${name}-cu-`) || entry.startsWith(`.${name}-moi-`)) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

export async function swapIn(staging: string, outDir: string): Promise<void> {
  const previous = previousDir(outDir);
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) await rename(outDir, previous);
  await rename(staging, outDir);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
