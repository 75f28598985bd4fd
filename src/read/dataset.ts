import { basename } from 'node:path';
import { error, warning, type Problem } from '../problems.ts';
import { readCsvText, type CsvTable } from './csv.ts';
import { listDataFolder, MAX_WORKBOOK_BYTES, readDataFile } from './data-folder.ts';
import { decodeCsvBytes } from './encoding.ts';
import type { FileSchema, RowOf } from './schema.ts';
import {
  admissionsSchema,
  cellsSchema,
  committeesSchema,
  datasetSchema,
  membersSchema,
  restructuringUnitsSchema,
  restructuringsSchema,
  SCHEMAS,
  termTargetsSchema,
  unitsSchema,
} from './schemas.ts';
import {
  readWorkbookBytes,
  tableOfWorkbook,
  WORKBOOK_FILE,
  type SheetPlace,
  type WorkbookRead,
} from './workbook.ts';

/** What was read from one file: kept for messages, downloads and change detection. */
export interface SourceFile {
  readonly file: string;
  readonly present: boolean;
  readonly encoding?: string;
  readonly columns: ReadonlyMap<string, number>;
  /** The workbook and sheet the table was read from, when it was not a CSV file. */
  readonly place?: SheetPlace;
}

/** Every CSV of the contract, as typed rows with their line numbers. */
export interface Dataset {
  readonly units: RowOf<typeof unitsSchema>[];
  readonly members: RowOf<typeof membersSchema>[];
  readonly admissions: RowOf<typeof admissionsSchema>[];
  readonly cells: RowOf<typeof cellsSchema>[];
  readonly restructurings: RowOf<typeof restructuringsSchema>[];
  readonly restructuringUnits: RowOf<typeof restructuringUnitsSchema>[];
  readonly committees: RowOf<typeof committeesSchema>[];
  readonly termTargets: RowOf<typeof termTargetsSchema>[];
  readonly dataset: RowOf<typeof datasetSchema>[];
  readonly sources: ReadonlyMap<string, SourceFile>;
  /**
   * Ids of units and events whose rows were refused for a bad cell (already reported): checks
   * do not report them again as unknown wherever they are referenced.
   */
  readonly rejectedIds?: { readonly units: ReadonlySet<string>; readonly events: ReadonlySet<string> };
}

export interface ReadResult {
  readonly data: Dataset;
  readonly problems: Problem[];
}

/** What one file's bytes read into: the table, and the encoding it was converted from if not UTF-8. */
export type CsvFileTable<S extends FileSchema = FileSchema> = CsvTable<S> & { readonly encoding?: string };

/** Reads one file's bytes into typed rows; shared by the directory reader and tests. */
export function readCsvBytes<S extends FileSchema>(bytes: Uint8Array, schema: S): CsvFileTable<S> {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) {
    const problems = [
      error({
        code: 'unreadable-file',
        file: schema.file,
        message: decoded.message,
        english: 'unreadable file',
      }),
    ];
    return { rows: [], columns: new Map(), problems, rejected: [] };
  }
  const table = readCsvText(decoded.text, schema);
  if (decoded.warning !== undefined) {
    table.problems.unshift(
      warning({
        code: 'legacy-encoding',
        file: schema.file,
        message: decoded.warning,
        english: `converted from ${decoded.encoding}`,
      }),
    );
  }
  return { ...table, encoding: decoded.encoding };
}

/**
 * Turns one file's bytes into a table: `readCsvBytes`, unless a cache answers for bytes it
 * has read before (see cache.ts).
 */
export type TableReader = (bytes: Uint8Array, schema: FileSchema) => Promise<CsvFileTable> | CsvFileTable;

/** Turns a workbook's bytes into its tables: `readWorkbookBytes`, unless a cache answers. */
export type BookReader = (bytes: Uint8Array, name: string) => Promise<WorkbookRead>;

/** Where a table was given: a CSV file, or a workbook's sheet with the rows read from it. */
type Given =
  { readonly csv: string; readonly path: string } | (SheetPlace & { readonly table: CsvFileTable });

const placeText = (given: Given) => ('csv' in given ? given.csv : `${given.workbook} › ${given.sheet}`);

