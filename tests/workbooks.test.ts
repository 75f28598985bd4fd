import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROWS_PER_CHUNK, workbookJobs, writeWorkbooks } from '../src/build/workbooks.ts';
import { writeWorkbook } from '../src/build/xlsx-writer.ts';
import { cleanedTables, downloadCsv } from '../src/present/downloads.ts';
import {
  dataWorkbook,
  DICTIONARY_SHEET,
  formatSize,
  INSTRUCTIONS_SHEET,
  nextYearContent,
  nextYearWorkbook,
  templateWorkbook,
  typedCells,
  workbookDate,
  workbookDownloads,
  type Tables,
  type Workbook,
} from '../src/present/workbooks.ts';
import { readCsvBytes, type Dataset } from '../src/read/dataset.ts';
import type { FileSchema } from '../src/read/schema.ts';
import { SCHEMAS } from '../src/read/schemas.ts';
import { loadFiles, tempDir } from './helpers.ts';

/** A small province with what the workbooks must carry over: a leading zero, dates, lists, an ended unit. */
const FILES = {
  'units.csv': [
    'id,name,parent_id,level,type,established,dissolved',
    'P,Đảng bộ tỉnh Mẫu,,province,,,',
    '001,Đảng bộ xã Một,P,grassroots,commune,01/01/2020,',
    'G2,Đảng bộ xã Hai,P,grassroots,commune,,30/06/2024',
    'G3,Chi bộ Trường Ba,P,grassroots,public_service,,',
  ].join('\n'),
  'members.csv': [
    'unit_id,year,members,women',
    '001,2023,120,40',
    '001,2024,125,',
    'G2,2023,30,10',
    'G3,2023,15,9',
    'G3,2024,16,10',
  ].join('\n'),
  'cells.csv': ['unit_id,year,cells,rating', '001,2024,3,HTXSNV', 'G3,2024,0,tốt'].join('\n'),
  'committees.csv': [
    'unit_id,term,congress_date,appointed,executive_committee',
    '001,2020-2025,15/08/2020,có,15',
  ].join('\n'),
  'term_targets.csv': ['unit_id,term,measure,target', '001,2020-2025,members_good_share,"90,5%"'].join('\n'),
};

const DATE = new Date('2026-01-01T00:00:00Z');
let tables: Tables;
let folder: string;
let loaded: Dataset | undefined;
const dataOf = (): Dataset => {
  if (!loaded) throw new Error('not loaded');
  return loaded;
};

beforeAll(async () => {
  const { data } = await loadFiles(FILES);
  loaded = data;
  tables = cleanedTables(data);
  folder = tempDir('workbooks-');
});

async function written(book: Workbook): Promise<ExcelJS.Workbook> {
  const path = join(folder, book.file);
  await writeWorkbook(book, path, DATE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

const sheetOf = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

const rowValues = (sheet: ExcelJS.Worksheet, row: number, width: number): unknown[] =>
  Array.from({ length: width }, (_, i) => sheet.getRow(row).getCell(i + 1).value ?? undefined);

/** The validations exceljs read back, by cell address. */
const validations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } })
    .dataValidations.model;

/** The values a list validation offers: the cells of the instructions sheet its range names. */
function listValues(workbook: ExcelJS.Workbook, formula: string): unknown[] {
  const match = /^'(.+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`not a range: ${formula}`);
  const [, name = '', column = '', from = '', to = ''] = match;
  const sheet = sheetOf(workbook, name);
  const values: unknown[] = [];
  for (let row = Number(from); row <= Number(to); row++) values.push(sheet.getCell(`${column}${row}`).value);
  return values;
}

const ROWS = 20;

/** The date and time of each file inside a zip, from its local header, as `2026-1-1 0:0`. */
function entryDates(bytes: Buffer): string[] {
  // A local header: signature PK\x03\x04, then the DOS time and date at offsets 10 and 12.
  const dates: string[] = [];
  for (let at = bytes.indexOf('PK\x03\x04'); at >= 0; at = bytes.indexOf('PK\x03\x04', at + 4)) {
    const time = bytes.readUInt16LE(at + 10);
    const day = bytes.readUInt16LE(at + 12);
    dates.push(`${(day >> 9) + 1980}-${(day >> 5) & 15}-${day & 31} ${time >> 11}:${(time >> 5) & 63}`);
  }
  return dates;
}

