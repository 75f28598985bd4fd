/** The lines a unit's page shows about its own creation, moves and end, each linking its event. */
import { lineageOf } from '../model/lineage.ts';
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
    if (change.role === 'creates') {
      line = `Thành lập ${on}, trực thuộc ${names(change.after)}`;
    } else if (change.role === 'ends') {
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

/**
 * The units of today an ended unit lives on in, following merges to their end; empty for a unit
 * that was dissolved without successor, the unit itself while it still exists.
 */
export function todaysUnits(province: Province, unitId: string): string[] {
  const heir = lineageOf(province).heir(unitId);
  return heir === undefined ? [] : [heir];
}
