import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSnapshot, type Snapshot } from '../model/snapshot.ts';

/** Where each build publishes its snapshot (the endpoint src/pages/du-lieu/snapshot.json.ts). */
export const SNAPSHOT_PATH = 'du-lieu/snapshot.json';

/**
 * The snapshot of the site published now, read before the new one replaces it. None (first
 * build, or a file this code cannot read) means "nothing to compare with yet".
 */
export async function readPublishedSnapshot(outDir: string): Promise<Snapshot | undefined> {
  try {
    return parseSnapshot(await readFile(join(outDir, SNAPSHOT_PATH), 'utf8'));
  } catch {
    return undefined;
  }
}