describe('the blank template', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await written(templateWorkbook(ROWS));
  });

  test('has the instructions first, then one sheet per table named by its title, in the schemas order', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      INSTRUCTIONS_SHEET,
      ...SCHEMAS.map((s) => s.title),
    ]);
  });

  test('the instructions name every sheet with its CSV file and say how to save', () => {
    const sheet = sheetOf(workbook, INSTRUCTIONS_SHEET);
    const lines: string[] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).filter(Boolean).join(' | ')));
    const text = lines.join('\n');
    for (const schema of SCHEMAS) expect(text).toContain(`${schema.title} | ${schema.file}`);
    expect(text).toContain('Excel Workbook (*.xlsx)');
    expect(text).toContain('Giữ nguyên tên các sheet và dòng tiêu đề');
  });

  test.each(SCHEMAS.map((schema) => [schema.title, schema] as const))(
    '%s: the header row is the Vietnamese labels, bold and frozen, with a note saying which are required',
    (_, schema: FileSchema) => {
      const sheet = sheetOf(workbook, schema.title);
      expect(rowValues(sheet, 1, schema.columns.length)).toEqual(schema.columns.map((c) => c.label));
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      schema.columns.forEach((c, i) => {
        const note = JSON.stringify(sheet.getRow(1).getCell(i + 1).note);
        expect(note).toContain(c.required ? 'Bắt buộc' : 'Không bắt buộc');
      });
      expect(sheet.rowCount).toBe(1);
    },
  );

  const enumColumns = SCHEMAS.flatMap((schema) =>
    schema.columns.flatMap((c, i) =>
      c.kind.type === 'enum'
        ? [[`${schema.title} › ${c.label}`, schema.title, i, c.kind.values] as const]
        : [],
    ),
  );
  test.each(enumColumns)(
    '%s offers a drop-down list of exactly the accepted values, in Vietnamese',
    (_, title, index, values) => {
      const letter = String.fromCharCode(65 + index);
      const checks = validations(sheetOf(workbook, title));
      for (const address of [`${letter}2`, `${letter}${ROWS + 1}`]) {
        const validation = checks[address];
        expect(validation?.type).toBe('list');
        expect(listValues(workbook, String(validation?.formulae[0]))).toEqual(values.map((v) => v.label));
      }
      expect(checks[`${letter}1`]).toBeUndefined();
      expect(checks[`${letter}${ROWS + 2}`]).toBeUndefined();
    },
  );

  test.each([
    ['Đơn vị', 'A', '@', undefined],
    ['Đơn vị', 'F', 'dd/mm/yyyy', { type: 'date' }],
    ['Đảng viên', 'B', '0', { type: 'whole', formulae: [1930, 2100] }],
    ['Đảng viên', 'C', '#,##0', { type: 'whole', formulae: [0, 10_000_000] }],
    ['Chi bộ', 'C', '#,##0', { type: 'whole', formulae: [0, 2_000_000] }],
    ['Chỉ tiêu nhiệm kỳ', 'D', '@', undefined],
  ] as const)('%s column %s is formatted %s and checked as %o', (title, letter, numFmt, check) => {
    const sheet = sheetOf(workbook, title);
    expect(sheet.getColumn(letter).numFmt).toBe(numFmt);
    const validation = validations(sheet)[`${letter}2`];
    if (check === undefined) expect(validation?.type ?? 'textLength').toBe('textLength');
    else expect(validation).toMatchObject(check);
  });

  test.each(['UTC', 'Asia/Ho_Chi_Minh', 'America/New_York'])(
    'every file inside the .xlsx is dated as asked, not by the clock, on a machine set to %s',
    async (zone) => {
      const path = join(folder, `zone-${zone.replace('/', '-')}.xlsx`);
      const before = process.env['TZ'];
      process.env['TZ'] = zone;
      try {
        await writeWorkbook(templateWorkbook(ROWS), path, DATE);
      } finally {
        if (before === undefined) delete process.env['TZ'];
        else process.env['TZ'] = before;
      }
      const dates = entryDates(readFileSync(path));
      expect(dates.length).toBeGreaterThan(20);
      expect(new Set(dates)).toEqual(new Set(['2026-1-1 0:0']));
    },
  );

  test('the same template written twice is the same bytes, dated as asked', async () => {
    const book = templateWorkbook(ROWS);
    await writeWorkbook(book, join(folder, 'a.xlsx'), DATE);
    await writeWorkbook(templateWorkbook(ROWS), join(folder, 'b.xlsx'), DATE);
    expect(readFileSync(join(folder, 'a.xlsx')).equals(readFileSync(join(folder, 'b.xlsx')))).toBe(true);
    expect(workbook.created).toEqual(DATE);
    expect(workbook.modified).toEqual(DATE);
  });
});

