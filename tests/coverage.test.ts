import { describe, expect, test } from 'vitest';
import { generate } from '../src/cli/gen-data.ts';
import { load } from '../src/build/project.ts';
import { comparable, complete, readingOf } from '../src/model/coverage.ts';
import type { Province, Statistics } from '../src/model/province.ts';
import type { Figures } from '../src/model/rollup.ts';
import { loadFiles, tempDir } from './helpers.ts';

/**
 * P ─ D1 ─ G1, G2
 *   └ D2 ─ G3
 * 2020: G1 and G3 report; 2021: G2 and G3; 2022: D1 reports its own total, and G3;
 * 2023: everyone.
 */
const FILES = {
  'units.csv': [
    'id,name,parent_id,level',
    'P,Đảng bộ tỉnh Mẫu,,province',
    'D1,Đảng bộ huyện Một,P,district',
    'D2,Đảng bộ huyện Hai,P,district',
    'G1,Đảng bộ xã An,D1,grassroots',
    'G2,Đảng bộ xã Bình,D1,grassroots',
    'G3,Đảng bộ xã Cát,D2,grassroots',
  ].join('\n'),
  'members.csv': [
    'unit_id,year,members',
    'G1,2020,10',
    'G3,2020,30',
    'G2,2021,20',
    'G3,2021,31',
    'D1,2022,33',
    'G3,2022,32',
    'G1,2023,11',
    'G2,2023,21',
    'G3,2023,33',
  ].join('\n'),
};

const loaded = await loadFiles(FILES);
if (!loaded.province) throw new Error('the coverage data must be valid');
const province: Province = loaded.province;
const unit = (id: string) => {
  const found = province.tree.units.get(id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
};
const members = (id: string, year: number) =>
  readingOf(province, province.members, unit(id), year, 'members');

describe('what a total covers', () => {
  test.each([
    // unit, year, value, organizations included, organizations in all
    ['P', 2020, 40, 2, 3],
    ['D1', 2020, 10, 1, 2],
    ['D1', 2021, 20, 1, 2],
    ['P', 2022, 65, 3, 3], // D1's own total covers both of its organizations
    ['D1', 2022, 33, 2, 2],
    ['P', 2023, 65, 3, 3],
    ['G1', 2023, 11, 1, 1],
  ])('%s in %i: %i members, from %i of %i grassroots organizations', (id, year, value, count, total) => {
    const reading = members(id, year);
    expect(reading?.value).toBe(value);
    expect(reading?.scope.count).toBe(count);
    expect(reading?.scope.total).toBe(total);
  });

  test('nothing reported is no reading at all', () => {
    expect(members('G1', 2021)).toBeUndefined();
  });

  test('a partial total names the organizations it includes', () => {
    expect([...(members('P', 2021)?.scope.ids() ?? [])].sort()).toEqual(['G2', 'G3']);
    expect(complete(members('P', 2021)?.scope ?? { count: 0, total: 1, ids: () => new Set() })).toBe(false);
  });
});

describe('two totals compare only when they include the same organizations', () => {
  test.each([
    ['D1', 2020, 'D1', 2021, false], // one each, but not the same one
    ['P', 2020, 'P', 2021, false], // two each, G1 + G3 against G2 + G3
    ['P', 2022, 'P', 2023, true], // both complete
    ['D1', 2022, 'D1', 2023, true], // a reported total and a complete sum
    ['D1', 2021, 'D1', 2022, false], // a partial sum against a complete total
    ['G3', 2020, 'G3', 2021, true],
  ])('%s %i against %s %i: %s', (a, yearA, b, yearB, expected) => {
    expect(comparable(members(a, yearA), members(b, yearB)) !== undefined).toBe(expected);
  });
});

test('on a generated province, every total names as many organizations as it counts', async () => {
  const dir = tempDir('coverage-');
  generate({ units: 60, years: 3, out: dir, seed: 3 });
  const generated = (await load(dir)).province;
  if (!generated) throw new Error('generated data must load');
  const check = <K extends string>(stats: Statistics<K, Figures<K>>) => {
    for (const unit of generated.tree.units.values()) {
      for (const year of generated.years) {
        for (const metric of stats.metrics) {
          const scope = readingOf(generated, stats, unit, year, metric)?.scope;
          if (scope) expect(scope.ids().size, `${unit.id} ${year} ${metric}`).toBe(scope.count);
        }
      }
    }
  };
  check(generated.members);
  check(generated.admissions);
  check(generated.cells);
});
