import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { readManifest, writeManifest } from '../src/build/manifest.ts';
import { load } from '../src/build/project.ts';

export const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** A fresh folder inside the test run's temporary folder (removed when the run ends). */
export const tempDir = (prefix: string): string => mkdtempSync(join(inject('tempRoot'), prefix));

/** Writes the given CSV files to a fresh temporary data directory. */
export function dataDir(files: Record<string, string>): string {
  const dir = tempDir('data-');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const loadFiles = (files: Record<string, string>) => load(dataDir(files));

/**
 * Rewrites the manifest beside a built site as an older version wrote it, without the record of
 * the inputs: the next build with unchanged inputs then runs (taking its unit pages from the
 * site) instead of keeping the site as it is.
 */
export async function forgetInputs(outDir: string): Promise<void> {
  const manifest = await readManifest(outDir);
  if (!manifest) throw new Error(`no page manifest beside ${outDir}`);
  await writeManifest(outDir, { ...manifest, inputs: undefined });
}

/** A small valid tree to build broken cases on. */
export const UNITS = [
  'id,name,parent_id,level',
  'P,Đảng bộ tỉnh Mẫu,,province',
  'D1,Đảng bộ huyện Một,P,district',
  'G1,Đảng bộ xã An,D1,grassroots',
  'G2,Đảng bộ xã Bình,D1,grassroots',
].join('\n');
