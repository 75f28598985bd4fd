import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generate } from '../src/cli/gen-data.ts';
import { load } from '../src/build/project.ts';
import { eventPageDigests, pageDigests } from '../src/model/digests.ts';
import { buildProvince, type Province } from '../src/model/province.ts';
import { eventView } from '../src/present/event-page.ts';
import { unitsWithPage } from '../src/present/links.ts';
import { pageUnits, unitView } from '../src/present/unit-view.ts';
import type { Dataset } from '../src/read/dataset.ts';
import { RATINGS, UNIT_TYPES } from '../src/read/schemas.ts';
import { fixture, tempDir } from './helpers.ts';

const generated = tempDir('digests-');
generate({ units: 40, years: 4, out: generated, seed: 7 });
const reorganized = tempDir('digests-2025-');
generate({ units: 60, years: 4, out: reorganized, seed: 7, reorganize: 2025 });

const datasets: [string, string][] = [
  ['the sample data', join(import.meta.dirname, '..', 'data')],
  ['the restructuring fixture', fixture('restructuring')],
  ['the narrative fixture', fixture('narrative')],
  ['a generated province with restructurings', generated],
  ['a generated province reorganized in 2025', reorganized],
];

/** Deterministic choices, so a failure names an edit that can be replayed. */
function chooser(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  return <T>(list: readonly T[]): T => {
    const item = list[Math.floor(next() * list.length)];
    if (item === undefined) throw new Error('choice from an empty list');
    return item;
  };
}

type Rows = Record<string, unknown>[];
type Edit = (data: Dataset, pick: ReturnType<typeof chooser>, province: Province) => string | undefined;

const statisticsFiles = (data: Dataset) =>
  (['members', 'admissions', 'cells'] as const).filter((file) => data[file].length > 0);
const figureKeys = (row: Record<string, unknown>) =>
  Object.keys(row).filter((k) => !['unit_id', 'year', 'line'].includes(k) && typeof row[k] !== 'string');

/** The edits an office makes between two publications, one at a time. */
const EDITS: Record<string, Edit> = {
  'a figure changes'(data, pick) {
    const file = pick(statisticsFiles(data));
    const row = pick(data[file] as unknown as Rows);
    const key = pick(figureKeys(row));
    row[key] = typeof row[key] === 'number' ? row[key] + 1 : 1;
    return `${file} ${String(row['unit_id'])} ${String(row['year'])} ${key}`;
  },
  'a figure is no longer reported'(data, pick) {
    const file = pick(statisticsFiles(data));
    const row = pick(data[file] as unknown as Rows);
    const key = pick(figureKeys(row));
    row[key] = undefined;
    return `${file} ${String(row['unit_id'])} ${String(row['year'])} ${key}`;
  },
  'a row is removed'(data, pick) {
    const file = pick(statisticsFiles(data));
    const rows = data[file] as unknown as Rows;
    const row = pick(rows);
    rows.splice(rows.indexOf(row), 1);
    return `${file} ${String(row['unit_id'])} ${String(row['year'])}`;
  },
  'a rating changes'(data, pick) {
    const row = pick(data.cells as unknown as Rows);
    row['rating'] = pick(RATINGS.map((r) => r.value).filter((v) => v !== row['rating']));
    return `cells ${String(row['unit_id'])} ${String(row['year'])}`;
  },
  'a unit is renamed'(data, pick) {
    const row = pick(data.units as unknown as Rows);
    row['name'] = `${String(row['name'])} (mới)`;
    return `units ${String(row['id'])}`;
  },
  'a founding date is filled in, changed or cleared'(data, pick, province) {
    const rows = data.units as unknown as Rows;
    const createdBy = (row: Record<string, unknown>) =>
      province.tree.changes(String(row['id'])).find((c) => c.before === undefined)?.date;
    // Units that events created first: filled in with that event's date (what a warning asks
    // for), the tree's dates stay the same while the page starts showing one.
    const created = rows.filter((row) => row['established'] === undefined && createdBy(row) !== undefined);
    const row = pick(created.length > 0 ? created : rows);
    row['established'] =
      row['established'] === undefined ? (createdBy(row) ?? '2001-02-03') : pick([undefined, '2001-02-03']);
    return `units ${String(row['id'])}`;
  },
  'a unit type changes'(data, pick) {
    const row = pick(data.units as unknown as Rows);
    row['type'] = pick(UNIT_TYPES.map((t) => t.value).filter((v) => v !== row['type']));
    return `units ${String(row['id'])}`;
  },
  'an event is retitled'(data, pick) {
    if (data.restructurings.length === 0) return undefined;
    const row = pick(data.restructurings as unknown as Rows);
    row['title'] = `${String(row['title'])} (sửa)`;
    return `restructurings ${String(row['id'])}`;
  },
  'a committee figure changes'(data, pick) {
    if (data.committees.length === 0) return undefined;
    const row = pick(data.committees as unknown as Rows);
    const key = pick(figureKeys(row));
    row[key] = typeof row[key] === 'number' ? row[key] + 1 : 1;
    return `committees ${String(row['unit_id'])} ${String(row['term'])} ${key}`;
  },
  'line numbers shift (rows added above)'(data, pick) {
    const file = pick(statisticsFiles(data));
    const rows = data[file] as unknown as Rows;
    for (const row of rows) row['line'] = Number(row['line']) + 1;
    return file;
  },
};

