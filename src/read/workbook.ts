/**
 * Excel workbooks (contract part C): a table as `<name>.xlsx` (its first visible sheet), or any
 * workbook whose sheets are named by the tables' keys or Vietnamese titles. Each sheet becomes the
 * rows a CSV would have given (numbers and dates turned into the text the CSV path reads), so that
 * every check, message and limit is the CSV path's; only where a problem is differs: the problem
 * names the workbook, the sheet and the cell (see `placeProblems`).
 *
 * Read with fflate and a scanner of the parts' XML (xlsx-zip.ts, xlsx-xml.ts), not exceljs's
 * streaming reader: that one lost a part's data now and then (a race: a valid workbook refused as
 * damaged in 2 reads of 300 on a busy machine) and was about three times slower than the same
 * data as CSV (docs/performance.md).
 */
import { error, warning, type Problem } from '../problems.ts';
import { MAX_COLUMNS, MAX_ROWS, readRecords, type CsvTable, type SourceRecord } from './csv.ts';
import { normalizeHeader, type FileSchema } from './schema.ts';
import { SCHEMAS } from './schemas.ts';
import { formatCount, type Refusal } from './values.ts';
import {
  cellText,
  numberKinds,
  relationships,
  scanRows,
  sharedStrings,
  workbookPart,
  type NumberKind,
  type RawCell,
} from './xlsx-xml.ts';
import { Zip } from './xlsx-zip.ts';

/** Workbooks read: `.xlsm` is the same format with macros, which are never run, only skipped. */
export const WORKBOOK_FILE = /\.xls[xm]$/i;
/** Excel's lock file while a workbook is open (`~$du-lieu.xlsx`): not data. */
export const LOCK_FILE = /^~\$/;

export const SAVE_AS_XLSX =
  'Mở tệp bằng Excel, chọn Tệp › Lưu thành › Sổ làm việc Excel (*.xlsx), lưu vào thư mục dữ liệu rồi xóa (hoặc chuyển ra ngoài) tệp cũ.';

/** Spreadsheet files that are not read, and why: each is refused with how to save it as `.xlsx`. */
export const REFUSED_FORMATS: Readonly<Record<string, string>> = {
  '.xls': 'là bảng tính Excel 97–2003 (.xls), định dạng cũ không được đọc',
  '.xlsb': 'là sổ làm việc nhị phân của Excel (.xlsb), định dạng không được đọc',
  '.ods': 'là bảng tính OpenDocument (.ods, của LibreOffice), định dạng không được đọc',
};

/** One table found in a workbook: the sheet it came from and its rows. */
export interface WorkbookTable {
  /** The table's CSV name (`members.csv`): a cached read keeps names, not schema objects. */
  readonly file: string;
  readonly sheet: string;
  readonly table: CsvTable<FileSchema>;
}

export interface WorkbookRead {
  readonly tables: WorkbookTable[];
  /** Problems of the workbook itself (named by it); each table's own are in its `table`. */
  readonly problems: Problem[];
}

/** The table a sheet named `name` holds, by key (`members`) or title (`Đảng viên`, `dang vien`). */
export const tableOfSheet = (name: string): FileSchema | undefined => {
  const wanted = normalizeHeader(name);
  return SCHEMAS.find(
    (schema) =>
      normalizeHeader(schema.file.replace(/\.csv$/, '')) === wanted ||
      normalizeHeader(schema.title) === wanted,
  );
};

/** `members.xlsx`, `Đảng viên.xlsx` → members.csv's schema: a workbook named for the one table it holds. */
export const tableOfWorkbook = (name: string): FileSchema | undefined =>
  tableOfSheet(name.replace(WORKBOOK_FILE, ''));

/**
 * Sheets of instructions (the template's "Hướng dẫn") and the data dictionary (the cleaned data
 * workbook's "Từ điển dữ liệu") are not tables and not worth a warning: a downloaded workbook can
 * go straight back into the data folder.
 */
