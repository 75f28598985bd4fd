import type { RestructuringRow, RestructuringUnitRow } from '../read/schemas.ts';
import { byName, type Unit } from './units.ts';

/** One change of a unit's parent, as a restructuring event records it. */
export interface ParentChange {
  readonly date: string;
  readonly eventId: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

export interface Tree {
  readonly units: ReadonlyMap<string, Unit>;
  /** Date the unit came into being (units.csv, else the event that created it). */
  established(id: string): string | undefined;
  /** Date the unit ceased to exist (units.csv, else the event that ended it). */
  dissolved(id: string): string | undefined;
  existsAt(id: string, date: string): boolean;
  parentAt(id: string, date: string): string | undefined;
  /** Children existing at `date`, sorted by name. */
  childrenAt(id: string, date: string): Unit[];
  /** The parent changes of one unit, oldest first. */
  changes(id: string): readonly ParentChange[];
}

export interface TreeEvents {
  readonly restructurings: readonly RestructuringRow[];
  readonly restructuringUnits: readonly RestructuringUnitRow[];
}

/** Where an event puts the units it lists; `undefined` when it ends them. */
export function destination(event: RestructuringRow): string | undefined {
  switch (event.kind) {
    case 'pilot_committee':
    case 'establish':
    case 'transfer':
      return event.result_unit_id ?? event.parent_id;
    case 'merge':
    case 'dissolve':
      return undefined;
  }
}

/**
 * The organization tree over time. `units.csv` gives today's tree; restructuring events,
 * replayed from the newest back, give every earlier one. Built once per build; every rollup,
 * page and check asks it, so restructurings never need a second code path.
 */
export function buildTree(units: readonly Unit[], events: TreeEvents): Tree {
  const byId = new Map(units.map((u) => [u.id, u]));
  const eventsById = new Map(events.restructurings.map((e) => [e.id, e]));
  const changes = new Map<string, ParentChange[]>();
  const implied = { established: new Map<string, string>(), dissolved: new Map<string, string>() };
  // Units that were ever a child of a parent: childrenAt filters these instead of scanning all.
  const everChildren = new Map<string, Set<string>>();
  const link = (parent: string | undefined, child: string) => {
    if (parent === undefined) return;
    let set = everChildren.get(parent);
    if (!set) everChildren.set(parent, (set = new Set()));
    set.add(child);
  };
  for (const unit of units) link(unit.parentId, unit.id);

  for (const event of events.restructurings) {
    if (event.result_unit_id !== undefined && event.kind !== 'transfer') {
      const current = implied.established.get(event.result_unit_id);
      if (current === undefined || event.date < current) {
        implied.established.set(event.result_unit_id, event.date);
      }
    }
  }
  for (const row of events.restructuringUnits) {
    const event = eventsById.get(row.restructuring_id);
    if (!event || !byId.has(row.unit_id)) continue;
    const before = row.previous_parent_id ?? event.parent_id;
    const after = destination(event);
    if (after === undefined) {
      const current = implied.dissolved.get(row.unit_id);
      if (current === undefined || event.date < current) implied.dissolved.set(row.unit_id, event.date);
    }
    const list = changes.get(row.unit_id) ?? [];
    list.push({ date: event.date, eventId: event.id, before, after });
    changes.set(row.unit_id, list);
    link(before, row.unit_id);
    link(after, row.unit_id);
  }
  for (const list of changes.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const established = (id: string) => byId.get(id)?.established ?? implied.established.get(id);
  const dissolved = (id: string) => byId.get(id)?.dissolved ?? implied.dissolved.get(id);
  const existsAt = (id: string, date: string) => {
    const from = established(id);
    const to = dissolved(id);
    return byId.has(id) && (from === undefined || from <= date) && (to === undefined || date < to);
  };
  const parentAt = (id: string, date: string) => {
    // The first change after `date` tells where the unit was before it; none means "as now".
    for (const change of changes.get(id) ?? []) {
      if (change.date > date) return change.before;
    }
    return byId.get(id)?.parentId;
  };
  const childrenCache = new Map<string, Unit[]>();
  const childrenAt = (id: string, date: string) => {
    const key = `${id}\u0000${date}`;
    let result = childrenCache.get(key);
    if (!result) {
      result = [...(everChildren.get(id) ?? [])]
        .filter((child) => existsAt(child, date) && parentAt(child, date) === id)
        .map((child) => byId.get(child))
        .filter((u): u is Unit => u !== undefined)
        .sort(byName);
      childrenCache.set(key, result);
    }
    return result;
  };
  return {
    units: byId,
    established,
    dissolved,
    existsAt,
    parentAt,
    childrenAt,
    changes: (id) => changes.get(id) ?? [],
  };
}
