import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { loadCached } from '../src/build/cache.ts';
import { load } from '../src/build/project.ts';
import { qualityRows } from '../src/present/data-quality.ts';
import { columnLetters, formatProblem, omittedText, sampleProblems, type Problem } from '../src/problems.ts';
import { placeProblems, readWorkbookBytes } from '../src/read/workbook.ts';
import { tempDir, UNITS } from './helpers.ts';

/** A sheet as a test states it: its name, rows of cell values, and anything else to set on it. */
interface Sheet {
  readonly name: string;
  readonly rows: readonly (readonly unknown[])[];
  readonly state?: 'visible' | 'hidden' | 'veryHidden';
  readonly edit?: (sheet: ExcelJS.Worksheet) => void;
}

/** A workbook's bytes, made with exceljs as Excel would save it. */
async function workbook(sheets: readonly Sheet[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const { name, rows, state = 'visible', edit } of sheets) {
    const sheet = book.addWorksheet(name, { state });
    for (const row of rows) sheet.addRow([...row]);
    edit?.(sheet);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const UNIT_ROWS = UNITS.split('\n').map((line) => line.split(','));

/** A data folder holding these files (text or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('workbook-');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const errorsOf = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');
const printed = (problems: readonly Problem[]) => problems.map(formatProblem);

/** The units as a sheet and a members sheet with these rows under its header. */
const withMembers = (...rows: unknown[][]): Sheet[] => [
  { name: 'Đơn vị', rows: UNIT_ROWS },
  { name: 'Đảng viên', rows: [['unit_id', 'year', 'members', 'women'], ...rows] },
];

describe('cells become what the CSV path reads', () => {
  test.each([
    ['a number cell', 1234, 1234],
    ['a number typed as text, grouped', '1.234', 1234],
    ['a number the sum of a formula, by its cached value', { formula: 'B3*2', result: 60 }, 60],
    ['rich text', { richText: [{ text: '1' }, { text: '2', font: { bold: true } }] }, 12],
    ['an empty cell, not reported', null, undefined],
  ])('%s', async (_name, cell, expected) => {
    const dir = folder({ 'du-lieu.xlsx': await workbook(withMembers(['G1', 2024, 30, cell])) });
    const { data, problems } = await load(dir);
    expect(errorsOf(problems)).toEqual([]);
    expect(data.members[0]?.women).toBe(expected);
  });

  test('a whole-number column refuses a fraction, naming the cell', async () => {
    const dir = folder({ 'du-lieu.xlsx': await workbook(withMembers(['G1', 2024, 30, 12.5])) });
    expect(printed(errorsOf((await load(dir)).problems))).toEqual([
      expect.stringMatching(
        /^du-lieu\.xlsx › Đảng viên › D2 cột women: "12,5" không phải số nguyên không âm/,
      ),
    ]);
  });

  test.each([
    ['float noise is gone', 0.1 + 0.2, undefined, '0,3'],
    ['a percentage cell reads as a percentage', 0.905, '0.0%', '90,5%'],
  ])('term targets: %s', async (_name, value, format, expected) => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        { name: 'units', rows: UNIT_ROWS },
        {
          name: 'Chỉ tiêu nhiệm kỳ',
          rows: [
            ['unit_id', 'term', 'measure', 'target'],
            ['D1', '2020-2025', 'grassroots_good_share', value],
          ],
          edit: (sheet) => {
            if (format) sheet.getCell('D2').numFmt = format;
          },
        },
      ]),
    });
    const { data } = await load(dir);
    expect(data.termTargets[0]?.target).toBe(expected);
  });

  test('hyperlinks read as their text', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        {
          name: 'units',
          rows: UNIT_ROWS,
          edit: (sheet) => {
            sheet.getCell('B3').value = { text: 'Đảng bộ huyện Một', hyperlink: 'https://example.org/' };
          },
        },
      ]),
    });
    const { data } = await load(dir);
    expect(data.units.find((u) => u.id === 'D1')?.name).toBe('Đảng bộ huyện Một');
  });
});

