/**
 * Comparable figures on today's organization (số liệu quy đổi theo tổ chức hiện nay, contract
 * v2 A.5). For an earlier year, a unit's comparable figure is the sum over every unit under it
 * today (itself included) and every unit merged into one of those, through chains of merges,
 * each with its figure of that year. A commune committee formed in 2025 from three communes,
 * with two schools moved under it, gets for 2024 the five units' 2024 sum; a province formed
 * from two, their combined series.
 *
 * The same sum on the organization at the end of a later year (rather than today) says how many
 * members a unit received or handed over with units moved by restructurings (A.6).
 */
import { readingOf, type Reading, type Scope } from './coverage.ts';
import { lineageOf, type LineageLink } from './lineage.ts';
import { levelAt } from './organizations.ts';
import type { Province, Statistics } from './province.ts';
import type { Figures } from './rollup.ts';
import { yearEnd } from './units.ts';
import { sharedWeakMap } from './shared.ts';

type Stats<K extends string> = Statistics<K, Figures<K>>;

/** The organization the figures are counted on: the tree at a date, `undefined` for today's. */
export type Basis = string | undefined;

/** Units whose place changed, and which committees a change touched, per basis. */
interface Index {
  /** Whether `unitId` is `top` or under it on the basis, or was merged into such a unit. */
  readonly within: (top: string, unitId: string | undefined) => boolean;
  /** Units under `top` on the basis (or merged into one) that ever changed place: the only units
   * besides `top` whose parent in an earlier year may lie outside `top`. */
  readonly moved: (top: string) => readonly string[];
}

interface ProvinceIndexes {
  readonly byBasis: Map<string, Index>;
  /** Per unit, the years in which a change moved something into, out of or inside it. */
  readonly touched: Map<string, Set<number>>;
}

const indexes = sharedWeakMap<Province, ProvinceIndexes>('comparable.indexes');

const yearOf = (date: string): number => Number(date.slice(0, 4));

function indexesOf(province: Province): ProvinceIndexes {
  let known = indexes.get(province);
  if (known) return known;
  const { tree } = province;
  const touched = new Map<string, Set<number>>();
  const chain = (unitId: string | undefined, when: { date: string; step: number }): string[] => {
    const ids: string[] = [];
    for (let id = unitId; id !== undefined && ids.length < 64; id = tree.parentAt(id, when)) ids.push(id);
    return ids;
  };
  for (const id of tree.units.keys()) {
    for (const change of tree.changes(id)) {
      const year = yearOf(change.date);
      const from = chain(change.before, { date: change.date, step: change.step - 0.5 });
      const to = chain(change.after ?? lineageOf(province).successors(id)[0]?.unitId, change);
      // A unit moved or merged within a committee leaves that committee's total as it was: only
      // the committees below where the two branches meet gained or lost it (a province's own
      // total is then its reported one, however much was reorganized inside it).
      const inBoth = new Set(from.filter((unit) => to.includes(unit)));
      for (const unit of [...from, ...to]) {
        if (inBoth.has(unit)) continue;
        let years = touched.get(unit);
        if (!years) touched.set(unit, (years = new Set()));
        years.add(year);
      }
    }
  }
  known = { byBasis: new Map(), touched };
  indexes.set(province, known);
  return known;
}

function indexFor(province: Province, basis: Basis): Index {
  const all = indexesOf(province);
  const known = all.byBasis.get(basis ?? 'today');
  if (known) return known;
  const { tree } = province;
  const lineage = lineageOf(province);
  const at = basis;
  const exists = (id: string) => (at === undefined ? tree.endedAt(id) === undefined : tree.existsAt(id, at));
  const parentOf = (id: string) => (at === undefined ? tree.units.get(id)?.parentId : tree.parentAt(id, at));
  // The unit that carries `id` on at the basis: itself, or the unit a chain of merges took it into.
  const anchors = new Map<string, string | undefined>();
  const anchor = (id: string): string | undefined => {
    if (anchors.has(id)) return anchors.get(id);
    let current: string | undefined = id;
    const seen = new Set<string>();
    while (current !== undefined && !exists(current) && !seen.has(current)) {
      seen.add(current);
      const next: LineageLink | undefined = lineage.successors(current)[0];
      current = next && (at === undefined || next.date <= at) ? next.unitId : undefined;
    }
    const found = current !== undefined && exists(current) ? current : undefined;
    anchors.set(id, found);
    return found;
  };
  const moved = new Map<string, string[]>();
  for (const id of tree.units.keys()) {
    if (tree.changes(id).length === 0) continue;
    const seen = new Set<string>();
    for (let up = anchor(id); up !== undefined && !seen.has(up); up = parentOf(up)) {
      seen.add(up);
      if (up === id) continue;
      const list = moved.get(up) ?? [];
      list.push(id);
      moved.set(up, list);
    }
  }
  const index: Index = {
    within: (top, unitId) => {
      let up = unitId === undefined ? undefined : anchor(unitId);
      for (let depth = 0; up !== undefined && depth < 64; depth++, up = parentOf(up)) {
        if (up === top) return true;
      }
      return false;
    },
    moved: (top) => moved.get(top) ?? [],
  };
  all.byBasis.set(basis ?? 'today', index);
  return index;
}

/** True when no restructuring after `year` (up to the basis) touched the unit or what it holds. */
function untouchedSince(province: Province, unitId: string, year: number, basis: Basis): boolean {
  const years = indexesOf(province).touched.get(unitId);
  if (!years) return true;
  const last = basis === undefined ? Infinity : yearOf(basis);
  for (const y of years) if (y > year && y <= last) return false;
  return true;
}

