import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { load } from '../src/build/project.ts';
import { missingCommittees } from './committee-coverage.ts';
import { ROOT } from './e2e/harness.ts';

/** The shape of the illustrative sample (data/), read as plain CSV: the seeds' figures and 2025. */
const dir = join(ROOT, 'data');
type Column =
  | 'id' | 'name' | 'parent_id' | 'level' | 'type' | 'established' | 'dissolved' | 'kind'
  | 'result_unit_id' | 'effective_date' | 'restructuring_id' | 'unit_id' | 'previous_parent_id'
  | 'previous_level' | 'previous_name' | 'year' | 'members' | 'admitted' | 'term' | 'congress_date'
  | 'appointed' | 'executive_committee' | 'standing_committee' | 'inspection_committee'
  | 'higher_education'; // prettier-ignore
type Row = Readonly<Record<Column, string>>;
const read = (file: string, delimiter = ',') =>
  parse<Row>(readFileSync(join(dir, file), 'utf8'), { columns: true, delimiter, bom: true });
const units = read('units.csv');
const byId = new Map(units.map((u) => [u.id, u]));
const events = read('restructurings.csv');
const listed = read('restructuring_units.csv');
const members = read('members.csv');
const admissions = read('admissions.csv', ';');
const total = (year: number) =>
  members
    .filter((r) => r.year === String(year) && byId.get(r.unit_id)?.parent_id === 'TTH')
    .reduce((sum, r) => sum + Number(r.members), 0);

