import type { RestructuringRow, RestructuringUnitRow } from '../read/schemas.ts';
import { byName, type Unit } from './units.ts';

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
  /** Parent just before the event; `undefined` when the event created the unit. */
  readonly before: string | undefined;
  /** Parent from the event on; `undefined` when the event ended the unit (merge, dissolve). */
  readonly after: string | undefined;
  /** Where the change is written: a restructuring_units.csv row, or the event's own row
   * (restructurings.csv, result_unit_id) for a unit the event created. */
  readonly file: 'restructurings.csv' | 'restructuring_units.csv';
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
  /** The changes of one unit (creation, moves, end), oldest first. */
  changes(id: string): readonly ParentChange[];
  /** The moment an event applies (its date, or its result unit's units.csv `established`);
   * `undefined` for an unknown event id. */
  moment(eventId: string): Moment | undefined;
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
  if (unitId === event.result_unit_id) return 'continues';
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
  // units.csv dates win: an event that creates a unit whose units.csv `established` differs
  // (a plan dated 17/07, the committee set up on 15/09) takes effect when the unit came into
  // being, so the units it hands over never hang under a committee that does not exist yet.
  const effectiveDate = (event: RestructuringRow): string => {
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
        before: undefined,
        after: event.parent_id,
        file: 'restructurings.csv',
        line: event.line,
      });
    }
    for (const row of listed) {
      if (!byId.has(row.unit_id)) continue;
      const after = placeAfter(event, row.unit_id);
      if (after === undefined && !ends.has(row.unit_id)) ends.set(row.unit_id, at);
      record(row.unit_id, {
        eventId: event.id,
        date: at.date,
        step,
        before: row.previous_parent_id ?? event.parent_id,
        after,
        file: 'restructuring_units.csv',
        line: row.line,
      });
    }
  });

  // units.csv dates win; when they fall on the day of the event that implies them, the event
  // gives the finer moment, so a new committee is not counted just before its own creation.
  const lifetimes = new Map<string, Lifetime>();
  const boundary = (written: string | undefined, implied: Moment | undefined): Moment | undefined => {
    if (written === undefined) return implied;
    return implied?.date === written ? implied : { date: written, step: -Infinity };
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
  const childrenCache = new Map<string, Unit[]>();
  const childrenAt = (id: string, when: When) => {
    // Most units (grassroots, cells) never had children: no cache entry, no key string.
    if (!everChildren.has(id)) return [];
    const at = toMoment(when);
    const key = `${id}\u0000${at.date}\u0000${at.step}`;
    let result = childrenCache.get(key);
    if (!result) {
      result = candidates(id).filter((child) => existsAt(child.id, at) && parentAt(child.id, at) === id);
      childrenCache.set(key, result);
    }
    return result;
  };
  return {
    units: byId,
    established: (id) => byId.get(id)?.established ?? starts.get(id)?.date,
    dissolved: (id) => byId.get(id)?.dissolved ?? ends.get(id)?.date,
    startedAt: (id) => (byId.has(id) ? lifetime(id).from : undefined),
    endedAt: (id) => (byId.has(id) ? lifetime(id).to : undefined),
    existsAt,
    parentAt,
    childrenAt,
    changes: (id) => changes.get(id) ?? [],
    moment: (eventId) => moments.get(eventId),
  };
}