const INSTRUCTIONS = /^(huong dan|tu dien du lieu)/;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/** A zip file (an `.xlsx`, whatever its name says). */
const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP);

/** Office's encryption keeps the workbook in an OLE file as a stream named EncryptedPackage. */
const ENCRYPTED = Buffer.from('EncryptedPackage', 'utf16le');

const refusal = (message: string, english: string, fix: string, code?: string): Refusal => ({
  ok: false,
  message,
  english,
  fix,
  ...(code === undefined ? {} : { code }),
});

/** A number as the CSV path would read it: no grouping, no float noise, a decimal comma. */
const numberText = (n: number): string => String(Number(n.toPrecision(15))).replace('.', ',');

/** A whole number as Excel stores it (most cells: counts, years), already as the CSV path reads it. */
const WHOLE = /^-?[1-9]\d{0,14}$|^0$/;

/** `17/08/2011`: as Vietnamese Excel shows a date, and as the CSV path reads one. */
const shownDate = (iso: string): string => {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
};

/**
 * A date's serial number as an ISO date: Excel counts days from 30/12/1899 in the 1900 system
 * (every Excel for Windows), from 01/01/1904 in the 1904 system (old Excel for Mac).
 */
const serialDate = (serial: number, date1904: boolean): string | undefined => {
  const date = new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** What a workbook's cells need besides themselves to be read. */
interface Book {
  readonly strings: readonly string[];
  readonly kinds: readonly NumberKind[];
  readonly date1904: boolean;
}

/** A cell read: its text, or why it cannot be read with the text that messages quote (`#REF!`, `=C4/0`). */
type Read = { readonly text: string; readonly date?: boolean; readonly flaw?: Refusal };

const UNREADABLE = refusal(
  'chứa một giá trị không đọc được (không phải chữ, số hay ngày tháng)',
  'unreadable cell value',
  'Gõ lại giá trị của ô này (chữ, số hoặc ngày tháng), hoặc để trống nếu chưa có số liệu.',
  'unreadable-cell',
);

/** An error value (`#REF!`), typed or the result of a formula. */
const formulaError = (code: string): Refusal =>
  refusal(
    `chứa lỗi công thức ${code}`,
    `formula error ${code}`,
    'Sửa công thức trong ô này (thường do xóa mất ô, trang tính hoặc tệp mà công thức tham chiếu tới), hoặc gõ giá trị thay cho công thức; nếu chưa có số liệu thì để trống.',
    'formula-error',
  );

/** Excel saves every formula with its value (an error too): one without was never computed. */
const UNCOMPUTED = refusal(
  'chứa công thức không có giá trị: công thức chưa được tính (tệp chưa được lưu bằng Excel)',
  'formula without a cached value',
  'Mở tệp bằng Excel rồi lưu lại để Excel tính giá trị của công thức; nếu ô hiện lỗi, sửa công thức hoặc gõ giá trị thay cho công thức. Nếu chưa có số liệu thì để trống.',
  'formula-error',
);

/** A cell as stored → the text a CSV would hold, or why it cannot be read; undefined when empty. */
function readCell(cell: RawCell, book: Book): Read | undefined {
  const { type, value, formula } = cell;
  const shownFormula = formula ? `=${formula}` : '';
  if (type === 'e') return { text: shownFormula || (value ?? ''), flaw: formulaError(value ?? '#N/A') };
  if (type === 'inlineStr' || (type === undefined && value === undefined && cell.inline !== undefined)) {
    return { text: cell.inline ?? cellText(value ?? '') };
  }
  if (type === 'str') {
    return value === undefined ? { text: shownFormula, flaw: UNCOMPUTED } : { text: cellText(value) };
  }
  if (value === undefined || value === '') {
    return formula === undefined ? undefined : { text: shownFormula, flaw: UNCOMPUTED };
  }
  if (type === 's') {
    const text = book.strings[Number(value)];
    return text === undefined ? { text: '', flaw: UNREADABLE } : { text };
  }
  if (type === 'b') return { text: value === '1' || value === 'true' ? 'có' : 'không' };
  if (type === 'd') {
    // Strict Open XML's dates: ISO text (`2011-08-17T00:00:00`).
    return /^\d{4}-\d\d-\d\d/.test(value)
      ? { text: shownDate(value), date: true }
      : { text: value, flaw: UNREADABLE };
  }
  const n = Number(value);
  if (!Number.isFinite(n)) return { text: value, flaw: UNREADABLE };
  const kind = book.kinds[cell.style];
  if (kind === 'date') {
    const iso = serialDate(n, book.date1904);
    return iso === undefined ? { text: value, flaw: UNREADABLE } : { text: shownDate(iso), date: true };
  }
  if (kind === 'percent') return { text: `${numberText(n * 100)}%` };
  // toPrecision is a third of the reading time when every number goes through it.
  return { text: WHOLE.test(value) ? value : numberText(n) };
}

const visible = (state: string | undefined) => state !== 'hidden' && state !== 'veryHidden';

/**
 * Rows of one sheet as a CSV would give them; stops at the row or column limit. Every row after
 * the header is as wide as it, as a CSV's rows are: Excel does not store the empty cells at a
 * row's end. A cell beyond the header (data in a column without a name) keeps its row longer,
 * and the CSV path's column-count check reports it.
 */
function sheetRecords(zip: Zip, part: string, book: Book, file: string, problems: Problem[]): SourceRecord[] {
  const records: SourceRecord[] = [];
  let width: number | undefined;
  scanRows(zip, part, (row) => {
    const cells: string[] = [];
    const flaws = new Map<number, Refusal>();
    const dates = new Set<number>();
    let wide = 0;
    for (const cell of row.cells) {
      const { column } = cell;
      if (column > MAX_COLUMNS) {
        wide = Math.max(wide, column);
        continue;
      }
      const read = readCell(cell, book);
      if (read === undefined) continue;
      wide = Math.max(wide, column);
      while (cells.length < column - 1) cells.push('');
      cells[column - 1] = read.text;
      if (read.flaw) flaws.set(column - 1, read.flaw);
      if (read.date === true) dates.add(column - 1);
    }
    if (wide > MAX_COLUMNS) {
      problems.push(
        error({
          code: 'too-many-columns',
          file,
          line: row.number,
          message: `dòng này có ô ở cột ${formatCount(wide)}, quá giới hạn ${MAX_COLUMNS} cột của một bảng dữ liệu (các bảng theo quy định có dưới 20 cột), nên trang tính không được đọc tiếp`,
          english: `row has a cell in column ${wide}, more than the limit of ${MAX_COLUMNS}`,
          fix: 'Xóa các cột thừa ở bên phải bảng: chọn các cột đó, bấm chuột phải › Xóa (Delete), rồi lưu lại.',
        }),
      );
      return false;
    }
    if (records.length > MAX_ROWS) {
      problems.push(
        error({
          code: 'too-many-rows',
          file,
          line: row.number,
          message: `trang tính có hơn ${formatCount(MAX_ROWS)} dòng số liệu, quá giới hạn của một bảng dữ liệu, nên không được đọc tiếp từ dòng này`,
          english: `more than ${MAX_ROWS} data rows`,
          fix: 'Kiểm tra đã chọn đúng trang tính chưa: số liệu 10 năm của 52.000 tổ chức cơ sở đảng (cả nước) chỉ khoảng 520.000 dòng. Nếu đúng, xóa các dòng lặp lại hoặc không thuộc quy định.',
        }),
      );
      return false;
    }
    if (cells.length === 0 && flaws.size === 0) return true;
    // The header is the first row with something in it, as in a CSV.
    if (width === undefined && cells.some((cell) => cell.trim() !== '')) width = cells.length;
    while (width !== undefined && cells.length < width) cells.push('');
    records.push({
      cells,
      line: row.number,
      ...(flaws.size > 0 ? { flaws } : {}),
      ...(dates.size > 0 ? { dates } : {}),
    });
    return true;
  });
  return records;
}

/** Why bytes that are not a zip cannot be a workbook, in the words of a problem. */
function notAZip(bytes: Uint8Array, name: string): Problem {
  const encrypted =
    startsWith(bytes, OLE) &&
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED);
  if (encrypted) {
    return error({
      code: 'encrypted-workbook',
      file: name,
      message: 'sổ làm việc được đặt mật khẩu (mã hóa), nên không đọc được',
      english: 'password-protected (encrypted) workbook',
      fix: 'Mở tệp bằng Excel, chọn Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại dạng Sổ làm việc Excel (*.xlsx).',
    });
  }
  if (startsWith(bytes, OLE)) {
    return error({
      code: 'old-excel-format',
      file: name,
      message: 'thực chất là bảng tính Excel 97–2003 (.xls) được đổi tên, định dạng cũ không được đọc',
      english: 'an Excel 97-2003 workbook renamed',
      fix: SAVE_AS_XLSX,
    });
  }
  return notAWorkbook(name, undefined);
}