describe('the sample: Thừa Thiên Huế, the city of Huế from 2025', () => {
  it('keeps the seeds: Thủy Châu 294 members in 2022, Hương Trà 509 admitted from 2015 to 2019', () => {
    expect(members.find((r) => r.unit_id === 'HT.TC' && r.year === '2022')?.members).toBe('294');
    const admitted = admissions
      .filter((r) => r.unit_id === 'HTR' && Number(r.year) >= 2015 && Number(r.year) <= 2019)
      .reduce((sum, r) => sum + Number(r.admitted), 0);
    expect(admitted).toBe(509);
  });

  it('renames the province the city of Huế from 01/01/2025, with its previous name', () => {
    const rename = events.find((e) => e.kind === 'rename' && e.result_unit_id === 'TTH');
    expect(rename?.effective_date).toBe('2025-01-01');
    expect(byId.get('TTH')?.name).toBe('Đảng bộ thành phố Huế');
    expect(listed.find((r) => r.restructuring_id === rename?.id)?.previous_name).toBe(
      'Đảng bộ tỉnh Thừa Thiên Huế',
    );
  });

  it('ends every district and bloc in 2025, leaves nothing alive under them, and merges communes about 3 to 1', () => {
    const ended = units.filter((u) => u.level === 'district' && u.dissolved.startsWith('2025'));
    expect(ended.map((u) => u.id).sort()).toEqual(
      ['AL', 'HT', 'HTR', 'KCQ', 'KDN', 'ND', 'PD', 'PL', 'PV', 'QD', 'TPH'].sort(),
    );
    const endedIds = new Set(units.filter((u) => u.dissolved !== '').map((u) => u.id));
    expect(units.filter((u) => u.dissolved === '' && endedIds.has(u.parent_id)).map((u) => u.id)).toEqual([]);
    const communeMerges = events.filter((e) => e.kind === 'merge' && e.effective_date === '2025-07-01');
    const mergedCommunes = listed.filter(
      (r) =>
        communeMerges.some((e) => e.id === r.restructuring_id) && byId.get(r.unit_id)?.level === 'grassroots',
    );
    expect(mergedCommunes.length / communeMerges.length).toBeGreaterThan(2);
    for (const event of communeMerges) {
      expect(byId.get(event.result_unit_id), event.id).toMatchObject({ parent_id: 'TTH', level: 'district' });
    }
  });

  it('gives every commune that ended in 2025 a successor and dates it within 31 days of 01/07', () => {
    const merged = new Set(
      listed
        .filter((r) => events.find((e) => e.id === r.restructuring_id)?.kind === 'merge')
        .map((r) => r.unit_id),
    );
    const communes = units.filter(
      (u) =>
        u.level === 'grassroots' && ['commune', 'ward', 'township'].includes(u.type) && u.dissolved !== '',
    );
    for (const unit of communes.filter((u) => u.dissolved.startsWith('2025'))) {
      expect(merged.has(unit.id), unit.id).toBe(true);
      expect(unit.dissolved).toBe('2025-06-30');
    }
  });

  it('counts more than 58.280 members at the end of 2025, as published for Huế, with no sudden jump', () => {
    expect(total(2025)).toBeGreaterThan(58_280);
    expect(Math.abs(total(2025) - total(2024)) / total(2024)).toBeLessThan(0.02);
  });

  it('keeps every id the unit notes in content/ refer to', () => {
    const notes = readdirSync(join(ROOT, 'content', 'don-vi')).map((f) =>
      f.replace(/\.md$/, '').toUpperCase(),
    );
    for (const id of notes) expect(byId.has(id), id).toBe(true);
  });

  describe('committees and term targets', async () => {
    const committees = read('committees.csv');
    const committee = (id: string, term: string) =>
      committees.find((c) => c.unit_id === id && c.term === term);
    const { province } = await load(dir, { today: '2026-12-06' });
    const { terms, admissions: admitted } = province!;

    it('keeps the seeds: Thủy Châu’s committee of 15, standing 5, inspection 5, and Hương Trà’s 2015-2020 committee close to 80 % university graduates', () => {
      expect(committee('HT.TC', '2020-2025')).toMatchObject({
        executive_committee: '15',
        standing_committee: '5',
        inspection_committee: '5',
      });
      const huongTra = committee('HTR', '2015-2020')!;
      const share = Number(huongTra.higher_education) / Number(huongTra.executive_committee);
      expect(share).toBeGreaterThan(0.75);
      expect(share).toBeLessThan(0.8);
    });

    it('counts Hương Trà’s 509 admissions from the start of its 2015-2020 term toward its target', () => {
      const years = terms.yearsOf('HTR', '2015-2020').filter((y) => y <= 2019);
      expect(years).toEqual([2015, 2016, 2017, 2018, 2019]);
      expect(years.reduce((sum, y) => sum + (admitted.rows.get('HTR')?.get(y)?.admitted ?? 0), 0)).toBe(509);
      expect(
        terms.targets.get('HTR')?.some((t) => t.term === '2015-2020' && t.measure === 'admitted_total'),
      ).toBe(true);
    });

    it('gives every district-level and grassroots unit a committee for each term it lived in, the 2025 communes and wards appointed on 01/07/2025', () => {
      expect(missingCommittees(province!, ['2020-2025', '2025-2030'])).toEqual([]);
      const formed = units.filter((u) => u.established === '2025-07-01');
      expect(formed.length).toBeGreaterThan(20);
      for (const unit of formed) {
        expect(committee(unit.id, '2025-2030'), unit.id).toMatchObject({
          appointed: 'yes',
          congress_date: '2025-07-01',
        });
      }
      expect(committee('TTH', '2025-2030')?.congress_date).toBe('2025-10-02');
    });

    it('has committees of a plausible size for each level', () => {
      const sizes = (ids: (u: (typeof units)[number]) => boolean, term: string) =>
        units.filter(ids).map((u) => Number(committee(u.id, term)?.executive_committee));
      const within = (values: number[], low: number, high: number) =>
        expect(values.filter((v) => !(v >= low && v <= high))).toEqual([]);
      within(
        sizes((u) => u.level === 'province', '2020-2025'),
        50,
        60,
      );
      within(
        sizes((u) => u.level === 'district' && u.dissolved.startsWith('2025-06'), '2020-2025'),
        33,
        45,
      );
      within(
        sizes(
          (u) =>
            u.level === 'grassroots' &&
            ['commune', 'ward'].includes(u.type) &&
            u.dissolved.startsWith('2025'),
          '2020-2025',
        ),
        13,
        19,
      );
      within(
        sizes(
          (u) => u.level === 'grassroots' && u.name.startsWith('Chi bộ') && u.dissolved === '',
          '2020-2025',
        ),
        3,
        7,
      );
    });

    it('sets admission targets that some units met and others did not reach, counted over the years each term counts', () => {
      const reached = [...terms.targets.values()]
        .flat()
        .filter((t) => t.measure === 'admitted_total' && t.term !== '2025-2030')
        .map((t) => {
          const years = terms.yearsOf(t.unitId, t.term);
          const sum = years.reduce(
            (total, y) => total + (admitted.rollup.at(t.unitId, y)?.values.admitted ?? 0),
            0,
          );
          return sum >= t.target;
        });
      expect(reached).toContain(true);
      expect(reached).toContain(false);
    });
  });
});
