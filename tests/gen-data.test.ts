import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../src/cli/gen-data.ts';
import { load, type Loaded } from '../src/build/project.ts';
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

  it('refuses sizes it cannot make consistent', () => {
    expect(() => generate({ units: 5, years: 10, out: fresh() })).toThrow(/--units/);
    expect(() => generate({ units: 300, years: 0, out: fresh() })).toThrow(/--years/);
  });
});
