/**
 * Step 2: restructurings (restructurings.csv and restructuring_units.csv), applied to the
 * structure: pilot committees take over agencies' units, communes merge, units are established,
 * dissolved and transferred. Each unit takes part in at most one, so the history stays simple
 * enough to be consistent by construction.
 */
import { TERRITORIAL } from './grassroots-types.ts';
import type { Random } from './random.ts';
import {
  choose,
  pad,
  ROOT,
  type District,
  type Grassroots,
  type Structure,
  type Years,
} from './structure.ts';

/** A unit an event lists; the previous level and name only where the event changed them. */
export interface Listed {
  readonly unit: string;
  readonly previous?: string;
  readonly previousLevel?: 'grassroots';
  readonly previousName?: string;
}

export interface Restructuring {
  readonly id: string;
  readonly date: string;
  /** When the tree changes, if not on `date` (contract v2 A.4). */
  readonly effective?: string;
  readonly kind: 'pilot_committee' | 'merge' | 'establish' | 'dissolve' | 'transfer';
  readonly title: string;
  readonly parent: string;
  readonly result?: string;
  readonly status: 'pilot' | 'official' | 'ended';
  readonly committees?: readonly [number, number, number];
  readonly decision: string;
  readonly units: readonly Listed[];
}

/** A district-level committee a pilot creates under the province. */
export interface PilotCommittee {
  readonly id: string;
  readonly name: string;
  readonly established: string;
  /** Its first year of statistics. */
  readonly from: number;
  /** Set when the blocs are replaced in the 2025 reorganization. */
  dissolved?: string;
}

export interface Restructured {
  /** By date, then id. */
  readonly events: readonly Restructuring[];
  readonly pilots: readonly PilotCommittee[];
  /** Units merges and establishments created, after the structure's in id order. */
  readonly created: readonly Grassroots[];
}

export interface RestructuringCounts {
  readonly pilots: number;
  readonly merges: number;
  readonly establishments: number;
  readonly dissolutions: number;
  readonly transfers: number;
}

/** At least one of each kind; more in proportion to the province's size. */
export const restructuringCounts = (total: number): RestructuringCounts => ({
  pilots: Math.max(1, Math.round(total / 5000)),
  merges: Math.max(1, Math.round(total / 200)),
  establishments: Math.max(1, Math.round(total / 1000)),
  dissolutions: Math.max(1, Math.round(total / 600)),
  transfers: Math.max(1, Math.round(total / 400)),
});

/** A date inside `year`, never 31 December: statistics are as of year's end, events before it. */
const dateIn = (random: Random, year: number) =>
  `${year}-${pad(random.int(1, 11), 2)}-${pad(random.int(1, 28), 2)}`;

/** What every kind of restructuring draws from and adds to. */
interface Context {
  readonly random: Random;
  readonly structure: Structure;
  readonly years: Years;
  readonly events: Restructuring[];
}

/** After the first year, so every event has a year before it to compare with. */
const eventYear = ({ random, years }: Context) =>
  years.last > years.first ? random.int(years.first + 1, years.last) : years.first;
export const eventId = ({ events }: { readonly events: readonly unknown[] }) =>
  `SX${pad(events.length + 1, 4)}`;
/**
 * By date, then in the order they were made: a committee's creation before the transfers into
 * it. Ids compare as numbers: past SX9999, `SX10000` sorts before `SX9987` as text, and a
 * country's transfers then came before the mergers that create their communes.
 */
export const inOrder = (a: Restructuring, b: Restructuring): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id.slice(2)) - Number(b.id.slice(2));
export const decision = ({ random }: { readonly random: Random }, year: number) =>
  `${random.int(1, 250)}-QĐ/TU năm ${year}`;
export const withoutBody = (name: string) => name.replace(/^(Đảng|Chi) bộ /, '');

export function restructure(
  random: Random,
  structure: Structure,
  years: Years,
  counts: RestructuringCounts,
): Restructured {
  const context: Context = { random, structure, years, events: [] };
  // The order of the kinds is part of the seed's output: each draws from the same stream.
  const pilots = pilotCommittees(context, counts.pilots);
  const created = [...merges(context, counts.merges), ...establishments(context, counts.establishments)];
  dissolutions(context, counts.dissolutions);
  transfers(context, counts.transfers);
  const events = context.events.sort(inOrder);
  return { events, pilots, created };
}

/** Pilot committees at the province: a new district-level committee takes over agencies' units. */
function pilotCommittees(context: Context, count: number): PilotCommittee[] {
  const { random, structure, years } = context;
  const pilots: PilotCommittee[] = [];
  for (let i = 0; i < count; i++) {
    const year = eventYear(context);
    const date = dateIn(random, year);
    const id = `K${pad(i + 1, 2)}`;
    const name = `Đảng bộ Khối cơ quan ${['chính quyền', 'Đảng', 'doanh nghiệp'][i % 3]} tỉnh${i >= 3 ? ` ${i + 1}` : ''}`;
    const moved: { unit: string; previous?: string }[] = [];
    for (let j = random.int(3, 8); j > 0; j--) {
      const unit = choose(
        random,
        structure.grassroots,
        (u) => u.type === 'agency' || u.type === 'public_service',
      );
      if (!unit) break;
      moved.push({ unit: unit.id, previous: unit.parent });
      unit.previousParent = unit.parent;
      unit.movedIn = year;
      unit.parent = id;
    }
    pilots.push({ id, name, established: date, from: year });
    context.events.push({
      id: eventId(context),
      date,
      kind: 'pilot_committee',
      title: `Thí điểm ${name}`,
      parent: ROOT,
      result: id,
      status: year < years.last ? 'official' : 'pilot',
      committees: [random.int(9, 15), random.int(3, 5), random.int(3, 5)],
      decision: decision(context, year),
      units: moved,
    });
  }
  return pilots;
}

