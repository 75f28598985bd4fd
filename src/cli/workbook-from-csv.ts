/**
 * A data folder's CSV files written as one workbook, the way an office keeps them in Excel: one
 * sheet per table named by its Vietnamese title, counts and years as number cells, dates as date
 * cells. The benchmark reads it against the CSV path, and the workbook form of the sample
 * (`npm run gen:xlsx-fixture`) is made with it. Written with exceljs's streaming writer, so a
 * 52,000-unit province never sits in memory as a workbook.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { detectDelimiter } from '../read/csv.ts';
import { listDataFolder } from '../read/data-folder.ts';
import { decodeCsvBytes } from '../read/encoding.ts';
import { normalizeHeader, columnNames, type Column } from '../read/schema.ts';
import { SCHEMAS } from '../read/schemas.ts';
import { parseDate } from '../read/values.ts';

/** What a cell becomes: the typed value Excel would hold for text a publisher typed. */
function typed(text: string, column: Column | undefined): string | number | Date | null {
  if (text === '') return null;
  const kind = column?.kind.type;
  if ((kind === 'count' || kind === 'year') && /^\d+$/.test(text)) return Number(text);
  if (kind === 'date') {
    const parsed = parseDate(text);
    if (parsed.ok && typeof parsed.value === 'string') return new Date(`${parsed.value}T00:00:00Z`);
  }
  return text;
}

/** Writes every contract CSV of `dataDir` as a sheet of `file`; returns the rows written. */
export async function workbookFromCsv(dataDir: string, file: string): Promise<number> {
  const folder = await listDataFolder(dataDir);
  if (!folder) throw new Error(`không có thư mục ${dataDir}`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  // A fixed date keeps the workbook's own properties from changing with each run (the zip still
  // records when each part was written, so the bytes differ: the tests compare sites, not workbooks).
  workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z');
  let written = 0;
  for (const schema of SCHEMAS) {
    const path = folder.files.get(schema.file);
    if (path === undefined) continue;
    // Read as the build reads it: the sample's files use `;` or a legacy encoding here and there.
    const decoded = decodeCsvBytes(await readFile(path));
    if (!decoded.ok) throw new Error(`${path}: ${decoded.message}`);
    const delimiter = detectDelimiter(decoded.text.slice(0, decoded.text.search(/\r?\n|$/)));
    const records: string[][] = parse(decoded.text, { bom: true, delimiter, relax_column_count: true });
    const [header = [], ...body] = records;
    const byName = new Map(schema.columns.flatMap((c) => columnNames(c).map((n) => [n, c] as const)));
    const columns = header.map((name) => byName.get(normalizeHeader(name)));
    const sheet = workbook.addWorksheet(schema.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    columns.forEach((column, index) => {
      if (column?.kind.type === 'date') sheet.getColumn(index + 1).numFmt = 'dd/mm/yyyy';
    });
    sheet.addRow(header).commit();
    for (const record of body) {
      sheet.addRow(record.map((text, index) => typed(text, columns[index]))).commit();
      written += 1;
    }
    sheet.commit();
  }
  await workbook.commit();
  return written;
}
