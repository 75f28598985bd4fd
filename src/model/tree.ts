import type { Level } from '../read/schema.ts';
import type { RestructuringRow, RestructuringUnitRow } from '../read/schemas.ts';
import { byName, type Unit } from './units.ts';

/**
 * How far units.csv's `dissolved` or `established` may lie from the event that ends or creates
 * the unit (contract v2 A.4): offices write the old unit's last day (30/06 for a merger in force
 * on 01/07) or the new one's first day. Within it the event decides the moment; beyond it the
 * dates contradict each other and validation refuses them.
 */
export const DATE_TOLERANCE_DAYS = 31;

const DAY_MS = 86_400_000;
/** Whole days from `a` to `b` (ISO dates); negative when `b` is earlier. */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

export const withinTolerance = (a: string, b: string): boolean =>
  Math.abs(daysBetween(a, b)) <= DATE_TOLERANCE_DAYS;

/**
 * A point in time finer than a day. Several events may share a date (Thốt Nốt's two agency
 * committees were both set up on 17/08/2011, 46 → 36 → 27): they apply one after another in
 * the order of their lines in restructurings.csv, and `step` counts that order.
 */
export interface Moment {
  readonly date: string;
  /** Events with a step up to this one have applied; ±Infinity are the day's start and end. */
  readonly step: number;
}

/** A plain ISO date means the end of that day, after all of its events. */
export type When = string | Moment;

const toMoment = (when: When): Moment => (typeof when === 'string' ? { date: when, step: Infinity } : when);

export function compareMoments(a: Moment, b: Moment): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.step < b.step ? -1 : a.step > b.step ? 1 : 0;
}

/** The state just before an event: every earlier event, none of this one. */
export const justBefore = (moment: Moment): Moment => ({ date: moment.date, step: moment.step - 0.5 });

/** One change in a unit's place in the tree, as a restructuring event records it. */
export interface ParentChange {
  readonly eventId: string;
  readonly date: string;
  readonly step: number;
  /** What the event does to the unit: creates it (result_unit_id), or what roleOf says. */
  readonly role: 'creates' | Role;
  /** Parent just before the event; `undefined` when the event created the unit, or ended a
   * root (a province merged into another). */
  readonly before: string | undefined;
  /** Parent from the event on; `undefined` when the event ended the unit (merge, dissolve). */
  readonly after: string | undefined;
  /** Where the change is written: a restructuring_units.csv row, or the event's own row
   * (restructurings.csv, result_unit_id) for a unit the event created. */
  readonly file: 'restructurings.csv' | 'restructuring_units.csv';
  readonly line: number;
}

/**
 * A change of level or name, from a restructuring_units.csv row with `previous_level` or
 * `previous_name`: `before` until the event's moment, `after` from it on.
 */
export interface Rewrite<T> {
  readonly eventId: string;
  readonly date: string;
  readonly step: number;
  readonly before: T;
  readonly after: T;
  readonly line: number;
}

export interface Tree {
  readonly units: ReadonlyMap<string, Unit>;
  /** Date the unit came into being: units.csv, else the event that created it. */
  established(id: string): string | undefined;
  /** Date the unit ceased to exist: units.csv, else the event that ended it. */
  dissolved(id: string): string | undefined;
  /** The moment the unit came into being, as `existsAt` counts it; `undefined` = always there. */
  startedAt(id: string): Moment | undefined;
  /** The first moment the unit no longer exists, as `existsAt` counts it; `undefined` = still here. */
  endedAt(id: string): Moment | undefined;
  existsAt(id: string, when: When): boolean;
  parentAt(id: string, when: When): string | undefined;
  /** Children existing at `when` whose parent then is `id`, sorted by name. */
  childrenAt(id: string, when: When): Unit[];
  /** How many children `childrenAt` gives, without listing them: a sweep once per parent. */
  childCountAt(id: string, when: When): number;
  /** The changes of one unit (creation, moves, end), oldest first. */
  changes(id: string): readonly ParentChange[];
  /** The moment an event applies: its `effective_date`, else the units.csv `established` of
   * the unit it creates, else its `date`; `undefined` for an unknown event id. */
  moment(eventId: string): Moment | undefined;
  /** The level recorded for the unit at `when` (units.csv `level`, stepped back through
   * `previous_level`). Pages should ask organizations.levelAt, which also infers the level of
   * v1 pilot-committee cells that carry no `previous_level`. */
  levelAt(id: string, when: When): Level | undefined;
  /** The unit's name at `when` (units.csv `name`, stepped back through `previous_name`). */
  nameAt(id: string, when: When): string | undefined;
  /** Units without a parent that exist at `when`, by name: one today, several before a merger
   * of provinces. */
  rootsAt(when: When): Unit[];
  /** Level changes of one unit, oldest first. */
  levelChanges(id: string): readonly Rewrite<Level>[];
  /** Name changes of one unit, oldest first. */
  nameChanges(id: string): readonly Rewrite<string>[];
}

