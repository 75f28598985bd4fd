/** How restructuring events and the units they involve are named on every page that shows them. */
import { labelOf } from '../model/labels.ts';
import { isAboveAt } from '../model/organizations.ts';
import type { Province, RestructuringEvent } from '../model/province.ts';
import { justBefore, roleOf, type When } from '../model/tree.ts';
import { EVENT_KINDS, EVENT_STATUSES, type EventKind, type EventStatus } from '../read/schemas.ts';
import { formatDate } from './format.ts';
import { unitPath, type Link } from './links.ts';
import { capitalize } from './wording.ts';

export const statusLabel = (status: EventStatus | undefined): string | undefined =>
  status === undefined ? undefined : capitalize(labelOf(EVENT_STATUSES, status));

/**
 * True for a dissolution that ended committees rather than dissolving them: its status says
 * `ended`, or every unit it ends was a committee above the grassroots then (the district
 * committees of 2025): those "kết thúc hoạt động", only grassroots organizations "giải thể".
 */
export function endsActivity(province: Province, event: RestructuringEvent): boolean {
  if (event.kind !== 'dissolve') return false;
  if (event.status === 'ended') return true;
  const { tree } = province;
  const moment = tree.moment(event.id);
  const ended = event.units.filter((u) => roleOf(event, u.unit_id) === 'ends');
  return (
    moment !== undefined &&
    ended.length > 0 &&
    ended.every((u) => {
      const unit = tree.units.get(u.unit_id);
      return unit !== undefined && isAboveAt(tree, unit, justBefore(moment));
    })
  );
}

/** The kinds a reader sees: the contract's, with "kết thúc hoạt động" told apart from "giải thể". */
export type ShownKind = EventKind | 'end_activity';

type KindOption = { readonly value: ShownKind; readonly label: string };

export const SHOWN_KINDS: readonly KindOption[] = EVENT_KINDS.flatMap((k): KindOption[] =>
  k.value === 'dissolve' ? [{ value: 'end_activity', label: 'kết thúc hoạt động' }, k] : [k],
);

export const shownKind = (province: Province, event: RestructuringEvent): ShownKind =>
  endsActivity(province, event) ? 'end_activity' : event.kind;

/** `Thí điểm đảng bộ cơ quan`, `Hợp nhất`, `Kết thúc hoạt động`…: the labels of the kinds shown. */
export const shownKindLabel = (kind: ShownKind): string =>
  capitalize(SHOWN_KINDS.find((k) => k.value === kind)?.label ?? kind);

/**
 * The status beside the kind, unless the kind already says it: "Kết thúc hoạt động · Kết thúc"
 * would say it twice.
 */
export const shownStatusLabel = (province: Province, event: RestructuringEvent): string | undefined =>
  event.status === 'ended' && endsActivity(province, event) ? undefined : statusLabel(event.status);

/** `01/07/2025`, the day an event applied, when that is not its decision's date. */
export const formatEffective = (event: {
  readonly date: string;
  readonly effective_date?: string | undefined;
}): string | undefined =>
  event.effective_date === undefined || event.effective_date === event.date
    ? undefined
    : formatDate(event.effective_date);

/**
 * `24/06/2025 (hiệu lực từ 01/07/2025)`: the decision's date, and the day it applied when that
 * differs, so a list of events agrees with the pages that say when a unit ended.
 * `inParentheses: false` gives `24/06/2025, hiệu lực từ 01/07/2025`, for use inside a parenthesis.
 */
export function eventDateText(
  event: { readonly date: string; readonly effective_date?: string | undefined },
  inParentheses = true,
): string {
  const effective = formatEffective(event);
  if (effective === undefined) return formatDate(event.date);
  const from = `hiệu lực từ ${effective}`;
  return inParentheses ? `${formatDate(event.date)} (${from})` : `${formatDate(event.date)}, ${from}`;
}

/** Value the filter uses for events whose status was left empty. */
export const NO_STATUS = 'khong-ghi';

export type Names = (id: string | undefined) => string;

export const namesOf =
  (province: Province): Names =>
  (id) =>
    id === undefined ? '' : (province.tree.units.get(id)?.name ?? id);

