/**
 * The public data-quality report (/du-lieu/ and its CSV download) and every printed message
 * stay bounded: a few dozen items of each kind, and never more than a short excerpt of a cell.
 */
import { describe, expect, test } from 'vitest';
import { DOWNLOAD_PER_KIND, PAGE_PER_KIND, qualityList, qualityRows } from '../src/present/data-quality.ts';
import { qualityCsv } from '../src/present/downloads.ts';
import { formatProblem, quoteValue, warning, type Problem } from '../src/problems.ts';

const mismatch = (line: number, value = '16'): Problem =>
  warning({
    code: 'rollup-mismatch',
    file: 'members.csv',
    line,
    column: 3,
    key: 'members',
    value,
    message: 'khác tổng các đơn vị trực thuộc',
    english: 'differs from the sum of its children',
    fix: 'Đối chiếu lại.',
  });
const many = (n: number) => Array.from({ length: n }, (_, i) => mismatch(i + 2));

describe('the /du-lieu/ list', () => {
  test.each([
    [5, 5, []],
    [PAGE_PER_KIND, PAGE_PER_KIND, []],
    [
      50_000,
      PAGE_PER_KIND,
      [
        '… và 49.980 cảnh báo tương tự (mã rollup-mismatch trong members.csv); tệp tải về liệt kê 1.000 dòng đầu.',
      ],
    ],
    [
      30,
      PAGE_PER_KIND,
      ['… và 10 cảnh báo tương tự (mã rollup-mismatch trong members.csv); tệp tải về liệt kê đủ.'],
    ],
  ])('%i warnings of one kind: %i listed, then what was left out', (n, listed, omitted) => {
    const list = qualityList(many(n));
    expect(list.listed).toHaveLength(listed);
    expect(list.listed[0]).toBe(formatProblem(mismatch(2)));
    expect(list.omitted).toEqual(omitted);
  });

  test('each kind in each file has its own allowance', () => {
    const other = { ...mismatch(2), file: 'cells.csv' };
    expect(qualityList([...many(50), other]).listed).toHaveLength(PAGE_PER_KIND + 1);
  });
});

describe('the CSV download', () => {
  test('lists the first 1,000 of each kind, then one row with how many more', () => {
    const rows = qualityRows(many(50_000));
    expect(rows).toHaveLength(DOWNLOAD_PER_KIND + 1);
    expect(rows.at(-1)).toEqual([
      'cảnh báo',
      'members.csv',
      undefined,
      undefined,
      undefined,
      undefined,
      '… và 49.000 cảnh báo tương tự (mã rollup-mismatch trong members.csv), không liệt kê ở đây',
      undefined,
    ]);
  });

  test('quotes an excerpt of a megabyte cell, not the cell', () => {
    const bytes = qualityCsv([mismatch(2, 'x'.repeat(1_000_000))]);
    expect(bytes.length).toBeLessThan(1_000);
    expect(Buffer.from(bytes).toString('utf8')).toContain(`,${'x'.repeat(60)}…,`);
  });
});

describe('a quoted cell is a short excerpt with invisible characters made visible', () => {
  test.each([
    ['a short value, unchanged', '12a', '12a'],
    ['Vietnamese with combining marks (NFD), unchanged', 'Thuỷ Châu', 'Thuỷ Châu'],
    ['exactly 60 characters, not cut', 'x'.repeat(60), 'x'.repeat(60)],
    ['61 characters, cut to 60 and …', 'x'.repeat(61), `${'x'.repeat(60)}…`],
    ['a megabyte, cut to 60 and …', '9x'.repeat(500_000), `${'9x'.repeat(30)}…`],
    ['a zero-width space', '12\u200b3', '12<U+200B>3'],
    ['a no-break space between thousands', '1\u00a0234', '1<U+00A0>234'],
    ['a right-to-left override', 'G1\u202e21', 'G1<U+202E>21'],
    ['a line break in a quoted cell', 'dòng 1\ndòng 2', 'dòng 1<U+000A>dòng 2'],
    ['a byte-order mark', '\ufeffP', '<U+FEFF>P'],
    ['a plain space, unchanged', 'Xã An', 'Xã An'],
    ['characters outside the basic plane count once', '😀'.repeat(61), `${'😀'.repeat(60)}…`],
  ])('%s', (_name, value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  test('a printed message quotes the excerpt, and a name in its text cannot reorder the line', () => {
    const text = formatProblem({
      ...mismatch(2, `${'9'.repeat(100)}`),
      message: 'trùng mã với đơn vị ("Xã \u202eAn")',
    });
    expect(text).toBe(
      `members.csv:2:3 cột members: "${'9'.repeat(60)}…" trùng mã với đơn vị ("Xã <U+202E>An") (differs from the sum of its children). Cách sửa: Đối chiếu lại.`,
    );
  });
});