export interface TreeEvents {
  readonly restructurings: readonly RestructuringRow[];
  readonly restructuringUnits: readonly RestructuringUnitRow[];
}

/** Kinds whose result unit is new, unless the event lists it among its units. */
const CREATES: ReadonlySet<RestructuringRow['kind']> = new Set(['pilot_committee', 'merge', 'establish']);

/** What an event does to one unit it lists. */
export type Role = 'moves' | 'ends' | 'continues';

/**
 * A listed unit that is also the event's result unit continues (a merge into one of the
 * merged communes); merges and dissolutions end the others; every other kind moves them.
 */
export function roleOf(event: RestructuringRow, unitId: string): Role {
  // A rename changes names and levels, never the place in the tree.
  if (unitId === event.result_unit_id || event.kind === 'rename') return 'continues';
  return event.kind === 'merge' || event.kind === 'dissolve' ? 'ends' : 'moves';
}

/** The parent a listed unit has after the event; `undefined` when the event ends it. */
export function placeAfter(event: RestructuringRow, unitId: string): string | undefined {
  switch (roleOf(event, unitId)) {
    case 'continues':
      return event.parent_id;
    case 'ends':
      return undefined;
    case 'moves':
      // pilot_committee and establish hand the units to the new committee; a transfer goes to
      // result_unit_id when the receiving unit is named, else to the event's parent.
      return event.result_unit_id ?? event.parent_id;
  }
}

/** True when the event brings its result unit into being. */
export const createsResult = (event: RestructuringRow, listed: readonly RestructuringUnitRow[]): boolean =>
  event.result_unit_id !== undefined &&
  CREATES.has(event.kind) &&
  !listed.some((row) => row.unit_id === event.result_unit_id);

interface Lifetime {
  readonly from: Moment | undefined;
  readonly to: Moment | undefined;
}

/**
 * The organization tree over time. `units.csv` gives today's tree; restructuring events,
 * replayed from the newest back, give every earlier one: before a change the unit sat under
 * the change's `before`, after the last one under its units.csv parent. Built once per build;
 * every rollup, page and check asks it, so restructurings never need a second code path.
 * Validation (src/validate/events.ts) checks that the chain of changes joins up.
 */
