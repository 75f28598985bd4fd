import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from '../src/load.ts';

export const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** Writes the given CSV files to a fresh temporary data directory. */
export function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'thong-ke-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const loadFiles = (files: Record<string, string>) => load(dataDir(files));

/** A small valid tree to build broken cases on. */
export const UNITS = [
  'id,name,parent_id,level',
  'P,Đảng bộ tỉnh Mẫu,,province',
  'D1,Đảng bộ huyện Một,P,district',
  'G1,Đảng bộ xã An,D1,grassroots',
  'G2,Đảng bộ xã Bình,D1,grassroots',
].join('\n');