const notAWorkbook = (name: string, cause: Error | undefined): Problem =>
  error({
    code: 'corrupt-workbook',
    file: name,
    message: `tệp không phải sổ làm việc Excel (.xlsx) hoặc đã bị hỏng, nên không đọc được${
      cause === undefined ? '' : ` (${cause.message})`
    }`,
    english: 'not an .xlsx file, or a damaged one',
    fix: 'Mở tệp bằng Excel; nếu mở được, lưu lại dạng Sổ làm việc Excel (*.xlsx). Nếu không, lấy lại bản tệp còn tốt (bản gửi qua thư, bản sao lưu).',
  });

/**
 * The tables a workbook holds. `name` is the workbook's file name: `<table>.xlsx` holds that
 * table in its first visible sheet; any other name holds tables in sheets named for them.
 * Read at once (the bytes are in memory); a promise still, as its callers await it.
 */
export function readWorkbookBytes(bytes: Uint8Array, name: string): Promise<WorkbookRead> {
  if (!isZip(bytes)) return Promise.resolve({ tables: [], problems: [notAZip(bytes, name)] });
  try {
    return Promise.resolve(readZip(new Zip(bytes), name));
  } catch (cause) {
    return Promise.resolve({
      tables: [],
      problems: [notAWorkbook(name, cause instanceof Error ? cause : undefined)],
    });
  }
}

