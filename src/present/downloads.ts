import { labelOf } from '../model/labels.ts';
import type { Dataset } from '../read/dataset.ts';
import type { FileSchema } from '../read/schema.ts';
import { SCHEMAS } from '../read/schemas.ts';
import type { Problem } from '../problems.ts';
import { qualityRows } from './data-quality.ts';

export interface Download {
  readonly file: string;
  readonly title: string;
  readonly rows: number;
}

// Excel runs a cell that starts with one of these as a formula; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** What a cell of a read row holds (see RowOf): text, a number, or nothing reported. */
export type Cell = string | number | undefined;
export type Row = Readonly<Record<string, Cell>>;

export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function labelFor(schema: FileSchema, key: string, value: Cell): Cell {
  const column = schema.columns.find((c) => c.key === key);
  if (column?.kind.type !== 'enum') return value;
  return typeof value === 'string' ? labelOf(column.kind.values, value) : value;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Lines encoded at once: a country's members.csv is half a million lines. */
const CHUNK = 10_000;

/**
 * UTF-8 with BOM and CRLF, as Excel expects; Vietnamese headers and enum labels. Encoded a chunk
 * of lines at a time, so a large file is never also held whole as a (two-byte) JavaScript string.
 */
export function* csvChunks(lines: Iterable<string>): Generator<Uint8Array<ArrayBuffer>> {
  yield BOM;
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(`${line}\r\n`);
    if (chunk.length >= CHUNK) {
      yield Buffer.from(chunk.join(''), 'utf8');
      chunk = [];
    }
  }
  yield Buffer.from(chunk.join(''), 'utf8');
}

function concatenated(chunks: Iterable<Uint8Array>): Uint8Array<ArrayBuffer> {
  const parts = [...chunks];
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** The same, whole. */
export const encodeCsv = (lines: Iterable<string>): Uint8Array<ArrayBuffer> => concatenated(csvChunks(lines));

function* csvLines(schema: FileSchema, rows: readonly Row[]): Generator<string> {
  yield schema.columns.map((c) => csvCell(c.label)).join(',');
  for (const row of rows) {
    yield schema.columns.map((c) => csvCell(labelFor(schema, c.key, row[c.key]))).join(',');
  }
}

const ROWS: Record<string, (data: Dataset) => readonly Row[]> = {
  'units.csv': (d) => d.units,
  'members.csv': (d) => d.members,
  'admissions.csv': (d) => d.admissions,
  'cells.csv': (d) => d.cells,
  'restructurings.csv': (d) => d.restructurings,
  'restructuring_units.csv': (d) => d.restructuringUnits,
  'committees.csv': (d) => d.committees,
  'term_targets.csv': (d) => d.termTargets,
  'dataset.csv': (d) => d.dataset,
};

const presentSchemas = (data: Dataset) => SCHEMAS.filter((schema) => data.sources.get(schema.file)?.present);

/** The cleaned rows of each file the data has, by file name: what every download is made from. */
export const cleanedTables = (data: Dataset): Record<string, readonly Row[]> =>
  Object.fromEntries(presentSchemas(data).map((schema) => [schema.file, ROWS[schema.file]?.(data) ?? []]));

/** The cleaned files: what the site was built from, re-written in one consistent form. */
export function downloads(data: Dataset): Download[] {
  return presentSchemas(data).map((schema) => ({
    file: schema.file,
    title: schema.title,
    rows: ROWS[schema.file]?.(data).length ?? 0,
  }));
}

/**
 * One cleaned file's bytes a chunk at a time, made as its download is written: handed to the
 * download's page as a stream, a country's 88 MB members.csv is held once, as the file Astro
 * writes, rather than as its chunks, their join and the Response's copy of it.
 */
export function downloadCsvChunks(data: Dataset, file: string): Iterable<Uint8Array<ArrayBuffer>> {
  const schema = presentSchemas(data).find((s) => s.file === file);
  if (!schema) throw new Error(`downloadCsv: ${file} is not a file of this data`);
  return csvChunks(csvLines(schema, ROWS[schema.file]?.(data) ?? []));
}

/** The same, whole. */
export const downloadCsv = (data: Dataset, file: string): Uint8Array<ArrayBuffer> =>
  concatenated(downloadCsvChunks(data, file));

export const QUALITY_FILE = 'chat-luong-du-lieu.csv';
/** The site's folder of downloads (src/pages/du-lieu/). */
export const DOWNLOADS_DIR = 'du-lieu';

/** The data-quality report as a spreadsheet, one warning per row (bounded: data-quality.ts). */
export function qualityCsv(problems: readonly Problem[]): Uint8Array<ArrayBuffer> {
  const header = ['Mức', 'Tệp', 'Dòng', 'Cột', 'Khóa cột', 'Giá trị', 'Vấn đề', 'Cách sửa'];
  const rows = qualityRows(problems).map((cells) => cells.map(csvCell).join(','));
  return encodeCsv([header.join(','), ...rows]);
}
