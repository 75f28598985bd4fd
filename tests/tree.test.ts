import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { generate } from '../src/cli/gen-data.ts';
import type { Province } from '../src/model/province.ts';
import { justBefore, type Moment } from '../src/model/tree.ts';
import { yearEnd } from '../src/model/units.ts';
import { fixture, loadFiles, tempDir } from './helpers.ts';

let province: Province;
let members: { unit_id: string; year: number; members: number }[];
beforeAll(async () => {
  const loaded = await load(fixture('restructuring'));
  if (!loaded.province) throw new Error('the restructuring fixture must be valid');
  expect(loaded.problems).toEqual([]);
  province = loaded.province;
  members = loaded.data.members;
});

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`);

/** The units under Thốt Nốt in 2010, read off the fixture by hand: 21 agency chi bộ + 25 others. */
const THOT_NOT_2010 = [
  ...range('TN.DT', 1, 11),
  ...range('TN.CQ', 1, 10),
  ...range('TN.P', 1, 9),
  'TN.QS',
  'TN.CA',
  ...range('TN.S', 1, 14),
];

/** Members reported by the listed units themselves (members.csv rows), with no tree involved. */
const reported = (ids: readonly string[], year: number) =>
  members.filter((r) => r.year === year && ids.includes(r.unit_id)).reduce((sum, r) => sum + r.members, 0);

describe('the tree at a date, replayed from the restructuring fixture', () => {
  test.each([
    // unit, date, parent then
    ['TN.DT01', '2010-12-31', 'TN'],
    ['TN.DT01', '2011-08-16', 'TN'],
    ['TN.DT01', '2011-08-17', 'TN.CQDDT'],
    ['TN.CQ10', '2011-08-16', 'TN'],
    ['TN.CQ10', '2024-01-01', 'TN.CQCQ'],
    ['TN.S14', '2018-01-09', 'TN'],
    ['TN.S14', '2018-01-10', 'KDN'],
    ['TN.P10', '2015-07-01', 'TN'],
  ])('%s sits under its parent of %s: %s', (unit, date, parent) => {
    expect(province.tree.parentAt(unit, date)).toBe(parent);
  });

  test.each([
    // unit, date, exists — `dissolved` in units.csv or implied by the event, `established` likewise
    ['TN.CQDDT', '2011-08-16', false], // units.csv: established 17/08/2011
    ['TN.CQDDT', '2011-08-17', true],
    ['TN.CQCQ', '2011-08-16', false], // no date in units.csv: the pilot event creates it
    ['TN.CQCQ', '2011-08-17', true],
    ['TN.P08', '2015-06-30', true],
    ['TN.P08', '2015-07-01', false], // merged away: the merge ends it
    ['TN.P10', '2015-06-30', false],
    ['TN.P10', '2015-07-01', true], // the merge's result, new
    ['TN.S13', '2016-03-14', true],
    ['TN.S13', '2016-03-15', false], // dissolved
    ['TN.S14', '2019-12-31', true], // transferred, not ended
    ['NK.P01', '2010-01-01', true],
  ])('%s exists on %s: %s', (unit, date, exists) => {
    expect(province.tree.existsAt(unit, date)).toBe(exists);
  });

  test.each([
    // committee, date, directly subordinate units
    ['TN', '2010-12-31', 46],
    ['TN', '2011-08-16', 46],
    ['TN', '2011-08-17', 27], // both pilot committees of that day
    ['TN', '2014-12-31', 27],
    ['TN', '2015-07-01', 26], // two wards merged into one
    ['TN', '2016-03-15', 25], // one chi bộ dissolved
    ['TN', '2018-01-10', 24], // one chi bộ transferred out
    ['TN.CQDDT', '2011-08-16', 0],
    ['TN.CQDDT', '2011-08-17', 11],
    ['TN.CQCQ', '2011-08-17', 10],
    ['KDN', '2017-12-31', 2],
    ['KDN', '2018-01-10', 3],
  ])('%s has %i directly subordinate units on %s', (unit, date, count) => {
    expect(province.tree.childrenAt(unit, date)).toHaveLength(count);
  });

  test('events of one day apply in file order: 46, then 36 after the first committee, then 27', () => {
    const first = province.tree.moment('TN-2011-CQDDT');
    const second = province.tree.moment('TN-2011-CQCQ');
    if (!first || !second) throw new Error('both pilot events must have a moment');
    expect(first.date).toBe(second.date);
    expect(province.tree.childrenAt('TN', justBefore(first))).toHaveLength(46);
    expect(province.tree.childrenAt('TN', first)).toHaveLength(36);
    expect(province.tree.childrenAt('TN', justBefore(second))).toHaveLength(36);
    expect(province.tree.childrenAt('TN', second)).toHaveLength(27);
    // The second committee is not counted before its own creation, though created that day.
    expect(province.tree.existsAt('TN.CQCQ', justBefore(second))).toBe(false);
  });

  test('the set of units under Thốt Nốt in 2010 is the hand-made list', () => {
    const ids = province.tree.childrenAt('TN', '2010-12-31').map((u) => u.id);
    expect(ids.sort()).toEqual([...THOT_NOT_2010].sort());
  });

  test('dates come from units.csv when given, else from the event that implies them', () => {
    expect(province.tree.established('TN.CQDDT')).toBe('2011-08-17');
    expect(province.tree.established('TN.CQCQ')).toBe('2011-08-17');
    expect(province.tree.dissolved('TN.P09')).toBe('2015-07-01');
    expect(province.tree.dissolved('TN.S13')).toBe('2016-03-15');
    expect(province.tree.dissolved('TN.S14')).toBeUndefined();
  });
});

describe('rollups of past years use the tree of that year', () => {
  const after2015 = THOT_NOT_2010.filter((id) => !['TN.P08', 'TN.P09', 'TN.S13'].includes(id)).concat(
    'TN.P10',
  );
  test.each([
    ['TN', 2010, THOT_NOT_2010],
    // The pilot committees now stand between Thốt Nốt and the 21 agency chi bộ: same members.
    ['TN', 2012, THOT_NOT_2010],
    ['TN', 2017, after2015],
    ['TN', 2018, after2015.filter((id) => id !== 'TN.S14')],
    ['TN.CQDDT', 2012, range('TN.DT', 1, 11)],
    ['KDN', 2017, ['KDN.01', 'KDN.02']],
    ['KDN', 2018, ['KDN.01', 'KDN.02', 'TN.S14']],
  ])("%s's %i member total is the sum over the units it had that year", (unit, year, ids) => {
    const total = province.members.rollup.at(unit, year);
    expect(total?.reported).toBe(false);
    expect(total?.values.members).toBe(reported(ids, year));
  });

  test("Thốt Nốt's 2010 total counts the 46 units it had then, not today's 24", () => {
    const today = province.tree.childrenAt('TN', '2019-12-31').length;
    expect(today).toBe(24);
    expect(province.organizations('TN', 2010).direct).toBe(46);
    expect(province.members.rollup.at('TN', 2010)?.childrenTotal).toBe(46);
  });
});

const UNITS = [
  'id,name,parent_id,level,established,dissolved',
  'P,Đảng bộ tỉnh Mẫu,,province,,',
  'D1,Đảng bộ huyện Một,P,district,,',
  'D2,Đảng bộ huyện Hai,P,district,,',
  'G1,Đảng bộ xã An,D1,grassroots,,',
  'G2,Đảng bộ xã Bình,D1,grassroots,,',
];
const EVENTS = 'id,date,kind,title,parent_id,result_unit_id\n';
const LISTED = 'restructuring_id,unit_id,previous_parent_id\n';

describe('what each kind of event does', () => {
  test('a merge into one of the merged units keeps that unit and ends the others', async () => {
    const { province: p, problems } = await loadFiles({
      'units.csv': UNITS.join('\n'),
      'restructurings.csv': `${EVENTS}E1,01/01/2020,merge,Sáp nhập xã Bình vào xã An,D1,G1\n`,
      'restructuring_units.csv': `${LISTED}E1,G1,\nE1,G2,\n`,
    });
    expect(problems).toEqual([]);
    expect(p?.tree.childrenAt('D1', '2019-12-31').map((u) => u.id)).toEqual(['G1', 'G2']);
    expect(p?.tree.childrenAt('D1', '2020-01-01').map((u) => u.id)).toEqual(['G1']);
    expect(p?.tree.established('G1')).toBeUndefined();
    expect(p?.tree.dissolved('G1')).toBeUndefined();
    expect(p?.tree.dissolved('G2')).toBe('2020-01-01');
  });

  test('a merge into a new unit ends every listed unit and starts the new one', async () => {
    const { province: p, problems } = await loadFiles({
      'units.csv': [...UNITS, 'G3,Đảng bộ xã An Bình,D1,grassroots,,'].join('\n'),
      'restructurings.csv': `${EVENTS}E1,01/01/2020,merge,Hợp nhất,D1,G3\n`,
      'restructuring_units.csv': `${LISTED}E1,G1,\nE1,G2,\n`,
    });
    expect(problems).toEqual([]);
    expect(p?.tree.childrenAt('D1', '2019-12-31').map((u) => u.id)).toEqual(['G1', 'G2']);
    expect(p?.tree.childrenAt('D1', '2020-01-01').map((u) => u.id)).toEqual(['G3']);
    expect(p?.tree.established('G3')).toBe('2020-01-01');
  });

  test('an establishment starts its unit and moves the listed units under it', async () => {
    const { province: p, problems } = await loadFiles({
      'units.csv': [
        ...UNITS,
        'G3,Đảng bộ Khối cơ quan,D1,grassroots,,',
        'C1,Chi bộ Văn phòng,G3,cell,,',
      ].join('\n'),
      'restructurings.csv': `${EVENTS}E1,01/05/2021,establish,Thành lập,D1,G3\n`,
      'restructuring_units.csv': `${LISTED}E1,C1,G1\n`,
    });
    expect(problems).toEqual([]);
    expect(p?.tree.parentAt('C1', '2021-04-30')).toBe('G1');
    expect(p?.tree.parentAt('C1', '2021-05-01')).toBe('G3');
    expect(p?.tree.existsAt('G3', '2021-04-30')).toBe(false);
  });

  test('a transfer moves units to the named receiving unit, else to the event parent', async () => {
    const { province: p, problems } = await loadFiles({
      'units.csv': [...UNITS, 'C1,Chi bộ 1,G2,cell,,', 'G3,Đảng bộ xã Cũ,D2,grassroots,,'].join('\n'),
      'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Điều chuyển chi bộ,D1,G2\nE2,01/01/2021,transfer,Điều chuyển xã,D2,\n`,
      'restructuring_units.csv': `${LISTED}E1,C1,G1\nE2,G3,D1\n`,
    });
    expect(problems).toEqual([]);
    expect(p?.tree.parentAt('C1', '2019-12-31')).toBe('G1');
    expect(p?.tree.parentAt('C1', '2020-01-01')).toBe('G2');
    expect(p?.tree.parentAt('G3', '2020-12-31')).toBe('D1');
    expect(p?.tree.parentAt('G3', '2021-01-01')).toBe('D2');
    expect(p?.tree.existsAt('G3', '2019-01-01')).toBe(true);
  });

  test('a new unit dated later in units.csv than its event takes the listed units on that later date', async () => {
    const { province: p, problems } = await loadFiles({
      'units.csv': [...UNITS, 'G3,Đảng bộ Cơ quan,D1,grassroots,15/09/2020,', 'C1,Chi bộ 1,G3,cell,,'].join(
        '\n',
      ),
      'restructurings.csv': `${EVENTS}E1,17/07/2020,pilot_committee,Thí điểm,D1,G3\n`,
      'restructuring_units.csv': `${LISTED}E1,C1,D1\n`,
    });
    expect(problems.map((x) => `${x.severity} ${x.code}`)).toEqual(['warning established-differs']);
    expect(p?.tree.parentAt('C1', '2020-08-01')).toBe('D1');
    expect(p?.tree.parentAt('C1', '2020-09-15')).toBe('G3');
  });
});

