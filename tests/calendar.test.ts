import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { outlierYears, todayInVietnam } from '../src/validate/calendar.ts';
import { formatProblem } from '../src/problems.ts';
import { dataDir, fixture, UNITS } from './helpers.ts';

const TODAY = '2026-12-05';
const summarize = (problems: readonly { severity: string; code: string; file: string; line?: number }[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}`);
const loadOn = (today: string, files: Record<string, string>) => load(dataDir(files), { today });

/** `n` grassroots units under one district, each reporting `members` for every year given. */
function province(n: number, years: readonly number[], extra: readonly string[] = []) {
  const ids = Array.from({ length: n }, (_, i) => `G${i + 1}`);
  const units = ['id,name,parent_id,level', 'P,Tỉnh,,province', 'D1,Huyện,P,district'];
  for (const id of ids) units.push(`${id},Xã ${id},D1,grassroots`);
  const members = ['unit_id,year,members'];
  for (const year of years) for (const id of ids) members.push(`${id},${year},10`);
  return { 'units.csv': units.join('\n'), 'members.csv': [...members, ...extra].join('\n') };
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('a figure year after the current one is an error', () => {
  test.each([
    ['members.csv', 'unit_id,year,members\nG1,2024,10\nG2,2099,5\n'],
    ['admissions.csv', 'unit_id,year,admitted\nG1,2024,1\nG2,2027,1\n'],
    ['cells.csv', 'unit_id,year,cells\nG1,2027,3\n'],
  ])('%s', async (file, csv) => {
    const { province: p, problems } = await loadOn(TODAY, { 'units.csv': UNITS, [file]: csv });
    expect(p).toBeUndefined();
    const line = csv.trim().split('\n').length;
    expect(summarize(problems)).toEqual([`error future-year ${file}:${line}`]);
  });

  test('the message names the cell, the year and today, in Vietnamese, with what to do', async () => {
    const { problems } = await loadOn(TODAY, {
      'units.csv': UNITS,
      'members.csv': 'unit_id,year,members\nG1,2099,10\n',
    });
    expect(problems.map(formatProblem)).toEqual([
      'members.csv:2:2 cột year: "2099" năm 2099 chưa đến (hôm nay là 05/12/2026); số liệu tính đến 31/12 nên chỉ có thể ghi đến năm 2026 (year 2099 is in the future). Cách sửa: Sửa năm cho đúng (có thể gõ nhầm); nếu đây là số liệu dự kiến thì xóa dòng này, chỉ ghi khi đã có số liệu.',
    ]);
  });

  test('the current year itself is accepted, and the next one once the clock reaches it', async () => {
    const files = { 'units.csv': UNITS, 'members.csv': 'unit_id,year,members\nG1,2026,10\nG1,2027,11\n' };
    expect(summarize((await loadOn(TODAY, files)).problems)).toEqual(['error future-year members.csv:3']);
    expect((await loadOn('2027-01-01', files)).problems).toEqual([]);
  });

  test('the clock is the real date in Vietnam by default', async () => {
    const next = Number(todayInVietnam().slice(0, 4)) + 1;
    const { problems } = await load(
      dataDir({ 'units.csv': UNITS, 'members.csv': `unit_id,year,members\nG1,${next},10\n` }),
    );
    expect(summarize(problems)).toEqual(['error future-year members.csv:2']);
  });

  test.each([
    ['23:30 on 31/12 in UTC is already 1 January in Vietnam', '2026-12-31T23:30:00Z', '2027-01-01'],
    ['16:59 UTC is still the same day in Vietnam', '2026-06-30T16:59:00Z', '2026-06-30'],
  ])('%s', (_name, instant, expected) => {
    expect(todayInVietnam(new Date(instant))).toBe(expected);
  });
});

describe('a date after today is a warning: a decision may be signed for a day to come', () => {
  test.each([
    ['established', 'G3,Xã Mới,D1,grassroots,01/07/2027,'],
    ['dissolved', 'G3,Xã Cũ,D1,grassroots,,01/07/2099'],
  ])('units.csv %s', async (_key, row) => {
    const units = [
      'id,name,parent_id,level,established,dissolved',
      'P,Tỉnh,,province,,',
      'D1,Huyện,P,district,,',
      row,
    ];
    const { province: p, problems } = await loadOn(TODAY, { 'units.csv': units.join('\n') });
    expect(p).toBeDefined();
    expect(summarize(problems)).toEqual(['warning future-date units.csv:4']);
  });

  test('an event dated after today', async () => {
    const { province: p, problems } = await loadOn(TODAY, {
      'units.csv': `${UNITS}\nG3,Xã Mới,D1,grassroots`,
      'restructurings.csv':
        'id,date,kind,title,parent_id,result_unit_id\nE1,2020-01-01,establish,Thành lập,D1,G3\nE2,15/03/2027,transfer,Chuyển,D1,\n',
    });
    expect(p).toBeDefined();
    expect(summarize(problems)).toEqual(['warning future-date restructurings.csv:3']);
    expect(formatProblem(problems[0]!)).toContain('cột date: "15/03/2027" ngày 15/03/2027 chưa đến');
  });

  test('today itself is not in the future', async () => {
    const { problems } = await loadOn(TODAY, {
      'units.csv': `id,name,parent_id,level,established\nP,Tỉnh,,province,05/12/2026\n`,
    });
    expect(problems).toEqual([]);
  });
});

describe('a year few units report, far from the years most report, is a warning on each of its rows', () => {
  test.each([
    // 40 units a year: a year with at most 2 rows (5%) is rare; more than 3 years away is far.
    ['2 rows at 2009, six years before 2015–2025', 40, ['G1,2009,10', 'G2,2009,10'], [0, 1]],
    ['2 rows at 2011, four years away', 40, ['G1,2011,10', 'G2,2011,10'], [0, 1]],
    ['2 rows at 2012, only three years away', 40, ['G1,2012,10', 'G2,2012,10'], []],
    ['3 rows at 2009: more than 5% of a year', 40, ['G1,2009,10', 'G2,2009,10', 'G3,2009,10'], []],
    ['1 row at 2031 after 2025 (a faked clock lets it through)', 40, ['G1,2031,10'], [0]],
    ['1 row at 2005 with 19 units a year: one unit of 19 is not few', 19, ['G1,2005,10'], []],
    ['1 row at 2005 with 20 units a year', 20, ['G1,2005,10'], [0]],
  ])('%s', async (_name, units, extra, flagged) => {
    const { province: p, problems } = await loadOn('2031-06-01', province(units, range(2015, 2025), extra));
    expect(p).toBeDefined();
    // The extra rows follow the header and 11 years of every unit's rows.
    const line = (i: number) => 1 + 11 * units + i + 1;
    expect(summarize(problems)).toEqual(flagged.map((i) => `warning outlier-year members.csv:${line(i)}`));
  });

  test('the message names the year, how few rows have it and the nearest common year', async () => {
    const { problems } = await loadOn(TODAY, province(40, range(2015, 2025), ['G1,2009,10', 'G2,2009,10']));
    expect(formatProblem(problems[0]!)).toBe(
      'members.csv:442:2 cột year: "2009" năm 2009 chỉ có 2 dòng trong members.csv (năm nhiều nhất có 40 dòng) và cách 6 năm so với năm gần nhất có nhiều đơn vị báo cáo (2015) (a year few units report, far from all the others). Cách sửa: Kiểm tra lại năm của dòng này (có thể gõ nhầm); nếu đúng là số liệu năm 2009 thì có thể bỏ qua cảnh báo này.',
    );
  });

  test.each([
    ['no rows', new Map(), []],
    [
      'one unit, years far apart',
      new Map([
        [2000, 1],
        [2020, 1],
      ]),
      [],
    ],
    ['a series growing from 1 to 100 units', new Map(range(2000, 2020).map((y) => [y, (y - 1999) * 5])), []],
    [
      'a rare year at each end',
      new Map([[1990, 1], ...range(2000, 2010).map((y) => [y, 40] as [number, number]), [2020, 2]]),
      [1990, 2020],
    ],
  ])('outlierYears: %s', (_name, counts: Map<number, number>, expected) => {
    expect([...outlierYears(counts).keys()]).toEqual(expected);
  });
});

describe('no data this project ships or generates is refused or warned about', () => {
  test.each(['basic', 'narrative', 'restructuring', 'hostile'])('tests/fixtures/%s', async (name) => {
    const { problems } = await load(fixture(name));
    expect(problems.filter((p) => ['future-year', 'future-date', 'outlier-year'].includes(p.code))).toEqual(
      [],
    );
  });

  test('the sample data in data/', async () => {
    const { problems } = await load(fixture('../../data'));
    expect(problems.filter((p) => ['future-year', 'future-date', 'outlier-year'].includes(p.code))).toEqual(
      [],
    );
  });
});