describe('dates', () => {
  const established = async (cell: unknown, format?: string) => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        {
          name: 'Đơn vị',
          rows: [
            [...(UNIT_ROWS[0] ?? []), 'established'],
            ...UNIT_ROWS.slice(1, 2),
            [...(UNIT_ROWS[2] ?? []), cell],
          ],
          edit: (sheet) => {
            if (format) sheet.getCell('E3').numFmt = format;
          },
        },
      ]),
    });
    return load(dir);
  };

  test.each([
    ['an Excel date cell', new Date(Date.UTC(2011, 7, 17)), 'dd/mm/yyyy'],
    ['a date-formatted number (the serial Excel keeps)', 40772, 'dd/mm/yyyy'],
    ['a text date DD/MM/YYYY', '17/08/2011', undefined],
    ['a text date YYYY-MM-DD', '2011-08-17', undefined],
  ])('%s reads as the ISO date', async (_name, cell, format) => {
    const { data, problems } = await established(cell, format);
    expect(errorsOf(problems)).toEqual([]);
    expect(data.units.find((u) => u.id === 'D1')?.established).toBe('2011-08-17');
  });

  test('a date cell in a number column is an error naming the cell', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook(withMembers(['G1', 2024, new Date(Date.UTC(2024, 0, 5)), null])),
    });
    const [problem] = errorsOf((await load(dir)).problems);
    expect(problem?.code).toBe('date-in-number-column');
    expect(formatProblem(problem as Problem)).toMatch(
      /^du-lieu\.xlsx › Đảng viên › C2 cột members: "05\/01\/2024" là ngày tháng nhưng cột này phải là số/,
    );
  });
});

describe('formulas', () => {
  test.each([
    ['an error value', { error: '#REF!' }, /C2 cột members: "#REF!" chứa lỗi công thức #REF!/],
    [
      'a formula whose result is an error',
      { formula: '1/0', result: { error: '#DIV/0!' } },
      /C2 cột members: "=1\/0" chứa lỗi công thức #DIV\/0!/,
    ],
    [
      'a formula without a cached value',
      { formula: 'B2+1' },
      /C2 cột members: "=B2\+1" chứa công thức không có giá trị/,
    ],
  ])('%s is an error naming the cell', async (_name, cell, expected) => {
    const dir = folder({ 'du-lieu.xlsx': await workbook(withMembers(['G1', 2024, cell, null])) });
    expect(printed(errorsOf((await load(dir)).problems))).toEqual([expect.stringMatching(expected)]);
  });
});

describe('which sheets are tables', () => {
  test.each(['units', 'Units', 'Đơn vị', 'ĐƠN VỊ', 'don vi', 'Don Vi'])(
    'a sheet named "%s" is units',
    async (name) => {
      const dir = folder({ 'so-lieu.xlsx': await workbook([{ name, rows: UNIT_ROWS }]) });
      const { data, problems } = await load(dir);
      expect(problems).toEqual([]);
      expect(data.units.map((u) => u.id)).toEqual(['P', 'D1', 'G1', 'G2']);
    },
  );

  test('<table>.xlsx holds that table in its first visible sheet, whatever its name', async () => {
    const dir = folder({
      'units.csv': UNITS,
      'Members.xlsx': await workbook([
        {
          name: 'cũ',
          state: 'hidden',
          rows: [
            ['unit_id', 'year', 'members'],
            ['G1', 2020, 1],
          ],
        },
        {
          name: 'Trang tính 1',
          rows: [
            ['Mã đơn vị', 'Năm', 'Tổng số đảng viên'],
            ['G1', 2024, 30],
          ],
        },
        {
          name: 'Trang tính 2',
          rows: [
            ['unit_id', 'year', 'members'],
            ['G2', 2024, 40],
          ],
        },
      ]),
    });
    const { data, problems } = await load(dir);
    expect(errorsOf(problems)).toEqual([]);
    expect(data.members.map((m) => [m.unit_id, m.members])).toEqual([['G1', 30]]);
  });

  test("a workbook named by a table's Vietnamese title holds that table", async () => {
    const dir = folder({
      'units.csv': UNITS,
      'Đảng viên.xlsx': await workbook([
        {
          name: 'Sheet1',
          rows: [
            ['unit_id', 'year', 'members'],
            ['G1', 2024, 30],
          ],
        },
      ]),
    });
    const { data, problems } = await load(dir);
    expect(problems).toEqual([]);
    expect(data.members.map((m) => m.members)).toEqual([30]);
  });

  test('a hidden sheet is not read, with a warning naming it', async () => {
    const sheets = withMembers(['G1', 2024, 30, 10]);
    const dir = folder({
      'du-lieu.xlsx': await workbook([sheets[0] as Sheet, { ...(sheets[1] as Sheet), state: 'hidden' }]),
    });
    const { data, problems } = await load(dir);
    expect(data.members).toEqual([]);
    expect(printed(problems)).toEqual([
      'du-lieu.xlsx › Đảng viên: trang tính này đang bị ẩn nên không được đọc (hidden sheet, not read). Cách sửa: Nếu trang tính này chứa dữ liệu cần công bố, bỏ ẩn nó: bấm chuột phải vào tên một trang tính › Bỏ ẩn (Unhide), chọn trang tính này rồi lưu lại.',
    ]);
  });

  test('a sheet named for no table is not read, with a warning; instructions are not warned about', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        { name: 'Hướng dẫn', rows: [['Điền số liệu vào các trang tính']] },
        { name: 'units', rows: UNIT_ROWS },
        { name: 'Dang vien 2024', rows: [['unit_id', 'year', 'members']] },
      ]),
    });
    const { problems } = await load(dir);
    expect(problems.map((p) => [p.code, p.sheet])).toEqual([['unknown-sheet', 'Dang vien 2024']]);
  });

  test('an Excel lock file (~$du-lieu.xlsx) is not data', async () => {
    const dir = folder({ 'units.csv': UNITS, '~$du-lieu.xlsx': 'khóa' });
    expect((await load(dir)).problems).toEqual([]);
  });

  test('an .xlsm workbook is read (its macros are never run)', async () => {
    const dir = folder({ 'du-lieu.xlsm': await workbook([{ name: 'units', rows: UNIT_ROWS }]) });
    const { data, problems } = await load(dir);
    expect(problems).toEqual([]);
    expect(data.units).toHaveLength(4);
  });
});

