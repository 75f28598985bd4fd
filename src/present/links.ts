/** Where the site's pages live, and how one page points to another; every view links through here. */
import { levelUnder } from '../model/organizations.ts';
import { justBefore } from '../model/tree.ts';
import type { Province } from '../model/province.ts';
import { PAGE_LEVELS, slug, type Unit } from '../model/units.ts';
import { perProvince } from './memo.ts';

export interface Link {
  readonly label: string;
  /** Site-relative path without the base, e.g. `don-vi/ht/`; pages add `BASE_URL`. */
  readonly path: string | undefined;
}

/**
 * Units with a page of their own: every unit that was a province, cấp trên cơ sở or grassroots
 * unit at some date, so a grassroots organization a pilot committee later took over as a cell
 * keeps the page its figures were published on. A unit's level before each change is its recorded
 * `previous_level`, else the level its parent then gave it (organizations.levelUnder).
 */
export const unitsWithPage = perProvince('unitsWithPage', (province): ReadonlySet<string> => {
  const { tree } = province;
  const ids = new Set<string>();
  for (const unit of tree.units.values()) {
    const paged =
      PAGE_LEVELS.has(unit.level) ||
      tree.levelChanges(unit.id).some((change) => PAGE_LEVELS.has(change.before)) ||
      tree.changes(unit.id).some((change) => {
        const parent = change.before === undefined ? undefined : tree.units.get(change.before);
        const then = justBefore({ date: change.date, step: change.step });
        return parent !== undefined && PAGE_LEVELS.has(levelUnder(tree, unit, parent, then));
      });
    if (paged) ids.add(unit.id);
  }
  return ids;
});

export const hasPage = (province: Province, unit: Unit): boolean => unitsWithPage(province).has(unit.id);

/** A unit's page; subcommittees and cells that never had a page are shown on their grassroots page. */
export const unitPath = (province: Province, unit: Unit): string | undefined =>
  hasPage(province, unit) ? `don-vi/${slug(unit.id)}/` : undefined;

export const eventPath = (eventId: string): string => `sap-xep/${slug(eventId)}/`;