/** The workbook part when the package's relationships do not say where it is: Excel puts it here. */
const WORKBOOK_PART = 'xl/workbook.xml';

function readZip(zip: Zip, name: string): WorkbookRead {
  const problems: Problem[] = [];
  const rootRels = zip.text('_rels/.rels');
  const main =
    (rootRels === undefined
      ? undefined
      : [...relationships(rootRels, '').values()].find((r) => r.type === 'officeDocument')?.part) ??
    WORKBOOK_PART;
  const workbookXml = zip.text(main);
  // A zip without a workbook part: an .ods or a .docx renamed, say.
  if (workbookXml === undefined) return { tables: [], problems: [notAWorkbook(name, undefined)] };
  const folder = main.replace(/[^/]*$/, '');
  const rels = relationships(zip.text(`${folder}_rels/${main.slice(folder.length)}.rels`) ?? '', folder);
  const partOf = (type: string) => [...rels.values()].find((r) => r.type === type)?.part;
  const stringsPart = partOf('sharedStrings');
  const stylesPart = partOf('styles');
  const { sheets, date1904 } = workbookPart(workbookXml);
  const book: Book = {
    strings: stringsPart === undefined ? [] : sharedStrings(zip.text(stringsPart) ?? ''),
    kinds: stylesPart === undefined ? [] : numberKinds(zip.text(stylesPart) ?? ''),
    date1904,
  };
  // Chart sheets and macro sheets hold no table.
  const worksheets = sheets.flatMap((sheet) => {
    const rel = rels.get(sheet.id);
    return rel?.type === 'worksheet' ? [{ ...sheet, part: rel.part }] : [];
  });
  const firstVisible = worksheets.find((sheet) => visible(sheet.state));
  const single = tableOfWorkbook(name);
  const tables: WorkbookTable[] = [];
  const hidden: string[] = [];
  const unknown: string[] = [];
  for (const sheet of worksheets) {
    const schema = single ? (sheet === firstVisible ? single : undefined) : tableOfSheet(sheet.name);
    if (!visible(sheet.state)) {
      if (schema ?? (single && tables.length === 0)) hidden.push(sheet.name);
    } else if (schema) {
      const own: Problem[] = [];
      const records = sheetRecords(zip, sheet.part, book, schema.file, own);
      tables.push({ file: schema.file, sheet: sheet.name, table: readRecords(records, schema, own) });
    } else if (!single && !INSTRUCTIONS.test(normalizeHeader(sheet.name))) {
      unknown.push(sheet.name);
    }
  }
  for (const sheet of hidden) {
    problems.push(
      warning({
        code: 'hidden-sheet',
        file: name,
        sheet,
        message: 'trang tính này đang bị ẩn nên không được đọc',
        english: 'hidden sheet, not read',
        fix: 'Nếu trang tính này chứa dữ liệu cần công bố, bỏ ẩn nó: bấm chuột phải vào tên một trang tính › Bỏ ẩn (Unhide), chọn trang tính này rồi lưu lại.',
      }),
    );
  }
  for (const sheet of unknown) {
    problems.push(
      warning({
        code: 'unknown-sheet',
        file: name,
        sheet,
        message: 'tên trang tính không phải tên bảng dữ liệu nào, nên trang tính này không được đọc',
        english: 'sheet name matches no table, not read',
        fix: `Nếu trang tính này chứa dữ liệu, đổi tên nó (bấm đúp vào tên trang tính) thành tên một bảng: ${SCHEMAS.map(
          (s) => `${s.title} (${s.file.replace(/\.csv$/, '')})`,
        ).join(', ')}.`,
      }),
    );
  }
  if (single && tables.length === 0) {
    problems.push(
      error({
        code: 'empty-file',
        file: name,
        message: 'sổ làm việc không có trang tính nào đang hiện để đọc',
        english: 'no visible sheet',
        fix: `Bỏ ẩn trang tính chứa bảng ${single.title}, hoặc xóa tệp ${name} nếu không dùng.`,
      }),
    );
  }
  return { tables, problems };
}

