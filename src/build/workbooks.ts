/**
 * The workbooks src/present/workbooks.ts describes, planned for the build: which to write, keyed
 * by what each is made from, and writing them in a process of their own while Astro renders
 * (`writeWorkbooks`). The writing itself (xlsx-writer.ts) is that process's alone, so the build's
 * process never loads it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  dataWorkbook,
  nextYearWorkbook,
  templateWorkbook,
  type NextYearContent,
  type RowSource,
  type Tables,
  type Workbook,
  nextYearContent,
  workbookDate,
  workbookFiles,
} from '../present/workbooks.ts';
import { hashOf } from './hashing.ts';

/**
 * Which workbook to write, with what it needs that is small enough to copy into the writing process;
 * the cleaned rows of the data workbook are handed over a chunk at a time (`writeWorkbooks`).
 */
export type WorkbookJob =
  | { readonly kind: 'template' }
  | { readonly kind: 'next-year'; readonly content: NextYearContent }
  | { readonly kind: 'data'; readonly rows: Readonly<Record<string, number>> };

/** A workbook this data has: its file, the key it is kept by (plan.ts), and how it is made. */
export interface PlannedWorkbook {
  readonly file: string;
  readonly key: string;
  readonly job: WorkbookJob;
}

/**
 * The data's workbooks, each keyed by what it is made from, as the CSV downloads are: the cleaned
 * data by the data files, the next year's template by the units and who reported last, the blank
 * template by its date alone (and the code, which the plan compares anyway).
 */
export function workbookJobs(tables: Tables, fileHashes: ReadonlyMap<string, string>): PlannedWorkbook[] {
  const files = workbookFiles(tables);
  const date = workbookDate(tables).toISOString();
  const hashes = (names: readonly string[]) => names.map((name) => [name, fileHashes.get(name) ?? null]);
  const nextYear = files.nextYear && nextYearContent(tables, files.nextYear.year);
  const rows = Object.fromEntries(Object.entries(tables).map(([file, table]) => [file, table.length]));
  return [
    { file: files.template, key: hashOf([files.template, date]), job: { kind: 'template' } },
    ...(files.nextYear === undefined || nextYear === undefined
      ? []
      : [
          {
            file: files.nextYear.file,
            key: hashOf([files.nextYear.file, nextYear]),
            job: { kind: 'next-year', content: nextYear } as const,
          },
        ]),
    {
      file: files.data,
      key: hashOf([files.data, hashes([...fileHashes.keys()].sort())]),
      job: { kind: 'data', rows },
    },
  ];
}

/** The sizes of the workbooks kept from the published site, from its folder `dir`. */
export async function keptSizes(kept: readonly PlannedWorkbook[], dir: string): Promise<Map<string, number>> {
  const sizes = await Promise.all(
    kept.map(async (w) => [w.file, (await stat(join(dir, w.file))).size] as const),
  );
  return new Map(sizes);
}

/** The workbook of `job`; `rows(file, count)` gives a table's cleaned rows as they arrive. */
export const describeWorkbook = (
  job: WorkbookJob,
  rows: (file: string, count: number) => RowSource,
): Workbook =>
  job.kind === 'template'
    ? templateWorkbook()
    : job.kind === 'next-year'
      ? nextYearWorkbook(job.content)
      : dataWorkbook(
          Object.fromEntries(Object.entries(job.rows).map(([file, count]) => [file, rows(file, count)])),
        );

/** Cleaned rows copied to the writing process at a time: a few MB, where a country's tables are hundreds. */
export const ROWS_PER_CHUNK = 20_000;

/** The writing process asks for the rows of `file` from `from`; the answer is `ROWS_PER_CHUNK` of them. */
export interface RowsWanted {
  readonly file: string;
  readonly from: number;
}

/** Why the writing process stopped, sent back before it ends. */
export interface WorkbookFailure {
  readonly failed: string;
  readonly code: string | undefined;
}

const ignore = () => undefined;

/** What the build tells the writing process first. */
export interface WorkbookOrder {
  readonly jobs: readonly WorkbookJob[];
  readonly dir: string;
  readonly date: Date;
}

/**
 * Writes the workbooks of `planned` into the folder `dir` in a process of its own, so the pages
 * render meanwhile and its memory is not added to the build's (a worker thread's was: the
 * 52,000-unit build went over its 2 GiB); resolves with each file's size. The process asks for
 * the cleaned rows a chunk at a time, so they are never all copied at once. `signal` stops it.
 */
export function writeWorkbooks(
  planned: readonly PlannedWorkbook[],
  tables: Tables,
  dir: string,
  signal?: AbortSignal,
): Promise<Map<string, number>> {
  if (planned.length === 0) return Promise.resolve(new Map<string, number>());
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./workbook-worker.ts', import.meta.url)), {
      // Structured clone, as between threads: numbers stay numbers, a Map a Map.
      serialization: 'advanced',
      // A small young generation: writing half a million rows peaked at 300 MB with the build's
      // 64 MB semi-spaces and at 170 MB with 8 MB ones, for a few percent more time.
      execArgv: ['--max-semi-space-size=8', '--max-old-space-size=512'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const stop = () => void child.kill();
    signal?.addEventListener('abort', stop, { once: true });
    let sizes: Map<string, number> | undefined;
    let failure: WorkbookFailure | undefined;
    child.on('message', (message: RowsWanted | WorkbookFailure | Map<string, number>) => {
      if (message instanceof Map) sizes = message;
      else if ('failed' in message) failure = message;
      // A process that stopped meanwhile is told by 'close', with its reason, not by this send.
      else child.send(tables[message.file]?.slice(message.from, message.from + ROWS_PER_CHUNK) ?? [], ignore);
    });
    child.once('error', reject);
    // Not 'exit': it may come before the last message is read, when the pages keep this process
    // busy; 'close' waits for the channel too.
    child.once('close', (code) => {
      signal?.removeEventListener('abort', stop);
      if (sizes !== undefined) resolve(sizes);
      else if (failure !== undefined) {
        // With its code, so that a full disk is told as such (disk-full.ts).
        const error: NodeJS.ErrnoException = new Error(`Tạo tệp Excel tải về bị lỗi: ${failure.failed}`);
        if (failure.code !== undefined) error.code = failure.code;
        reject(error);
      } else reject(new Error(`Tạo tệp Excel tải về bị dừng (mã thoát ${code}). Chạy lại "npm run build".`));
    });
    child.send({ jobs: planned.map((w) => w.job), dir, date: workbookDate(tables) } satisfies WorkbookOrder);
  });
}
