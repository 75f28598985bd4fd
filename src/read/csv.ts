import { CsvError, parse } from 'csv-parse/sync';
import { error, quoteValue, warning, type Problem } from '../problems.ts';
import { PERSONAL_DATA_FIX, personalColumn, personalValue } from './privacy.ts';
import { columnNames, normalizeHeader, type Column, type FileSchema, type RowOf } from './schema.ts';
import { formatCount, parseCell, refuseBidi, type Refusal } from './values.ts';

/**
 * The contract's widest file has under 20 columns. A row with more cells than this is a
 * spreadsheet gone wrong, and reading on would fill the memory before the file ends (a sheet of
 * 100,000 columns did): the file is refused at that row.
 */
export const MAX_COLUMNS = 200;

/**
 * Data rows read from one file. The whole country's 52,000 grassroots organizations over 10
 * years are 520,000 rows; 5.7 million rows (a 64 MB file of short rows) ran the build out of
 * memory while 1 million did not.
 */
export const MAX_ROWS = 1_000_000;

export interface CsvTable<S extends FileSchema> {
  readonly rows: RowOf<S>[];
  /** 1-based column number of each key present in the header, for messages. */
  readonly columns: ReadonlyMap<string, number>;
  readonly problems: Problem[];
  /**
   * Rows refused for a bad cell, with the cells that did parse. Later checks use their ids so
   * that one bad cell in units.csv is not also reported as "unknown unit" on every row that
   * refers to that unit.
   */
  readonly rejected: Readonly<Record<string, unknown>>[];
}

/** Excel in the Vietnamese locale writes `;`; Excel's "Unicode Text" writes tabs. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/** One row as read, before typing: a CSV line, or a row of a sheet (see workbook.ts). */
export interface SourceRecord {
  readonly cells: readonly string[];
  /** The line of the CSV, or the row number in the sheet. */
  readonly line: number;
  /** Cells refused while being read (a formula's error value), by index. */
  readonly flaws?: ReadonlyMap<number, Refusal>;
  /** Cells that were dates in the workbook, by index: a count or a year is never a date. */
  readonly dates?: ReadonlySet<number>;
}

type CsvRecord = SourceRecord & { readonly cells: string[] };

const DATE_IN_NUMBER_COLUMN: Refusal = {
  ok: false,
  code: 'date-in-number-column',
  message: 'là ngày tháng nhưng cột này phải là số',
  english: 'is a date, the column holds numbers',
  fix: 'Trong Excel, chọn ô này, vào Trang đầu › Số › chọn Chung (General) rồi gõ lại số; nếu chưa có số liệu thì để trống.',
};

/** Thrown from inside csv-parse to stop it at once, with the problem that says why. */
class StopReading extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** A cell refused, quoted as every message quotes a value. */
function refusedCell(
  file: string,
  line: number,
  index: number,
  key: string | undefined,
  raw: string,
  refusal: Refusal,
  code: string,
): Problem {
  return error({
    code: refusal.code ?? code,
    file,
    line,
    column: index + 1,
    ...(key === undefined ? {} : { key }),
    value: quoteValue(raw),
    message: refusal.message,
    english: key === undefined ? refusal.english : `${key} ${refusal.english}`,
    fix: refusal.fix,
  });
}

