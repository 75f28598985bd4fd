import { setFlagsFromString } from 'node:v8';
import { runInThisContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { readCsvText } from '../src/read/csv.ts';
import { normalizeHeader } from '../src/read/schema.ts';
import { admissionsSchema, membersSchema, unitsSchema } from '../src/read/schemas.ts';
import { excerpt, quoteValue, showInvisible } from '../src/problems.ts';
import { parseCount, parseDate } from '../src/read/values.ts';

describe('headers', () => {
  test.each([
    ['Mã đơn vị', 'ma don vi'],
    ['ma_don_vi', 'ma don vi'],
    ['  MA DON VI ', 'ma don vi'],
    ['Đưa ra khỏi Đảng', 'dua ra khoi dang'],
  ])('"%s" normalizes to "%s"', (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });

  test.each([
    ['English keys', 'unit_id,year,members\nA,2024,10\n'],
    ['Vietnamese labels', 'Mã đơn vị,Năm,Tổng số đảng viên\nA,2024,10\n'],
    ['labels without diacritics', 'ma don vi,nam,tong so dang vien\nA,2024,10\n'],
    ['snake_case labels', 'ma_don_vi,nam,tong_so_dang_vien\nA,2024,10\n'],
    ['semicolons', 'Mã đơn vị;Năm;Tổng số đảng viên\nA;2024;10\n'],
    ['a byte-order mark', '\uFEFFunit_id,year,members\nA,2024,10\n'],
    ['tabs (Excel Unicode Text)', 'unit_id\tyear\tmembers\nA\t2024\t10\n'],
    ['CRLF line ends', 'unit_id,year,members\r\nA,2024,10\r\n'],
    ['columns in another order', 'members,year,unit_id\n10,2024,A\n'],
  ])('a header with %s is read', (_name, text) => {
    const table = readCsvText(text, membersSchema);
    expect(table.problems).toEqual([]);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({ unit_id: 'A', year: 2024, members: 10 });
  });
});

describe('values', () => {
  test.each([
    ['1234', 1234],
    ['1.234', 1234],
    ['1 234', 1234],
    ['12.345.678', 12345678],
    ['0', 0],
  ])('count "%s" reads as %d', (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['1\u00a0234', 1234],
    ['1\u202f234', 1234],
    ['1\u2009234', 1234],
    ['9.007.199.254.740.991', Number.MAX_SAFE_INTEGER],
  ])('count %j (a space spreadsheets write as thousands separator) reads as %d', (text, value) => {
    expect(parseCount(text)).toEqual({ ok: true, value });
  });

  test.each([
    ['9007199254740992', 'too-large-count'],
    ['1'.repeat(400), 'too-large-count'],
    ['9.007.199.254.740.993', 'too-large-count'],
  ])('count %s is refused as too large, not as "not an integer"', (text, code) => {
    expect(parseCount(text)).toMatchObject({ ok: false, code, message: expect.stringMatching(/quá lớn/) });
  });

  test('a count above its column’s plausibility limit is refused; at the limit it is read', () => {
    expect(parseCount('10.000.000', 10_000_000)).toEqual({ ok: true, value: 10_000_000 });
    expect(parseCount('10000001', 10_000_000)).toMatchObject({ ok: false, code: 'implausible-count' });
  });

  test.each([
    ['1\u200b23', '1<U+200B>23'],
    ['1\ufeff234', '1<U+FEFF>234'],
    ['12\u00ad34', '12<U+00AD>34'],
    ['1\u2060234', '1<U+2060>234'],
  ])('an invisible character in count %j is refused and shown as %s', (text, shown) => {
    const table = readCsvText(
      `unit_id,year,members
A,2024,${text}
`,
      membersSchema,
    );
    expect(table.problems).toMatchObject([
      { code: 'invisible-character', value: shown, message: expect.stringMatching(/ký tự ẩn/) },
    ]);
  });

  test.each(['-3', '12a', '1,5', '1.23', '1.2345', 'mười'])('count "%s" is refused', (text) => {
    expect(parseCount(text).ok).toBe(false);
  });

  test.each([
    ['2011-08-17', '2011-08-17'],
    ['17/08/2011', '2011-08-17'],
    ['7/8/2011', '2011-08-07'],
    ['29/02/2024', '2024-02-29'],
  ])('date "%s" reads as %s', (text, value) => {
    expect(parseDate(text)).toEqual({ ok: true, value });
  });

  test.each(['31/02/2024', '2023-02-29', '08/17/2011', '17.08.2011', '1899-01-01'])(
    'date "%s" is refused',
    (text) => {
      expect(parseDate(text).ok).toBe(false);
    },
  );

  test('an empty cell is not reported, never zero', () => {
    const table = readCsvText('unit_id,year,members,women\nA,2024,10,\n', membersSchema);
    expect(table.rows[0]?.women).toBeUndefined();
    expect(table.rows[0]).toHaveProperty('probationary', undefined);
  });

  test('Vietnamese enum labels, with or without diacritics, read as contract values', () => {
    const text =
      'id,name,parent_id,level\nP,Tỉnh,,tỉnh\nD,Huyện,P,cap tren co so\nG,Xã,D,Cơ sở\nC,Chi bộ,G,chi bo\n';
    const table = readCsvText(text, unitsSchema);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((r) => r.level)).toEqual(['province', 'district', 'grassroots', 'cell']);
  });
});

