import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { readCsvBytes } from '../src/read/dataset.ts';
import { downloadCsv } from '../src/present/downloads.ts';
import { parseCell } from '../src/read/values.ts';
import { committeesSchema, termTargetsSchema } from '../src/read/schemas.ts';
import { fixture, loadFiles } from './helpers.ts';

const VALID = fixture('terms');
const valid = (file: string) => readFileSync(join(VALID, file), 'utf8');
const FILES = [
  'units.csv',
  'members.csv',
  'admissions.csv',
  'cells.csv',
  'committees.csv',
  'term_targets.csv',
] as const;
/** The valid folder with one file replaced. */
const withFile = (file: string, text: string) =>
  loadFiles({ ...Object.fromEntries(FILES.map((f) => [f, valid(f)])), [file]: text });

const COMMITTEES =
  'unit_id,term,congress_date,appointed,executive_committee,standing_committee,inspection_committee,women,under_40\n';
const TARGETS = 'unit_id,term,measure,target\n';
const where = (p: { severity: string; code: string; file: string; line?: number; column?: number }) =>
  `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}:${p.column ?? ''}`;

test('a folder with committees, term targets and rated members reads with no problem', async () => {
  const loaded = await load(VALID);
  expect(loaded.problems).toEqual([]);
  expect(loaded.data.committees.map((c) => [c.term, c.appointed, c.secretary_as_chair])).toEqual([
    ['2020-2025', 'no', 'yes'],
    ['2025-2030', 'yes', 'no'],
    ['2020-2025', undefined, undefined],
  ]);
  expect(loaded.data.termTargets.map((t) => t.target)).toEqual(['1500', '300', '90%', '90,5%', '85', '92,5']);
  expect(loaded.data.members[0]?.members_good).toBe(80);
});

test('the cleaned committees and targets downloads read back to the same rows', async () => {
  const { data } = await load(VALID);
  for (const [schema, rows] of [
    [committeesSchema, data.committees],
    [termTargetsSchema, data.termTargets],
  ] as const) {
    const again = readCsvBytes(downloadCsv(data, schema.file), schema);
    expect(again.problems).toEqual([]);
    expect(again.rows).toEqual(rows);
  }
});

describe('terms, targets and booleans read in every form the contract allows', () => {
  const term = committeesSchema.columns[1];
  const target = termTargetsSchema.columns[3];
  test.each([
    ['2020-2025', '2020-2025'],
    ['2020–2025', '2020-2025'],
    ['2020 - 2025', '2020-2025'],
  ])('term %s reads as %s', (text, value) => {
    expect(parseCell(text, term)).toEqual({ ok: true, value });
  });
  test.each([['2020'], ['20-25'], ['2020/2025'], ['1900-1905']])('term %s is refused', (text) => {
    expect(parseCell(text, term)).toMatchObject({ ok: false, fix: expect.stringContaining('2020-2025') });
  });
  test.each([
    ['90', '90'],
    ['1.500', '1500'],
    ['90%', '90%'],
    ['90,5%', '90,5%'],
    ['90.5%', '90,5%'],
    ['90,5', '90,5'],
  ])('target %s reads as %s', (text, value) => {
    expect(parseCell(text, target)).toEqual({ ok: true, value });
  });
  test.each([['-5'], ['nhiều'], ['1,500']])('target %s is refused', (text) => {
    expect(parseCell(text, target)).toMatchObject({ ok: false, fix: expect.stringContaining('90,5%') });
  });
});