/** Per index, unit and year, the units where the unit's branches enter its sum (comparableReading). */
const branchStarts = sharedWeakMap<Index, Map<string, readonly string[]>>('comparable.branchStarts');

interface Sum {
  value: number | undefined;
  count: number;
  total: number;
}

/**
 * The unit's figure for `year` counted on the organization of `basis`, with the grassroots
 * organizations it covers; `undefined` when none of those units has the figure. Where nothing
 * was restructured since, it is the reported figure itself.
 */
export function comparableReading<K extends string>(
  province: Province,
  stats: Stats<K>,
  unitId: string,
  year: number,
  metric: K,
  basis: Basis = undefined,
): Reading | undefined {
  const { tree } = province;
  const unit = tree.units.get(unitId);
  if (!unit || !stats.additive.has(metric)) return undefined;
  if (basis === undefined ? tree.endedAt(unitId) !== undefined : !tree.existsAt(unitId, basis))
    return undefined;
  if (untouchedSince(province, unitId, year, basis)) return readingOf(province, stats, unit, year, metric);
  const index = indexFor(province, basis);
  const date = yearEnd(year);
  const ownOf = (id: string) => stats.rows.get(id)?.get(year)?.[metric];
  // A unit counts from where its branch of that year's tree enters the set, unless a committee
  // above it that also belongs to the set reported a figure of its own, which already holds it.
  const heldAbove = (id: string) => {
    for (let up = tree.parentAt(id, date); up !== undefined; up = tree.parentAt(up, date)) {
      if (index.within(unitId, up) && ownOf(up) !== undefined) return true;
    }
    return false;
  };
  // The units where the unit's branches enter its sum in a year's tree are the same for every
  // metric: for the province, a walk over everything that moved under it, once per year.
  let starts = branchStarts.get(index);
  if (!starts) branchStarts.set(index, (starts = new Map<string, readonly string[]>()));
  const startsKey = `${unitId}\u0000${year}`;
  let branches = starts.get(startsKey);
  if (!branches) {
    branches = [...new Set([unitId, ...index.moved(unitId)])].filter(
      (id) => tree.existsAt(id, date) && !index.within(unitId, tree.parentAt(id, date)),
    );
    starts.set(startsKey, branches);
  }
  const entries = branches.filter((id) => !heldAbove(id));
  const visit = (id: string, sum: Sum, ids: Set<string> | undefined) => {
    const member = tree.units.get(id);
    if (!member) return;
    const level = levelAt(tree, member, date);
    const own = ownOf(id);
    if (level === 'province' || level === 'district') {
      if (own !== undefined) {
        // A committee's own figure covers every organization under it then; it cannot be split.
        const orgs = province.organizations(id, year).grassroots;
        sum.value = (sum.value ?? 0) + own;
        sum.count += orgs;
        sum.total += orgs;
        if (ids) for (const g of grassrootsIds(province, id, year)) ids.add(g);
        return;
      }
      for (const child of tree.childrenAt(id, date)) {
        if (index.within(unitId, child.id)) visit(child.id, sum, ids);
      }
      return;
    }
    const value = stats.rollup.at(id, year)?.values[metric];
    if (value !== undefined) sum.value = (sum.value ?? 0) + value;
    if (level === 'grassroots') {
      sum.total += 1;
      if (value !== undefined) {
        sum.count += 1;
        ids?.add(id);
      }
    }
  };
  const sum: Sum = { value: undefined, count: 0, total: 0 };
  for (const id of entries) visit(id, sum, undefined);
  if (sum.value === undefined) return undefined;
  let covered: Set<string> | undefined;
  const scope: Scope = {
    count: sum.count,
    total: sum.total,
    ids: () => {
      if (!covered) {
        covered = new Set();
        const again: Sum = { value: undefined, count: 0, total: 0 };
        for (const id of entries) visit(id, again, covered);
      }
      return covered;
    },
  };
  return { value: sum.value, scope };
}

function grassrootsIds(province: Province, unitId: string, year: number): string[] {
  const ids: string[] = [];
  const date = yearEnd(year);
  const walk = (id: string) => {
    for (const child of province.tree.childrenAt(id, date)) {
      const level = levelAt(province.tree, child, date);
      if (level === 'grassroots') ids.push(child.id);
      else if (level === 'province' || level === 'district') walk(child.id);
    }
  };
  walk(unitId);
  return ids;
}

/** True when the comparable figure says something the reported one does not. */
export const differs = (reported: number | undefined, comparable: Reading | undefined): boolean =>
  comparable !== undefined && comparable.value !== reported;

/**
 * Members a unit received (positive) or handed over (negative) with units that restructurings
 * moved, merged into it or took away during `year` (contract v2 A.6): its members at the end of
 * the year before counted on its organization at the end of `year`, less those it reported
 * then. These are not admissions or transfers. `undefined` when the unit existed the year
 * before without a figure for it.
 */
export function membersMoved(province: Province, unitId: string, year: number): number | undefined {
  const end = yearEnd(year);
  if (!province.tree.existsAt(unitId, end)) return undefined;
  if (untouchedSince(province, unitId, year - 1, end)) return 0;
  const existed = province.tree.existsAt(unitId, yearEnd(year - 1));
  const before = existed ? province.members.rollup.at(unitId, year - 1)?.values.members : 0;
  if (before === undefined) return undefined;
  const start = comparableReading(province, province.members, unitId, year - 1, 'members', end);
  return (start?.value ?? 0) - before;
}
