/** The worker thread of `writeWorkbooks` (workbooks.ts): writes each workbook into the folder. */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Tables } from '../present/workbooks.ts';
import { describeWorkbook, writeWorkbook, type WorkbookJob } from './workbooks.ts';

const { jobs, tables, dir, date } = workerData as {
  jobs: readonly WorkbookJob[];
  tables: Tables;
  dir: string;
  date: Date;
};
await mkdir(dir, { recursive: true });
const sizes = new Map<string, number>();
for (const job of jobs) {
  const book = describeWorkbook(job, tables);
  sizes.set(book.file, await writeWorkbook(book, join(dir, book.file), date));
}
parentPort?.postMessage(sizes);
