/**
 * The process of `writeWorkbooks` (workbooks.ts): told what to write, writes each workbook into
 * the folder, asking the build for the cleaned rows a chunk at a time, the next chunk while it
 * writes one.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Row } from '../present/downloads.ts';
import {
  describeWorkbook,
  ROWS_PER_CHUNK,
  type RowsWanted,
  type WorkbookFailure,
  type WorkbookOrder,
} from './workbooks.ts';
import { writeWorkbook } from './xlsx-writer.ts';

/** Resolves once the message is handed to the channel, so that disconnecting cannot drop it. */
const send = (message: unknown) =>
  new Promise<void>((resolve, reject) => {
    if (!process.send) throw new Error('workbook-worker.ts runs as a process of the build (writeWorkbooks)');
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });

/** The first message is the order; every later one answers a request for rows, in order asked. */
let order: (value: WorkbookOrder) => void = () => undefined;
const ordered = new Promise<WorkbookOrder>((resolve) => (order = resolve));
const waiting: ((rows: Row[]) => void)[] = [];
let first = true;
process.on('message', (message: WorkbookOrder | Row[]) => {
  if (first) order(message as WorkbookOrder);
  else waiting.shift()?.(message as Row[]);
  first = false;
});

function ask(file: string, from: number): Promise<Row[]> {
  const answer = new Promise<Row[]>((resolve) => waiting.push(resolve));
  void send({ file, from } satisfies RowsWanted);
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

const { jobs, dir, date } = await ordered;
try {
  await mkdir(dir, { recursive: true });
  const sizes = new Map<string, number>();
  for (const job of jobs) {
    const book = describeWorkbook(job, rows);
    sizes.set(book.file, await writeWorkbook(book, join(dir, book.file), date));
  }
  await send(sizes);
} catch (cause) {
  // The build tells a full disk by the error's code and words: they go back with it.
  const error = cause as NodeJS.ErrnoException;
  await send({ failed: String(error.message), code: error.code } satisfies WorkbookFailure);
}
// Nothing more will come: the open channel would keep the process alive.
process.disconnect();