/** Where a table read from a workbook came from, for the messages about its rows. */
export interface SheetPlace {
  readonly workbook: string;
  readonly sheet: string;
}

/**
 * Problems about rows of tables read from workbooks, named by the workbook and the sheet instead
 * of the table's CSV name: every check reports `members.csv` and a row number, and this is the one
 * place that says where that row is. Their words say it too: "sửa ngày giải thể trong units.csv"
 * sends an office to a file it does not have.
 */
export function placeProblems(
  problems: readonly Problem[],
  places: ReadonlyMap<string, SheetPlace>,
): Problem[] {
  if (places.size === 0) return [...problems];
  // Longest first, and never inside another name: restructuring_units.csv is not units.csv.
  const names = [...places.keys()].sort((a, b) => b.length - a.length);
  const mention = new RegExp(
    `(?<![\\w.-])(${names.map((n) => n.replaceAll('.', '\\.')).join('|')})(?![\\w])`,
    'g',
  );
  const inPlace = (text: string) =>
    text.replace(mention, (name) => {
      const place = places.get(name) as SheetPlace;
      return `${place.workbook} › ${place.sheet}`;
    });
  return problems.map((p) => {
    const place = p.sheet === undefined ? places.get(p.file) : undefined;
    return {
      ...p,
      ...(place && { file: place.workbook, sheet: place.sheet }),
      message: inPlace(p.message),
      ...(p.fix !== undefined && { fix: inPlace(p.fix) }),
    };
  });
}