describe('children at a date, as the tree keeps them per period between turning moments', () => {
  const reorganized = tempDir('tree-2025-');
  generate({ units: 60, years: 3, out: reorganized, seed: 5, reorganize: 2025, mergeProvinces: true });
  test.each([
    ['the restructuring fixture', fixture('restructuring')],
    ['the reorganization fixture', fixture('reorganization')],
    ['the sample data', join(import.meta.dirname, '..', 'data')],
    ['a generated province reorganized in 2025 with a provincial merger', reorganized],
  ])(
    'in %s, childrenAt and childCountAt agree with checking every unit, at every event and year end',
    async (_, dir) => {
      const { province: p } = await load(dir);
      if (!p) throw new Error(`${dir} must load`);
      const { tree } = p;
      const moments: (Moment | string)[] = [
        ...p.events.flatMap((e) => {
          const at = tree.moment(e.id);
          return at ? [at, justBefore(at), at.date] : [];
        }),
        ...p.years.map(yearEnd),
        '1990-01-01',
      ];
      const parents = [...tree.units.values()].filter((u) => u.level !== 'cell');
      for (const at of moments) {
        for (const parent of parents) {
          const expected = [...tree.units.values()]
            .filter((u) => tree.existsAt(u.id, at) && tree.parentAt(u.id, at) === parent.id)
            .map((u) => u.id)
            .sort();
          const where = `${parent.id} at ${JSON.stringify(at)}`;
          expect(
            tree
              .childrenAt(parent.id, at)
              .map((u) => u.id)
              .sort(),
            where,
          ).toEqual(expected);
          expect(tree.childCountAt(parent.id, at), where).toBe(expected.length);
        }
      }
    },
  );
});
