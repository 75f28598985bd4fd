/**
 * The .xlsx writer (src/build/xlsx-writer.ts) read back by our own reader's zip and XML scanner:
 * text exactly as given whatever its characters, dates as Excel counts them, many rows across
 * many deflated slices, the same bytes each time.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cellXmlText, excelSerial, writeWorkbook } from '../src/build/xlsx-writer.ts';
import type { CellValue, Sheet } from '../src/present/workbooks.ts';
import { numberKinds, scanRows, sharedStrings, type RawRow } from '../src/read/xlsx-xml.ts';
import { Zip } from '../src/read/xlsx-zip.ts';
import { tempDir } from './helpers.ts';

const DATE = new Date('2026-01-01T00:00:00Z');
let folder: string;
beforeAll(() => {
  folder = tempDir('xlsx-writer-');
});

const sheetOf = (rows: Sheet['rows'], numFmt?: string): Sheet => ({
  name: 'Trang',
  header: true,
  columns: [
    { header: 'Chữ', width: 20 },
    { header: 'Số', width: 10, ...(numFmt === undefined ? {} : { numFmt }) },
  ],
  rows,
  validatedRows: 0,
});

async function write(file: string, sheet: Sheet, shared = false): Promise<Zip> {
  const path = join(folder, file);
  await writeWorkbook({ file, sheets: [sheet] }, path, DATE, { sharedStrings: shared });
  return new Zip(readFileSync(path));
}

function rowsOf(zip: Zip): RawRow[] {
  const rows: RawRow[] = [];
  scanRows(zip, 'xl/worksheets/sheet1.xml', (row) => rows.push(row) > 0);
  return rows;
}

describe('text cells', () => {
  const texts = [
    ['markup characters', 'a < b & c > d "trích" \'nháy\''],
    ['Vietnamese letters', 'Đảng bộ xã Một, Chi bộ Trường Ba'],
    ['a tab and a line feed', 'cột\tmột\ndòng hai'],
    ['a carriage return', 'dòng một\r\ndòng hai\rba'],
    ['control characters', 'a\u0001b\u0008c\u000Bd\u000Ce\u001Ff\u0000'],
    ["text that looks like Excel's escape", '_x0041_ và _x000D_ và _x_'],
    ['characters XML forbids', 'a\uFFFEb\uFFFF'],
    ['spaces at both ends', '  giữa  '],
  ] as const;
  let rows: RawRow[];
  let xml: string;
  beforeAll(async () => {
    const zip = await write('text.xlsx', sheetOf(texts.map(([, text]) => [text, 1])));
    rows = rowsOf(zip);
    xml = zip.text('xl/worksheets/sheet1.xml') ?? '';
  });

  test.each(texts.map(([what, text], i) => [what, text, i] as const))(
    '%s come back exactly as written',
    (_, text, i) => {
      expect(rows[i + 1]?.cells[0]).toMatchObject({ type: 'inlineStr', inline: text });
    },
  );

  test('come back exactly as written from shared strings, each text stored once', async () => {
    const repeated = [...texts, ...texts].map(([, text]) => [text, 1]);
    const zip = await write('shared.xlsx', sheetOf(repeated), true);
    const strings = sharedStrings(zip.text('xl/sharedStrings.xml') ?? '');
    const read = rowsOf(zip)
      .slice(1)
      .map((row) => {
        const [cell] = row.cells;
        expect(cell?.type).toBe('s');
        return strings[Number(cell?.value)];
      });
    expect(read).toEqual(repeated.map(([text]) => text));
    expect(strings).toHaveLength(texts.length + 2);
  });

  test('the sheet holds no character XML forbids, and no bare carriage return', () => {
    // eslint-disable-next-line no-control-regex -- the characters looked for
    expect(xml).not.toMatch(/[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/);
  });

  test.each([
    ['plain text is written as it is', 'Đơn vị', 'Đơn vị'],
    ['markup is escaped', '<a & b>', '&lt;a &amp; b&gt;'],
    ['a control character is written as Excel writes it', 'a\u0001', 'a_x0001_'],
    ["an underscore that would read as Excel's escape is escaped itself", '_x0041_', '_x005F_x0041_'],
    ['an underscore otherwise is left alone', 'members_good_share', 'members_good_share'],
  ])('%s', (_, text, written) => {
    expect(cellXmlText(text)).toBe(written);
  });
});

describe('dates', () => {
  test.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    // Excel's 29/02/1900, a day that never was, is 60: the next day is 61.
    ['1900-03-01', 61],
    ['1930-01-01', 10_959],
    ['2024-12-31', 45_657],
    ['2100-12-31', 73_415],
    ['1899-12-31', undefined],
    ['2024-02-30', undefined],
  ])('%s is Excel serial %s', (iso, serial) => {
    expect(excelSerial(iso)).toBe(serial);
  });

  test('are number cells styled as dates, and text before 1900, which Excel cannot hold as a date', async () => {
    const values: CellValue[][] = [[{ date: '2020-01-01' }], [{ date: '1899-12-31' }]];
    const zip = await write('dates.xlsx', sheetOf(values));
    const kinds = numberKinds(zip.text('xl/styles.xml') ?? '');
    const [first, second] = rowsOf(zip)
      .slice(1)
      .map((row) => row.cells[0]);
    expect(first?.value).toBe('43831');
    expect(kinds[first?.style ?? 0]).toBe('date');
    expect(second).toMatchObject({ type: 'inlineStr', inline: '1899-12-31' });
  });
});

describe('a sheet of many rows', () => {
  const COUNT = 60_000;
  const row = (i: number): CellValue[] => [`G${String(i).padStart(6, '0')} Chi bộ số ${i}`, i * 7];
  function* rows(sizes?: number[], path?: string): Generator<CellValue[]> {
    for (let i = 0; i < COUNT; i++) {
      if (sizes && path && i % 10_000 === 0) sizes.push(statSync(path, { throwIfNoEntry: false })?.size ?? 0);
      yield row(i);
    }
  }

  test('reads back every row with the same values, in order', async () => {
    const zip = await write('many.xlsx', sheetOf(rows(), '#,##0'));
    const read = rowsOf(zip);
    expect(read).toHaveLength(COUNT + 1);
    const wrong = read.slice(1).filter((r, i) => {
      const [text, number] = r.cells;
      return r.number !== i + 2 || text?.inline !== row(i)[0] || Number(number?.value) !== row(i)[1];
    });
    expect(wrong).toEqual([]);
  });

  test('is the same bytes when written twice', async () => {
    await write('twice-a.xlsx', sheetOf(rows()));
    await write('twice-b.xlsx', sheetOf(rows()));
    const a = readFileSync(join(folder, 'twice-a.xlsx'));
    expect(a.equals(readFileSync(join(folder, 'twice-b.xlsx')))).toBe(true);
  });

  test('goes to the file as the rows come, not held until the end', async () => {
    const sizes: number[] = [];
    const file = 'growing.xlsx';
    await write(file, sheetOf(rows(sizes, join(folder, file))));
    expect(sizes).toHaveLength(COUNT / 10_000);
    // Each 10,000 rows (about 1 MB of XML) have reached the file before the next are made.
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1] ?? 0);
  });
});