function parseRecords(
  text: string,
  file: string,
  problems: Problem[],
): { records: CsvRecord[]; delimiter: string } {
  const delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
  const records: CsvRecord[] = [];
  let lastLine = 0;
  // Records are kept as they are parsed (`on_record`), so that an error halfway through the
  // file still leaves every earlier row read and checked, and its line number known.
  const keep = ({ record, info }: { record: string[]; info: { lines: number } }) => {
    // csv-parse reports the line a record ends on; messages need the line it starts on. The
    // only line breaks inside a record are those inside its quoted cells, so count them there
    // (asking csv-parse for each record's raw text cost a quarter of the reading time).
    let inner = 0;
    for (const cell of record) if (cell.includes('\n')) inner += cell.split('\n').length - 1;
    const line = info.lines - inner;
    lastLine = info.lines;
    // Rows of empty cells are ignored (Excel writes thousands when formatting reached far down).
    if (record.every((cell) => cell.trim() === '')) return null;
    if (record.length > MAX_COLUMNS) {
      throw new StopReading(
        error({
          code: 'too-many-columns',
          file,
          line,
          message: `dòng này có ${formatCount(record.length)} ô, quá giới hạn ${MAX_COLUMNS} cột của một tệp dữ liệu (các tệp theo quy định có dưới 20 cột), nên tệp không được đọc tiếp`,
          english: `row has ${record.length} cells, more than the limit of ${MAX_COLUMNS}`,
          fix: 'Xóa các cột thừa: trong Excel, chọn các cột không thuộc quy định (thường là cột trống ở bên phải bảng), bấm chuột phải → Xóa (Delete), rồi lưu lại dạng CSV UTF-8.',
        }),
      );
    }
    // The header is one of the records.
    if (records.length > MAX_ROWS) {
      throw new StopReading(
        error({
          code: 'too-many-rows',
          file,
          line,
          message: `tệp có hơn ${formatCount(MAX_ROWS)} dòng số liệu, quá giới hạn của một tệp dữ liệu, nên không được đọc tiếp từ dòng này`,
          english: `more than ${MAX_ROWS} data rows`,
          fix: 'Kiểm tra đã chọn đúng tệp chưa: số liệu 10 năm của 52.000 tổ chức cơ sở đảng (cả nước) chỉ khoảng 520.000 dòng. Nếu đúng, xóa các dòng lặp lại hoặc không thuộc quy định, rồi lưu lại dạng CSV UTF-8.',
        }),
      );
    }
    records.push({ cells: record, line });
    return null;
  };
  try {
    parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: keep as never,
    });
  } catch (cause) {
    if (cause instanceof StopReading) {
      problems.push(cause.problem);
      return { records, delimiter };
    }
    if (!(cause instanceof CsvError)) throw cause;
    // The broken record starts on the first non-blank line after the last good one.
    const lines = text.split(/\r\n|\n|\r/);
    let line = lastLine + 1;
    while (line < lines.length && (lines[line - 1] ?? '').trim() === '') line += 1;
    const unclosed = cause.code === 'CSV_QUOTE_NOT_CLOSED';
    problems.push(
      error({
        code: unclosed ? 'unclosed-quote' : 'csv-syntax',
        file,
        line,
        message: unclosed
          ? 'có dấu ngoặc kép (") mở ở dòng này nhưng không được đóng, nên từ dòng này đến cuối tệp không đọc được'
          : `dấu ngoặc kép (") ở dòng này đặt sai chỗ, nên từ dòng này đến cuối tệp không đọc được (${cause.code})`,
        english: unclosed ? 'unclosed quote' : `CSV syntax error ${cause.code}`,
        fix: 'Mở tệp bằng Excel hoặc trình soạn thảo, tìm ô ở dòng này có dấu " thừa hoặc thiếu (một ô có dấu " phải bắt đầu và kết thúc bằng dấu "), sửa rồi lưu lại dạng CSV.',
      }),
    );
  }
  return { records, delimiter };
}

function matchHeader(
  header: readonly string[],
  schema: FileSchema,
  file: string,
  problems: Problem[],
): Map<number, Column> {
  const byName = new Map<string, Column>();
  for (const column of schema.columns) {
    for (const name of columnNames(column)) byName.set(name, column);
  }
  const mapped = new Map<number, Column>();
  const seen = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = normalizeHeader(raw.normalize('NFC'));
    if (name === '') return;
    const bidi = refuseBidi(raw);
    if (bidi) {
      problems.push(refusedCell(file, 1, index, undefined, raw, bidi, 'bidi-character'));
      return;
    }
    const column = byName.get(name);
    const personal = column ? undefined : personalColumn(raw);
    if (personal) {
      problems.push(
        error({
          code: 'personal-data-column',
          file,
          line: 1,
          column: index + 1,
          value: quoteValue(raw),
          message: `cột này có vẻ chứa thông tin cá nhân (${personal.what}). Dữ liệu cá nhân không bao giờ được công bố; chỉ được dùng số liệu tổng hợp`,
          english: `column seems to hold personal data (${personal.english}); only aggregated figures are allowed`,
          fix: PERSONAL_DATA_FIX,
        }),
      );
      return;
    }
    if (!column) {
      problems.push(
        warning({
          code: 'unknown-column',
          file,
          line: 1,
          column: index + 1,
          value: quoteValue(raw),
          message: 'là cột không có trong quy định dữ liệu, bị bỏ qua',
          english: 'unknown column, ignored',
          fix: `Nếu đây là lỗi chính tả, sửa tên cột. Các cột của ${file}: ${schema.columns
            .map((c) => `${c.key} (${c.label})`)
            .join(', ')}.`,
        }),
      );
      return;
    }
    const previous = seen.get(column.key);
    if (previous !== undefined) {
      problems.push(
        error({
          code: 'duplicate-column',
          file,
          line: 1,
          column: index + 1,
          key: column.key,
          value: quoteValue(raw),
          message: `trùng với cột ${previous + 1}: cùng một cột xuất hiện hai lần`,
          english: 'duplicate column',
          fix: 'Xóa một trong hai cột.',
        }),
      );
      return;
    }
    seen.set(column.key, index);
    mapped.set(index, column);
  });
  for (const column of schema.columns) {
    if (column.required && !seen.has(column.key)) {
      problems.push(
        error({
          code: 'missing-column',
          file,
          line: 1,
          key: column.key,
          message: `thiếu cột bắt buộc "${column.label}"`,
          english: `required column ${column.key} is missing`,
          fix: `Thêm cột tiêu đề "${column.key}" hoặc "${column.label}" vào dòng đầu tiên.`,
        }),
      );
    }
  }
  return mapped;
}

