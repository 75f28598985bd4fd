/**
 * The worker thread of `writeWorkbooks` (workbooks.ts): writes each workbook into the folder,
 * asking the build for the cleaned rows a chunk at a time, the next chunk while it writes one.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Row } from '../present/downloads.ts';
import {
  describeWorkbook,
  ROWS_PER_CHUNK,
  writeWorkbook,
  type RowsWanted,
  type WorkbookJob,
} from './workbooks.ts';

const { jobs, dir, date } = workerData as { jobs: readonly WorkbookJob[]; dir: string; date: Date };
const port = parentPort;
if (!port) throw new Error('workbook-worker.ts runs as a worker thread');

/** The build answers each request in order, so the answers are taken in the order asked. */
const waiting: ((rows: Row[]) => void)[] = [];
port.on('message', (rows: Row[]) => waiting.shift()?.(rows));
function ask(file: string, from: number): Promise<Row[]> {
  const answer = new Promise<Row[]>((resolve) => waiting.push(resolve));
  port?.postMessage({ file, from } satisfies RowsWanted);
  return answer;
}

async function* rows(file: string, count: number): AsyncGenerator<Row> {
  let next = count > 0 ? ask(file, 0) : undefined;
  for (let from = 0; next !== undefined; from += ROWS_PER_CHUNK) {
    const chunk = await next;
    next = from + ROWS_PER_CHUNK < count ? ask(file, from + ROWS_PER_CHUNK) : undefined;
    yield* chunk;
  }
}

await mkdir(dir, { recursive: true });
const sizes = new Map<string, number>();
for (const job of jobs) {
  const book = describeWorkbook(job, rows);
  sizes.set(book.file, await writeWorkbook(book, join(dir, book.file), date));
}
port.postMessage(sizes);
// The listener above would keep the thread alive.
port.close();