const pageIds = (province: Province) => pageUnits(province).map((u) => u.id);
const eventDigests = (province: Province) => {
  const paged = unitsWithPage(province);
  return eventPageDigests(province, (id) => paged.has(id));
};

describe.each(datasets)('page digests of %s', async (_, dir) => {
  const loaded = await load(dir);
  if (!loaded.province) throw new Error(`${dir} must load without errors`);
  const before = loaded.province;
  const digestsBefore = pageDigests(before);
  const eventsBefore = eventDigests(before);

  test.each(Object.entries(EDITS))(
    'after "%s", every unit and event page whose digest is unchanged shows the same view',
    (_, edit) => {
      const pick = chooser(11);
      for (let trial = 0; trial < 8; trial++) {
        const data = structuredClone<Dataset>(loaded.data);
        const what = edit(data, pick, before);
        if (what === undefined) return;
        const after = buildProvince(data);
        const digestsAfter = pageDigests(after);
        for (const id of pageIds(after)) {
          if (digestsAfter(id) !== digestsBefore(id)) continue;
          expect(unitView(after, id), `${what}: page ${id}`).toEqual(unitView(before, id));
        }
        const eventsAfter = eventDigests(after);
        for (const { id } of after.events) {
          if (eventsAfter(id) !== eventsBefore(id)) continue;
          expect(eventView(after, id), `${what}: event ${id}`).toEqual(eventView(before, id));
        }
      }
    },
  );

  test('every digest is the same when the data is the same', () => {
    const again = pageDigests(buildProvince(structuredClone<Dataset>(loaded.data)));
    for (const id of pageIds(before)) expect(again(id)).toBe(digestsBefore(id));
    const eventsAgain = eventDigests(buildProvince(structuredClone<Dataset>(loaded.data)));
    for (const { id } of before.events) expect(eventsAgain(id)).toBe(eventsBefore(id));
  });
});

test('a changed figure of one grassroots organization changes only its page and those of the units above it', async () => {
  const loaded = await load(generated);
  if (!loaded.province) throw new Error('generated data must load');
  const unit = pageUnits(loaded.province).find(
    (u) => u.level === 'grassroots' && loaded.province?.tree.changes(u.id).length === 0,
  );
  if (!unit) throw new Error('the generated province has a grassroots organization never restructured');
  const data = structuredClone<Dataset>(loaded.data);
  const row = data.members.find((r) => r.unit_id === unit.id && r.year === loaded.province?.lastYear);
  if (!row) throw new Error('it reported in the last year');
  (row as { members: number | undefined }).members = (row.members ?? 0) + 5;
  const before = pageDigests(loaded.province);
  const after = pageDigests(buildProvince(data));
  const changed = pageIds(loaded.province).filter((id) => before(id) !== after(id));
  const above: string[] = [];
  for (let id = unit.parentId; id !== undefined; id = loaded.province.tree.units.get(id)?.parentId)
    above.push(id);
  expect(changed.sort()).toEqual([unit.id, ...above].sort());
});

test('a changed figure of one grassroots organization changes the digest of exactly the event pages that show it', async () => {
  const loaded = await load(reorganized);
  if (!loaded.province) throw new Error('generated data must load');
  const province = loaded.province;
  const data = structuredClone<Dataset>(loaded.data);
  // The edit bench makes: one more member in the last year, here of a unit the 2025 events list.
  const listed = new Set(province.events.flatMap((e) => e.units.map((u) => u.unit_id)));
  const row = data.members.find(
    (r) => r.year === province.lastYear && listed.has(r.unit_id) && r.members !== undefined,
  );
  if (!row) throw new Error('a unit listed by an event reported in the last year');
  (row as { members: number | undefined }).members = (row.members ?? 0) + 5;
  const after = buildProvince(data);
  const [digestsBefore, digestsAfter] = [eventDigests(province), eventDigests(after)];
  const changed = province.events.map((e) => e.id).filter((id) => digestsBefore(id) !== digestsAfter(id));
  const shown = province.events
    .map((e) => e.id)
    .filter((id) => JSON.stringify(eventView(province, id)) !== JSON.stringify(eventView(after, id)));
  expect(shown.length).toBeGreaterThan(0);
  expect(changed).toEqual(shown);
  expect(changed.length).toBeLessThan(province.events.length / 4);
});
