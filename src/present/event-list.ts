/** The timeline of restructuring events (`/sap-xep/`), newest first, with its filters. */
import { orderedEvents } from '../model/events.ts';
import type { Province, RestructuringEvent } from '../model/province.ts';
import { EVENT_STATUSES } from '../read/schemas.ts';
import { committeeLink, figuresOf } from './event-page.ts';
import {
  NO_STATUS,
  SHOWN_KINDS,
  eventNames,
  formatEffective,
  namesOf,
  shownKind,
  shownKindLabel,
  shownStatusLabel,
  type ShownKind,
} from './event-words.ts';
import { formatDate, formatNumber } from './format.ts';
import { eventPath, type Link } from './links.ts';
import { perProvince } from './memo.ts';
import { capitalize } from './wording.ts';
import { isAbove } from '../model/organizations.ts';
import { collator } from '../model/units.ts';
import { reorganizationSummary, type ReorganizationSummary } from './reorganization-summary.ts';
import { todaysUnits } from './unit-changes.ts';

export interface EventListItem {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly date: string;
  /** `2011-08-17`, for `<time datetime>`. */
  readonly isoDate: string;
  /** `01/07/2025` when the event applied on another day than its decision's. */
  readonly effective: string | undefined;
  readonly kind: ShownKind;
  readonly kindLabel: string;
  /** The status value, or NO_STATUS; for the filter's data attribute. */
  readonly status: string;
  /** Absent where the kind already says it (`Kết thúc hoạt động`, status `ended`). */
  readonly statusLabel: string | undefined;
  readonly parent: Link;
  /** `Tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt: 46 → 36`, when known. */
  readonly summary: string | undefined;
  /** Ids of today's committees the event concerns, space-separated, for the unit filter. */
  readonly todayUnits: string;
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

/** The events of one day under one decision: a 2025 plan ends hundreds of units at once. */
export interface DecisionGroup {
  /** `Quyết định 125-QĐ/QU (3 sự kiện)`, or `Không ghi số quyết định (2 sự kiện)`. */
  readonly heading: string;
  readonly count: number;
  /** Shown open unless it is long: the list stays readable without JavaScript. */
  readonly open: boolean;
  readonly items: readonly EventListItem[];
}

export interface DayGroup {
  readonly isoDate: string;
  /** `Ngày 01/07/2025: 312 sự kiện`. */
  readonly heading: string;
  readonly count: number;
  readonly decisions: readonly DecisionGroup[];
  /** Before and after, for a day of many events (a large reorganization). */
  readonly summary: ReorganizationSummary | undefined;
}

export interface EventListView {
  readonly total: number;
  /** Newest year first; within a year, newest day first, then decisions in order of first event. */
  readonly years: readonly { readonly year: number; readonly days: readonly DayGroup[] }[];
  readonly kinds: readonly FilterOption[];
  readonly statuses: readonly FilterOption[];
  /** Today's committees the events concern, by name: the filter "theo đơn vị hiện nay". */
  readonly units: readonly FilterOption[];
}

/** A decision group longer than this starts closed (a `<details>` the reader opens). */
export const OPEN_GROUP_LIMIT = 20;

export function listItem(province: Province, event: RestructuringEvent): EventListItem {
  const figures = figuresOf(province, event.id);
  const parentCount = figures.counts.find((c) => c.unitId === event.parent_id);
  const names = eventNames(province, event);
  const kind = shownKind(province, event);
  return {
    id: event.id,
    path: eventPath(event.id),
    title: event.title,
    date: formatDate(event.date),
    isoDate: event.date,
    effective: formatEffective(event),
    kind,
    kindLabel: shownKindLabel(kind),
    status: event.status ?? NO_STATUS,
    statusLabel: event.status === undefined ? 'Chưa ghi trạng thái' : shownStatusLabel(province, event),
    parent: committeeLink(province, event),
    summary:
      parentCount?.before === undefined || parentCount.after === undefined
        ? undefined
        : `Tổ chức đảng trực thuộc ${names(event.parent_id)}: ${formatNumber(parentCount.before)} → ${formatNumber(parentCount.after)}`,
    todayUnits: [...todaysCommittees(province, event)].join(' '),
  };
}

/**
 * The committees of today an event concerns: those its units, their earlier parents, its result
 * and its parent live on in
 * (following merges), and every committee above them today, so choosing a commune committee
 * of today shows the events that formed it, and choosing the province shows everything.
 */
function todaysCommittees(province: Province, event: RestructuringEvent): Set<string> {
  const { tree } = province;
  const found = new Set<string>();
  const involved = [
    event.parent_id,
    event.result_unit_id,
    ...event.units.flatMap((u) => [u.unit_id, u.previous_parent_id]),
  ];
  for (const id of involved) {
    if (id === undefined) continue;
    for (const today of todaysUnits(province, id)) {
      for (let at: string | undefined = today; at !== undefined; at = tree.units.get(at)?.parentId) {
        const unit = tree.units.get(at);
        if (unit && isAbove(unit)) found.add(at);
      }
    }
  }
  return found;
}

export const eventList = perProvince('eventList', (province): EventListView => {
  const events = orderedEvents(province).reverse();
  // Stable: events of one date keep the reverse of the order they took effect in.
  events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const items = events.map((event) => listItem(province, event));
  const years: { year: number; days: DayGroup[] }[] = [];
  let start = 0;
  while (start < events.length) {
    const date = events[start]?.date ?? '';
    let end = start;
    while (end < events.length && events[end]?.date === date) end += 1;
    const year = Number(date.slice(0, 4));
    let group = years.at(-1);
    if (group?.year !== year) years.push((group = { year, days: [] }));
    group.days.push(dayGroup(province, events.slice(start, end), items.slice(start, end)));
    start = end;
  }
  const options = <V extends string>(
    values: readonly { value: V; label: string }[],
    of: (e: RestructuringEvent) => string,
  ): FilterOption[] =>
    values
      .map((v) => ({
        value: v.value,
        label: capitalize(v.label),
        count: events.filter((e) => of(e) === v.value).length,
      }))
      .filter((o) => o.count > 0);
  const statuses = options(EVENT_STATUSES, (e) => e.status ?? NO_STATUS);
  const unset = events.filter((e) => e.status === undefined).length;
  const perUnit = new Map<string, number>();
  for (const item of items) {
    for (const id of item.todayUnits.split(' ').filter(Boolean)) perUnit.set(id, (perUnit.get(id) ?? 0) + 1);
  }
  const names = namesOf(province);
  return {
    total: events.length,
    years,
    kinds: options(SHOWN_KINDS, (e) => shownKind(province, e)),
    statuses:
      unset > 0 ? [...statuses, { value: NO_STATUS, label: 'Chưa ghi trạng thái', count: unset }] : statuses,
    units: [...perUnit]
      .map(([value, count]) => ({ value, label: names(value), count }))
      .sort((a, b) => collator.compare(a.label, b.label) || (a.value < b.value ? -1 : 1)),
  };
});

function dayGroup(
  province: Province,
  events: readonly RestructuringEvent[],
  items: readonly EventListItem[],
): DayGroup {
  const isoDate = events[0]?.date ?? '';
  const byDecision = new Map<string, EventListItem[]>();
  events.forEach((event, i) => {
    const key = event.decision ?? '';
    const list = byDecision.get(key) ?? [];
    const item = items[i];
    if (item) list.push(item);
    byDecision.set(key, list);
  });
  return {
    isoDate,
    heading: `Ngày ${formatDate(isoDate)}: ${formatNumber(events.length)} sự kiện`,
    count: events.length,
    decisions: [...byDecision].map(([decision, list]) => ({
      heading:
        `${decision === '' ? 'Không ghi số quyết định' : `Quyết định ${decision}`}` +
        ` (${formatNumber(list.length)} sự kiện)`,
      count: list.length,
      open: list.length <= OPEN_GROUP_LIMIT,
      items: list,
    })),
    summary: reorganizationSummary(province, events),
  };
}
