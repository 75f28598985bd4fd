/**
 * The Excel workbooks /du-lieu/ offers, described from the schemas and the cleaned rows: a blank
 * template to fill in, the next year's template pre-filled with today's units, and the cleaned
 * data. Each table is a sheet named by its schema's title with the schema's Vietnamese labels as
 * its header, which is what the workbook reader accepts (data contract part C), so a filled
 * template builds as it is. Writing the files is the build's (src/build/workbooks.ts).
 */
import { labelOf } from '../model/labels.ts';
import type { Column, ColumnKind, EnumValue, FileSchema } from '../read/schema.ts';
import { columnLetters } from '../problems.ts';
import { SCHEMAS, unitsSchema } from '../read/schemas.ts';
import { FIRST_YEAR, LAST_YEAR } from '../read/values.ts';
import { kindText } from './contract-docs.ts';
import type { Row } from './downloads.ts';
import { formatNumber } from './format.ts';

export const TEMPLATE_FILE = 'mau-nhap-lieu.xlsx';
export const DATA_WORKBOOK = 'du-lieu.xlsx';
export const nextYearFile = (year: number): string => `mau-nam-${year}.xlsx`;
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
export const DICTIONARY_SHEET = 'Từ điển dữ liệu';

/** A typed cell: text, a number, a date (as `YYYY-MM-DD`, written as an Excel date), or empty. */
export type CellValue = string | number | { readonly date: string } | undefined;

/** A check Excel makes as a cell is typed, with the message it shows when the value fails. */
export type Validation = (
  | { readonly type: 'list'; readonly range: string }
  | { readonly type: 'whole'; readonly min: number; readonly max: number }
  | { readonly type: 'date'; readonly min: string; readonly max: string }
  | { readonly type: 'textLength'; readonly max: number }
) & { readonly error: string };

export interface SheetColumn {
  readonly header: string;
  readonly width: number;
  /** Excel's number format of the whole column, so that what an office types keeps its form. */
  readonly numFmt?: string;
  /** Shown when the pointer rests on the header cell. */
  readonly note?: string;
  readonly validation?: Validation;
}

export interface Sheet {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  /** Below the header row; consumed once, while the file is written (the cleaned data: as it arrives). */
  readonly rows: Iterable<readonly CellValue[]> | AsyncIterable<readonly CellValue[]>;
  /** The last row (numbered from 1, as in Excel) that Excel checks as typed, from row 2: the rows an office fills in. */
  readonly validatedRows: number;
  /** Rows of the body shown in bold (headings of the instructions), 0-based. */
  readonly headings?: ReadonlySet<number>;
  /** The header row is a real header (bold, frozen), not the first line of the instructions. */
  readonly header: boolean;
}

export interface Workbook {
  readonly file: string;
  readonly sheets: readonly Sheet[];
}

/** A blank template checks this many rows of each sheet: more than a province's units. */
export const TEMPLATE_ROWS = 10_000;
/** The next year's template checks its pre-filled rows and this many more, for units added. */
const SPARE_ROWS = 1_000;

const FORMATS: Record<ColumnKind['type'], string | undefined> = {
  // Text, so that a code such as 001 keeps its zeros.
  id: '@',
  text: '@',
  term: '@',
  // Text, so that 90% and 90,5% stay as typed (a number format would turn them into 0,9).
  target: '@',
  // Shown with the thousands separator of the office's Excel: 1.234 in Vietnamese settings.
  count: '#,##0',
  year: '0',
  date: 'dd/mm/yyyy',
  enum: undefined,
};

/** The enumerations of the schemas, each once, with the columns that take it. */
function enumerations(): { values: readonly EnumValue[]; columns: string[] }[] {
  const found = new Map<readonly EnumValue[], string[]>();
  for (const schema of SCHEMAS) {
    for (const column of schema.columns) {
      if (column.kind.type !== 'enum') continue;
      const labels = found.get(column.kind.values) ?? [];
      if (!labels.includes(column.label)) labels.push(column.label);
      found.set(column.kind.values, labels);
    }
  }
  return [...found].map(([values, columns]) => ({ values, columns }));
}

