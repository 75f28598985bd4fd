import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { committeesAt, reportYears, termYears } from '../src/model/terms.ts';
import { fixture } from './helpers.ts';

describe('the years a term counts', () => {
  test.each([
    ['2020-2025', undefined, [2021, 2022, 2023, 2024, 2025]],
    ['2020-2025', '2020-07-15', [2021, 2022, 2023, 2024, 2025]],
    ['2020-2025', '2020-06-30', [2020, 2021, 2022, 2023, 2024, 2025]],
    ['2025-2030', '2025-03-01', [2025, 2026, 2027, 2028, 2029, 2030]],
  ])('term %s with a congress on %s counts %j', (term, congress, years) => {
    expect(reportYears(term, congress)).toEqual(years);
  });

  test('a term reads as its first and last year', () => {
    expect(termYears('2015-2020')).toEqual({ start: 2015, end: 2020 });
  });
});

describe('a unit’s committees', async () => {
  const { province } = await load(fixture('terms'));
  const { terms } = province!;

  test.each([
    [2019, undefined, undefined],
    [2024, '2020-2025', undefined],
    [2025, '2025-2030', '2020-2025'],
    [2027, '2025-2030', '2020-2025'],
  ])('in %i the committee in office is %s and the one before it %s', (year, current, previous) => {
    const at = committeesAt(terms, 'G1', year);
    expect([at.current?.term, at.previous?.term]).toEqual([current, previous]);
  });

  test('a target reads as a number, a share as its percentage', () => {
    expect(terms.targets.get('D1')?.map((t) => [t.measure, t.target])).toEqual([
      ['admitted_total', 1500],
      ['admitted_yearly', 300],
      ['grassroots_good_share', 90],
      ['members_good_share', 90.5],
      ['cells_good_share', 85],
      ['secretary_as_head_share', 92.5],
    ]);
  });

  test('a term counts its congress year only when the unit’s congress came before July', () => {
    expect(terms.yearsOf('D1', '2020-2025')).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(terms.yearsOf('G1', '2020-2025')).toEqual([2021, 2022, 2023, 2024, 2025]);
  });
});
