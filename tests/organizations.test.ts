import { describe, expect, test } from 'vitest';
import { readingOf } from '../src/model/coverage.ts';
import { grassrootsUnder, listedCells } from '../src/model/organizations.ts';
import type { Province } from '../src/model/province.ts';
import { yearEnd } from '../src/model/units.ts';
import { ratingCounts } from '../src/present/quality.ts';
import { loadFiles } from './helpers.ts';

/**
 * The Cần Thơ pilot (2011) at small scale: on 15/09/2020 the new committee PC takes two agency
 * chi bộ cơ sở of district D (A1, A2) over as its cells. units.csv lists A1 and A2 as cells today.
 * K is a cell directly under D, before and after (contract v2: cells under a cấp-trên-cơ-sở unit).
 *
 * P ─ D ─ G, A1, A2, K          (2019)
 *       └ G, PC ─ A1, A2; K      (2020)
 */
const FILES = {
  'units.csv': [
    'id,name,parent_id,level,type,established',
    'P,Đảng bộ tỉnh Mẫu,,province,,',
    'D,Đảng bộ huyện Một,P,district,,',
    'G,Đảng bộ xã An,D,grassroots,commune,',
    'PC,Đảng bộ Cơ quan chính quyền huyện,D,grassroots,agency,2020-09-15',
    'A1,Chi bộ Văn phòng huyện,PC,cell,,',
    'A2,Chi bộ Phòng Tài chính,PC,cell,,',
    'K,Chi bộ Khu phố Một,D,cell,,',
  ].join('\n'),
  'restructurings.csv': [
    'id,date,kind,title,parent_id,result_unit_id',
    'E1,2020-09-15,pilot_committee,Thí điểm Đảng bộ Cơ quan chính quyền huyện,D,PC',
  ].join('\n'),
  'restructuring_units.csv': ['restructuring_id,unit_id', 'E1,A1', 'E1,A2'].join('\n'),
  'members.csv': [
    'unit_id,year,members',
    'G,2019,100',
    'A1,2019,10',
    'A2,2019,12',
    'G,2020,101',
    'PC,2020,23',
  ].join('\n'),
  'cells.csv': [
    'unit_id,year,cells,rating',
    'G,2019,5,good',
    'A1,2019,0,good',
    'A2,2019,0,excellent',
    'G,2020,5,good',
    'PC,2020,2,excellent',
  ].join('\n'),
};

const loaded = await loadFiles(FILES);
if (!loaded.province) throw new Error('the pilot data must be valid');
const province: Province = loaded.province;
const ids = (id: string, year: number) => grassrootsUnder(province.tree, id, yearEnd(year)).map((u) => u.id);

describe('a pilot committee takes grassroots organizations over as its cells', () => {
  test.each([
    // unit, year, grassroots organizations under it
    ['D', 2019, ['G', 'A2', 'A1']],
    ['D', 2020, ['G', 'PC']],
    ['P', 2019, ['G', 'A2', 'A1']],
    ['P', 2020, ['G', 'PC']],
    ['PC', 2020, ['PC']],
    ['A1', 2019, ['A1']],
    ['A1', 2020, []],
    ['K', 2019, []],
  ] as const)('%s in %i: grassroots organizations %j', (id, year, expected) => {
    expect(ids(id, year).sort()).toEqual([...expected].sort());
  });

  test.each([2019, 2020])(
    'in %i every organization is counted once, and ratings add up to the count',
    (year) => {
      for (const id of ['P', 'D']) {
        const count = province.organizations(id, year).grassroots;
        const ratings = ratingCounts(province, id, year);
        expect(new Set(ids(id, year)).size).toBe(count);
        expect(ratings.total).toBe(count);
        const rated = Object.values(ratings.byRating).reduce((a, b) => a + b, 0);
        expect(rated + ratings.unrated).toBe(count);
      }
    },
  );

  test('the ratings of the agency chi bộ cơ sở count for the district before the pilot', () => {
    expect(ratingCounts(province, 'D', 2019).byRating).toEqual({
      excellent: 1,
      good: 2,
      complete: 0,
      incomplete: 0,
    });
    expect(ratingCounts(province, 'D', 2020).byRating).toEqual({
      excellent: 1,
      good: 1,
      complete: 0,
      incomplete: 0,
    });
  });

  test('a district total covers the same organizations as the count', () => {
    const district = province.tree.units.get('D');
    if (!district) throw new Error('no D');
    const scope = readingOf(province, province.members, district, 2019, 'members')?.scope;
    expect([scope?.count, scope?.total]).toEqual([3, 3]);
  });

  test.each([
    // unit, year, cells listed one by one in units.csv
    ['D', 2019, 1],
    ['D', 2020, 1],
    ['PC', 2020, 2],
    ['G', 2020, 0],
  ] as const)('%s in %i lists %i cells', (id, year, expected) => {
    expect(listedCells(province.tree, id, yearEnd(year))).toBe(expected);
  });

  test('the pilot committee listing as many cells as it counts raises no warning', () => {
    expect(loaded.problems.filter((p) => p.code === 'listed-cells')).toEqual([]);
  });
});
