/** The lines a unit's page shows about its own creation, moves and end, each linking its event. */
import type { Province } from '../model/province.ts';
import { namesOf } from './event-words.ts';
import { formatDate } from './format.ts';
import { eventPath, type Link } from './links.ts';
import { perProvince } from './memo.ts';

// Every unit page asks; the index is built once per province.
export const eventsById = perProvince((province) => new Map(province.events.map((e) => [e.id, e])));

/** One line on a unit's page about how an event changed it. */
export interface UnitChange {
  readonly text: string;
  readonly event: Link;
}

/**
 * How restructurings created, moved or ended a unit, oldest first, so the page of a merged or
 * dissolved unit says when and by which event, and links it.
 */
export function unitChanges(province: Province, unitId: string): UnitChange[] {
  const names = namesOf(province);
  const byId = eventsById(province);
  return province.tree.changes(unitId).flatMap((change) => {
    const event = byId.get(change.eventId);
    if (!event) return [];
    const on = `ngày ${formatDate(change.date)}`;
    let line: string;
    if (change.before === undefined) {
      line = `Thành lập ${on}, trực thuộc ${names(change.after)}`;
    } else if (change.after === undefined) {
      line =
        event.kind === 'merge' && event.result_unit_id !== undefined
          ? `Hợp nhất vào ${names(event.result_unit_id)} ${on}`
          : `Giải thể ${on}`;
    } else if (change.after === change.before) {
      line = `Tiếp tục trực thuộc ${names(change.after)} sau sắp xếp ${on}`;
    } else {
      line = `Chuyển từ trực thuộc ${names(change.before)} sang trực thuộc ${names(change.after)} ${on}`;
    }
    return [{ text: line, event: { label: event.title, path: eventPath(event.id) } }];
  });
}

/** One step of a merge: `from` ended and carried on in `into` through `eventId`. */
export interface MergeStep {
  readonly from: string;
  readonly into: string;
  readonly eventId: string;
  readonly date: string;
}

export interface Lineage {
  /** Merges that ended each unit, by the unit ended. */
  readonly successors: ReadonlyMap<string, readonly MergeStep[]>;
  /** Merges that formed or enlarged each unit, by the result unit. */
  readonly predecessors: ReadonlyMap<string, readonly MergeStep[]>;
}

/**
 * Who was merged into whom, read once from the merge events: each unit a merge ends carries on
 * in the merge's result. The same relation as model/lineage.ts `predecessors`/`successors`
 * (direct steps); pages ask it through this one function.
 */
export const lineage = perProvince((province): Lineage => {
  const successors = new Map<string, MergeStep[]>();
  const predecessors = new Map<string, MergeStep[]>();
  const add = (map: Map<string, MergeStep[]>, key: string, step: MergeStep) => {
    const list = map.get(key);
    if (list) list.push(step);
    else map.set(key, [step]);
  };
  for (const event of province.events) {
    const into = event.result_unit_id;
    if (event.kind !== 'merge' || into === undefined) continue;
    const date = province.tree.moment(event.id)?.date ?? event.date;
    for (const row of event.units) {
      if (row.unit_id === into || !province.tree.units.has(row.unit_id)) continue;
      const step = { from: row.unit_id, into, eventId: event.id, date };
      add(successors, row.unit_id, step);
      add(predecessors, into, step);
    }
  }
  return { successors, predecessors };
});

/**
 * The units of today an ended unit lives on in, following merges to their end; empty for a unit
 * that was dissolved without successor, the unit itself while it still exists.
 */
export function todaysUnits(province: Province, unitId: string): string[] {
  const { successors } = lineage(province);
  const found = new Set<string>();
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return; // a cycle of merges is a validation error; never loop on one
    seen.add(id);
    if (province.tree.endedAt(id) === undefined) found.add(id);
    else for (const step of successors.get(id) ?? []) walk(step.into);
  };
  walk(unitId);
  return [...found];
}