/** Reads one CSV text against its schema: typed rows, and a problem for every bad cell. */
export function readCsvText<S extends FileSchema>(text: string, schema: S): CsvTable<S> {
  const problems: Problem[] = [];
  const { records } = parseRecords(text, schema.file, problems);
  return readRecords(records, schema, problems);
}

/**
 * Types rows as read (from a CSV or a sheet) against their schema; `problems` holds what reading
 * them found already, and receives a problem for every bad cell.
 */
export function readRecords<S extends FileSchema>(
  records: readonly SourceRecord[],
  schema: S,
  problems: Problem[],
): CsvTable<S> {
  const file = schema.file;
  // The header is the first row with something in it: Excel leaves blank lines of spaces above.
  const first = records.findIndex(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const [header, ...body] = first < 0 ? [] : records.slice(first);
  if (!header) {
    // A file stopped at its first row (unclosed quote, too many columns) already says why.
    if (problems.length > 0) return { rows: [], columns: new Map(), problems, rejected: [] };
    problems.push(
      error({
        code: 'empty-file',
        file,
        message: 'tệp rỗng, không có dòng tiêu đề',
        english: 'empty file',
        fix: 'Xuất lại tệp từ bảng tính, dòng đầu tiên là tên các cột.',
      }),
    );
    return { rows: [], columns: new Map(), problems, rejected: [] };
  }
  const mapped = matchHeader(header.cells, schema, file, problems);
  const columns = new Map([...mapped].map(([index, column]) => [column.key, index + 1]));
  if (problems.some((p) => p.code === 'missing-column' || p.code === 'duplicate-column')) {
    return { rows: [], columns, problems, rejected: [] };
  }
  const width = header.cells.length;
  // Every row starts from one object holding all the columns, so that setting a cell changes no
  // property layout: V8 turns a row given its 19 columns one by one by name (members.csv) into a
  // dictionary, 4× the memory (10,000 units: 77 MiB instead of 15 MiB, read without the cache).
  const template = Object.fromEntries([
    ['line', 0],
    ...[...mapped.values(), ...schema.columns].map((column) => [column.key, undefined]),
  ]) as Record<string, unknown>;
  const rows: RowOf<S>[] = [];
  const rejected: Record<string, unknown>[] = [];
  const miscounted: { line: number; count: number }[] = [];
  let dataRows = 0;
  for (const { cells, line, flaws, dates } of body) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    dataRows += 1;
    if (cells.length !== width) {
      miscounted.push({ line, count: cells.length });
      // The ids before any shifted cell are still where the header says: keep them for later checks.
      const partial: Record<string, unknown> = { line };
      for (const [index, column] of mapped) {
        const parsed =
          column.kind.type === 'id' && index < cells.length
            ? parseCell(cells[index] ?? '', column)
            : undefined;
        if (parsed?.ok && parsed.value !== undefined) partial[column.key] = parsed.value;
      }
      rejected.push(partial);
      continue;
    }
    const row: Record<string, unknown> = { ...template, line };
    let valid = true;
    for (const [index, column] of mapped) {
      const raw = cells[index] ?? '';
      const numeric = column.kind.type === 'count' || column.kind.type === 'year';
      const parsed =
        flaws?.get(index) ?? (numeric && dates?.has(index) ? DATE_IN_NUMBER_COLUMN : parseCell(raw, column));
      if (!parsed.ok) {
        valid = false;
        problems.push(
          refusedCell(file, line, index, column.key, raw.trim(), parsed, `invalid-${column.kind.type}`),
        );
      } else if (parsed.value === undefined && column.required) {
        valid = false;
        problems.push(
          error({
            code: 'missing-value',
            file,
            line,
            column: index + 1,
            key: column.key,
            value: '',
            message: `thiếu giá trị bắt buộc "${column.label}"`,
            english: `${column.key} is required`,
            fix: 'Điền giá trị cho ô này, hoặc xóa cả dòng nếu dòng này không cần.',
          }),
        );
      } else {
        row[column.key] = parsed.value;
        const personal =
          column.kind.type === 'text' && typeof parsed.value === 'string'
            ? personalValue(parsed.value)
            : undefined;
        if (personal) {
          valid = false;
          problems.push(
            error({
              code: 'personal-data-value',
              file,
              line,
              column: index + 1,
              key: column.key,
              value: personal.masked,
              message: `ô này có vẻ chứa ${personal.what} của một người. Thông tin cá nhân không bao giờ được công bố`,
              english: `cell seems to hold ${personal.english}`,
              fix: PERSONAL_DATA_FIX,
            }),
          );
        }
      }
    }
    // Rows with a bad cell are dropped: the build stops on errors anyway, and later checks
    // then see only well-typed rows instead of reporting the same cell twice.
    if (valid) rows.push(row as RowOf<S>);
    else rejected.push(row);
  }
  problems.push(...columnCountProblems(file, width, dataRows, miscounted));
  return { rows, columns, problems, rejected };
}