describe('rows and cells', () => {
  test('trailing empty rows and columns are ignored; a merged cell holds its value in its first cell only', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        { name: 'units', rows: UNIT_ROWS },
        {
          name: 'members',
          rows: [
            ['unit_id', 'year', 'members', 'women'],
            ['G1', 2024, 30, 10],
            ['G2', 2024, 40, 12],
            [],
            [null, null],
          ],
          edit: (sheet) => {
            sheet.getCell('H40').value = null;
            sheet.getCell('H40').numFmt = '0';
            sheet.mergeCells('B2:B3');
          },
        },
      ]),
    });
    const { data, problems } = await load(dir);
    expect(data.members.map((m) => [m.unit_id, m.year])).toEqual([['G1', 2024]]);
    expect(printed(errorsOf(problems))).toEqual([
      expect.stringMatching(/^du-lieu\.xlsx › members › B3 cột year: "" thiếu giá trị bắt buộc "Năm"/),
    ]);
  });

  test('a table below blank rows and right of a blank column keeps its cell references', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        { name: 'units', rows: UNIT_ROWS },
        {
          name: 'members',
          rows: [[], [], [null, 'unit_id', 'year', 'members'], [null, 'G1', 2024, '3O']],
        },
      ]),
    });
    expect(printed(errorsOf((await load(dir)).problems))).toEqual([
      expect.stringMatching(/^du-lieu\.xlsx › members › D4 cột members: "3O" không phải số nguyên không âm/),
    ]);
  });

  test('a figure in a column without a header is an error on its row', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook([
        { name: 'units', rows: UNIT_ROWS },
        {
          name: 'members',
          rows: [
            ['unit_id', 'year', 'members'],
            ['G1', 2024, 30, 7],
          ],
        },
      ]),
    });
    expect(printed(errorsOf((await load(dir)).problems))).toEqual([
      expect.stringMatching(/^du-lieu\.xlsx › members › dòng 2: có 4 ô nhưng dòng tiêu đề có 3 cột/),
    ]);
  });

  test('problems found by the checks name the workbook, the sheet and the cell', async () => {
    const dir = folder({
      'du-lieu.xlsx': await workbook(withMembers(['G1', 2024, 30, 10], ['X9', 2024, 5, 1])),
    });
    const [problem] = errorsOf((await load(dir)).problems);
    expect(formatProblem(problem as Problem)).toMatch(/^du-lieu\.xlsx › Đảng viên › A3 cột unit_id: "X9"/);
  });

  test('a check that sends the office to a table read from a sheet names the sheet, not the CSV file', async () => {
    const units = UNIT_ROWS.map((row, i) => [...row, i === 0 ? 'established' : i === 3 ? '2025-06-01' : '']);
    const dir = folder({ 'du-lieu.xlsx': await workbook([{ name: 'Đơn vị', rows: units }]) });
    writeFileSync(join(dir, 'members.csv'), 'unit_id,year,members\nG1,2024,12\n');
    const warned = (await load(dir)).problems.find((p) => p.code === 'before-establishment');
    expect([warned?.file, warned?.fix]).toEqual([
      'members.csv',
      'Xóa dòng này, hoặc sửa ngày thành lập trong du-lieu.xlsx › Đơn vị.',
    ]);
  });

  test.each([
    ['units.csv dòng 4 ghi', 'du-lieu.xlsx › Đơn vị dòng 4 ghi'],
    ['liệt kê trong restructuring_units.csv', 'liệt kê trong restructuring_units.csv'],
    ['(units.csv, members.csv)', '(du-lieu.xlsx › Đơn vị, members.csv)'],
    ['my-units.csv', 'my-units.csv'],
  ])('a message saying "%s" says "%s" when units come from a sheet', (message, placed) => {
    const problem: Problem = { severity: 'warning', code: 'x', file: 'members.csv', message, english: '' };
    const places = new Map([['units.csv', { workbook: 'du-lieu.xlsx', sheet: 'Đơn vị' }]]);
    expect(placeProblems([problem], places)[0]?.message).toBe(placed);
  });

  test('a bounded list counts what it leaves out in each sheet, and the download names the sheet', () => {
    const problem = (sheet: string): Problem => ({
      severity: 'error',
      code: 'invalid-count',
      file: 'du-lieu.xlsx',
      sheet,
      line: 2,
      message: 'không phải số nguyên không âm',
      english: 'must be a non-negative integer',
    });
    const { omitted } = sampleProblems([problem('Đảng viên'), problem('Đảng viên'), problem('Chi bộ')], 1);
    expect(omitted.map(omittedText)).toEqual([
      '… và 1 lỗi tương tự (mã invalid-count trong du-lieu.xlsx › Đảng viên)',
    ]);
    expect(qualityRows([problem('Chi bộ')])[0]?.[1]).toBe('du-lieu.xlsx › Chi bộ');
  });

  test.each([
    [1, 'A'],
    [3, 'C'],
    [26, 'Z'],
    [27, 'AA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('column %i is column %s in Excel', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });
});

/** An OLE compound file's first bytes, then `body`. */
const ole = (body: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(body, 'utf16le'),
  ]);

