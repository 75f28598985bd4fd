/**
 * The names a unit's page speaks in (issue 17). An ended unit's page names itself and the units
 * around it as they were called just before it ended, as its event page and its list of changes
 * do: a ward merged on 01/07/2025 sat under "Đảng bộ thị xã Hương Thủy", a commune merged in 2019
 * under "Đảng bộ tỉnh Thừa Thiên Huế". Today's units speak in today's names.
 */
import type { Province } from '../model/province.ts';
import { justBefore, type Moment } from '../model/tree.ts';
import { namesAt, thenAndNow, type Names } from './event-words.ts';
import { eventsById } from './unit-changes.ts';

/** Just before the unit ended; `undefined` for a unit that exists today. */
export function pageMoment(province: Province, unitId: string): Moment | undefined {
  const end = province.tree.endedAt(unitId);
  return end && justBefore(end);
}

export const pageNames = (province: Province, unitId: string): Names =>
  namesAt(province, pageMoment(province, unitId));

/** The units above it on its page, root first: where it stood just before it ended, or today. */
export function pageAncestors(province: Province, unitId: string): string[] {
  const { tree } = province;
  const at = pageMoment(province, unitId);
  const parentOf = (id: string) => (at === undefined ? tree.units.get(id)?.parentId : tree.parentAt(id, at));
  const ancestors: string[] = [];
  // Validation refuses cycles; a page of data that slipped through must still render.
  const seen = new Set([unitId]);
  for (let p = parentOf(unitId); p !== undefined && !seen.has(p); p = parentOf(p)) {
    seen.add(p);
    ancestors.unshift(p);
  }
  return ancestors;
}

/** How an ended unit ended: the verb for its heading, and the unit a merger ended it in. */
export interface Ending {
  readonly verb: 'hợp nhất' | 'kết thúc hoạt động' | 'giải thể';
  /** The merger's result as it was called once the merger applied, today's name where it differs. */
  readonly into: string | undefined;
}

/** `kết thúc hoạt động` for a committee whose event says so (the district committees of 2025). */
export function endingOf(province: Province, unitId: string): Ending {
  const end = province.tree.changes(unitId).find((change) => change.role === 'ends');
  const event = end && eventsById(province).get(end.eventId);
  if (event?.kind === 'merge' && event.result_unit_id !== undefined) {
    return { verb: 'hợp nhất', into: thenAndNow(province, event.result_unit_id, namesAt(province, end)) };
  }
  return { verb: event?.status === 'ended' ? 'kết thúc hoạt động' : 'giải thể', into: undefined };
}

/** `đã hợp nhất vào Đảng bộ xã Tây Sơn`, `đã kết thúc hoạt động`, `đã giải thể`. */
export function endWords(province: Province, unitId: string): string {
  const { verb, into } = endingOf(province, unitId);
  return `đã ${verb}${into === undefined ? '' : ` vào ${into}`}`;
}
