/** The timeline of restructuring events (`/sap-xep/`), newest first, with its filters. */
import { orderedEvents } from '../model/events.ts';
import type { Province, RestructuringEvent } from '../model/province.ts';
import { EVENT_KINDS, EVENT_STATUSES, type EventKind } from '../read/schemas.ts';
import { figuresOf } from './event-page.ts';
import { NO_STATUS, kindLabel, namesOf, statusLabel, unitLink } from './event-words.ts';
import { formatDate, formatNumber } from './format.ts';
import { eventPath, type Link } from './links.ts';
import { perProvince } from './memo.ts';
import { capitalize } from './wording.ts';

export interface EventListItem {
  readonly id: string;
  readonly path: string;
  readonly title: string;
  readonly date: string;
  /** `2011-08-17`, for `<time datetime>`. */
  readonly isoDate: string;
  readonly kind: EventKind;
  readonly kindLabel: string;
  /** The status value, or NO_STATUS; for the filter's data attribute. */
  readonly status: string;
  readonly statusLabel: string;
  readonly parent: Link;
  /** `Tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt: 46 → 36`, when known. */
  readonly summary: string | undefined;
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface EventListView {
  readonly total: number;
  /** Newest year first; within a year, newest event first. */
  readonly years: readonly { readonly year: number; readonly items: readonly EventListItem[] }[];
  readonly kinds: readonly FilterOption[];
  readonly statuses: readonly FilterOption[];
}

export function listItem(province: Province, event: RestructuringEvent): EventListItem {
  const figures = figuresOf(province, event.id);
  const parentCount = figures.counts.find((c) => c.unitId === event.parent_id);
  const names = namesOf(province);
  return {
    id: event.id,
    path: eventPath(event.id),
    title: event.title,
    date: formatDate(event.date),
    isoDate: event.date,
    kind: event.kind,
    kindLabel: kindLabel(event.kind),
    status: event.status ?? NO_STATUS,
    statusLabel: statusLabel(event.status) ?? 'Chưa ghi trạng thái',
    parent: unitLink(province, event.parent_id ?? event.result_unit_id),
    summary:
      parentCount?.before === undefined || parentCount.after === undefined
        ? undefined
        : `Tổ chức đảng trực thuộc ${names(event.parent_id)}: ${formatNumber(parentCount.before)} → ${formatNumber(parentCount.after)}`,
  };
}

export const eventList = perProvince((province): EventListView => {
  const events = orderedEvents(province).reverse();
  // Stable: events of one date keep the reverse of the order they took effect in.
  events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const years: { year: number; items: EventListItem[] }[] = [];
  for (const event of events) {
    const year = Number(event.date.slice(0, 4));
    let group = years.at(-1);
    if (group?.year !== year) years.push((group = { year, items: [] }));
    group.items.push(listItem(province, event));
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
  return {
    total: events.length,
    years,
    kinds: options(EVENT_KINDS, (e) => e.kind),
    statuses:
      unset > 0 ? [...statuses, { value: NO_STATUS, label: 'Chưa ghi trạng thái', count: unset }] : statuses,
  };
});
