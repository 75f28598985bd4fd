import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it, test } from 'vitest';
import { generate, type GenerateResult } from '../src/cli/gen-data.ts';
import { csvCell } from '../src/cli/gen-data/csv-writer.ts';
import { inOrder, restructure, restructuringCounts, type Restructuring } from '../src/cli/gen-data/events.ts';
import { FIGURE_COLUMNS, figureRows, type FigureRow } from '../src/cli/gen-data/figures.ts';
import { prng } from '../src/cli/gen-data/random.ts';
import { buildStructure, ROOT } from '../src/cli/gen-data/structure.ts';
import { load, type Loaded } from '../src/build/project.ts';
import { missingCommittees } from './committee-coverage.ts';
import { tempDir } from './helpers.ts';

const fresh = () => tempDir('gen-data-');
const files = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('gen:data', () => {
  let dir: string;
  let result: GenerateResult;
  let loaded: Loaded;
  beforeAll(async () => {
    dir = fresh();
    result = generate({ units: 300, years: 10, out: dir, seed: 7 });
    loaded = await load(dir);
  });

  it('writes a province that loads with no errors and no warnings', () => {
    expect(loaded.problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`)).toEqual([]);
    expect(loaded.province).toBeDefined();
  });

  it('has the requested grassroots units, districts near one per hundred, and ten years ending 2024', () => {
    const grassroots = loaded.data.units.filter((u) => u.level === 'grassroots');
    expect(grassroots).toHaveLength(300);
    expect(result.grassroots).toBe(300);
    const districts = loaded.data.units.filter((u) => u.level === 'district' && u.id.startsWith('H'));
    expect(districts).toHaveLength(5);
    expect(loaded.province?.years).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(grassroots.every((u) => u.type !== undefined)).toBe(true);
  });

  it('includes every kind of restructuring it promises, listed cells and a subcommittee', () => {
    const kinds = new Set(loaded.data.restructurings.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['dissolve', 'establish', 'merge', 'pilot_committee', 'transfer']);
    expect(loaded.data.units.some((u) => u.level === 'cell')).toBe(true);
    expect(loaded.data.units.some((u) => u.level === 'subcommittee')).toBe(true);
    // Units ended by a merge or dissolution carry the event's date in units.csv.
    const ended = loaded.data.restructurings.filter((e) => e.kind === 'merge' || e.kind === 'dissolve');
    for (const event of ended) {
      for (const row of loaded.data.restructuringUnits.filter((r) => r.restructuring_id === event.id)) {
        expect(loaded.data.units.find((u) => u.id === row.unit_id)?.dissolved).toBe(event.date);
      }
    }
  });

  it('writes identical bytes for the same seed and different data for another seed', () => {
    const again = fresh();
    generate({ units: 300, years: 10, out: again, seed: 7 });
    expect(files(again)).toEqual(files(dir));
    const other = fresh();
    generate({ units: 300, years: 10, out: other, seed: 8 });
    expect(files(other)['members.csv']).not.toEqual(files(dir)['members.csv']);
  });

  it('writes the pinned bytes for seed 7, 300 units, 10 years (members rated and badges since 06/12/2026, committees and term targets from their own random streams)', () => {
    // Benchmarks compare runs over generated provinces: a change here must be deliberate. After an
    // intended change to the generator, put the new hashes here and say so in the commit.
    const hashes = Object.fromEntries(
      Object.entries(files(dir)).map(([name, text]) => [
        name,
        createHash('sha256').update(text).digest('hex'),
      ]),
    );
    expect(hashes).toEqual({
      'admissions.csv': 'fb0d7035eecedb3c66c7b59d4708d2dd608d9a22d6174ddd015651a33e254ab8',
      'cells.csv': 'ae8e90978b47f38e5001a9535b4fe2beefa63a1603f7ed788ba519c54bf23c1f',
      'dataset.csv': '00f72ca98f09f8d56b41fbe9dfffaa4061c97b9bd985b1d82cd588bcefa70e68',
      'members.csv': '945f364db2d2bebda31af9d6215de8d562522d76bf95e8bedcdfbf8691a3c628',
      'committees.csv': '7f1b0781a94567fc71729078d1e0cf578b94ad4401abdd26a7b5902d88f40a0c',
      'term_targets.csv': '08828c4023d283d0fc1b25d7cce3a6fd83681ad5bdb909acc54503ac89371721',
      'restructuring_units.csv': '5ce0ab891fabb531bf9a18406fe95f7322dcfd6246e76ebef0b01aca6121d9cb',
      'restructurings.csv': 'a7fb32dfc3ddfe816603fe2dff8414c759d8c7e2944d94ef9d6ddf71a41d788b',
      'units.csv': '439ff01af0dee0da0928371f67ec6dd0b110e5fab27d4373792ff01c6b514d08',
    });
  });

  it('refuses sizes it cannot make consistent', () => {
    expect(() => generate({ units: 5, years: 10, out: fresh() })).toThrow(/--units/);
    expect(() => generate({ units: 300, years: 0, out: fresh() })).toThrow(/--years/);
  });
});

describe('gen:data steps', () => {
  const years = { first: 2015, last: 2024 };
  /** The structure of `total` units, drawn as generate() draws it. */
  const province = (total: number, seed: number) => {
    const random = prng(seed);
    const counts = restructuringCounts(total);
    const structure = buildStructure(random, {
      total,
      createdLater: counts.merges + counts.establishments,
      years,
    });
    return { random, counts, structure };
  };

  it('structure: the units there from the start, names unique under each parent, a few listing their cells', () => {
    const { counts, structure } = province(2500, 3);
    const { grassroots, districts } = structure;
    expect(grassroots).toHaveLength(2500 - counts.merges - counts.establishments);
    expect(districts).toHaveLength(25);
    const names = grassroots.map((u) => `${u.parent} ${u.name}`);
    expect(new Set(names).size).toBe(names.length);
    expect(grassroots.filter((u) => u.parent === ROOT)).toHaveLength(3);
    const listing = grassroots.filter((u) => u.listed !== 'none');
    expect(listing.map((u) => u.listed).sort()).toEqual(['cells', 'subcommittee']);
    expect(listing.every((u) => u.cells > 0)).toBe(true);
  });

  it('restructurings: by date, after the first year and before December, each unit in at most one, none directly under the province', () => {
    const { random, counts, structure } = province(2500, 3);
    const underRoot = new Set(structure.grassroots.filter((u) => u.parent === ROOT).map((u) => u.id));
    const { events, pilots, created } = restructure(random, structure, years, counts);
    expect(pilots).toHaveLength(counts.pilots);
    expect(created).toHaveLength(counts.merges + counts.establishments);
    const order = events.map((e) => `${e.date} ${e.id}`);
    expect(order).toEqual([...order].sort());
    for (const e of events) expect(e.date >= '2016-01-01' && e.date < '2024-12-01', e.date).toBe(true);
    const taking = events.flatMap((e) => [...e.units.map((u) => u.unit), ...(e.result ? [e.result] : [])]);
    expect(new Set(taking).size).toBe(taking.length);
    expect(taking.filter((id) => underRoot.has(id))).toEqual([]);
  });

  it('figures: membership balances year on year, never below 3, breakdowns within the totals', () => {
    const { random, counts, structure } = province(400, 11);
    const { pilots, created } = restructure(random, structure, years, counts);
    const units = [...structure.grassroots, ...created];
    const committees = [...structure.districts.map((d) => ({ id: d.id, from: years.first })), ...pilots];
    const rows = [...figureRows(random, prng(12), units, committees, years.last)];
    const column = (row: FigureRow, key: string) =>
      row.values[(FIGURE_COLUMNS[row.file] as readonly string[]).indexOf(key)] as number;
    const admitted = new Map(
      rows
        .filter((r) => r.file === 'admissions.csv')
        .map((r) => [`${r.unit} ${r.year}`, column(r, 'admitted')]),
    );
    const grassroots = new Set(units.map((u) => u.id));
    const members = rows.filter((r) => r.file === 'members.csv' && grassroots.has(r.unit));
    expect(members.length).toBeGreaterThan(3000);
    const before = new Map<string, number>();
    for (const row of members) {
      const count = column(row, 'members');
      const previous = before.get(row.unit);
      if (previous !== undefined) {
        const flow =
          (admitted.get(`${row.unit} ${row.year}`) ?? 0) +
          column(row, 'transferred_in') -
          column(row, 'transferred_out') -
          column(row, 'deceased') -
          column(row, 'removed');
        expect(count, `${row.unit} ${row.year}`).toBe(previous + flow);
      }
      before.set(row.unit, count);
      expect(count).toBeGreaterThanOrEqual(3);
      for (const part of ['probationary', 'women', 'ethnic_minority', 'age_under_30', 'higher_education']) {
        expect(column(row, part)).toBeLessThanOrEqual(count);
      }
    }
    const rated = ['cells_excellent', 'cells_good', 'cells_complete', 'cells_incomplete'];
    for (const row of rows.filter((r) => r.file === 'cells.csv')) {
      expect(rated.reduce((sum, key) => sum + column(row, key), 0)).toBe(column(row, 'cells'));
    }
  });

  it.each([
    ['a plain value', 'Phòng Nội vụ', 'Phòng Nội vụ'],
    ['a number', 1234, '1234'],
    ['nothing reported', undefined, ''],
    ['a comma', 'Hợp nhất xã A, xã B', '"Hợp nhất xã A, xã B"'],
    ['quotes', 'Quyết định "số 3"', '"Quyết định ""số 3"""'],
    ['a line break', 'dòng 1\ndòng 2', '"dòng 1\ndòng 2"'],
  ])('write: a CSV cell holding %s is quoted only where the delimiter needs it', (_, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('gen:data --reorganize 2025', () => {
  /** Every column the checks below read; csv-parse gives '' for an empty cell. */
  type Column =
    | 'id' | 'name' | 'parent_id' | 'level' | 'type' | 'dissolved' | 'kind' | 'result_unit_id'
    | 'effective_date' | 'restructuring_id' | 'unit_id' | 'previous_parent_id' | 'previous_level'
    | 'previous_name' | 'year'; // prettier-ignore
  type Row = Readonly<Record<Column, string>>;
  const read = (dir: string, file: string) =>
    parse<Row>(readFileSync(join(dir, file), 'utf8'), { columns: true });
  const reorganized = (mergeProvinces: boolean) => {
    const dir = fresh();
    generate({ units: 600, years: 6, out: dir, seed: 5, reorganize: 2025, mergeProvinces });
    const units = read(dir, 'units.csv');
    const events = read(dir, 'restructurings.csv');
    const listed = read(dir, 'restructuring_units.csv');
    return { dir, units, events, listed, byId: new Map(units.map((u) => [u.id, u])) };
  };
  const plain = reorganized(false);
  const merged = reorganized(true);
  const territorial = new Set(['commune', 'ward', 'township']);

  it('merges the communes about 3 to 1 into commune and ward committees directly under the province', () => {
    const { units, events, listed, byId } = plain;
    const merges = events.filter((e) => e.kind === 'merge' && e.effective_date === '2025-07-01');
    const ended = listed.filter((r) => merges.some((e) => e.id === r.restructuring_id));
    const before = ended.filter((r) => territorial.has(byId.get(r.unit_id)?.type ?? ''));
    expect(before.length / merges.length).toBeGreaterThan(2.5);
    expect(before.length / merges.length).toBeLessThan(3.5);
    for (const event of merges) {
      const result = byId.get(event.result_unit_id ?? '');
      expect(result, event.id).toMatchObject({ parent_id: 'TINH', level: 'district' });
      expect(['commune', 'ward']).toContain(result?.type);
    }
    const communesNow = units.filter((u) => territorial.has(u.type ?? '') && u.dissolved === '');
    expect(communesNow.every((u) => u.level === 'district')).toBe(true);
  });

  it('ends every district-level committee on 30/06 and leaves no unit under one after 01/07', () => {
    const { units, byId } = plain;
    const districts = units.filter((u) => /^H\d+$/.test(u.id));
    expect(districts.length).toBeGreaterThan(0);
    expect(districts.every((d) => d.dissolved === '2025-06-30')).toBe(true);
    const underDistrict = units.filter((u) => u.dissolved === '' && /^H\d+$/.test(u.parent_id ?? ''));
    expect(underDistrict.map((u) => u.id)).toEqual([]);
    // The blocs are replaced in February by the Party-agency and UBND committees.
    expect(units.filter((u) => /^K\d+$/.test(u.id)).every((k) => k.dissolved.startsWith('2025-02-'))).toBe(
      true,
    );
    expect(byId.get('UBND')).toMatchObject({ parent_id: 'TINH', level: 'district', dissolved: '' });
    expect(byId.get('CQD')).toMatchObject({ parent_id: 'TINH', level: 'district', dissolved: '' });
  });

  it('gives every unit that ended in 2025 a successor, and every moved unit its previous parent', () => {
    const { units, events, listed } = plain;
    const eventOf = new Map(events.map((e) => [e.id, e]));
    const endedIn2025 = units.filter((u) => u.dissolved.startsWith('2025') && u.level === 'grassroots');
    expect(endedIn2025.length).toBeGreaterThan(50);
    for (const unit of endedIn2025) {
      const rows = listed.filter((r) => r.unit_id === unit.id).map((r) => eventOf.get(r.restructuring_id));
      expect(
        rows.some((e) => e?.kind === 'merge' && e.result_unit_id),
        unit.id,
      ).toBe(true);
    }
    const moves = listed.filter((r) => eventOf.get(r.restructuring_id)?.kind === 'transfer');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((r) => r.previous_parent_id !== '')).toBe(true);
  });

  it('records a township that carries on as a commune committee with its previous level and name', () => {
    const carried = plain.listed.filter((r) => r.previous_level === 'grassroots');
    expect(carried.length).toBeGreaterThan(0);
    for (const row of carried) {
      const unit = plain.byId.get(row.unit_id);
      expect(unit).toMatchObject({ level: 'district', type: 'commune', dissolved: '' });
      expect(row.previous_name).toMatch(/^Đảng bộ thị trấn /);
      expect(unit?.name).toMatch(/^Đảng bộ xã /);
    }
  });

  it('writes 2025 figures for the new committees from what their communes and units brought', () => {
    const members = read(plain.dir, 'members.csv');
    const cells = read(plain.dir, 'cells.csv');
    const committees = plain.units.filter((u) => u.id.startsWith('XP'));
    for (const c of committees) {
      expect(
        members.some((r) => r.unit_id === c.id && r.year === '2025'),
        c.id,
      ).toBe(true);
      expect(
        cells.some((r) => r.unit_id === c.id && r.year === '2025'),
        c.id,
      ).toBe(true);
    }
    const ended = new Set(plain.units.filter((u) => u.dissolved !== '').map((u) => u.id));
    expect(members.filter((r) => ended.has(r.unit_id) && r.year === '2025')).toEqual([]);
  });

  it('with --merge-provinces forms the province on 01/07 from two roots, each ended by the merger', () => {
    const { units, events, listed } = merged;
    const roots = units.filter((u) => u.parent_id === '');
    expect(roots.map((r) => [r.id, r.dissolved])).toEqual([
      ['TINH', ''],
      ['TINH.A', '2025-06-30'],
      ['TINH.B', '2025-06-30'],
    ]);
    const merger = events.find((e) => e.kind === 'merge' && e.result_unit_id === 'TINH');
    expect(merger).toMatchObject({ parent_id: '', effective_date: '2025-07-01' });
    expect(listed.filter((r) => r.restructuring_id === merger?.id).map((r) => r.unit_id)).toEqual([
      'TINH.A',
      'TINH.B',
    ]);
    const districtRoots = new Set(units.filter((u) => /^H\d+$/.test(u.id)).map((u) => u.parent_id));
    expect([...districtRoots].sort()).toEqual(['TINH.A', 'TINH.B']);
  });

  it('names every new commune committee differently, beyond the ~2,450 two-syllable commune names', () => {
    const dir = fresh();
    generate({ units: 24_000, years: 2, out: dir, seed: 2, reorganize: 2025 });
    const names = read(dir, 'units.csv')
      .filter((u) => u.id.startsWith('XP'))
      .map((u) => u.name);
    expect(names.length).toBeGreaterThan(2_600);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes the same bytes for the same seed', () => {
    const again = fresh();
    generate({ units: 600, years: 6, out: again, seed: 5, reorganize: 2025, mergeProvinces: true });
    expect(files(again)).toEqual(files(merged.dir));
  });

  it('refuses --merge-provinces without --reorganize, and a reorganization with a single year', () => {
    expect(() => generate({ units: 300, years: 5, out: fresh(), mergeProvinces: true })).toThrow(/--merge/);
    expect(() => generate({ units: 300, years: 1, out: fresh(), reorganize: 2025 })).toThrow(/--reorganize/);
  });
});

it('orders events of one day as they were made, past the ten-thousandth (a commune is created before units move into it)', () => {
  const event = (id: string, date = '2025-06-16') => ({ id, date }) as unknown as Restructuring;
  const ids = ['SX10000', 'SX9987', 'SX0012', 'SX10001'].map((id) => event(id));
  expect(ids.sort(inOrder).map((e) => e.id)).toEqual(['SX0012', 'SX9987', 'SX10000', 'SX10001']);
  expect([event('SX0002', '2025-07-01'), event('SX10003')].sort(inOrder).map((e) => e.id)).toEqual([
    'SX10003',
    'SX0002',
  ]);
});

describe('gen:data committees, term targets, ratings and badges', () => {
  const loadGenerated = async (options: {
    reorganize?: number;
    mergeProvinces?: boolean;
    years?: number;
  }) => {
    const dir = fresh();
    generate({ units: 300, years: 6, out: dir, seed: 4, ...options });
    return load(dir);
  };

  test.each([
    ['without a reorganization', {}, ['2015-2020', '2020-2025']],
    ['with --reorganize 2025', { reorganize: 2025 }, ['2020-2025', '2025-2030']],
    [
      'with --reorganize 2025 --merge-provinces',
      { reorganize: 2025, mergeProvinces: true },
      ['2020-2025', '2025-2030'],
    ],
  ])(
    '%s: loads with no error, with a committee for every district and grassroots unit in the current and previous terms',
    async (_name, options, terms) => {
      const { problems, province, data } = await loadGenerated(options);
      // Errors in any file; warnings in the files this step writes (a reorganized province's
      // cells.csv may carry a rollup warning of its own, drawn before committees existed).
      const mine = new Set(['committees.csv', 'term_targets.csv', 'members.csv']);
      const shown = problems.filter((p) => p.severity === 'error' || mine.has(p.file ?? ''));
      expect(shown.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`)).toEqual([]);
      expect(missingCommittees(province!, terms)).toEqual([]);
      expect(new Set(data.committees.map((c) => c.term))).toEqual(new Set(terms));
      const targets = new Set(data.termTargets.map((t) => t.unit_id));
      expect(targets.has(ROOT)).toBe(true);
      const districts = data.units.filter((u) => /^H\d+$/.test(u.id));
      expect(districts.filter((d) => !targets.has(d.id)).map((d) => d.id)).toEqual([]);
      const rated = data.members.filter((m) => m.members_good !== undefined);
      expect(rated.length).toBeGreaterThan(0);
      expect(rated.every((m) => m.year >= 2018 && m.badges !== undefined)).toBe(true);
    },
  );

  it('appoints the commune and ward committees the reorganization formed, on 01/07/2025, for 2025-2030', async () => {
    const { data } = await loadGenerated({ reorganize: 2025 });
    const formed = data.units.filter((u) => u.level === 'district' && u.type !== undefined);
    expect(formed.length).toBeGreaterThan(2);
    for (const unit of formed) {
      const committees = data.committees.filter((c) => c.unit_id === unit.id && c.term === '2025-2030');
      expect(
        committees.map((c) => [c.appointed, c.congress_date]),
        unit.id,
      ).toEqual([['yes', '2025-07-01']]);
    }
  });

  it('sets admission targets some committees reach and some do not, from the admissions it drew', async () => {
    const { province } = await loadGenerated({ years: 10 });
    const { terms, admissions } = province!;
    const reached = [...terms.targets.values()]
      .flat()
      .filter((t) => t.measure === 'admitted_total' && t.term === '2015-2020')
      .map((t) => {
        const years = terms.yearsOf(t.unitId, t.term);
        const sum = years.reduce(
          (total, y) => total + (admissions.rollup.at(t.unitId, y)?.values.admitted ?? 0),
          0,
        );
        return sum >= t.target;
      });
    expect(reached).toContain(true);
    expect(reached).toContain(false);
  });
});