describe('files that are refused, with how to save them as .xlsx', () => {
  test.each([
    [
      'an Excel 97–2003 workbook (.xls)',
      'du-lieu.xls',
      ole('Workbook'),
      'spreadsheet-format',
      /Excel 97–2003.*Lưu thành › Sổ làm việc Excel \(\*\.xlsx\)/,
    ],
    [
      'an OpenDocument spreadsheet (.ods)',
      'du-lieu.ods',
      'PK',
      'spreadsheet-format',
      /OpenDocument.*Lưu thành › Sổ làm việc Excel/,
    ],
    [
      'a binary workbook (.xlsb)',
      'du-lieu.xlsb',
      'PK',
      'spreadsheet-format',
      /\.xlsb.*Lưu thành › Sổ làm việc Excel/,
    ],
    [
      'a password-protected workbook',
      'du-lieu.xlsx',
      ole('EncryptedPackage'),
      'encrypted-workbook',
      /mật khẩu/,
    ],
    [
      'an .xls renamed to .xlsx',
      'du-lieu.xlsx',
      ole('Workbook'),
      'old-excel-format',
      /Excel 97–2003.*Lưu thành › Sổ làm việc Excel/,
    ],
    [
      'a damaged zip',
      'du-lieu.xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 7)]),
      'corrupt-workbook',
      /bị hỏng/,
    ],
  ])('%s', async (_name, file, bytes, code, says) => {
    const dir = folder({ 'units.csv': UNITS, [file]: bytes });
    const problems = errorsOf((await load(dir)).problems);
    expect(problems.map((p) => [p.code, p.file])).toEqual([[code, file]]);
    expect(formatProblem(problems[0] as Problem)).toMatch(says);
  });

  test('a damaged units.xlsx is reported once, not also as a missing units table', async () => {
    const dir = folder({ 'units.xlsx': Buffer.from('PK\u0003\u0004 hỏng') });
    expect((await load(dir)).problems.map((p) => [p.code, p.file])).toEqual([
      ['corrupt-workbook', 'units.xlsx'],
    ]);
  });

  test('a workbook renamed to .csv says to rename it .xlsx', async () => {
    const dir = folder({ 'units.csv': await workbook([{ name: 'units', rows: UNIT_ROWS }]) });
    const [problem] = errorsOf((await load(dir)).problems);
    expect(problem?.message).toMatch(/đổi tên tệp, thay đuôi \.csv bằng \.xlsx/);
  });
});

