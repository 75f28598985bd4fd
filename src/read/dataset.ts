import { error, warning, type Problem } from '../problems.ts';
import { readCsvText, type CsvTable } from './csv.ts';
import { listDataFolder, readDataFile } from './data-folder.ts';
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

/** What was read from one file: kept for messages, downloads and change detection. */
export interface SourceFile {
  readonly file: string;
  readonly present: boolean;
  readonly encoding?: string;
  readonly columns: ReadonlyMap<string, number>;
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

export async function readDataset(dir: string, readTable: TableReader = readCsvBytes): Promise<ReadResult> {
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
  for (const schema of SCHEMAS) {
    const path = files?.get(schema.file);
    if (path === undefined) {
      sources.set(schema.file, { file: schema.file, present: false, columns: new Map() });
      if (schema.required && folder && !folder.refused.has(schema.file)) {
        problems.push(
          error({
            code: 'missing-file',
            file: schema.file,
            message: `không có tệp ${schema.file} trong thư mục dữ liệu`,
            english: `${schema.file} is required`,
            fix: `Thêm tệp ${schema.file} (danh sách đơn vị) vào ${dir}.`,
          }),
        );
      }
      tables.set(schema.file, []);
      continue;
    }
    const read = await readDataFile(path, schema.file);
    if ('problem' in read) {
      problems.push(read.problem);
      tables.set(schema.file, []);
      continue;
    }
    const table = await readTable(read.bytes, schema);
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
