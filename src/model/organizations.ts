import type { Tree } from './tree.ts';
import { yearEnd } from './units.ts';

export interface OrganizationCounts {
  /** Grassroots party organizations (tổ chức cơ sở đảng) under the unit. */
  readonly grassroots: number;
  /** Units directly under it (tổ chức đảng trực thuộc). */
  readonly direct: number;
}

/** Counts organizations under a unit in the tree of a year's end; memoized per unit and year. */
export function organizationCounter(tree: Tree): (unitId: string, year: number) => OrganizationCounts {
  const memo = new Map<string, number>();
  const grassroots = (id: string, date: string): number => {
    const key = `${id}\u0000${date}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let count = 0;
    for (const child of tree.childrenAt(id, date)) {
      if (child.level === 'district' || child.level === 'province') count += grassroots(child.id, date);
      // A chi bộ directly under a district is a chi bộ cơ sở, whatever units.csv says of its
      // level today: a pilot committee may since have taken it over as a chi bộ trực thuộc.
      else count += 1;
    }
    memo.set(key, count);
    return count;
  };
  return (unitId, year) => {
    const date = yearEnd(year);
    return { grassroots: grassroots(unitId, date), direct: tree.childrenAt(unitId, date).length };
  };
}