describe('a table given twice is an error naming both places', () => {
  test.each([
    [
      'a CSV and a workbook',
      async () => ({
        'units.csv': UNITS,
        'du-lieu.xlsx': await workbook([{ name: 'Đơn vị', rows: UNIT_ROWS }]),
      }),
      'units.csv; du-lieu.xlsx › Đơn vị',
    ],
    [
      'two workbooks',
      async () => ({
        'a.xlsx': await workbook([{ name: 'units', rows: UNIT_ROWS }]),
        'units.xlsx': await workbook([{ name: 'Trang tính 1', rows: UNIT_ROWS }]),
      }),
      'a.xlsx › units; units.xlsx › Trang tính 1',
    ],
    [
      'two sheets of one workbook',
      async () => ({
        'du-lieu.xlsx': await workbook([
          { name: 'units', rows: UNIT_ROWS },
          { name: 'Đơn vị', rows: UNIT_ROWS },
        ]),
      }),
      'du-lieu.xlsx › units; du-lieu.xlsx › Đơn vị',
    ],
  ])('%s', async (_name, files, places) => {
    const { data, problems } = await load(folder(await files()));
    expect(data.units).toEqual([]);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      [
        'table-twice',
        `bảng Đơn vị có ở 2 nơi: ${places}. Không biết nơi nào là dữ liệu đúng nên không đọc nơi nào`,
      ],
    ]);
  });
});

describe('the parse cache', () => {
  test('an unchanged workbook comes from the cache; a changed one is read again, the CSV files beside it are not', async () => {
    const dir = tempDir('workbook-cache-');
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'units.csv'), UNITS);
    const save = async (...rows: unknown[][]) =>
      writeFileSync(
        join(data, 'du-lieu.xlsx'),
        await workbook([{ name: 'Đảng viên', rows: [['unit_id', 'year', 'members'], ...rows] }]),
      );
    await save(['G1', 2024, 30], ['G2', 2024, 40]);
    const cache = join(dir, 'cache');
    const first = await loadCached(data, cache);
    expect([first.filesFromCache, first.checkedFromCache, first.problems]).toEqual([0, false, []]);
    const again = await loadCached(data, cache);
    expect([again.filesFromCache, again.checkedFromCache, again.data.members]).toEqual([
      2,
      true,
      first.data.members,
    ]);
    await save(['G1', 2024, 31], ['G2', 2024, 40]);
    const changed = await loadCached(data, cache);
    expect([changed.filesFromCache, changed.checkedFromCache]).toEqual([1, false]);
    expect(changed.data.members.map((m) => m.members)).toEqual([31, 40]);
  });
});