/**
 * Rows whose cell count differs from the header's. When most data rows are off by the same
 * amount the header itself is wrong (a column added or deleted there only): one error on line 1
 * says so, instead of one per row; rows off by another amount are still listed one by one.
 */
function columnCountProblems(
  file: string,
  width: number,
  dataRows: number,
  miscounted: readonly { line: number; count: number }[],
): Problem[] {
  const byCount = new Map<number, { line: number; count: number }[]>();
  for (const row of miscounted) byCount.set(row.count, [...(byCount.get(row.count) ?? []), row]);
  const common = [...byCount.values()].find((rows) => rows.length >= 3 && rows.length * 2 > dataRows);
  const first = common?.[0];
  const last = common?.at(-1);
  const header: Problem[] =
    first && last && common
      ? [
          error({
            code: 'column-count',
            file,
            line: 1,
            message: `dòng tiêu đề có ${width} cột nhưng ${common.length === dataRows ? 'cả' : `${common.length} trên`} ${dataRows} dòng số liệu (từ dòng ${first.line} đến dòng ${last.line}) có ${first.count} ô`,
            english: `header has ${width} columns but ${common.length} of ${dataRows} data rows have ${first.count} cells`,
            fix:
              first.count < width
                ? 'Dòng tiêu đề có tên cột thừa: xóa tên cột đó ở dòng 1, hoặc bổ sung cột đó cho mọi dòng số liệu.'
                : 'Dòng tiêu đề thiếu tên cột: đặt tên cho cột còn trống ở dòng 1, hoặc xóa cột thừa ở các dòng số liệu.',
          }),
        ]
      : [];
  return [
    ...header,
    ...miscounted
      .filter((row) => row.count !== first?.count)
      .map(({ line, count }) =>
        error({
          code: 'column-count',
          file,
          line,
          message: `có ${count} ô nhưng dòng tiêu đề có ${width} cột`,
          english: `row has ${count} cells, header has ${width}`,
          fix:
            count > width
              ? 'Có thể một ô chứa dấu phân cách (dấu phẩy hoặc chấm phẩy): đặt ô đó trong dấu ngoặc kép, hoặc xóa ô thừa.'
              : 'Bổ sung các ô còn thiếu (để trống nếu chưa có số liệu).',
        }),
      ),
  ];
}