const plain = (text: string) => text.replace(/`/g, '');
const quotedSheet = `'${INSTRUCTIONS_SHEET}'`;

function validationOf(
  column: Column,
  lists: ReadonlyMap<readonly EnumValue[], string>,
): Validation | undefined {
  const { kind } = column;
  switch (kind.type) {
    case 'enum':
      return {
        type: 'list',
        range: lists.get(kind.values) ?? '',
        error: `Chọn một giá trị trong danh sách (bấm mũi tên bên phải ô). Các giá trị được phép có ở sheet ${INSTRUCTIONS_SHEET}.`,
      };
    case 'count':
      return {
        type: 'whole',
        min: 0,
        max: kind.max,
        error: `Ghi số nguyên từ 0 đến ${formatNumber(kind.max)}. Nếu chưa có số liệu thì để trống: ô trống là "chưa báo cáo", không phải số 0.`,
      };
    case 'year':
      return {
        type: 'whole',
        min: FIRST_YEAR,
        max: LAST_YEAR,
        error: `Ghi năm bằng 4 chữ số, từ ${FIRST_YEAR} đến ${LAST_YEAR}, ví dụ 2026.`,
      };
    case 'date':
      return {
        type: 'date',
        min: `${FIRST_YEAR}-01-01`,
        max: `${LAST_YEAR}-12-31`,
        error: 'Ghi ngày theo dạng ngày/tháng/năm, ví dụ 17/08/2011.',
      };
    case 'id':
      return {
        type: 'textLength',
        max: kind.maxLength,
        error: `Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang, tối đa ${formatNumber(kind.maxLength)} ký tự, ví dụ HT.TC.`,
      };
    case 'text':
      return {
        type: 'textLength',
        max: kind.maxLength,
        error: `Tối đa ${formatNumber(kind.maxLength)} ký tự.`,
      };
    case 'term':
    case 'target':
      return undefined;
  }
}

function width(column: Column): number {
  const { kind } = column;
  const content =
    kind.type === 'enum'
      ? Math.max(...kind.values.map((v) => v.label.length))
      : kind.type === 'text'
        ? Math.min(kind.maxLength, 40)
        : kind.type === 'date'
          ? 12
          : 10;
  return Math.min(Math.max(content, column.label.length) + 2, 50);
}

function sheetColumns(
  schema: FileSchema,
  lists: ReadonlyMap<readonly EnumValue[], string>,
  checked: boolean,
): SheetColumn[] {
  return schema.columns.map((column) => {
    const numFmt = FORMATS[column.kind.type];
    const validation = checked ? validationOf(column, lists) : undefined;
    return {
      header: column.label,
      width: width(column),
      ...(numFmt === undefined ? {} : { numFmt }),
      note: `${column.required ? 'Bắt buộc' : 'Không bắt buộc'}; ${plain(kindText(column.kind))}. ${plain(column.doc)}`,
      ...(validation === undefined ? {} : { validation }),
    };
  });
}

/** A row of the instructions: up to five cells of text. */
type Line = readonly (string | undefined)[];

interface Instructions {
  readonly sheet: Sheet;
  /** Where each enumeration's values are listed on the sheet, for the drop-down lists. */
  readonly lists: ReadonlyMap<readonly EnumValue[], string>;
}

/** How to fill in and save the template; the accepted values of every list at its end. */
function instructions(purpose: readonly string[]): Instructions {
  const lines: Line[] = [];
  const headings = new Set<number>();
  const heading = (text: string) => {
    lines.push([]);
    headings.add(lines.length);
    lines.push([text]);
  };
  lines.push(...purpose.map((text) => [text]));
  heading('Cách điền');
  for (const text of [
    'Mỗi sheet (trang tính) là một bảng dữ liệu. Giữ nguyên tên các sheet và dòng tiêu đề (dòng 1): chương trình tìm bảng theo tên sheet và tìm cột theo tên cột.',
    'Điền từ dòng 2, mỗi dòng một đơn vị (với Đảng viên, Kết nạp đảng viên, Chi bộ: một đơn vị và một năm). Không để dòng trống xen giữa, không gộp ô.',
    'Ô trống nghĩa là "chưa báo cáo", không phải số 0: chỉ ghi 0 khi số liệu thật là 0.',
    'Số ghi là số nguyên, không có phần thập phân (Excel tự hiện 1.234). Năm ghi 4 chữ số. Ngày ghi ngày/tháng/năm, ví dụ 17/08/2011.',
    'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang (ví dụ HT.TC); cột mã để dạng văn bản nên mã 001 giữ nguyên số 0 ở đầu.',
    'Các cột có danh sách chọn (Cấp, Loại hình, Xếp loại, …): bấm vào ô rồi bấm mũi tên bên phải ô để chọn. Các giá trị được phép liệt kê ở cuối sheet này.',
    'Cột có ghi "Bắt buộc" phải có ở mọi dòng; các cột khác có thể để trống hoặc xóa cả cột. Đưa chuột vào tên cột để xem cột đó ghi gì.',
    'Sheet nào chưa có số liệu thì để trống (chỉ còn dòng tiêu đề) hoặc xóa sheet đó. Chỉ bảng Đơn vị là bắt buộc.',
  ]) {
    lines.push([`• ${text}`]);
  }
  heading('Cách lưu và dùng');
  for (const text of [
    'Lưu bằng Tệp (File) → Lưu thành (Save As) → kiểu "Excel Workbook (*.xlsx)". Không lưu dạng .xls (Excel 97–2003).',
    'Đặt tệp vào thư mục dữ liệu (data) rồi chạy "npm run build". Mỗi bảng chỉ được có ở một nơi: nếu đã có sheet Đảng viên trong tệp này thì xóa tệp members.csv khỏi thư mục.',
    'Sheet Hướng dẫn này không phải là dữ liệu và được bỏ qua khi đọc.',
  ]) {
    lines.push([`• ${text}`]);
  }
  heading('Các bảng');
  lines.push(['Sheet', 'Tệp CSV tương ứng', 'Bắt buộc', 'Nội dung']);
  headings.add(lines.length - 1);
  for (const schema of SCHEMAS) {
    lines.push([schema.title, schema.file, schema.required ? 'có' : 'không', schema.doc]);
  }
  heading('Các cột');
  lines.push(['Sheet', 'Cột', 'Bắt buộc', 'Kiểu', 'Ý nghĩa']);
  headings.add(lines.length - 1);
  for (const schema of SCHEMAS) {
    for (const c of schema.columns) {
      lines.push([schema.title, c.label, c.required ? 'có' : 'không', plain(kindText(c.kind)), plain(c.doc)]);
    }
  }
  heading('Các giá trị được phép (danh sách chọn)');
  const found = enumerations();
  lines.push(found.map((e) => e.columns.join(' / ')));
  headings.add(lines.length - 1);
  // The next line is the first value of each list; rows are numbered from 1.
  const first = lines.length + 1;
  const lists = new Map<readonly EnumValue[], string>();
  found.forEach((e, i) => {
    const letter = columnLetters(i + 1);
    lists.set(e.values, `${quotedSheet}!$${letter}$${first}:$${letter}$${first + e.values.length - 1}`);
  });
  const longest = Math.max(...found.map((e) => e.values.length));
  for (let i = 0; i < longest; i++) lines.push(found.map((e) => e.values[i]?.label));
  const widths = [32, 26, 26, 40, 60];
  return {
    sheet: {
      name: INSTRUCTIONS_SHEET,
      header: false,
      // No header row: the sheet is text from its first line.
      columns: Array.from({ length: Math.max(widths.length, found.length) }, (_, i) => ({
        header: '',
        width: widths[i] ?? 26,
      })),
      rows: lines,
      validatedRows: 0,
      headings,
    },
    lists,
  };
}

/** A table's sheet: the cleaned or pre-filled rows, checked as typed on `validatedRows` rows. */
function tableSheet(
  schema: FileSchema,
  rows: Sheet['rows'],
  lists: ReadonlyMap<readonly EnumValue[], string> | undefined,
  validatedRows: number,
): Sheet {
  return {
    name: schema.title,
    header: true,
    columns: sheetColumns(schema, lists ?? new Map(), lists !== undefined),
    rows,
    validatedRows,
  };
}

/** A cleaned row as typed cells in the schema's column order: enumerations by their Vietnamese label. */
export function typedCells(schema: FileSchema, row: Row): CellValue[] {
  return schema.columns.map((column) => {
    const value = row[column.key];
    if (value === undefined) return undefined;
    if (column.kind.type === 'date') return { date: String(value) };
    if (column.kind.type === 'enum') return labelOf(column.kind.values, String(value));
    return value;
  });
}

/** Cleaned rows as they come: held in memory, or handed over a chunk at a time. */
export type RowSource = Iterable<Row> | AsyncIterable<Row>;

async function* cleanedRows(schema: FileSchema, rows: RowSource): AsyncGenerator<CellValue[]> {
  for await (const row of rows) yield typedCells(schema, row);
}

const TEMPLATE_PURPOSE = [
  'Mẫu nhập liệu thống kê công tác xây dựng Đảng',
  'Tệp này dùng để nhập số liệu thay cho các tệp CSV: mỗi bảng của quy định dữ liệu là một sheet, với dòng tiêu đề, danh sách chọn, định dạng số và ngày sẵn có.',
];

/** The blank template: the instructions, then one empty sheet per table. */
export function templateWorkbook(rows: number = TEMPLATE_ROWS): Workbook {
  const { sheet, lists } = instructions(TEMPLATE_PURPOSE);
  return {
    file: TEMPLATE_FILE,
    sheets: [sheet, ...SCHEMAS.map((schema) => tableSheet(schema, [], lists, rows + 1))],
  };
}

/** The cleaned tables by file name (`cleanedTables`): what the data workbooks are made from. */
export type Tables = Readonly<Record<string, readonly Row[]>>;

/** The tables whose rows are one unit's figures of one year. */
const YEARLY = ['members.csv', 'admissions.csv', 'cells.csv'];

/** The latest year with figures; none when the data has units only. */
export function latestYear(tables: Tables): number | undefined {
  let latest: number | undefined;
  for (const file of YEARLY) {
    for (const row of tables[file] ?? []) {
      const year = row['year'];
      if (typeof year === 'number' && (latest === undefined || year > latest)) latest = year;
    }
  }
  return latest;
}

/**
 * What the next year's template holds besides the schemas: today's units (those not ended) as
 * cleaned, and for each yearly table the units that reported on it in the year before. The build
 * keys the file by it, so a changed figure does not make the template again.
 */
export interface NextYearContent {
  readonly year: number;
  readonly units: readonly Row[];
  readonly reported: Readonly<Record<string, readonly string[]>>;
}

export function nextYearContent(tables: Tables, year: number): NextYearContent {
  const units = (tables['units.csv'] ?? []).filter((unit) => unit['dissolved'] === undefined);
  const alive = new Set(units.map((unit) => String(unit['id'])));
  const reported = Object.fromEntries(
    YEARLY.map((file) => [
      file,
      (tables[file] ?? [])
        .filter((row) => row['year'] === year - 1 && alive.has(String(row['unit_id'])))
        .map((row) => String(row['unit_id'])),
    ]),
  );
  return { year, units, reported };
}

/**
 * The next year's template: today's units as they are, and on each yearly sheet a row for every
 * unit that reported on it in the latest year, with its id and the new year filled in and its
 * figures empty. No unit names beside the ids: the reader warns about a column it does not know,
 * so the names are on the units sheet only.
 */
export function nextYearWorkbook({ year, units, reported }: NextYearContent): Workbook {
  const { sheet, lists } = instructions([
    `Mẫu nhập số liệu năm ${year}`,
    `Sheet Đơn vị có các đơn vị hiện nay; các sheet Đảng viên, Kết nạp đảng viên, Chi bộ có sẵn một dòng cho mỗi đơn vị đã báo cáo năm ${year - 1}, với mã đơn vị và năm ${year}: chỉ cần điền số liệu. Tên đơn vị của mỗi mã xem ở sheet Đơn vị.`,
    `Khi đã điền xong, chép các dòng của từng sheet vào cuối bảng tương ứng của bộ dữ liệu (tệp CSV hoặc sheet cùng tên), hoặc dùng cả tệp này nếu bộ dữ liệu chỉ gồm năm ${year}.`,
  ]);
  const sheets = SCHEMAS.map((schema) => {
    if (schema === unitsSchema) {
      return tableSheet(schema, cleanedRows(schema, units), lists, units.length + SPARE_ROWS + 1);
    }
    const ids = reported[schema.file];
    if (ids === undefined) return tableSheet(schema, [], lists, TEMPLATE_ROWS + 1);
    const rows = ids.map((id) => typedCells(schema, { unit_id: id, year }));
    return tableSheet(schema, rows, lists, rows.length + SPARE_ROWS + 1);
  });
  return { file: nextYearFile(year), sheets: [sheet, ...sheets] };
}

/**
 * The date written inside every workbook: 31/12 of the latest year, the day the figures stand at,
 * never the clock, so that the same data gives the same bytes whenever it is built (a kept file
 * and a new one are alike). Data without figures takes the first date a zip file can hold.
 */
export function workbookDate(tables: Tables): Date {
  const latest = latestYear(tables);
  return new Date(latest === undefined ? Date.UTC(1980, 0, 1) : Date.UTC(latest, 11, 31));
}

/** The data dictionary as a sheet: every column of every table, as on /du-lieu/. */
function dictionarySheet(schemas: readonly FileSchema[]): Sheet {
  const headers = ['Sheet', 'Tệp CSV', 'Khóa', 'Tên cột', 'Kiểu', 'Bắt buộc', 'Ý nghĩa'];
  const widths = [28, 24, 22, 36, 40, 10, 80];
  return {
    name: DICTIONARY_SHEET,
    header: true,
    columns: headers.map((header, i) => ({ header, width: widths[i] ?? 20 })),
    rows: schemas.flatMap((schema) =>
      schema.columns.map((c) => [
        schema.title,
        schema.file,
        c.key,
        c.label,
        plain(kindText(c.kind)),
        c.required ? 'có' : 'không',
        plain(c.doc),
      ]),
    ),
    validatedRows: 0,
  };
}

/** The cleaned data: one sheet per table the data has, typed cells, and the dictionary last. */
export function dataWorkbook(tables: Readonly<Record<string, RowSource>>): Workbook {
  const schemas = SCHEMAS.filter((schema) => tables[schema.file] !== undefined);
  return {
    file: DATA_WORKBOOK,
    sheets: [
      ...schemas.map((schema) =>
        tableSheet(schema, cleanedRows(schema, tables[schema.file] ?? []), undefined, 0),
      ),
      dictionarySheet(schemas),
    ],
  };
}

/** The workbooks of this data, by file: what the build writes and the page links to. */
export function workbookFiles(tables: Tables): {
  readonly template: string;
  readonly nextYear?: { readonly file: string; readonly year: number };
  readonly data: string;
} {
  const latest = latestYear(tables);
  return {
    template: TEMPLATE_FILE,
    ...(latest === undefined ? {} : { nextYear: { file: nextYearFile(latest + 1), year: latest + 1 } }),
    data: DATA_WORKBOOK,
  };
}

/** A file's size as an office reads it: `12 KB`, `3,4 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  const tenths = Math.round((bytes / (1024 * 1024)) * 10);
  return `${formatNumber(Math.floor(tenths / 10))}${tenths % 10 === 0 ? '' : `,${tenths % 10}`} MB`;
}

