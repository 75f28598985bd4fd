/**
 * A data folder's CSV files written as one workbook, the way an office keeps them in Excel: one
 * sheet per table named by its Vietnamese title, counts and years as number cells, dates as date
 * cells. The benchmark reads it against the CSV path, and the workbook form of the sample
 * (`npm run gen:xlsx-fixture`) is made with it. Written by the build's own writer, a row at a
 * time, so a 52,000-unit province never sits in memory as a workbook.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { writeWorkbook } from '../build/xlsx-writer.ts';
import type { CellValue, Sheet } from '../present/workbooks.ts';
import { detectDelimiter } from '../read/csv.ts';
import { listDataFolder } from '../read/data-folder.ts';
import { decodeCsvBytes } from '../read/encoding.ts';
import { normalizeHeader, columnNames, type Column } from '../read/schema.ts';
import { SCHEMAS } from '../read/schemas.ts';
import { parseDate } from '../read/values.ts';

/** A fixed date: the same folder gives the same bytes. */
const DATE = new Date('2026-01-01T00:00:00Z');

/** What a cell becomes: the typed value Excel would hold for text a publisher typed. */
function typed(text: string, column: Column | undefined): CellValue {
  if (text === '') return undefined;
  const kind = column?.kind.type;
  if ((kind === 'count' || kind === 'year') && /^\d+$/.test(text)) return Number(text);
  if (kind === 'date') {
    const parsed = parseDate(text);
    if (parsed.ok && typeof parsed.value === 'string') return { date: parsed.value };
  }
  return text;
}

/** A CSV file's records as the build reads them: the sample's files use `;` or a legacy encoding here and there. */
async function records(path: string, lines?: number): Promise<string[][]> {
  const decoded = decodeCsvBytes(await readFile(path));
  if (!decoded.ok) throw new Error(`${path}: ${decoded.message}`);
  const delimiter = detectDelimiter(decoded.text.slice(0, decoded.text.search(/\r?\n|$/)));
  return parse(decoded.text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    ...(lines === undefined ? {} : { to_line: lines }),
  });
}

/** Writes every contract CSV of `dataDir` as a sheet of `file`; returns the rows written. */
export async function workbookFromCsv(dataDir: string, file: string): Promise<number> {
  const folder = await listDataFolder(dataDir);
  if (!folder) throw new Error(`không có thư mục ${dataDir}`);
  const sheets: Sheet[] = [];
  let written = 0;
  for (const schema of SCHEMAS) {
    const path = folder.files.get(schema.file);
    if (path === undefined) continue;
    const [header = []] = await records(path, 1);
    const byName = new Map(schema.columns.flatMap((c) => columnNames(c).map((n) => [n, c] as const)));
    const columns = header.map((name) => byName.get(normalizeHeader(name)));
    // One table's records at a time, read as its sheet is written.
    const rows = async function* (): AsyncGenerator<CellValue[]> {
      const [, ...body] = await records(path);
      written += body.length;
      for (const record of body) yield record.map((text, i) => typed(text, columns[i]));
    };
    sheets.push({
      name: schema.title,
      header: true,
      columns: header.map((name, i) => ({
        header: name,
        width: 14,
        ...(columns[i]?.kind.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : {}),
      })),
      rows: rows(),
      validatedRows: 0,
    });
  }
  // Shared strings, as Excel saves a workbook: the form the reader meets in an office's files.
  await writeWorkbook({ file, sheets }, file, DATE, { sharedStrings: true });
  return written;
}
