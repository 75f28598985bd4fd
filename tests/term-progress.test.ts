import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { pageDigests } from '../src/model/digests.ts';
import type { Province } from '../src/model/province.ts';
import { progressRatio, shownTerms, termProgress, type TermProgress } from '../src/model/term-progress.ts';
import { fixture, loadFiles } from './helpers.ts';

const { province } = await load(fixture('term-progress'));
if (!province) throw new Error('the term-progress fixture must load');

function progressOf(p: Province, unitId: string, term: string, measure: string): TermProgress {
  const target = p.terms.targets.get(unitId)?.find((t) => t.term === term && t.measure === measure);
  if (!target) throw new Error(`no target ${unitId} ${term} ${measure}`);
  return termProgress(p, target);
}

describe('the years a target counts and those that have figures', () => {
  test.each([
    // unit, term, measure, the term's years, elapsed, without figures
    ['P', '2020-2025', 'admitted_total', [2021, 2025], 5, []],
    ['D1', '2020-2025', 'admitted_total', [2020, 2025], 6, []],
    ['D3', '2020-2025', 'admitted_total', [2021, 2025], 5, [2022]],
    ['D3', '2020-2025', 'members_good_share', [2021, 2025], 5, [2021, 2022, 2023, 2024, 2025]],
    ['D2', '2025-2030', 'admitted_total', [2025, 2030], 1, []],
    ['P', '2025-2030', 'admitted_total', [2026, 2030], 0, []],
  ])(
    '%s %s %s counts the years %j, %i of them so far, none reported in %j',
    (unit, term, measure, [first, last], elapsed, missing) => {
      const p = progressOf(province, unit, term, measure);
      expect([p.years[0], p.years.at(-1)]).toEqual([first, last]);
      expect(p.elapsed).toHaveLength(elapsed);
      expect(p.missing).toEqual(missing);
    },
  );
});

describe('a count target: the sum so far, what remains and the pace', () => {
  test.each([
    // unit, term, done, remaining, pace, on pace, ended
    ['P', '2020-2025', 600, 0, undefined, true, true],
    ['D1', '2020-2025', 319, 31, undefined, false, true],
    ['D3', '2020-2025', 45, 15, undefined, false, true],
    ['D2', '2025-2030', 55, 275, 55, true, false],
    ['P', '2025-2030', 0, 650, 130, true, false],
  ])(
    '%s %s: %i admitted, %i remaining, %s a year, on pace %s, ended %s',
    (unit, term, done, remaining, pace, onPace, ended) => {
      const p = progressOf(province, unit, term, 'admitted_total');
      if (p.kind !== 'count') throw new Error('a count');
      expect([p.done, p.remaining, p.pace, p.onPace, p.ended]).toEqual([
        done,
        remaining,
        pace,
        onPace,
        ended,
      ]);
    },
  );

  test('a year without admissions figures is left out of the sum, not counted as zero', () => {
    const p = progressOf(province, 'D3', '2020-2025', 'admitted_total');
    expect(p.figures.map((f) => f.year)).toEqual([2021, 2023, 2024, 2025]);
  });

  test('mid-term, the pace needed spreads what remains over the years left', async () => {
    const { province: midTerm } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
      'admissions.csv': 'unit_id,year,admitted\nP,2021,340\nP,2022,340\nP,2023,340',
      'term_targets.csv': 'unit_id,term,measure,target\nP,2020-2025,admitted_total,1500',
    });
    const p = progressOf(midTerm!, 'P', '2020-2025', 'admitted_total');
    if (p.kind !== 'count') throw new Error('a count');
    expect([p.elapsed.length, p.years.length, p.done, p.remaining, p.yearsLeft, p.pace, p.onPace]).toEqual([
      3,
      5,
      1020,
      480,
      2,
      240,
      true,
    ]);
  });
});

test('a yearly target compares the average of the years with figures', () => {
  const p = progressOf(province, 'D2', '2020-2025', 'admitted_yearly');
  if (p.kind !== 'yearly') throw new Error('yearly');
  expect([p.done, p.average, p.onPace]).toEqual([286, 57.2, true]);
});