describe('quoted values', () => {
  test.each([
    ['Chi bộ \u202eNăm', 'Chi bộ <U+202E>Năm'],
    ['a\tb\u0007', 'a<U+0009>b<U+0007>'],
    ['1\u00a0234', '1<U+00A0>234'],
    ['Đảng bộ xã An Bình', 'Đảng bộ xã An Bình'],
  ])('%j is shown as %s', (text, shown) => {
    expect(showInvisible(text)).toBe(shown);
  });

  test('a long value is cut to 60 characters and "…", never inside a character', () => {
    expect(excerpt('ắ'.repeat(10_000_000))).toBe(`${'ắ'.repeat(60)}…`);
    expect(excerpt('😀'.repeat(61))).toBe(`${'😀'.repeat(60)}…`);
    expect(excerpt('x'.repeat(60))).toBe('x'.repeat(60));
    expect(quoteValue(`${'\u200b'.repeat(100)}`)).toBe(`${'<U+200B>'.repeat(60)}…`);
  });

  test('an unknown column’s header is quoted as an excerpt with its invisible characters shown', () => {
    const header = `ghi\u200bchú ${'x'.repeat(1_000_000)}`;
    const table = readCsvText(
      `unit_id,year,members,${header}
A,2024,10,x
`,
      membersSchema,
    );
    expect(table.problems).toMatchObject([
      { code: 'unknown-column', value: `ghi<U+200B>chú ${'x'.repeat(52)}…` },
    ]);
  });
});

// V8's own answer to whether an object keeps a fixed layout or became a dictionary (4× the memory).
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = runInThisContext('(row) => %HasFastProperties(row)') as (row: object) => boolean;

describe('rows in memory', () => {
  test('rows of a file with many columns keep a fixed layout, with every column in one order', () => {
    // members.csv has more columns than V8 lets an object gain by name before it turns it into a
    // dictionary: 77 MiB instead of 15 MiB for the rows of 10,000 units.
    const text = [
      'year,unit_id,members,women,probationary,ethnic_minority,religious,age_under_30,higher_education,theory_advanced,transferred_in,transferred_out,deceased,removed,members_excellent,members_good,members_complete,members_incomplete',
      '2024,A,10,1,2,0,0,1,5,1,0,0,0,0,1,2,3,4',
      '2024,B,20,,,,,,,,,,,,,,,',
    ].join('\n');
    const table = readCsvText(text, membersSchema);
    expect(table.problems).toEqual([]);
    expect(table.rows.map(hasFastProperties)).toEqual([true, true]);
    expect(Object.keys(table.rows[1] ?? {})).toEqual(Object.keys(table.rows[0] ?? {}));
    expect(table.rows[1]).toMatchObject({ unit_id: 'B', year: 2024, members: 20, women: undefined });
  });
});

