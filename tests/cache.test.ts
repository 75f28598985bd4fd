import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCached } from '../src/build/cache.ts';
import { load } from '../src/build/project.ts';
import { fixture, tempDir } from './helpers.ts';

/** The basic fixture in a fresh folder, with an empty cache beside it. */
function setup() {
  const dir = tempDir('cache-');
  const data = join(dir, 'data');
  cpSync(fixture('basic'), data, { recursive: true });
  return { data, cache: join(dir, 'cache') };
}

const present = (loaded: Awaited<ReturnType<typeof load>>) =>
  [...loaded.data.sources.values()].filter((s) => s.present).length;

/** What a build uses from a load: the rows, the problems, and whether there is a model. */
const outcome = (loaded: Awaited<ReturnType<typeof load>>) => ({
  data: loaded.data,
  problems: loaded.problems,
  hasModel: loaded.province !== undefined,
});

describe('the parse and check cache', () => {
  test('the first load reads and checks everything; a second one of the same data reads and checks nothing', async () => {
    const { data, cache } = setup();
    const first = await loadCached(data, cache);
    expect([first.filesFromCache, first.checkedFromCache]).toEqual([0, false]);
    const second = await loadCached(data, cache);
    expect([second.filesFromCache, second.checkedFromCache]).toEqual([present(second), true]);
    expect(outcome(second)).toEqual(outcome(await load(data)));
    // The data version a build publishes is the one the development server (no cache) names.
    expect(second.dataHash).toBe((await loadCached(data, undefined)).dataHash);
    expect(second.province?.members.rollup.at('P', 2021)).toEqual(
      first.province?.members.rollup.at('P', 2021),
    );
  });

  test('checks are answered from the cache on the same day only: they read the calendar', async () => {
    const { data, cache } = setup();
    writeFileSync(join(data, 'cells.csv'), 'unit_id,year,cells\nG1,2027,2\n');
    const before = await loadCached(data, cache, { today: '2026-12-31' });
    expect(before.problems.map((p) => p.code)).toEqual(['future-year']);
    const again = await loadCached(data, cache, { today: '2026-12-31' });
    expect([again.checkedFromCache, again.problems.map((p) => p.code)]).toEqual([true, ['future-year']]);
    const newYear = await loadCached(data, cache, { today: '2027-01-01' });
    expect([newYear.checkedFromCache, newYear.problems, newYear.province !== undefined]).toEqual([
      false,
      [],
      true,
    ]);
  });

  test('after one file changes, only that file is read again, and the whole data is checked again', async () => {
    const { data, cache } = setup();
    await loadCached(data, cache);
    const members = join(data, 'members.csv');
    // A figure that no longer matches the membership balance: the checks must see it.
    writeFileSync(members, readFileSync(members, 'utf8').replace('G1;2021;125;', 'G1;2021;999;'));
    const after = await loadCached(data, cache);
    expect([after.filesFromCache, after.checkedFromCache]).toEqual([present(after) - 1, false]);
    expect(outcome(after)).toEqual(outcome(await load(data)));
    expect(after.problems.some((p) => p.file === 'members.csv' && p.line === 3)).toBe(true);
  });

  test('an entry that cannot be read is read again from the CSV, not trusted', async () => {
    const { data, cache } = setup();
    await loadCached(data, cache);
    for (const name of readdirSync(cache)) writeFileSync(join(cache, name), 'hỏng');
    const again = await loadCached(data, cache);
    expect([again.filesFromCache, again.checkedFromCache]).toEqual([0, false]);
    expect(outcome(again)).toEqual(outcome(await load(data)));
  });

  test('keeps the entries of the last two data versions only', async () => {
    const { data, cache } = setup();
    const members = join(data, 'members.csv');
    const original = readFileSync(members, 'utf8');
    for (const value of [126, 127, 128, 129]) {
      writeFileSync(members, original.replace('G1;2021;125;', `G1;2021;${value};`));
      await loadCached(data, cache);
    }
    const entries = readdirSync(cache);
    // Each unchanged file once, members.csv of the last two versions, the checks of the last two.
    const files = present(await load(data));
    expect(entries.filter((n) => n.endsWith('.table.v8'))).toHaveLength(files + 1);
    expect(entries.filter((n) => n.endsWith('.checked.v8'))).toHaveLength(2);
  });
});