describe("the next year's template", () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await written(nextYearWorkbook(nextYearContent(tables, 2025)));
  });

  test('has the same sheets as the blank template', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      INSTRUCTIONS_SHEET,
      ...SCHEMAS.map((s) => s.title),
    ]);
  });

  test('lists the units not ended, as cleaned, with the id kept as text (001 keeps its zeros)', () => {
    const sheet = sheetOf(workbook, 'Đơn vị');
    expect(sheet.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(['P', '001', 'G3']);
    expect(rowValues(sheet, 3, 7)).toEqual([
      '001',
      'Đảng bộ xã Một',
      'P',
      'cơ sở',
      'xã',
      new Date('2020-01-01T00:00:00Z'),
      undefined,
    ]);
  });

  test.each([
    ['Đảng viên', [['001'], ['G3']]],
    ['Chi bộ', [['001'], ['G3']]],
    ['Kết nạp đảng viên', []],
    ['Cấp ủy', []],
  ] as const)(
    '%s has a row for each unit alive that reported in the latest year: its id, the new year, figures empty',
    (title, ids) => {
      const sheet = sheetOf(workbook, title);
      const width = sheet.getRow(1).cellCount;
      expect(sheet.rowCount).toBe(1 + ids.length);
      ids.forEach(([id], i) => {
        expect(rowValues(sheet, i + 2, width)).toEqual([id, 2025, ...Array(width - 2).fill(undefined)]);
      });
    },
  );

  test('checks its pre-filled rows and more as typed', () => {
    const checks = validations(sheetOf(workbook, 'Đảng viên'));
    expect(checks['C3']?.type).toBe('whole');
    expect(checks['C1002']?.type).toBe('whole');
  });
});

/** A worksheet's cell as the description's typed cell: a date as `{ date }`, empty as undefined. */
const asTyped = (value: ExcelJS.CellValue): unknown =>
  value instanceof Date ? { date: value.toISOString().slice(0, 10) } : (value ?? undefined);

describe('the cleaned data workbook', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await written(dataWorkbook(tables));
  });

  test('has a sheet for each table the data has, then the dictionary', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Đơn vị',
      'Đảng viên',
      'Chi bộ',
      'Cấp ủy',
      'Chỉ tiêu nhiệm kỳ',
      DICTIONARY_SHEET,
    ]);
  });

  test.each(Object.keys(FILES))(
    "%s: each row's typed cells equal the cleaned CSV download read back",
    (file) => {
      const schema = SCHEMAS.find((s) => s.file === file);
      if (!schema) throw new Error(file);
      const sheet = sheetOf(workbook, schema.title);
      const { rows, problems } = readCsvBytes(downloadCsv(dataOf(), file), schema);
      expect(problems).toEqual([]);
      expect(sheet.rowCount).toBe(1 + rows.length);
      expect(rowValues(sheet, 1, schema.columns.length)).toEqual(schema.columns.map((c) => c.label));
      rows.forEach((row, i) => {
        const cells = rowValues(sheet, i + 2, schema.columns.length).map((v) =>
          asTyped(v as ExcelJS.CellValue),
        );
        expect(cells).toEqual(typedCells(schema, row));
      });
    },
  );

  test('is the same bytes whether or not a template was written before it in the same process', async () => {
    const alone = join(folder, 'alone.xlsx');
    const after = join(folder, 'after.xlsx');
    await writeWorkbook(dataWorkbook(tables), alone, DATE);
    await writeWorkbook(templateWorkbook(ROWS), join(folder, 'first.xlsx'), DATE);
    await writeWorkbook(dataWorkbook(tables), after, DATE);
    expect(readFileSync(after).equals(readFileSync(alone))).toBe(true);
  });

  test('numbers are numbers, dates dates and ids text', () => {
    const units = sheetOf(workbook, 'Đơn vị');
    expect(units.getCell('A3').value).toBe('001');
    expect(units.getCell('F3').value).toEqual(new Date('2020-01-01T00:00:00Z'));
    expect(units.getColumn('F').numFmt).toBe('dd/mm/yyyy');
    const members = sheetOf(workbook, 'Đảng viên');
    expect(members.getCell('C2').value).toBe(120);
    expect(members.getColumn('C').numFmt).toBe('#,##0');
    expect(sheetOf(workbook, 'Chỉ tiêu nhiệm kỳ').getCell('D2').value).toBe('90,5%');
  });

  test('the dictionary lists every column of the tables it has', () => {
    const sheet = sheetOf(workbook, DICTIONARY_SHEET);
    const present = SCHEMAS.filter((s) => s.file in FILES);
    expect(sheet.rowCount).toBe(1 + present.reduce((n, s) => n + s.columns.length, 0));
    expect(rowValues(sheet, 2, 6)).toEqual([
      'Đơn vị',
      'units.csv',
      'id',
      'Mã đơn vị',
      expect.any(String),
      'có',
    ]);
  });
});