describe('rows and line numbers', () => {
  test('blank lines and all-empty rows are skipped but keep later line numbers right', () => {
    const text = 'unit_id,year,members\n\nA,2023,10\n,,\n\nB,2024,x\n';
    const table = readCsvText(text, membersSchema);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]?.line).toBe(3);
    expect(table.problems).toMatchObject([{ line: 6, column: 3, key: 'members', value: 'x' }]);
  });

  test('a quoted cell spanning lines does not shift the next row’s line number', () => {
    const text = 'id,name,parent_id,level\nP,"Đảng bộ\ntỉnh",,province\nD,Huyện,P,district\nG,Xã,D,bad\n';
    const table = readCsvText(text, unitsSchema);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(table.problems).toMatchObject([{ line: 5, column: 4, key: 'level', value: 'bad' }]);
  });

  test('every bad cell is reported, not only the first', () => {
    const text = 'unit_id;year;admitted;target\nA;2024;-1;x\nB;24;3;2\nC;2024;;1\n';
    const table = readCsvText(text, admissionsSchema);
    expect(table.problems.map((p) => [p.line, p.key, p.code])).toEqual([
      [2, 'admitted', 'invalid-count'],
      [2, 'target', 'invalid-count'],
      [3, 'year', 'invalid-year'],
      [4, 'admitted', 'missing-value'],
    ]);
    expect(table.rows).toEqual([]);
  });

  test('a missing required column is one error naming the column', () => {
    const table = readCsvText('unit_id,members\nA,10\n', membersSchema);
    expect(table.problems).toMatchObject([{ code: 'missing-column', key: 'year', line: 1 }]);
  });

  test('an unknown column is a warning and is ignored', () => {
    const table = readCsvText('unit_id,year,members,ghi chu\nA,2024,10,x\n', membersSchema);
    expect(table.problems).toMatchObject([{ severity: 'warning', code: 'unknown-column', column: 4 }]);
    expect(table.rows).toHaveLength(1);
  });

  test('a row with more or fewer cells than the header is an error on its line', () => {
    const table = readCsvText('unit_id,year,members\nA,2024,10,5\nB,2024\n', membersSchema);
    expect(table.problems.map((p) => [p.code, p.line])).toEqual([
      ['column-count', 2],
      ['column-count', 3],
    ]);
  });

  test('an unclosed quote is an error, not a crash', () => {
    const table = readCsvText('id,name,parent_id,level\nP,"Tỉnh,,province\n', unitsSchema);
    expect(table.problems.some((p) => p.code === 'unclosed-quote' && p.severity === 'error')).toBe(true);
  });

  test('a row of more than 200 cells stops the reading there, with one error (no "empty file")', () => {
    const wide = `${'x,'.repeat(100_000)}x`;
    expect(readCsvText(`${wide}\n${wide}\n`, membersSchema).problems).toMatchObject([
      { code: 'too-many-columns', line: 1, message: expect.stringMatching(/100\.001 ô/) },
    ]);
    const table = readCsvText(`unit_id,year,members\nA,2024,10\n\n${wide}\n`, membersSchema);
    expect(table.problems.map((p) => [p.code, p.line])).toEqual([['too-many-columns', 4]]);
    expect(table.rows).toHaveLength(1);
  });

  test('more than 1,000,000 data rows stop the reading there; rows of empty cells do not count', () => {
    const rows = (n: number, row: string) => `${row}\n`.repeat(n);
    const over = readCsvText(`unit_id,year,members\n${rows(1_000_001, 'A,2024,1')}`, membersSchema);
    expect(over.problems).toMatchObject([{ code: 'too-many-rows', line: 1_000_002 }]);
    const padded = readCsvText(`unit_id,year,members\nA,2024,1\n${rows(1_100_000, ',,')}`, membersSchema);
    expect(padded.problems).toEqual([]);
    expect(padded.rows).toHaveLength(1);
  });

  test('an empty file is an error', () => {
    expect(readCsvText('', unitsSchema).problems).toMatchObject([{ code: 'empty-file' }]);
  });
});
