/**
 * The Excel downloads under `npm run dev`. The build writes them in a process of its own while
 * Astro renders (workbooks.ts); the live preview has no build, so it writes the one a link asks
 * for, from the data it shows.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanedTables } from '../present/downloads.ts';
import { workbookDate } from '../present/workbooks.ts';
import { getSite } from './site.ts';
import { describeWorkbook, workbookJobs } from './workbooks.ts';
import { writeWorkbook } from './xlsx-writer.ts';

/** The bytes of the workbook named `file`, or undefined when the data has none by that name. */
export async function previewWorkbook(file: string): Promise<Uint8Array | undefined> {
  const { data } = await getSite();
  const tables = cleanedTables(data);
  const planned = workbookJobs(tables, new Map()).find((w) => w.file === file);
  if (!planned) return undefined;
  // The writer writes a file (a country's is 78 MB, never held whole while written).
  const dir = await mkdtemp(join(tmpdir(), 'thong-ke-xem-truoc-'));
  try {
    const path = join(dir, file);
    const book = describeWorkbook(planned.job, (name) => tables[name] ?? []);
    await writeWorkbook(book, path, workbookDate(tables));
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