export async function readDataset(
  dir: string,
  readTable: TableReader = readCsvBytes,
  readBook: BookReader = readWorkbookBytes,
): Promise<ReadResult> {
  const problems: Problem[] = [];
  const sources = new Map<string, SourceFile>();
  const folder = await listDataFolder(dir);
  const files = folder?.files;
  problems.push(...(folder?.problems ?? []));
  if (!folder) {
    problems.push(
      error({
        code: 'missing-data-dir',
        file: dir,
        message: 'không tìm thấy thư mục dữ liệu',
        english: 'data directory not found',
        fix: 'Kiểm tra biến DATA_DIR hoặc đặt các tệp CSV trong thư mục data/.',
      }),
    );
  }
  const tables = new Map<string, unknown[]>();
  const rejectedIds = { units: new Set<string>(), events: new Set<string>() };
  const given = new Map<string, Given[]>();
  const give = (file: string, place: Given) => given.set(file, [...(given.get(file) ?? []), place]);
  for (const schema of SCHEMAS) {
    const csv = files?.get(schema.file);
    if (csv !== undefined) give(schema.file, { csv: basename(csv), path: csv });
  }
  // Tables whose own workbook (`units.xlsx`) could not be read: already reported, not missing.
  const unread = new Set<string>();
  for (const [file, path] of files ?? []) {
    if (!WORKBOOK_FILE.test(file)) continue;
    const name = basename(path);
    const read = await readDataFile(path, name, MAX_WORKBOOK_BYTES);
    const book =
      'problem' in read ? { tables: [], problems: [read.problem] } : await readBook(read.bytes, name);
    problems.push(...book.problems);
    const own = tableOfWorkbook(name);
    if (own && book.tables.length === 0) unread.add(own.file);
    for (const { file: table, sheet, table: rows } of book.tables)
      give(table, { workbook: name, sheet, table: rows });
  }
  for (const schema of SCHEMAS) {
    const [first, ...others] = given.get(schema.file) ?? [];
    if (first && others.length > 0) {
      const places = [first, ...others].map(placeText);
      problems.push(
        error({
          code: 'table-twice',
          file: 'csv' in first ? first.csv : first.workbook,
          ...('csv' in first ? {} : { sheet: first.sheet }),
          message: `bảng ${schema.title} có ở ${places.length} nơi: ${places.join('; ')}. Không biết nơi nào là dữ liệu đúng nên không đọc nơi nào`,
          english: `table ${schema.file} is given ${places.length} times`,
          fix: `Giữ bảng ${schema.title} ở một nơi, xóa (hoặc đổi tên, chuyển ra khỏi thư mục dữ liệu) các nơi kia.`,
        }),
      );
      sources.set(schema.file, { file: schema.file, present: false, columns: new Map() });
      tables.set(schema.file, []);
      continue;
    }
    if (first === undefined) {
      sources.set(schema.file, { file: schema.file, present: false, columns: new Map() });
      if (schema.required && folder && !folder.refused.has(schema.file) && !unread.has(schema.file)) {
        problems.push(
          error({
            code: 'missing-file',
            file: schema.file,
            message: `không có tệp ${schema.file} trong thư mục dữ liệu`,
            english: `${schema.file} is required`,
            fix: `Thêm tệp ${schema.file} (danh sách đơn vị) vào ${dir}, hoặc một trang tính tên "${schema.title}" vào sổ làm việc Excel trong thư mục đó.`,
          }),
        );
      }
      tables.set(schema.file, []);
      continue;
    }
    let table: CsvFileTable;
    if ('csv' in first) {
      const read = await readDataFile(first.path, schema.file);
      if ('problem' in read) {
        problems.push(read.problem);
        tables.set(schema.file, []);
        continue;
      }
      table = await readTable(read.bytes, schema);
    } else {
      table = first.table;
    }
    problems.push(...table.problems);
    tables.set(schema.file, table.rows);
    const refused =
      schema === unitsSchema
        ? rejectedIds.units
        : schema === restructuringsSchema
          ? rejectedIds.events
          : undefined;
    for (const row of table.rejected) if (typeof row['id'] === 'string') refused?.add(row['id']);
    sources.set(schema.file, {
      file: schema.file,
      present: true,
      columns: table.columns,
      ...(table.encoding !== undefined ? { encoding: table.encoding } : {}),
      ...('csv' in first ? {} : { place: { workbook: first.workbook, sheet: first.sheet } }),
    });
  }
  const rows = <S extends FileSchema>(schema: S) => (tables.get(schema.file) ?? []) as RowOf<S>[];
  return {
    data: {
      units: rows(unitsSchema),
      members: rows(membersSchema),
      admissions: rows(admissionsSchema),
      cells: rows(cellsSchema),
      restructurings: rows(restructuringsSchema),
      restructuringUnits: rows(restructuringUnitsSchema),
      committees: rows(committeesSchema),
      termTargets: rows(termTargetsSchema),
      dataset: rows(datasetSchema),
      sources,
      rejectedIds,
    },
    problems,
  };
}