/** Two communes merged into a new one: both end on the decision's date, the new unit begins. */
function merges(context: Context, count: number): Grassroots[] {
  const { random, structure } = context;
  const { districts, grassroots, byParent, founder } = structure;
  const districtOf = new Map(districts.map((d) => [d.id, d]));
  const created: Grassroots[] = [];
  for (let i = 0; i < count; i++) {
    const a = choose(random, grassroots, (u) => u.type === 'commune' && u.parent !== ROOT);
    const b =
      a &&
      choose(
        random,
        byParent.get(a.parent) ?? grassroots,
        (u) => u.type === 'commune' && u.parent === a.parent,
      );
    const district: District =
      districtOf.get(a?.parent ?? '') ?? (districts[i % districts.length] as District);
    const year = eventYear(context);
    const date = dateIn(random, year);
    const unit = founder.found('commune', district, year);
    unit.established = date;
    unit.busy = true;
    created.push(unit);
    const merged = [a, b].filter((u): u is Grassroots => u !== undefined);
    unit.mergedFrom = merged.map((u) => u.id);
    for (const old of merged) {
      old.dissolved = date;
      old.to = year - 1;
    }
    context.events.push({
      id: eventId(context),
      date,
      kind: 'merge',
      title: `Hợp nhất ${merged.map((u) => withoutBody(u.name)).join(' và ') || 'các xã'} thành ${withoutBody(unit.name)}`,
      parent: district.id,
      result: unit.id,
      status: 'official',
      decision: decision(context, year),
      units: merged.map((u) => ({ unit: u.id })),
    });
  }
  return created;
}

/** A new enterprise or public-service unit in a district. */
function establishments(context: Context, count: number): Grassroots[] {
  const { random, structure } = context;
  const { districts, founder } = structure;
  const created: Grassroots[] = [];
  for (let i = 0; i < count; i++) {
    const district = districts[random.int(0, districts.length - 1)] as District;
    const year = eventYear(context);
    const date = dateIn(random, year);
    const unit = founder.found(random.pick(['enterprise', 'public_service'] as const), district, year);
    unit.established = date;
    unit.busy = true;
    created.push(unit);
    context.events.push({
      id: eventId(context),
      date,
      kind: 'establish',
      title: `Thành lập ${unit.name}`,
      parent: district.id,
      result: unit.id,
      status: 'official',
      decision: decision(context, year),
      units: [],
    });
  }
  return created;
}

/** A non-territorial unit ends: its statistics stop the year before. */
function dissolutions(context: Context, count: number): void {
  const { random, structure } = context;
  for (let i = 0; i < count; i++) {
    const unit = choose(random, structure.grassroots, (u) => u.parent !== ROOT && !TERRITORIAL.has(u.type));
    if (!unit) break;
    const year = eventYear(context);
    const date = dateIn(random, year);
    unit.dissolved = date;
    unit.to = year - 1;
    context.events.push({
      id: eventId(context),
      date,
      kind: 'dissolve',
      title: `Giải thể ${unit.name}`,
      parent: unit.parent,
      status: 'official',
      decision: decision(context, year),
      units: [{ unit: unit.id }],
    });
  }
}

/** One to three non-territorial units of a district move to another district. */
function transfers(context: Context, count: number): void {
  const { random, structure } = context;
  const { districts, grassroots, byParent } = structure;
  const anyDistrict = () => districts[random.int(0, districts.length - 1)] as District;
  for (let i = 0; i < count; i++) {
    const first = choose(random, grassroots, (u) => u.parent !== ROOT && !TERRITORIAL.has(u.type));
    if (!first) break;
    const from = first.parent;
    let to = anyDistrict();
    while (to.id === from) to = anyDistrict();
    const moved = [first];
    for (let j = random.int(0, 2); j > 0; j--) {
      const more = choose(
        random,
        byParent.get(from) ?? grassroots,
        (u) => u.parent === from && !TERRITORIAL.has(u.type),
      );
      if (more) moved.push(more);
    }
    const year = eventYear(context);
    for (const unit of moved) {
      unit.previousParent = from;
      unit.movedIn = year;
      unit.parent = to.id;
    }
    context.events.push({
      id: eventId(context),
      date: dateIn(random, year),
      kind: 'transfer',
      title: `Điều chuyển ${moved.length} tổ chức cơ sở đảng về ${to.name}`,
      parent: to.id,
      status: 'official',
      decision: decision(context, year),
      units: moved.map((u) => ({ unit: u.id, previous: from })),
    });
  }
}
