/**
 * Writes the workbooks src/present/workbooks.ts describes as .xlsx files, with exceljs's streaming
 * writer: rows go to the file as they are made, so the cleaned data of a country (half a million
 * rows a table) is never held as a whole workbook. The build writes them in a process of its own
 * while Astro renders (`writeWorkbooks`).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import {
  dataWorkbook,
  nextYearWorkbook,
  templateWorkbook,
  type CellValue,
  type Sheet,
  type NextYearContent,
  type RowSource,
  type Tables,
  type Validation,
  type Workbook,
  nextYearContent,
  workbookDate,
  workbookFiles,
} from '../present/workbooks.ts';
import { columnLetters } from '../problems.ts';
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

type ZipAppend = (source: unknown, data: { name: string; date?: Date }) => unknown;

/**
 * exceljs stamps each file inside the .xlsx with the clock; a reproducible build needs the same
 * bytes from the same data, so every entry carries the workbook's own date instead. The first
 * entries are added from the writer's constructor (by `addThemes`), so the stamp is set there.
 */
class DatedWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  override addThemes(): Promise<void> {
    const zip = (this as unknown as { zip: { append: ZipAppend } }).zip;
    const append = zip.append.bind(zip);
    const date = this.created;
    zip.append = (source, data) => append(source, { ...data, date });
    return super.addThemes();
  }
}

const excelCell = (value: CellValue): string | number | Date | null =>
  value === undefined ? null : typeof value === 'object' ? new Date(`${value.date}T00:00:00Z`) : value;

function excelValidation(validation: Validation): ExcelJS.DataValidation {
  const shown = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Giá trị không hợp lệ',
    error: validation.error,
  } as const;
  switch (validation.type) {
    case 'list':
      return { ...shown, type: 'list', formulae: [validation.range] };
    case 'whole':
      return { ...shown, type: 'whole', operator: 'between', formulae: [validation.min, validation.max] };
    case 'date':
      return {
        ...shown,
        type: 'date',
        operator: 'between',
        formulae: [new Date(validation.min), new Date(validation.max)],
      };
    case 'textLength':
      return { ...shown, type: 'textLength', operator: 'lessThanOrEqual', formulae: [validation.max] };
  }
}

/** Rows written between two looks at how far the zip is behind. */
const ROWS_PER_TURN = 5_000;
/** The sheet text written and not yet compressed, in chunks of 64 KB, that the writer waits on. */
const UNZIPPED_CHUNKS = 256;

/** The parts of exceljs's sheet stream (utils/stream-buf.js, exceljs 4.4) that tell how far the zip is behind. */
interface SheetStream {
  /** Chunks written and not yet handed to the zip. */
  buffers: unknown[];
  /** Hands one chunk to the zip; resolves when the zip has taken it. */
  _pipe(chunk: unknown): Promise<void>;
}

/**
 * exceljs hands the zip whatever a sheet has written without waiting for it to be compressed: a
 * country's sheet of half a million rows had 270 MB waiting in memory (the build went over its
 * 2 GiB). Counting the chunks handed over and not yet taken, `caughtUp` waits until the zip has
 * taken all but `UNZIPPED_CHUNKS` (16 MB) of what was written.
 */
function zipProgress(worksheet: ExcelJS.Worksheet): { caughtUp: () => Promise<void> } {
  const stream = (worksheet as unknown as { stream: SheetStream }).stream;
  const pipe = stream._pipe.bind(stream);
  let taking = 0;
  stream._pipe = async (chunk) => {
    taking += 1;
    try {
      await pipe(chunk);
    } finally {
      taking -= 1;
    }
  };
  return {
    caughtUp: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      while (taking + stream.buffers.length > UNZIPPED_CHUNKS) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
  };
}

async function writeSheet(writer: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Sheet): Promise<void> {
  const worksheet = writer.addWorksheet(sheet.name, {
    views: sheet.header ? [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2' }] : [],
  });
  const zip = zipProgress(worksheet);
  worksheet.columns = sheet.columns.map((c) => ({
    width: c.width,
    ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
  }));
  if (sheet.header) {
    const header = worksheet.addRow(sheet.columns.map((c) => c.header));
    sheet.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      // The header is text whatever the column's format.
      cell.style = { font: { bold: true }, alignment: { wrapText: true, vertical: 'top' } };
      if (c.note !== undefined) cell.note = c.note;
    });
    header.commit();
  }
  // One style object per column, given to each of its cells: exceljs finds the style of an object
  // it has seen at once, but works out that of each new object again (half the writing time). An
  // empty cell gets none, and is then not written: the column's format covers it. These objects
  // are this sheet's and never changed (exceljs changes a style in place when a font is set on a
  // row: a shared one made every later workbook's empty cells bold).
  const none: Partial<ExcelJS.Style> = {};
  const heading: Partial<ExcelJS.Style> = { font: { bold: true } };
  const styles = sheet.columns.map((c) => (c.numFmt === undefined ? none : { numFmt: c.numFmt }));
  let index = 0;
  for await (const values of sheet.rows) {
    const row = worksheet.addRow(values.map(excelCell));
    const bold = sheet.headings?.has(index) === true;
    styles.forEach((style, i) => {
      row.getCell(i + 1).style = values[i] === undefined ? none : bold ? heading : style;
    });
    row.commit();
    index += 1;
    if (index % ROWS_PER_TURN === 0) await zip.caughtUp();
  }
  if (sheet.validatedRows > 1) {
    // The streaming writer has them, though its types do not say so.
    const { dataValidations } = worksheet as unknown as {
      dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void };
    };
    sheet.columns.forEach((c, i) => {
      if (c.validation === undefined) return;
      const letter = columnLetters(i + 1);
      dataValidations.add(`${letter}2:${letter}${sheet.validatedRows}`, excelValidation(c.validation));
    });
  }
  // Synchronous: the workbook waits for each sheet's stream to be zipped when it commits.
  worksheet.commit();
}

/** Writes `book` to `path`, dated `date` inside; resolves with the file's size in bytes. */
export async function writeWorkbook(book: Workbook, path: string, date: Date): Promise<number> {
  const options = {
    filename: path,
    useStyles: true,
    // Text in the cells themselves: the streaming writer would put the shared strings after the
    // sheets, which a streaming reader must then hold back; they saved 1.5 % on the sample.
    useSharedStrings: false,
    created: date,
    modified: date,
    creator: 'thong-ke-xay-dung-dang',
    lastModifiedBy: 'thong-ke-xay-dung-dang',
  };
  // The dates are options of the writer that its types leave out.
  const writer = new DatedWriter(options);
  for (const sheet of book.sheets) await writeSheet(writer, sheet);
  await writer.commit();
  return (await stat(path)).size;
}

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
      else child.send((tables[message.file] ?? []).slice(message.from, message.from + ROWS_PER_CHUNK));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
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
