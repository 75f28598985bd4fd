/** Where the site's pages live, and how one page points to another; every view links through here. */
import { PAGE_LEVELS, slug, type Unit } from '../model/units.ts';

export interface Link {
  readonly label: string;
  /** Site-relative path without the base, e.g. `don-vi/ht/`; pages add `BASE_URL`. */
  readonly path: string | undefined;
}

/** A unit's page; subcommittees and cells have none (they are shown on their grassroots page). */
export const unitPath = (unit: Unit): string | undefined =>
  PAGE_LEVELS.has(unit.level) ? `don-vi/${slug(unit.id)}/` : undefined;

export const eventPath = (eventId: string): string => `sap-xep/${slug(eventId)}/`;