export interface WorkbookDownload {
  readonly file: string;
  readonly title: string;
  /** `12 KB`; none where the build has not written it (`astro dev`). */
  readonly size?: string;
}

/** What /du-lieu/ offers of the workbooks, with their sizes as the build wrote them. */
export function workbookDownloads(
  tables: Tables,
  sizes: ReadonlyMap<string, number> = new Map(),
): { readonly data: WorkbookDownload; readonly templates: readonly WorkbookDownload[] } {
  const files = workbookFiles(tables);
  const entry = (file: string, title: string): WorkbookDownload => {
    const bytes = sizes.get(file);
    return { file, title, ...(bytes === undefined ? {} : { size: formatSize(bytes) }) };
  };
  return {
    data: entry(
      files.data,
      'Toàn bộ số liệu đã kiểm tra trong một tệp Excel: mỗi bảng một sheet, số là số, ngày là ngày, kèm sheet Từ điển dữ liệu',
    ),
    templates: [
      entry(
        files.template,
        'Mẫu nhập liệu trống: mỗi bảng một sheet với dòng tiêu đề, danh sách chọn, định dạng số và ngày, và sheet Hướng dẫn',
      ),
      ...(files.nextYear === undefined
        ? []
        : [
            entry(
              files.nextYear.file,
              `Mẫu nhập số liệu năm ${files.nextYear.year}: có sẵn các đơn vị hiện nay và một dòng cho mỗi đơn vị đã báo cáo năm ${files.nextYear.year - 1}, chỉ cần điền số liệu`,
            ),
          ]),
    ],
  };
}
