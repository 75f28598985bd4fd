/**
 * The names a unit's page speaks in (issue 17). An ended unit's page names itself and the units
 * around it as they were called just before it ended, as its event page and its list of changes
 * do: a ward merged on 01/07/2025 sat under "Đảng bộ thị xã Hương Thủy", a commune merged in 2019
 * under "Đảng bộ tỉnh Thừa Thiên Huế". Today's units speak in today's names.
 */
import { isAboveAt } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { justBefore, type Moment } from '../model/tree.ts';
import { endsActivity, namesAt, thenAndNow, withMark, type Names } from './event-words.ts';
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

/** `kết thúc hoạt động` for a committee (the district committees of 2025), see endsActivity. */
export function endingOf(province: Province, unitId: string): Ending {
  const end = province.tree.changes(unitId).find((change) => change.role === 'ends');
  const event = end && eventsById(province).get(end.eventId);
  if (event?.kind === 'merge' && event.result_unit_id !== undefined) {
    const into = thenAndNow(province, event.result_unit_id, namesAt(province, end));
    return {
      verb: 'hợp nhất',
      into: namesakeOf(province, unitId, event.result_unit_id) ? newOne(into) : into,
    };
  }
  return {
    verb: (event ? endsActivity(province, event) : wasCommittee(province, unitId))
      ? 'kết thúc hoạt động'
      : 'giải thể',
    into: undefined,
  };
}

/**
 * True for a unit ended without an event (a `dissolved` date in units.csv) that was a committee
 * above the grassroots just before: it "kết thúc hoạt động", as endsActivity says of an event.
 */
function wasCommittee(province: Province, unitId: string): boolean {
  const { tree } = province;
  const unit = tree.units.get(unitId);
  const end = tree.endedAt(unitId);
  return unit !== undefined && end !== undefined && isAboveAt(tree, unit, justBefore(end));
}

/**
 * True when `otherId` was called, on the day one of them ended or began, what `unitId` was
 * called: an old ward merged into the new ward of the same name. Pages then mark which is which.
 */
export function namesakeOf(province: Province, unitId: string, otherId: string): boolean {
  if (unitId === otherId) return false;
  const { tree } = province;
  const ownEnd = tree.endedAt(unitId);
  const otherEnd = tree.endedAt(otherId);
  // Each named as it was just before it ended, or today.
  const name = (id: string, end: typeof ownEnd) => namesAt(province, end && justBefore(end))(id);
  return name(unitId, ownEnd) === name(otherId, otherEnd);
}

/** `Đảng bộ phường Phú Bài (mới)`, `Đảng bộ phường Phú Bài (mới, nay là …)`. */
export const newOne = (name: string): string => withMark(name, 'mới');

/** `Đảng bộ phường Phú Bài (cũ)`. */
export const oldOne = (name: string): string => withMark(name, 'cũ');

/** `đã hợp nhất vào Đảng bộ xã Tây Sơn`, `đã kết thúc hoạt động`, `đã giải thể`. */
export function endWords(province: Province, unitId: string): string {
  const { verb, into } = endingOf(province, unitId);
  return `đã ${verb}${into === undefined ? '' : ` vào ${into}`}`;
}
