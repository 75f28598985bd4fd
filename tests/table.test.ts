import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { compositionView } from '../src/present/composition.ts';
import { subordinatesView } from '../src/present/subordinates.ts';
import {
  column,
  count,
  countWithShare,
  partial,
  percentColumn,
  shownTable,
  text,
  type Cell,
  type TableView,
} from '../src/present/table.ts';
import { dataDir, fixture } from './helpers.ts';

async function provinceOf(dir: string): Promise<Province> {
  const { province, problems } = await load(dir);
  if (!province) throw new Error(problems.map((p) => p.message).join('\n'));
  return province;
}

const texts = (table: TableView) => table.rows.map((row) => row.map((cell) => cell.text));

const table = (rows: Cell[][]): TableView => ({
  caption: 'Bảng thử',
  columns: [column('Năm', false), column('Tổng số'), column('Nữ'), column('Kết nạp')],
  rows,
});

describe('columns with no figure in any row', () => {
  test('are dropped and named in a note; the first column and any column with a figure stay', () => {
    const shown = shownTable(
      table([
        [text('2019'), count(10), count(undefined), count(undefined)],
        [text('2020'), count(12), count(3), count(undefined)],
      ]),
    );
    expect(shown.table.columns.map((c) => c.label)).toEqual(['Năm', 'Tổng số', 'Nữ']);
    expect(texts(shown.table)).toEqual([
      ['2019', '10', '—'],
      ['2020', '12', '3'],
    ]);
    expect(shown.notes).toEqual(['Bảng lược bỏ các cột chưa có số liệu: “Kết nạp”.']);
    expect([0, 1, 2, 3].map(shown.columnOf)).toEqual([0, 1, 2, undefined]);
  });

  test('a table with a figure in every column is shown as it is, with no note', () => {
    const given = table([[text('2019'), count(10), count(0), count(1)]]);
    const shown = shownTable(given);
    expect(shown.table).toBe(given);
    expect(shown.notes).toEqual([]);
  });

  test('a grassroots unit’s list of cells keeps only the names and levels, not six columns of dashes', async () => {
    const basic = await provinceOf(fixture('basic'));
    const view = subordinatesView(basic, 'G1');
    if (!view) throw new Error('G1 has cells');
    const shown = shownTable(view.table);
    expect(shown.table.columns.map((c) => c.label)).toEqual(['Đơn vị', 'Cấp']);
    expect(shown.notes[0]).toMatch(/^Bảng lược bỏ các cột chưa có số liệu: “Chi bộ trực thuộc”, “Đảng viên”/);
    // The level column is never wrapped in a narrow table.
    expect(shown.table.columns[1]?.nowrap).toBe(true);
  });
});

describe('sums that leave out some organizations', () => {
  test.each([
    ['a count', partial(count(12565), 2), '12.565*'],
    ['a count with its share', countWithShare(12565, 0.336, 2), '12.565* (34%)'],
    ['a complete count', partial(count(12565), 0), '12.565'],
    ['a figure not reported', partial(count(undefined), 2), '—'],
  ])('%s is marked only when partial: %s', (_, cell, expected) => {
    expect(cell.text).toBe(expected);
  });

  test('one number of missing organizations is said once under the table', () => {
    const shown = shownTable(
      table([
        [text('2019'), count(10), partial(count(4), 2), count(1)],
        [text('2020'), count(12), partial(count(5), 2), count(1)],
      ]),
    );
    expect(shown.notes).toEqual(['* Tổng chưa đủ: thiếu số liệu của 2 tổ chức cơ sở đảng.']);
  });

  test('different numbers of missing organizations are said row by row, as a range within a row', () => {
    const shown = shownTable(
      table([
        [text('2019'), partial(count(10), 1), partial(count(4), 2), count(1)],
        [text('2020'), count(12), partial(count(5), 2), count(1)],
      ]),
    );
    expect(shown.notes).toEqual([
      '* Tổng chưa đủ, thiếu số liệu của 1–2 tổ chức cơ sở đảng năm 2019; 2 tổ chức cơ sở đảng năm 2020.',
    ]);
  });

  test('rows of units are named in parentheses, and a long list stops after eight rows', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [
      text(`Đảng bộ xã ${i + 1}`),
      partial(count(10), i + 1),
      count(1),
      count(1),
    ]);
    const [note] = shownTable(table(rows)).notes;
    expect(note).toMatch(
      /^\* Tổng chưa đủ, thiếu số liệu của 1 tổ chức cơ sở đảng \(Đảng bộ xã 1\); 2 tổ chức/,
    );
    expect(note).toMatch(/8 tổ chức cơ sở đảng \(Đảng bộ xã 8\) và 2 dòng khác có dấu \* trong bảng\.$/);
  });

  test('years missing as many organizations are named together, every year named', () => {
    const missing = [2, 3, 3, 2, 1, 2, 2, 2, 2, 2, 2];
    const rows = missing.map((n, i) => [
      text(String(2015 + i)),
      partial(count(10), n),
      partial(count(4), 2),
      count(1),
    ]);
    expect(shownTable(table(rows)).notes).toEqual([
      '* Tổng chưa đủ, thiếu số liệu của 2 tổ chức cơ sở đảng các năm 2015, 2018, 2020–2025; ' +
        '2–3 tổ chức cơ sở đảng các năm 2016, 2017; 1–2 tổ chức cơ sở đảng năm 2019.',
    ]);
  });

  const dir = dataDir({
    'units.csv': [
      'id,name,parent_id,level',
      'P,Đảng bộ tỉnh Thử,,province',
      'D,Đảng bộ huyện Thử,P,district',
      'G1,Đảng bộ xã Một,D,grassroots',
      'G2,Đảng bộ xã Hai,D,grassroots',
      'G3,Đảng bộ xã Ba,D,grassroots',
    ].join('\n'),
    'members.csv': [
      'unit_id,year,members,women',
      'G1,2019,100,40',
      'G2,2019,50,',
      'G3,2019,30,',
      'G1,2020,101,41',
      'G2,2020,52,20',
      'G3,2020,31,10',
    ].join('\n'),
  });

  test('a district’s women in a year two communes did not report them: marked, no share, and the note says 2', async () => {
    const province = await provinceOf(dir);
    const view = compositionView(province, 'D');
    if (!view) throw new Error('D has members');
    const shown = shownTable(view.byYear);
    expect(shown.table.columns.map((c) => c.label)).toEqual(['Năm', 'Tổng số', 'Nữ']);
    // 2019: the women's 40 covers one commune of three, so no share of the 180 members; 2020 is whole.
    expect(texts(shown.table)).toEqual([
      ['2019', '180', '40*'],
      ['2020', '184', '71 (39%)'],
    ]);
    expect(shown.notes).toEqual(['* Tổng chưa đủ: thiếu số liệu của 2 tổ chức cơ sở đảng.']);
  });
});

describe('a column of percentages', () => {
  test.each([
    ['whole percents stay whole', [1.06, 0.59, undefined], ['106%', '59%', '—']],
    // Alone, 99,7% would keep its decimal among whole percents and 100,4% would gain one.
    [
      'a target achievement just short of 100% gives every row its decimal',
      [1.06, 0.997],
      ['106,0%', '99,7%'],
    ],
    ['one just over 100% is met and stays whole like the rest', [1.06, 1.004], ['106%', '100%']],
  ])('%s', (_, values, texts) => {
    expect(percentColumn(values).map((cell) => cell.text)).toEqual(texts);
    expect(percentColumn(values).map((cell) => cell.sort)).toEqual(values);
  });
});