/** Names as they were at `when` (contract v2 A.3): a page about 2015 says what units were called in 2015. */
export const namesAt =
  (province: Province, when: When | undefined): Names =>
  (id) =>
    id === undefined
      ? ''
      : ((when === undefined ? undefined : province.tree.nameAt(id, when)) ??
        province.tree.units.get(id)?.name ??
        id);

/**
 * Names as an event speaks of them: the units it ends or renames by the name they had just before
 * it (a renamed unit is "X đổi tên thành Y", not "Y đổi tên thành Y"), every other unit by its
 * name once the event applied (a parent renamed earlier that day by its new name).
 */
export function eventNames(province: Province, event: RestructuringEvent): Names {
  const moment = province.tree.moment(event.id);
  const after = namesAt(province, moment);
  if (moment === undefined) return after;
  const before = namesAt(province, justBefore(moment));
  const earlier = new Set(
    event.units
      .filter((u) => u.previous_name !== undefined || roleOf(event, u.unit_id) === 'ends')
      .map((u) => u.unit_id),
  );
  return (id) => (id !== undefined && earlier.has(id) ? before(id) : after(id));
}

/**
 * `cũ` and `mới` for a merge whose new unit took the name of one it merged (the wards of Phú Bài,
 * 2025): without them "hợp nhất Đảng bộ phường Phú Bài, … thành Đảng bộ phường Phú Bài" reads
 * as a ward merged into itself. `names` as eventNames gives them.
 */
export function namesakeMarks(
  event: RestructuringEvent,
  names: Names,
): (id: string | undefined) => string | undefined {
  const result = event.kind === 'merge' ? event.result_unit_id : undefined;
  const old = new Set(
    event.units
      .filter(
        (u) =>
          u.unit_id !== result && roleOf(event, u.unit_id) === 'ends' && names(u.unit_id) === names(result),
      )
      .map((u) => u.unit_id),
  );
  return (id) =>
    old.size === 0 || id === undefined ? undefined : id === result ? 'mới' : old.has(id) ? 'cũ' : undefined;
}

/** `Đảng bộ phường Phú Bài (mới)`; a name that has a parenthesis already gets the mark inside it. */
export const withMark = (name: string, mark: string | undefined): string =>
  mark === undefined
    ? name
    : name.endsWith(')') && name.includes(' (')
      ? name.replace(' (', ` (${mark}, `)
      : `${name} (${mark})`;

/**
 * What a unit called `then` was called last, when that differs: today's name for a unit that
 * still exists, else the name it ended under (the old "Đảng bộ thành phố Huế" of 2020 ended as
 * "Đảng bộ quận Thuận Hóa", while the province is "Đảng bộ thành phố Huế" today).
 */
export function laterName(
  province: Province,
  id: string | undefined,
  then: string,
): { readonly name: string; readonly today: boolean } | undefined {
  const unit = id === undefined ? undefined : province.tree.units.get(id);
  if (!unit || unit.name === then) return undefined;
  return { name: unit.name, today: province.tree.endedAt(unit.id) === undefined };
}

/**
 * `Đảng bộ tỉnh Thừa Thiên Huế (nay là Đảng bộ thành phố Huế)`, `Đảng bộ thành phố Huế (sau là
 * Đảng bộ quận Thuận Hóa)`, or the name alone when it never changed.
 */
export function thenAndNow(province: Province, id: string | undefined, names: Names): string {
  const then = names(id);
  const later = laterName(province, id, then);
  return later === undefined ? then : `${then} (${later.today ? 'nay là' : 'sau là'} ${later.name})`;
}

/** A link to a unit's page labelled as `names` called it then, with today's name where it differs. */
export function unitLinkThen(province: Province, id: string | undefined, names: Names): Link {
  return { ...unitLink(province, id), label: thenAndNow(province, id, names) };
}

export function unitLink(province: Province, id: string | undefined): Link {
  const unit = id === undefined ? undefined : province.tree.units.get(id);
  return { label: unit?.name ?? id ?? '', path: unit && unitPath(province, unit) };
}