describe('a share target: each year’s share, the years that met it, the latest', () => {
  test.each([
    // unit, measure, years met, latest part / whole
    ['P', 'grassroots_good_share', [2021, 2023, 2024, 2025], [4, 5]],
    ['D1', 'cells_good_share', [2024, 2025], [17, 18]],
    ['D1', 'secretary_as_head_share', [2025], [9, 11]],
    ['P', 'members_good_share', [2021, 2022, 2023, 2024, 2025], [990, 1110]],
    ['D3', 'members_good_share', [], undefined],
  ])('%s %s is met in %j, latest %j', (unit, measure, met, latest) => {
    const p = progressOf(province, unit, '2020-2025', measure);
    if (p.kind !== 'share') throw new Error('a share');
    expect(p.met).toEqual(met);
    expect(p.latest && [p.latest.part, p.latest.whole]).toEqual(latest);
  });
});

test('progress ranks by exact fractions of the target', () => {
  expect(progressRatio(progressOf(province, 'D1', '2020-2025', 'admitted_total'))).toEqual({
    done: 319,
    goal: 350,
  });
  expect(progressRatio(progressOf(province, 'D3', '2020-2025', 'members_good_share'))).toBeUndefined();
});

describe('the terms shown', () => {
  test('the province’s committee in office and the one before it, current first', () => {
    expect(shownTerms(province)).toEqual(['2025-2030', '2020-2025']);
  });

  test('without committees of the province, the latest terms with targets begun by the latest year', async () => {
    const { province: noCommittees } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
      'admissions.csv': 'unit_id,year,admitted\nP,2023,340',
      'term_targets.csv': [
        'unit_id,term,measure,target',
        'P,2015-2020,admitted_total,1000',
        'P,2020-2025,admitted_total,1500',
        'P,2025-2030,admitted_total,1500',
      ].join('\n'),
    });
    expect(shownTerms(noCommittees!)).toEqual(['2020-2025', '2015-2020']);
  });
});

test('a unit page’s digest changes with its targets and its congress date, not with another unit’s target', async () => {
  const files = (target: string, congress: string) => ({
    'units.csv':
      'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\nD1,Đảng bộ huyện Một,P,district\nD2,Đảng bộ huyện Hai,P,district',
    'admissions.csv': 'unit_id,year,admitted\nD1,2021,40\nD2,2021,30',
    'committees.csv': `unit_id,term,congress_date,executive_committee\nD1,2020-2025,${congress},30`,
    'term_targets.csv': `unit_id,term,measure,target\nD1,2020-2025,admitted_total,${target}\nD2,2020-2025,admitted_total,100`,
  });
  const digestsOf = async (target: string, congress: string) => {
    const { province: p } = await loadFiles(files(target, congress));
    const digest = pageDigests(p!);
    return ['D1', 'D2'].map(digest);
  };
  const [d1, d2] = await digestsOf('200', '2020-08-01');
  const [d1Target, d2Target] = await digestsOf('250', '2020-08-01');
  const [d1Congress] = await digestsOf('200', '2020-03-01');
  expect(d1Target).not.toBe(d1);
  expect(d1Congress).not.toBe(d1);
  expect(d2Target).toBe(d2);
});

test('a committee that ended during the term stops at its last year-end, with no year left', async () => {
  const { province: p } = await loadFiles({
    'units.csv': [
      'id,name,parent_id,level,dissolved',
      'P,Đảng bộ tỉnh Mẫu,,province,',
      'D,Đảng bộ thị xã Hương Thủy,P,district,2025-06-30',
      'E,Đảng bộ phường Thủy Châu,P,district,',
    ].join('\n'),
    'admissions.csv': ['unit_id,year,admitted', 'D,2023,100', 'D,2024,100', 'E,2025,30'].join('\n'),
    'term_targets.csv': 'unit_id,term,measure,target\nD,2020-2025,admitted_total,550',
  });
  const progress = progressOf(p!, 'D', '2020-2025', 'admitted_total');
  if (progress.kind !== 'count') throw new Error('a count');
  expect([progress.elapsed, progress.missing, progress.stopped, progress.ended, progress.pace]).toEqual([
    [2021, 2022, 2023, 2024],
    [2021, 2022],
    2024,
    true,
    undefined,
  ]);
});