describe('reading is reliable', () => {
  // exceljs's streaming reader, used before, lost the workbook part now and then ("Cannot read
  // properties of undefined (reading 'sheets')"): 2 reads in 300 of a one-sheet workbook on a
  // busy machine, none in 1,500 on a quiet one (a race). Reads one after another and side by side.
  test('a valid workbook reads the same every time (500 reads)', async () => {
    const bytes = await workbook(
      withMembers(['G1', 2024, 30, 10], ['G2', 2024, { formula: 'B3*2', result: 60 }, 1]),
    );
    const read = () => readWorkbookBytes(bytes, 'du-lieu.xlsx');
    const first = await read();
    expect(first.tables.map((t) => t.table.rows.length)).toEqual([4, 2]);
    const reads = [];
    for (let i = 0; i < 250; i++) reads.push(await read());
    for (let i = 0; i < 10; i++) reads.push(...(await Promise.all(Array.from({ length: 25 }, read))));
    expect(reads.filter((again) => !isDeepStrictEqual(again, first))).toEqual([]);
  });
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandMade {
  /** `<sheetData>`'s content. */
  readonly rows: string;
  readonly sheet?: string;
  /** `<si>` items. */
  readonly strings?: readonly string[];
  /** `<numFmt>` tags, and the numFmtId of each cell style (s="0", s="1"…). */
  readonly numFmts?: string;
  readonly styles?: readonly number[];
  readonly workbookPr?: string;
  /** A namespace prefix written on every element (`x:`), as some writers do. */
  readonly prefix?: string;
  /** 0: the parts stored, not compressed. */
  readonly level?: 0 | 6;
}

/** A workbook written part by part in shapes Excel (or another writer) uses and exceljs does not. */
function handMade({
  rows,
  sheet = 'units',
  strings = [],
  numFmts = '',
  styles = [0],
  workbookPr = '',
  prefix = '',
  level = 6,
}: HandMade) {
  const x = (xml: string) => (prefix ? xml.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`) : xml);
  const ns = prefix ? `xmlns:${prefix.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${RELS}/${type}" Target="${target}"/>`;
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships>${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml': x(
      `<workbook ${ns} xmlns:r="${RELS}">${workbookPr}<sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ).replace(`<${prefix}workbook ${ns}`, `<${prefix}workbook ${ns}`),
    'xl/_rels/workbook.xml.rels': `<Relationships>${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'styles', 'styles.xml')}${rel('rId3', 'sharedStrings', '/xl/sharedStrings.xml')}</Relationships>`,
    'xl/worksheets/sheet1.xml': x(`<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`),
    'xl/styles.xml': x(
      `<styleSheet ${ns}><numFmts>${numFmts}</numFmts><cellXfs>${styles.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`,
    ),
    'xl/sharedStrings.xml': x(`<sst ${ns}>${strings.join('')}</sst>`),
  };
  return zipSync(Object.fromEntries(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)])), {
    level,
  });
}

/** Cells of inline strings from column A, and a row of them. */
const textCells = (r: number, ...texts: string[]) =>
  texts
    .map((t, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${t}</t></is></c>`)
    .join('');
const textRow = (r: number, ...texts: string[]) => `<row r="${r}">${textCells(r, ...texts)}</row>`;

/** The units of `handMade`'s sheet with B3 (unit D1's name) as given. */
const unitsWithName = (name: string, more: Partial<HandMade> = {}) =>
  handMade({
    rows: [
      textRow(1, 'id', 'name', 'parent_id', 'level'),
      textRow(2, 'P', 'Tỉnh', '', 'province'),
      `<row r="3"><c r="A3" t="inlineStr"><is><t>D1</t></is></c>${name}<c r="C3" t="inlineStr"><is><t>P</t></is></c><c r="D3" t="inlineStr"><is><t>district</t></is></c></row>`,
    ].join(''),
    ...more,
  });

const readRows = async (bytes: Uint8Array) => {
  const { tables, problems } = await readWorkbookBytes(bytes, 'du-lieu.xlsx');
  expect([...problems, ...(tables[0]?.table.problems ?? [])]).toEqual([]);
  return tables[0]?.table.rows ?? [];
};

describe('the XML of cells, as Excel and other writers store it', () => {
  test.each([
    [
      'entities',
      '<c r="B3" t="inlineStr"><is><t>A &amp; B &lt;1&gt; &quot;2&quot; &apos;3&apos; &#272;&#x1EA3;</t></is></c>',
      'A & B <1> "2" \'3\' Đả',
    ],
    ['a shared string', '<c r="B3" t="s"><v>1</v></c>', 'Đảng bộ huyện Một'],
    ['rich-text runs (phonetic guides left out)', '<c r="B3" t="s"><v>0</v></c>', 'Đảng bộ huyện Một'],
    [
      'rich-text runs in an inline string',
      '<c r="B3" t="inlineStr"><is><r><t>Đảng bộ</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Một</t></r></is></c>',
      'Đảng bộ Một',
    ],
    [
      "Excel's escapes (_x0110_ a character, _x005F_ an underscore)",
      '<c r="B3" t="inlineStr"><is><t>_x0110_ảng bộ_x005F_x000D_</t></is></c>',
      'Đảng bộ_x000D_',
    ],
    [
      'a formula with its cached text',
      '<c r="B3" t="str"><f>"Một"&amp;""</f><v>Đảng bộ Một</v></c>',
      'Đảng bộ Một',
    ],
  ])('%s', async (_name, cell, expected) => {
    const strings = [
      '<si><r><rPr><b/></rPr><t xml:space="preserve">Đảng bộ </t></r><r><t>huyện Một</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si>',
      '<si><t>Đảng bộ huyện Một</t></si>',
    ];
    const rows = await readRows(unitsWithName(cell, { strings }));
    expect(rows.map((row) => row['name'])).toEqual(['Tỉnh', expected]);
  });

  test('a carriage return written as _x000D_ is read as one', async () => {
    const rows = await readRows(unitsWithName('<c r="B3" t="inlineStr"><is><t>Một_x000D_</t></is></c>'));
    expect(rows[1]?.['name']).toBe('Một');
  });

  test('elements with a namespace prefix (<x:row>) read as without', async () => {
    const rows = await readRows(
      unitsWithName('<c r="B3" t="s"><v>1</v></c>', {
        prefix: 'x:',
        strings: ['<si><t>Một</t></si>', '<si><t>Hai</t></si>'],
      }),
    );
    expect(rows.map((row) => row['name'])).toEqual(['Tỉnh', 'Hai']);
  });

  test('attributes in single quotes, rows and cells without references, read in their order', async () => {
    const rows = await readRows(
      handMade({
        rows: [
          textRow(1, 'id', 'name', 'parent_id', 'level'),
          textRow(2, 'P', 'Tỉnh', '', 'province'),
          "<row><c t='inlineStr'><is><t>D1</t></is></c><c t = 's'><v>0</v></c><c r='D3' t='inlineStr'><is><t>district</t></is></c></row>",
        ].join(''),
        strings: ['<si><t>Một</t></si>'],
      }),
    );
    expect(rows[1]).toMatchObject({ id: 'D1', name: 'Một', level: 'district' });
  });

  // exceljs's reader turned such letters into "�" (4 names in a 10,000-unit workbook).
  test.each([
    ['stored', 0],
    ['compressed', 6],
  ] as const)(
    'Vietnamese letters split between two pieces of a large sheet read whole (%s)',
    async (_name, level) => {
      const name = (r: number) => `Chi bộ ${'ộ'.repeat(280)} ${r}`;
      const rows = await readRows(
        handMade({
          level,
          rows: [
            textRow(1, 'id', 'name', 'parent_id', 'level'),
            textRow(2, 'P', 'Tỉnh', '', 'province'),
            ...Array.from({ length: 600 }, (_, i) => textRow(i + 3, `G${i}`, name(i), 'P', 'grassroots')),
          ].join(''),
        }),
      );
      expect(rows.slice(1).filter((row, i) => row['name'] !== name(i))).toEqual([]);
      expect(rows).toHaveLength(601);
    },
  );

  test('a shared formula: every cell reads its own cached value', async () => {
    const rows = await readRows(
      handMade({
        sheet: 'members',
        rows: [
          textRow(1, 'unit_id', 'year', 'members'),
          '<row r="2"><c r="A2" t="inlineStr"><is><t>G1</t></is></c><c r="B2"><v>2024</v></c><c r="C2"><f t="shared" ref="C2:C3" si="0">B2-1994</f><v>30</v></c></row>',
          '<row r="3"><c r="A3" t="inlineStr"><is><t>G2</t></is></c><c r="B3"><v>2034</v></c><c r="C3"><f t="shared" si="0"/><v>40</v></c></row>',
        ].join(''),
      }),
    );
    expect(rows.map((row) => row['members'])).toEqual([30, 40]);
  });

  test.each([
    ['the 1900 date system', '<c r="E3" s="1"><v>40772</v></c>', '', [0, 14]],
    [
      'the 1904 date system (old Excel for Mac)',
      '<c r="E3" s="1"><v>39310</v></c>',
      '<workbookPr date1904="1"/>',
      [0, 14],
    ],
    ['an ISO date cell (t="d")', '<c r="E3" t="d"><v>2011-08-17T00:00:00Z</v></c>', '', [0]],
    ['a custom date format with a locale', '<c r="E3" s="1"><v>40772</v></c>', '', [0, 164]],
  ])('a date in %s reads as the date', async (_name, cell, workbookPr, styles) => {
    const bytes = handMade({
      rows: [
        textRow(1, 'id', 'name', 'parent_id', 'level', 'established'),
        textRow(2, 'P', 'Tỉnh', '', 'province'),
        `<row r="3">${textCells(3, 'D1', 'Một', 'P', 'district')}${cell}</row>`,
      ].join(''),
      workbookPr,
      styles,
      numFmts: '<numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy;@"/>',
    });
    const rows = await readRows(bytes);
    expect(rows[1]?.['established']).toBe('2011-08-17');
  });
});

describe('zips that are not whole workbooks', () => {
  const whole = handMade({ rows: textRow(1, 'id', 'name', 'parent_id', 'level') });
  test.each([
    ['a zip without a workbook part (an .ods or .docx renamed)', zipSync({ 'content.xml': strToU8('<x/>') })],
    ['a workbook cut short (half its bytes)', whole.subarray(0, whole.length >> 1)],
    [
      'a workbook without the part of a sheet it lists',
      (() => {
        const parts = unzipSync(whole);
        delete parts['xl/worksheets/sheet1.xml'];
        return zipSync(parts);
      })(),
    ],
  ])('%s is refused as damaged', async (_name, bytes) => {
    const { tables, problems } = await readWorkbookBytes(bytes, 'du-lieu.xlsx');
    expect([tables, problems.map((p) => p.code)]).toEqual([[], ['corrupt-workbook']]);
  });
});

describe('the column limit in a sheet', () => {
  test('a cell beyond column 200 stops the sheet there, naming the row', async () => {
    const bytes = handMade({
      rows: [
        textRow(1, 'id', 'name', 'parent_id', 'level'),
        '<row r="2"><c r="A2" t="inlineStr"><is><t>P</t></is></c><c r="GT2"><v>1</v></c></row>',
        textRow(3, 'D1', 'Một', 'P', 'district'),
      ].join(''),
    });
    const { tables } = await readWorkbookBytes(bytes, 'du-lieu.xlsx');
    expect(tables[0]?.table.problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['too-many-columns', 2, expect.stringContaining('có ô ở cột 202, quá giới hạn 200 cột')],
    ]);
  });
});
