import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { fixture, loadFiles, UNITS } from './helpers.ts';

let province: Province;
beforeAll(async () => {
  const loaded = await load(fixture('basic'));
  if (!loaded.province) throw new Error('basic fixture must be valid');
  province = loaded.province;
});

describe('rollups on the basic fixture', () => {
  test.each([
    // unit, year, members, source
    ['G1', 2021, 125, true],
    ['G3', 2020, 1200, true],
    ['D1', 2020, 135, false], // G1 120 + G2 15
    ['D1', 2021, 141, true], // its own reported row
    ['D2', 2020, 1200, false],
    ['P', 2020, 1415, false], // D1 135 + D2 1200 + G4 80 directly under the province
  ])('%s in %i has %i members (reported: %s)', (unit, year, members, reported) => {
    const figures = province.members.rollup.at(unit, year);
    expect(figures?.values.members).toBe(members);
    expect(figures?.reported).toBe(reported);
  });

  test('a parent sums the children that reported and says how many did', () => {
    // G4 reported no members row for 2021: the province sum covers 2 of its 3 children.
    const figures = province.members.rollup.at('P', 2021);
    expect(figures?.values.members).toBe(141 + 1240);
    expect(figures?.childrenReporting).toBe(2);
    expect(figures?.childrenTotal).toBe(3);
  });

  test('only sums are kept: a unit with nothing under it answers with its own row each time', () => {
    // Keeping an answer for every grassroots unit and year was 35 MiB at 10,000 units.
    const leaf = province.members.rollup.at('G2', 2021);
    expect(leaf).toBeDefined();
    expect(province.members.rollup.at('G2', 2021)).not.toBe(leaf);
    expect(province.members.rollup.at('G2', 2021)).toEqual(leaf);
    expect(province.members.rollup.at('D1', 2020)).toBe(province.members.rollup.at('D1', 2020));
  });

  test('a breakdown nobody reported stays not reported, never zero', () => {
    expect(province.members.rollup.at('G2', 2021)?.values.probationary).toBeUndefined();
    expect(province.members.rollup.at('G4', 2021)).toBeUndefined();
  });

  test('transfers are not summed up the tree, since moves inside a district cancel out', () => {
    expect(province.members.rollup.at('D2', 2021)?.values.transferred_in).toBeUndefined();
  });

  test('admissions and targets roll up', () => {
    expect(province.admissions.rollup.at('P', 2021)?.values).toMatchObject({
      admitted: 6 + 1 + 36 + 2,
      target: 5 + 40 + 4,
    });
  });

  test('cells roll up from grassroots units', () => {
    expect(province.cells.rollup.at('P', 2021)?.values.cells).toBe(2 + 0 + 13 + 4);
  });

  test('organizations are counted in the tree of each year', () => {
    // G3 was established on 01/01/2020; every year here is after that.
    expect(province.organizations('P', 2021)).toEqual({ grassroots: 4, direct: 3 });
    expect(province.organizations('D1', 2021)).toEqual({ grassroots: 2, direct: 2 });
  });

  test('the years run from the first to the last with statistics', () => {
    expect(province.years).toEqual([2020, 2021]);
    expect(province.lastYear).toBe(2021);
  });
});

describe('rollups follow the tree of each year', () => {
  test('a unit established later is not counted before it existed', async () => {
    const { province: p } = await loadFiles({
      'units.csv': `${UNITS.replace(/\n/g, ',\n').replace('level,', 'level,established')},01/06/2023\n`,
      'members.csv': 'unit_id,year,members\nG1,2022,10\nG1,2023,11\nG2,2023,5\n',
    });
    expect(p?.members.rollup.at('D1', 2022)?.values.members).toBe(10);
    expect(p?.members.rollup.at('D1', 2023)?.values.members).toBe(16);
  });
});
