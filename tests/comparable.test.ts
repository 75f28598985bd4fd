import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { comparableReading, membersMoved } from '../src/model/comparable.ts';
import type { Province } from '../src/model/province.ts';
import { balanceView } from '../src/present/balance.ts';
import { fixture, loadFiles } from './helpers.ts';

// reorganization (see tests/lineage.test.ts): X formed 01/07/2025 from A1 + A2, with S1, S2
// moved under it; B1 absorbed B2; D1, D2 ended. Members 2024: A1 410, A2 305, S1 42, S2 21,
// B1 510, B2 205. chain: A + B → Y (2015), Y + C → Z (2025).
let reorganized: Province;
let chain: Province;
let thotNot: Province;
beforeAll(async () => {
  const loaded = await Promise.all(
    ['reorganization', 'reorganization-chain', 'restructuring'].map((name) => load(fixture(name))),
  );
  const provinces = loaded.map((l) => {
    if (!l.province) throw new Error('fixtures must be valid');
    return l.province;
  });
  [reorganized, chain, thotNot] = provinces as [Province, Province, Province];
});

const members = (province: Province, unitId: string, year: number, basis?: string) =>
  comparableReading(province, province.members, unitId, year, 'members', basis);

describe('comparable figures on today’s organization', () => {
  test.each([
    ['a new commune committee: its merged communes and the schools moved under it', 'X', 2024, 778],
    ['the same for the year before', 'X', 2023, 760],
    ['an absorbing commune: itself and the commune it absorbed', 'B1', 2024, 715],
    ['the province: every unit once, as reported', 'P', 2024, 1493],
    ['a year after the reorganization: the reported figure', 'X', 2025, 790],
  ])('%s (%s, %i)', (_, unitId, year, expected) => {
    expect(members(reorganized, unitId, year)?.value).toBe(expected);
  });

  test('follows chains of merges: Z in 2014 is A + B + C', () => {
    expect(members(chain, 'Z', 2014)?.value).toBe(180);
    expect(members(chain, 'Z', 2024)?.value).toBe(210);
  });

  test('an ended unit has no comparable figure on today’s organization', () => {
    expect(members(reorganized, 'D1', 2024)).toBeUndefined();
    expect(members(reorganized, 'A1', 2024)).toBeUndefined();
  });

  test('coverage counts the grassroots organizations of the sum', () => {
    const reading = members(reorganized, 'X', 2024);
    expect(reading?.scope.count).toBe(4);
    expect(reading?.scope.total).toBe(4);
    expect([...(reading?.scope.ids() ?? [])].sort()).toEqual(['A1', 'A2', 'S1', 'S2']);
  });

  test('a partial sum says how many organizations it covers', () => {
    const reading = comparableReading(reorganized, reorganized.members, 'X', 2024, 'women');
    expect(reading?.value).toBe(155 + 112 + 26 + 13);
    const admitted = comparableReading(reorganized, reorganized.admissions, 'B1', 2024, 'admitted');
    expect(admitted?.value).toBe(11);
    expect([admitted?.scope.count, admitted?.scope.total]).toEqual([1, 2]);
  });

  test('transfers between units do not add up, so they have no comparable figure', () => {
    expect(comparableReading(reorganized, reorganized.members, 'B1', 2024, 'transferred_in')).toBeUndefined();
  });

  test('v1 data: a district leaves out the units it no longer holds (one dissolved, one moved away)', () => {
    const value = (id: string, year: number) => thotNot.members.rollup.at(id, year)?.values.members ?? 0;
    for (const year of thotNot.years) {
      const gone =
        year < 2016 ? value('TN.S13', year) + value('TN.S14', year) : year < 2018 ? value('TN.S14', year) : 0;
      expect(members(thotNot, 'TN', year)?.value).toBe(value('TN', year) - gone);
    }
    expect(members(thotNot, 'KDN', 2017)?.value).toBe(value('KDN', 2017) + value('TN.S14', 2017));
  });
});

describe('counted on the organization at the end of a later year', () => {
  test('X at the end of 2025 received its communes’ and schools’ 2024 members', () => {
    expect(members(reorganized, 'X', 2024, '2025-12-31')?.value).toBe(778);
  });
  test('B1 at the end of 2024 had nothing moved in yet', () => {
    expect(members(reorganized, 'B1', 2023, '2024-12-31')?.value).toBe(500);
  });
});

describe('members moved with units by restructurings (A.6)', () => {
  test.each([
    ['a new unit received its predecessors’ and the moved schools’ members', 'X', 2025, 778],
    ['an absorbing unit received the absorbed unit’s members', 'B1', 2025, 205],
    ['nothing moved in a year without restructuring', 'B1', 2024, 0],
  ])('%s', (_, unitId, year, expected) => {
    expect(membersMoved(reorganized, unitId, year)).toBe(expected);
  });

  test('a unit that handed a unit over counts it as leaving (v1 transfer of 2018)', () => {
    const value = thotNot.members.rollup.at('TN.S14', 2017)?.values.members ?? 0;
    expect(value).toBeGreaterThan(0);
    expect(membersMoved(thotNot, 'TN', 2018)).toBe(-value);
    expect(membersMoved(thotNot, 'KDN', 2018)).toBe(value);
  });
});

describe('the membership balance check counts members moved with units apart (A.6)', () => {
  test('the reorganized fixture balances: no warning for the new or the absorbing unit', async () => {
    const { problems } = await load(fixture('reorganization'));
    expect(problems.filter((p) => p.code === 'balance')).toEqual([]);
  });

  test('a real gap names the members moved by restructuring apart from transfers', async () => {
    const files = Object.fromEntries(
      ['units', 'restructurings', 'restructuring_units', 'members', 'admissions'].map((name) => [
        `${name}.csv`,
        readFileSync(join(fixture('reorganization'), `${name}.csv`), 'utf8'),
      ]),
    );
    files['members.csv'] = (files['members.csv'] ?? '').replace('B1,2025,723', 'B1,2025,730');
    const { problems } = await loadFiles(files);
    const balance = problems.filter((p) => p.code === 'balance');
    expect(balance.map((p) => `${p.file}:${p.line}`)).toEqual(['members.csv:15']);
    expect(balance[0]?.message).toContain(
      '510 (năm 2024) + 205 chuyển về do sắp xếp tổ chức + 10 kết nạp + 2 chuyển đến − 1 chuyển đi − 3 từ trần − 0 đưa ra khỏi Đảng = 723, chênh 7',
    );
  });
});

describe('the membership balance table shows members moved by restructuring in a column of its own', () => {
  test('the absorbing unit’s 2025 row balances with the 205 members it received', () => {
    const table = balanceView(reorganized, 'B1');
    expect(table?.columns.map((c) => c.label)).toContain('Chuyển về (+) hoặc đi (−) do sắp xếp tổ chức');
    expect(table?.rows.at(-1)?.map((c) => c.text)).toEqual([
      '2025',
      '510',
      '+205',
      '10',
      '2',
      '1',
      '3',
      '0',
      '723',
      'Khớp',
    ]);
  });

  test('a unit never touched by restructuring keeps the table as before', () => {
    expect(balanceView(thotNot, 'TN.P01')?.columns.map((c) => c.label) ?? []).not.toContain(
      'Chuyển về (+) hoặc đi (−) do sắp xếp tổ chức',
    );
  });
});
