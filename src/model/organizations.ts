/**
 * What the organizations under a unit are at a date: the grassroots party organizations (tổ chức
 * cơ sở đảng) that counts, ratings and coverage speak of, and the cells (chi bộ trực thuộc) a
 * unit lists one by one in units.csv. Every page, narrative and check asks these functions, so a
 * count of organizations and the ratings of those organizations always agree.
 */
import type { Level } from '../read/schema.ts';
import type { Tree, When } from './tree.ts';
import { yearEnd, type Unit } from './units.ts';
import { sharedWeakMap } from './shared.ts';

const ABOVE: ReadonlySet<Level> = new Set(['province', 'district']);

/** A committee above grassroots level (tỉnh ủy, cấp trên cơ sở): its organizations are below it. */
export const isAbove = (unit: Unit): boolean => ABOVE.has(unit.level);

/** The same at `when`, by the recorded level then: a commune that became a commune committee
 * (cấp trên cơ sở) in 2025 was a grassroots organization in 2024. */
export const isAboveAt = (tree: Tree, unit: Unit, when: When): boolean =>
  ABOVE.has(tree.levelAt(unit.id, when) ?? unit.level);

/**
 * The level `unit` had while it sat directly under `parent`. units.csv gives the level today;
 * a pilot committee (thí điểm đảng bộ cơ quan) takes grassroots organizations of a district
 * over as its cells, so a unit listed as a cell under a grassroots organization today was itself
 * a grassroots organization (chi bộ cơ sở) while it sat directly under a committee. A cell that
 * is still directly under a committee today is that committee's own cell (contract v2: cells may
 * sit directly under a cấp-trên-cơ-sở unit) and was one before as well.
 *
 * A unit with `previous_level` rows (contract v2 A.2) has its levels written down: they answer at
 * `when`, and the inference above is only for units without them. Without `when` the levels are
 * today's (callers that do not yet pass a date).
 */
export function levelUnder(tree: Tree, unit: Unit, parent: Unit, when?: When): Level {
  if (when !== undefined && tree.levelChanges(unit.id).length > 0) {
    return tree.levelAt(unit.id, when) ?? unit.level;
  }
  if (unit.level !== 'cell' && unit.level !== 'subcommittee') return unit.level;
  if (!(when === undefined ? isAbove(parent) : isAboveAt(tree, parent, when))) return unit.level;
  const parentToday = unit.parentId === undefined ? undefined : tree.units.get(unit.parentId);
  return parentToday && !isAbove(parentToday) ? 'grassroots' : unit.level;
}

/** The level of `unit` at `when`: its recorded level history, else as its parent then places
 * it (see levelUnder). */
export function levelAt(tree: Tree, unit: Unit, when: When): Level {
  const parentId = tree.parentAt(unit.id, when);
  const parent = parentId === undefined ? undefined : tree.units.get(parentId);
  return parent ? levelUnder(tree, unit, parent, when) : (tree.levelAt(unit.id, when) ?? unit.level);
}

const under = sharedWeakMap<Tree, Map<string, readonly Unit[]>>('organizations.under');

/**
 * Grassroots organizations under a unit in the tree of `date`: those below every committee under
 * it, or the unit itself when it was a grassroots organization then. Kept per committee and date,
 * since a province page asks for them for every year and there may be 52,000 of them.
 */
export function grassrootsUnder(tree: Tree, unitId: string, date: string): readonly Unit[] {
  const unit = tree.units.get(unitId);
  if (!unit) return [];
  if (!isAboveAt(tree, unit, date)) return levelAt(tree, unit, date) === 'grassroots' ? [unit] : [];
  let memo = under.get(tree);
  if (!memo) under.set(tree, (memo = new Map<string, readonly Unit[]>()));
  const key = `${unitId}\u0000${date}`;
  const known = memo.get(key);
  if (known) return known;
  const found: Unit[] = [];
  for (const child of tree.childrenAt(unitId, date)) {
    // A loop, not push(...below): a spread of tens of thousands of arguments overflows the stack.
    if (isAboveAt(tree, child, date)) {
      for (const below of grassrootsUnder(tree, child.id, date)) found.push(below);
    } else if (levelUnder(tree, child, unit, date) === 'grassroots') found.push(child);
  }
  memo.set(key, found);
  return found;
}

/**
 * How many cells a unit lists one by one in units.csv at `date`: its cells and those of its
 * subcommittees (đảng bộ bộ phận). A former grassroots organization that a pilot committee took
 * over later is not a cell of the district it sat under then (see levelUnder).
 */
export function listedCells(tree: Tree, unitId: string, date: string): number {
  const unit = tree.units.get(unitId);
  if (!unit) return 0;
  let count = 0;
  for (const child of tree.childrenAt(unitId, date)) {
    const level = levelUnder(tree, child, unit, date);
    if (level === 'cell') count += 1;
    else if (level === 'subcommittee') count += listedCells(tree, child.id, date);
  }
  return count;
}

export interface OrganizationCounts {
  /** Grassroots party organizations (tổ chức cơ sở đảng) under the unit. */
  readonly grassroots: number;
  /** Units directly under it (tổ chức đảng trực thuộc). */
  readonly direct: number;
}

/** Counts organizations under a unit in the tree of a year's end. */
export const organizationCounter =
  (tree: Tree) =>
  (unitId: string, year: number): OrganizationCounts => {
    const date = yearEnd(year);
    return {
      grassroots: grassrootsUnder(tree, unitId, date).length,
      direct: tree.childrenAt(unitId, date).length,
    };
  };
