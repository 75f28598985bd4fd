/** The lines a unit's page shows about its own creation, moves and end, each linking its event. */
import { lineageOf } from '../model/lineage.ts';
import type { Province } from '../model/province.ts';
import { compareMoments, justBefore, roleOf } from '../model/tree.ts';
import { endsActivity, namesAt, withMark } from './event-words.ts';
import { formatDate } from './format.ts';
import { eventPath, type Link } from './links.ts';
import { perProvince } from './memo.ts';
import { listVi } from './wording.ts';

// Every unit page asks; the index is built once per province.
export const eventsById = perProvince(
  'eventsById',
  (province) => new Map(province.events.map((e) => [e.id, e])),
);

/** One line on a unit's page about how an event changed it. */
export interface UnitChange {
  readonly text: string;
  /**
   * The event's page. Labelled with the event's title where the title says more than `text` (a
   * transfer of many organizations, of which this unit was one), else with `text` itself: "Thành
   * lập ngày 10/02/2025 (Thành lập Đảng bộ …)" would say it twice.
   */
  readonly event: Link;
}

/** How a line is written: the text before the link, the link, and what follows it. */
export interface ChangeParts {
  readonly lead: string;
  readonly event: Link;
  readonly tail: string;
}

/**
 * `Chuyển … ngày 01/07/2025 (<title>).`, or the whole line as the link. A title that has its own
 * parenthesis follows a dash instead, so parentheses never nest.
 */
export function changeParts(change: UnitChange): ChangeParts {
  const { text, event } = change;
  if (event.label === text) return { lead: '', event, tail: '.' };
  return /[()]/.test(event.label)
    ? { lead: `${text} — `, event, tail: '.' }
    : { lead: `${text} (`, event, tail: ').' };
}

/** A name the unit had before a rename: `Đảng bộ tỉnh Thừa Thiên Huế`, `31/12/2024` (last day). */
export interface FormerName {
  readonly name: string;
  readonly until: string;
  /** The name it took then. */
  readonly became: string;
  /** The day the new name applied. */
  readonly from: string;
  readonly eventId: string;
  readonly date: string;
  readonly step: number;
}

/** The day before an ISO date, as `dd/mm/yyyy`: a former name was used up to that day. */
const lastDayBefore = (iso: string): string => {
  const day = new Date(`${iso}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return formatDate(day.toISOString().slice(0, 10));
};

/** The names a unit had before, oldest first (contract v2 A.3). */
export function formerNames(province: Province, unitId: string): FormerName[] {
  return province.tree.nameChanges(unitId).map((c) => ({
    name: c.before,
    until: lastDayBefore(c.date),
    became: c.after,
    from: formatDate(c.date),
    eventId: c.eventId,
    date: c.date,
    step: c.step,
  }));
}

/** `Tên trước đây: Đảng bộ tỉnh Thừa Thiên Huế (đến 31/12/2024)`. */
export const formerNameText = (former: FormerName): string => `${former.name} (đến ${former.until})`;

/**
 * How restructurings created, moved, renamed or ended a unit, oldest first, so the page of a
 * merged or dissolved unit says when and by which event, and links it. Other units are named as
 * they were called on the day of each change.
 */
export function unitChanges(province: Province, unitId: string): UnitChange[] {
  const byId = eventsById(province);
  const { tree } = province;
  const link = (eventId: string, text?: string): Link | undefined => {
    const event = byId.get(eventId);
    return event && { label: text ?? event.title, path: eventPath(event.id) };
  };
  const moves = tree.changes(unitId).flatMap((change) => {
    const event = byId.get(change.eventId);
    if (!event) return [];
    const moment = { date: change.date, step: change.step };
    const then = namesAt(province, moment);
    const before = namesAt(province, justBefore(moment));
    const on = `ngày ${formatDate(change.date)}`;
    // Merged with the others the event ends, named as they were: the old ward of Phú Bài was
    // merged with two communes into the new ward of the same name, not into itself.
    const merged = event.units
      .filter((u) => u.unit_id !== unitId && roleOf(event, u.unit_id) === 'ends')
      .map((u) => before(u.unit_id));
    let line: string;
    // Lines that say all the event's title says link the event themselves.
    let titled = false;
    if (change.role === 'creates') {
      // A province formed by a merger has no parent to name.
      const under = change.after === undefined ? '' : `, trực thuộc ${then(change.after)}`;
      // "trên cơ sở hợp nhất A và B", or "trên cơ sở A" when one unit carried on as this one.
      const sources = listVi(merged.map((n) => (n === then(unitId) ? withMark(n, 'cũ') : n)));
      line =
        event.kind === 'merge' && merged.length > 0
          ? `Thành lập ${on} trên cơ sở ${merged.length > 1 ? 'hợp nhất ' : ''}${sources}${under}`
          : `Thành lập${event.kind === 'pilot_committee' ? ' thí điểm' : ''} ${on}${under}`;
    } else if (change.role === 'ends') {
      const result = event.kind === 'merge' ? event.result_unit_id : undefined;
      if (result === undefined) {
        line = `${endsActivity(province, event) ? 'Kết thúc hoạt động' : 'Giải thể'} ${on}`;
      } else if (province.tree.changes(result).some((c) => c.eventId === event.id && c.role === 'creates')) {
        const name = then(result);
        const namesake = name === before(unitId) || merged.includes(name);
        const into = namesake ? withMark(name, 'mới') : name;
        const others = merged.map((n) => (n === name ? withMark(n, 'cũ') : n));
        line =
          merged.length > 0
            ? `Hợp nhất cùng ${listVi(others)} thành ${into} ${on}`
            : `Hợp nhất vào ${into} ${on}`;
      } else {
        line = `Hợp nhất vào ${then(result)} ${on}`;
      }
    } else if (change.after === change.before) {
      // A rename's own line says what changed; "still under the same parent" would add nothing.
      if (event.kind === 'rename') return [];
      line = `Tiếp tục trực thuộc ${then(change.after)} sau sắp xếp ${on}`;
      titled = true;
    } else {
      line = `Chuyển từ trực thuộc ${before(change.before)} sang trực thuộc ${then(change.after)} ${on}`;
      titled = true;
    }
    return [{ ...moment, text: line, event: link(event.id, titled ? undefined : line) }];
  });
  const renames = formerNames(province, unitId).map((former) => {
    const text = `Tên trước đây: ${formerNameText(former)}; từ ngày ${former.from} đổi tên thành ${former.became}`;
    return { date: former.date, step: former.step, text, event: link(former.eventId, text) };
  });
  return [...moves, ...renames]
    .sort((a, b) => compareMoments(a, b))
    .flatMap(({ text, event }) => (event ? [{ text, event }] : []));
}

/**
 * The units of today an ended unit lives on in, following merges to their end; empty for a unit
 * that was dissolved without successor, the unit itself while it still exists.
 */
export function todaysUnits(province: Province, unitId: string): string[] {
  const heir = lineageOf(province).heir(unitId);
  return heir === undefined ? [] : [heir];
}

/**
 * The day a unit ended, as every page says it: the event's effective date when an event ended it
 * (a `dissolved` date up to 31 days away only records the old unit's last day), else units.csv's.
 */
export const endedOn = (province: Province, unitId: string): string | undefined =>
  province.tree.endedAt(unitId)?.date ?? province.tree.dissolved(unitId);
