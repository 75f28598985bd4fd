/** How restructuring events and the units they involve are named on every page that shows them. */
import { labelOf } from '../model/labels.ts';
import type { Province } from '../model/province.ts';
import { EVENT_KINDS, EVENT_STATUSES, type EventKind, type EventStatus } from '../read/schemas.ts';
import { unitPath, type Link } from './links.ts';
import { capitalize } from './wording.ts';

/** `Thí điểm đảng bộ cơ quan`, `Hợp nhất`…: the contract's Vietnamese labels. */
export const kindLabel = (kind: EventKind): string => capitalize(labelOf(EVENT_KINDS, kind));

export const statusLabel = (status: EventStatus | undefined): string | undefined =>
  status === undefined ? undefined : capitalize(labelOf(EVENT_STATUSES, status));

/** Value the filter uses for events whose status was left empty. */
export const NO_STATUS = 'khong-ghi';

export type Names = (id: string | undefined) => string;

export const namesOf =
  (province: Province): Names =>
  (id) =>
    id === undefined ? '' : (province.tree.units.get(id)?.name ?? id);

export function unitLink(province: Province, id: string | undefined): Link {
  const unit = id === undefined ? undefined : province.tree.units.get(id);
  return { label: unit?.name ?? id ?? '', path: unit && unitPath(province, unit) };
}
