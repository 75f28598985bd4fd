import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { formatProblem } from '../src/problems.ts';
import { fixture, loadFiles, UNITS } from './helpers.ts';

const summarize = (problems: { severity: string; code: string; file: string; line?: number }[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}`);

describe('errors stop the build and name file and line', () => {
  test.each([
    [
      'missing units.csv',
      { 'members.csv': 'unit_id,year,members\nA,2024,1\n' },
      ['error missing-file units.csv:'],
    ],
    [
      'duplicate unit id',
      { 'units.csv': `${UNITS}\nG1,Xã khác,D1,grassroots\n` },
      ['error duplicate-id units.csv:6'],
    ],
    [
      'ids differing only in case',
      { 'units.csv': `${UNITS}\ng1,Xã khác,D1,grassroots\n` },
      ['error duplicate-id units.csv:6'],
    ],
    [
      'unknown parent',
      { 'units.csv': `${UNITS}\nG3,Xã,D9,grassroots\n` },
      ['error unknown-parent units.csv:6'],
    ],
    ['two roots', { 'units.csv': `${UNITS}\nP2,Tỉnh khác,,province\n` }, ['error two-roots units.csv:6']],
    [
      'a non-province without parent',
      { 'units.csv': `${UNITS}\nG3,Xã,,grassroots\n` },
      ['error missing-parent units.csv:6'],
    ],
    [
      'a parent at the same level',
      { 'units.csv': `${UNITS}\nG3,Xã,G1,grassroots\n` },
      ['error parent-level units.csv:6'],
    ],
    [
      'a cycle',
      { 'units.csv': `${UNITS}\nX1,Huyện X,X2,district\nX2,Huyện Y,X1,district\n` },
      ['error parent-level units.csv:6', 'error cycle units.csv:6', 'error parent-level units.csv:7'],
    ],
    [
      'statistics for an unknown unit',
      { 'units.csv': UNITS, 'members.csv': 'unit_id,year,members\nG1,2024,10\nG9,2024,5\n' },
      ['error unknown-unit members.csv:3'],
    ],
    [
      'a duplicate unit and year',
      { 'units.csv': UNITS, 'admissions.csv': 'unit_id,year,admitted\nG1,2024,1\nG2,2024,1\nG1,2024,2\n' },
      ['error duplicate-row admissions.csv:4'],
    ],
    [
      'an event without its resulting unit',
      {
        'units.csv': UNITS,
        'restructurings.csv': 'id,date,kind,title,parent_id\nE1,2020-01-01,merge,Hợp nhất,D1\n',
      },
      ['error missing-value restructurings.csv:2'],
    ],
    [
      'an event unit that does not exist',
      {
        'units.csv': UNITS,
        'restructurings.csv': 'id,date,kind,title,parent_id\nE1,2020-01-01,dissolve,Giải thể,D1\n',
        'restructuring_units.csv': 'restructuring_id,unit_id\nE1,G7\nE2,G1\n',
      },
      ['error unknown-unit restructuring_units.csv:2', 'error unknown-event restructuring_units.csv:3'],
    ],
  ])('%s', async (_name, files, expected) => {
    const { problems, province } = await loadFiles(files);
    expect(province).toBeUndefined();
    expect(summarize(problems.filter((p) => p.severity === 'error'))).toEqual(expected);
  });
});

describe('warnings let the build go on and are listed', () => {
  test.each([
    [
      'a parent total that differs from its children',
      'members.csv',
      'unit_id,year,members\nG1,2024,10\nG2,2024,5\nD1,2024,16\n',
      ['warning rollup-mismatch members.csv:4'],
    ],
    [
      'a part larger than its total',
      'members.csv',
      'unit_id,year,members,women\nG1,2024,10,11\n',
      ['warning part-exceeds-total members.csv:2'],
    ],
    [
      'a broken membership balance',
      'members.csv',
      'unit_id,year,members,transferred_in,transferred_out,deceased,removed\nG1,2023,10,,,,\nG1,2024,12,1,0,0,0\n',
      ['warning balance members.csv:3'],
    ],
    [
      'cell ratings that do not add up',
      'cells.csv',
      'unit_id,year,cells,cells_excellent,cells_good,cells_complete,cells_incomplete\nG1,2024,5,1,1,1,1\n',
      ['warning ratings-sum cells.csv:2'],
    ],
  ])('%s', async (_name, file, csv, expected) => {
    const files: Record<string, string> = { 'units.csv': UNITS, [file]: csv };
    if (file === 'members.csv' && csv.includes('transferred_in')) {
      files['admissions.csv'] = 'unit_id,year,admitted\nG1,2024,0\n';
    }
    const { problems, province } = await loadFiles(files);
    expect(province).toBeDefined();
    expect(summarize(problems)).toEqual(expected);
  });

  test('statistics dated after a dissolution are a warning', async () => {
    const { problems } = await loadFiles({
      'units.csv': [
        'id,name,parent_id,level,established,dissolved',
        'P,Đảng bộ tỉnh Mẫu,,province,,',
        'D1,Đảng bộ huyện Một,P,district,,',
        'G3,Đảng bộ xã Cũ,D1,grassroots,01/01/2010,30/06/2022',
      ].join('\n'),
      'members.csv': 'unit_id,year,members\nG3,2021,10\nG3,2022,9\n',
    });
    expect(summarize(problems)).toEqual(['warning after-dissolution members.csv:3']);
  });

  test('listed cells that disagree with the count are a warning', async () => {
    const { problems } = await loadFiles({
      'units.csv': `${UNITS}\nC1,Chi bộ 1,G1,cell\nC2,Chi bộ 2,G1,cell\n`,
      'cells.csv': 'unit_id,year,cells\nG1,2024,3\n',
    });
    expect(summarize(problems)).toEqual(['warning listed-cells cells.csv:2']);
  });
});

describe('messages', () => {
  test('a message names file, line, column, key and value, in Vietnamese with the English key', async () => {
    const { problems } = await loadFiles({
      'units.csv': UNITS,
      'members.csv': 'unit_id,year,members\nG1,2024,10\nG2,2024,12a\n',
    });
    expect(problems.map(formatProblem)).toEqual([
      'members.csv:3:3 cột members: "12a" không phải số nguyên không âm (members must be a non-negative integer). Cách sửa: Ghi số nguyên, ví dụ 1234 hoặc 1.234; nếu chưa có số liệu thì để trống.',
    ]);
  });

  test('the basic fixture is valid', async () => {
    const { problems, province } = await load(fixture('basic'));
    expect(problems).toEqual([]);
    expect(province).toBeDefined();
  });
});

describe('a committee with cells directly under it that units.csv does not list', () => {
  // A 2025 commune committee (cấp trên cơ sở): a school listed under it, its village cells only
  // counted in cells.csv; its own members include the cells' members.
  const units = [
    'id,name,parent_id,level',
    'P,Đảng bộ tỉnh Mẫu,,province',
    'X,Đảng bộ xã An,P,district',
    'X.T,Chi bộ Trường học An,X,grassroots',
  ].join('\n');
  const members = (own: number) => `unit_id,year,members\nX,2025,${own}\nX.T,2025,20\n`;
  test.each([
    ['less in its listed children than in its own figure: no warning', 120, 12, []],
    ['more in its listed children than in its own figure: still a mismatch', 15, 12, ['rollup-mismatch']],
    ['no cells counted: the listed children must add up', 120, 0, ['rollup-mismatch']],
  ])('%s', async (_, own, cells, codes) => {
    const { problems } = await loadFiles({
      'units.csv': units,
      'members.csv': members(own),
      'cells.csv': `unit_id,year,cells\nX,2025,${cells}\n`,
    });
    expect(problems.map((p) => p.code)).toEqual(codes);
  });
});