describe('each mistake in committees, targets or ratings is reported at its cell', () => {
  test.each([
    [
      'an unknown unit',
      'committees.csv',
      `${COMMITTEES}X9,2020-2025,,,15,,,,\n`,
      'error unknown-unit committees.csv:2:1',
    ],
    [
      'a term that ends before it starts',
      'committees.csv',
      `${COMMITTEES}G1,2025-2020,,,15,,,,\n`,
      'error term-order committees.csv:2:2',
    ],
    [
      'a term that is not a term',
      'committees.csv',
      `${COMMITTEES}G1,2020,,,15,,,,\n`,
      'error invalid-term committees.csv:2:2',
    ],
    [
      'overlapping terms of one unit',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,,15,,,,\nG1,2022-2027,,,15,,,,\n`,
      'error overlapping-terms committees.csv:3:2',
    ],
    [
      'the same unit and term twice',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,,15,,,,\nG1,2020–2025,,,15,,,,\n`,
      'error duplicate-row committees.csv:3:2',
    ],
    [
      'a congress after its term',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,01/03/2026,,15,,,,\n`,
      'error congress-outside-term committees.csv:2:3',
    ],
    [
      'a congress before its term',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,20/12/2019,,15,,,,\n`,
      'error congress-outside-term committees.csv:2:3',
    ],
    [
      'a standing committee larger than the executive',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,,15,16,,,\n`,
      'error part-exceeds-committee committees.csv:2:6',
    ],
    [
      'an inspection committee larger than the executive',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,,5,,6,,\n`,
      'error part-exceeds-committee committees.csv:2:7',
    ],
    [
      'more young members than the committee',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,,15,,,,16\n`,
      'error part-exceeds-committee committees.csv:2:9',
    ],
    [
      'a yes/no cell that is neither',
      'committees.csv',
      `${COMMITTEES}G1,2020-2025,,chắc,15,,,,\n`,
      'error invalid-enum committees.csv:2:4',
    ],
    [
      'a share target above 100 %',
      'term_targets.csv',
      `${TARGETS}D1,2020-2025,grassroots_good_share,120%\n`,
      'error share-out-of-range term_targets.csv:2:4',
    ],
    [
      'a whole-number target given as a percentage',
      'term_targets.csv',
      `${TARGETS}D1,2020-2025,admitted_total,90%\n`,
      'error target-not-count term_targets.csv:2:4',
    ],
    [
      'a whole-number target with a decimal',
      'term_targets.csv',
      `${TARGETS}D1,2020-2025,admitted_yearly,"90,5"\n`,
      'error target-not-count term_targets.csv:2:4',
    ],
    [
      'an unknown measure',
      'term_targets.csv',
      `${TARGETS}D1,2020-2025,admitted_monthly,5\n`,
      'error invalid-enum term_targets.csv:2:3',
    ],
    [
      'the same unit, term and measure twice',
      'term_targets.csv',
      `${TARGETS}D1,2020-2025,admitted_total,500\nD1,2020–2025,admitted_total,600\n`,
      'error duplicate-row term_targets.csv:3:3',
    ],
    [
      'a target for an unknown unit',
      'term_targets.csv',
      `${TARGETS}X9,2020-2025,admitted_total,500\n`,
      'error unknown-unit term_targets.csv:2:1',
    ],
    [
      'members rated more than the members',
      'members.csv',
      'unit_id,year,members,members_excellent,members_good,members_complete,members_incomplete\nG1,2023,100,20,80,15,\n',
      'warning ratings-sum members.csv:2:4',
    ],
  ])('%s', async (_name, file, text, expected) => {
    const loaded = await withFile(file, text);
    expect(loaded.problems.map(where)).toContain(expected);
    const problem = loaded.problems.find((p) => where(p) === expected);
    expect(problem?.fix).toMatch(/\S/);
  });
});

describe('a target that no figure of the unit or of any unit under it can measure is a warning', () => {
  const MEMBERS = 'unit_id,year,members\nG1,2023,120\nG1,2024,125\n';
  const CELLS = 'unit_id,year,cells\nG1,2023,8\n';
  test.each([
    ['admissions but no admissions at all', 'admissions.csv', 'unit_id,year,admitted\n', [2, 3]],
    ['member ratings but no member rated', 'members.csv', MEMBERS, [5]],
    [
      'the cells’ and the organizations’ ratings and the secretaries who are heads, but cells.csv only counts cells',
      'cells.csv',
      CELLS,
      [4, 6, 7],
    ],
  ])('targets for %s', async (_name, file, text, lines) => {
    const loaded = await withFile(file, text);
    const warned = loaded.problems.filter((p) => p.code === 'target-without-data');
    expect(warned.map(where)).toEqual(
      lines.map((line) => `warning target-without-data term_targets.csv:${line}:3`),
    );
    expect(warned[0]?.fix).toContain(file);
  });

  test('a target counts the figures of a unit that was under the committee before it moved away', async () => {
    const loaded = await loadFiles({
      'units.csv':
        'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\nD1,Đảng bộ huyện Một,P,district\nD2,Đảng bộ huyện Hai,P,district\nG2,Đảng bộ xã Hai,D2,grassroots\n',
      'restructurings.csv': 'id,date,kind,title,parent_id\nE1,2023-05-01,transfer,Chuyển Đảng bộ xã Hai,D2\n',
      'restructuring_units.csv': 'restructuring_id,unit_id,previous_parent_id\nE1,G2,D1\n',
      'members.csv': 'unit_id,year,members,members_good\nG2,2022,100,90\n',
      'term_targets.csv': `${TARGETS}D1,2020-2025,members_good_share,90%\n`,
    });
    expect(loaded.problems).toEqual([]);
  });

  test('a target of a committee whose figures all sit with the units under it is measurable', async () => {
    const loaded = await load(VALID);
    expect(loaded.data.admissions.every((r) => r.unit_id === 'G1')).toBe(true);
    expect(loaded.problems.filter((p) => p.code === 'target-without-data')).toEqual([]);
  });
});