describe('the workbooks on /du-lieu/', () => {
  test('are the data workbook and the two templates, the next named for the year after the latest', () => {
    const offered = workbookDownloads(tables, new Map([['du-lieu.xlsx', 470_000]]));
    expect(offered.data).toMatchObject({ file: 'du-lieu.xlsx', size: '459 KB' });
    expect(offered.templates.map((t) => [t.file, t.size])).toEqual([
      ['mau-nhap-lieu.xlsx', undefined],
      ['mau-nam-2025.xlsx', undefined],
    ]);
  });

  test('are dated 31/12 of the latest year, never by the clock; data without figures by the zip epoch', () => {
    expect(workbookDate(tables)).toEqual(new Date('2024-12-31T00:00:00Z'));
    expect(workbookDate({ 'units.csv': tables['units.csv'] ?? [] })).toEqual(
      new Date('1980-01-01T00:00:00Z'),
    );
  });

  test('data with units only has no next-year template', () => {
    expect(workbookDownloads({ 'units.csv': tables['units.csv'] ?? [] }).templates).toHaveLength(1);
  });

  test.each([
    [1, '1 KB'],
    [12_345, '12 KB'],
    [1_048_576, '1 MB'],
    [3_565_158, '3,4 MB'],
    [123_456_789, '117,7 MB'],
  ])('a file of %i bytes is shown as %s', (bytes, shown) => {
    expect(formatSize(bytes)).toBe(shown);
  });
});

describe('writing the workbooks in a process of their own', () => {
  test('hands the cleaned rows over in chunks and writes every row once, in order', async () => {
    const count = 2 * ROWS_PER_CHUNK + 1;
    const members = Array.from({ length: count }, (_, i) => ({ unit_id: `G${i}`, year: 2024, members: i }));
    const big: Tables = { 'units.csv': tables['units.csv'] ?? [], 'members.csv': members };
    const dir = join(folder, 'worker');
    const sizes = await writeWorkbooks(workbookJobs(big, new Map()), big, dir);
    expect([...sizes.keys()]).toEqual(['mau-nhap-lieu.xlsx', 'mau-nam-2025.xlsx', 'du-lieu.xlsx']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'du-lieu.xlsx'));
    const sheet = sheetOf(workbook, 'Đảng viên');
    expect(sheet.rowCount).toBe(1 + count);
    const wrong: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && (row.getCell(1).value !== `G${n - 2}` || row.getCell(3).value !== n - 2)) wrong.push(n);
    });
    expect(wrong).toEqual([]);
    expect(sizes.get('du-lieu.xlsx')).toBe(readFileSync(join(dir, 'du-lieu.xlsx')).length);
  }, 60_000);

  test("the build's own process loads neither the .xlsx writer nor exceljs", () => {
    // Every module the build's code resolves, recorded by a resolve hook in a fresh process.
    const seenFile = join(folder, 'resolved.json');
    const hooks = [
      "import { registerHooks } from 'node:module';",
      'const seen = [];',
      'registerHooks({ resolve: (specifier, context, next) => { const found = next(specifier, context); seen.push(found.url); return found; } });',
      // A file, not stdout: a pipe written to as the process exits can lose the end of the list.
      "import { writeFileSync } from 'node:fs';",
      `process.on('exit', () => writeFileSync(${JSON.stringify(seenFile)}, JSON.stringify(seen)));`,
    ].join('\n');
    const build = new URL('../src/build/build.ts', import.meta.url).href;
    execFileSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(hooks)}`,
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(build)});`,
      ],
      { encoding: 'utf8' },
    );
    const loaded = JSON.parse(readFileSync(seenFile, 'utf8')) as string[];
    expect(loaded).toContainEqual(expect.stringMatching(/src\/build\/workbooks\.ts$/));
    expect(loaded.filter((url) => /xlsx-writer|exceljs/.test(url))).toEqual([]);
  }, 60_000);

  test('a failure in the writing process comes back with its code (a full disk is told as such)', async () => {
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, '');
    await expect(
      writeWorkbooks(workbookJobs(tables, new Map()), tables, join(file, 'du-lieu')),
    ).rejects.toMatchObject({
      code: 'ENOTDIR',
      message: expect.stringContaining('Tạo tệp Excel tải về bị lỗi'),
    });
  });
});