export function buildTree(units: readonly Unit[], events: TreeEvents): Tree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const listedBy = new Map<string, RestructuringUnitRow[]>();
  for (const row of events.restructuringUnits) {
    const list = listedBy.get(row.restructuring_id) ?? [];
    list.push(row);
    listedBy.set(row.restructuring_id, list);
  }
  // An effective date is the office's own word for when the tree changes. Without one, units.csv
  // dates win: an event that creates a unit whose units.csv `established` differs (a plan dated
  // 17/07, the committee set up on 15/09) takes effect when the unit came into being, so the
  // units it hands over never hang under a committee that does not exist yet.
  const effectiveDate = (event: RestructuringRow): string => {
    if (event.effective_date !== undefined) return event.effective_date;
    const result = event.result_unit_id === undefined ? undefined : byId.get(event.result_unit_id);
    return result?.established !== undefined && createsResult(event, listedBy.get(event.id) ?? [])
      ? result.established
      : event.date;
  };
  const effective = new Map(events.restructurings.map((e) => [e, effectiveDate(e)]));
  const dateOf = (event: RestructuringRow) => effective.get(event) ?? event.date;
  // In the order they apply: by effective date, then by line in restructurings.csv.
  const ordered = [...events.restructurings].sort((a, b) =>
    dateOf(a) < dateOf(b) ? -1 : dateOf(a) > dateOf(b) ? 1 : a.line - b.line,
  );
  const moments = new Map<string, Moment>();

  const changes = new Map<string, ParentChange[]>();
  // Only `before` and where it applies for now; `after` is filled in once every event is known.
  const levels = new Map<string, Omit<Rewrite<Level>, 'after'>[]>();
  const names = new Map<string, Omit<Rewrite<string>, 'after'>[]>();
  const push = <T>(map: Map<string, T[]>, id: string, item: T) => {
    const list = map.get(id);
    if (list) list.push(item);
    else map.set(id, [item]);
  };
  const starts = new Map<string, Moment>();
  const ends = new Map<string, Moment>();
  // Units that were ever a child of a parent: childrenAt filters these instead of scanning all.
  const everChildren = new Map<string, Set<string>>();
  const link = (parent: string | undefined, child: string) => {
    if (parent === undefined) return;
    let set = everChildren.get(parent);
    if (!set) everChildren.set(parent, (set = new Set()));
    set.add(child);
  };
  const record = (unitId: string, change: ParentChange) => {
    const list = changes.get(unitId) ?? [];
    list.push(change);
    changes.set(unitId, list);
    link(change.before, unitId);
    link(change.after, unitId);
  };
  for (const unit of units) link(unit.parentId, unit.id);

  ordered.forEach((event, step) => {
    // A duplicate event id is a validation error; the first occurrence stands meanwhile.
    if (moments.has(event.id)) return;
    const at: Moment = { date: dateOf(event), step };
    moments.set(event.id, at);
    const listed = listedBy.get(event.id) ?? [];
    const result = event.result_unit_id;
    // A unit comes into being once; a second creating event is a validation error
    // (src/validate/events.ts) and must not hide the unit's parent between the two.
    if (result !== undefined && byId.has(result) && createsResult(event, listed) && !starts.has(result)) {
      starts.set(result, at);
      record(result, {
        eventId: event.id,
        date: at.date,
        step,
        role: 'creates',
        before: undefined,
        after: event.parent_id,
        file: 'restructurings.csv',
        line: event.line,
      });
    }
    for (const row of listed) {
      if (!byId.has(row.unit_id)) continue;
      const where = { eventId: event.id, date: at.date, step, line: row.line };
      if (row.previous_level !== undefined)
        push(levels, row.unit_id, { ...where, before: row.previous_level });
      if (row.previous_name !== undefined) push(names, row.unit_id, { ...where, before: row.previous_name });
      const role = roleOf(event, row.unit_id);
      const before = row.previous_parent_id ?? event.parent_id;
      const after = placeAfter(event, row.unit_id);
      if (role === 'ends' && !ends.has(row.unit_id)) ends.set(row.unit_id, at);
      // A province that carries on through a merger or a rename stays a root: no place to record.
      if (role === 'continues' && before === undefined && after === undefined) continue;
      record(row.unit_id, { ...where, role, before, after, file: 'restructuring_units.csv' });
    }
  });

  // Within the tolerance of the event that implies them, units.csv dates only record the last or
  // first day (30/06 for a merger in force on 01/07): the event gives the moment, so a merged
  // commune is neither gone before its merger nor counted just before its own creation. Beyond
  // it units.csv wins, and validation reports the gap.
  const lifetimes = new Map<string, Lifetime>();
  const boundary = (written: string | undefined, implied: Moment | undefined): Moment | undefined => {
    if (written === undefined) return implied;
    return implied !== undefined && withinTolerance(written, implied.date)
      ? implied
      : { date: written, step: -Infinity };
  };
  const lifetime = (id: string): Lifetime => {
    let known = lifetimes.get(id);
    if (!known) {
      const unit = byId.get(id);
      known = {
        from: boundary(unit?.established, starts.get(id)),
        to: boundary(unit?.dissolved, ends.get(id)),
      };
      lifetimes.set(id, known);
    }
    return known;
  };

  const existsAt = (id: string, when: When) => {
    if (!byId.has(id)) return false;
    const at = toMoment(when);
    const { from, to } = lifetime(id);
    return (
      (from === undefined || compareMoments(from, at) <= 0) &&
      (to === undefined || compareMoments(at, to) < 0)
    );
  };
  const parentAt = (id: string, when: When) => {
    const at = toMoment(when);
    // The first change after `at` tells where the unit was before it; none means "as now".
    for (const change of changes.get(id) ?? []) {
      if (compareMoments(change, at) > 0) return change.before;
    }
    return byId.get(id)?.parentId;
  };
  // Each parent's possible children are sorted by name once; every date then filters that list,
  // keeping the order, instead of sorting again (rollups ask every unit for every year).
  const sortedChildren = new Map<string, Unit[]>();
  const candidates = (id: string): Unit[] => {
    let list = sortedChildren.get(id);
    if (!list) {
      list = [...(everChildren.get(id) ?? [])]
        .map((child) => byId.get(child))
        .filter((u): u is Unit => u !== undefined)
        .sort(byName);
      sortedChildren.set(id, list);
    }
    return list;
  };
  // A parent's children change only at the moments its possible children start, end or move:
  // between two of them every date has the same children, so one list serves them all (event
  // pages ask for the province's children at each of thousands of moments).
  const turns = new Map<string, { readonly at: Moment; readonly child: Unit }[]>();
  const turnsOf = (id: string) => {
    let list = turns.get(id);
    if (!list) {
      list = candidates(id)
        .flatMap((child) => {
          const { from, to } = lifetime(child.id);
          return [from, to, ...(changes.get(child.id) ?? [])].flatMap((at) => (at ? [{ at, child }] : []));
        })
        .sort((a, b) => compareMoments(a.at, b.at));
      turns.set(id, list);
    }
    return list;
  };
  /** How many of the parent's turning moments are at or before `at`: the same for every date
   * until the next one. */
  const period = (id: string, at: Moment): number => {
    const list = turnsOf(id);
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareMoments((list[middle] as { at: Moment }).at, at) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  // Children counted for every period in one sweep: only the children that turn at a moment can
  // come or go then. An event page counts the province's children before and after it, and
  // listing them for each of thousands of events grew with events × children.
  const countsByPeriod = new Map<string, number[]>();
  const countsOf = (id: string): number[] => {
    let counts = countsByPeriod.get(id);
    if (counts) return counts;
    const list = turnsOf(id);
    const isChild = (child: Unit, at: Moment) => existsAt(child.id, at) && parentAt(child.id, at) === id;
    const inside = new Set(candidates(id).filter((child) => isChild(child, { date: '', step: -Infinity })));
    counts = [inside.size];
    for (let start = 0, end = 0; start < list.length; start = end) {
      const { at } = list[start] as { at: Moment };
      for (; end < list.length && compareMoments((list[end] as { at: Moment }).at, at) === 0; end++) {
        const { child } = list[end] as { child: Unit };
        if (isChild(child, at)) inside.add(child);
        else inside.delete(child);
      }
      counts[end] = inside.size;
    }
    countsByPeriod.set(id, counts);
    return counts;
  };
  const childrenCache = new Map<string, Unit[]>();
  const childrenAt = (id: string, when: When) => {
    // Most units (grassroots, cells) never had children: no cache entry, no key string.
    if (!everChildren.has(id)) return [];
    const at = toMoment(when);
    const key = `${id}\u0000${period(id, at)}`;
    let result = childrenCache.get(key);
    if (!result) {
      result = candidates(id).filter((child) => existsAt(child.id, at) && parentAt(child.id, at) === id);
      childrenCache.set(key, result);
    }
    return result;
  };
  // Each change holds from its event until the next one, the last until today.
  const settle = <T>(
    pending: Map<string, Omit<Rewrite<T>, 'after'>[]>,
    now: (unit: Unit) => T,
  ): Map<string, Rewrite<T>[]> => {
    const settled = new Map<string, Rewrite<T>[]>();
    for (const [id, list] of pending) {
      const unit = byId.get(id);
      if (unit)
        settled.set(
          id,
          list.map((c, i) => ({ ...c, after: list[i + 1]?.before ?? now(unit) })),
        );
    }
    return settled;
  };
  const levelHistory = settle(levels, (u) => u.level);
  const nameHistory = settle(names, (u) => u.name);
  const stepBack = <T>(history: readonly Rewrite<T>[] | undefined, when: When, now: T): T => {
    if (history === undefined) return now;
    const at = toMoment(when);
    for (const change of history) if (compareMoments(change, at) > 0) return change.before;
    return now;
  };
  const roots = units.filter((u) => u.parentId === undefined).sort(byName);

  return {
    units: byId,
    established: (id) => byId.get(id)?.established ?? starts.get(id)?.date,
    dissolved: (id) => byId.get(id)?.dissolved ?? ends.get(id)?.date,
    startedAt: (id) => (byId.has(id) ? lifetime(id).from : undefined),
    endedAt: (id) => (byId.has(id) ? lifetime(id).to : undefined),
    existsAt,
    parentAt,
    childrenAt,
    childCountAt: (id, when) => (everChildren.has(id) ? (countsOf(id)[period(id, toMoment(when))] ?? 0) : 0),
    changes: (id) => changes.get(id) ?? [],
    moment: (eventId) => moments.get(eventId),
    levelAt: (id, when) => {
      const unit = byId.get(id);
      return unit && stepBack(levelHistory.get(id), when, unit.level);
    },
    nameAt: (id, when) => {
      const unit = byId.get(id);
      return unit && stepBack(nameHistory.get(id), when, unit.name);
    },
    rootsAt: (when) => roots.filter((root) => existsAt(root.id, when)),
    levelChanges: (id) => levelHistory.get(id) ?? [],
    nameChanges: (id) => nameHistory.get(id) ?? [],
  };
}
