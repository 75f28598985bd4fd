import { isAboveAt, levelUnder } from './organizations.ts';
import type { Province, Statistics } from './province.ts';
import type { Figures } from './rollup.ts';
import { yearEnd, type Unit } from './units.ts';
import { sharedWeakMap } from './shared.ts';

/**
 * The grassroots organizations whose figures a total includes, out of how many there are.
 * A district that did not report its own figure shows the sum of those that did; two such
 * sums (this year and last, admissions and target) compare only when they cover the same ones.
 */
export interface Scope {
  /** How many grassroots organizations the total includes, out of how many there are. */
  readonly count: number;
  readonly total: number;
  /** Which ones: asked only to compare two partial totals of the same size. */
  readonly ids: () => ReadonlySet<string>;
}

export interface Reading {
  readonly value: number;
  readonly scope: Scope;
}

type Stats<K extends string> = Statistics<K, Figures<K>>;

export const complete = (s: Scope): boolean => s.count === s.total;

export function sameScope(a: Scope, b: Scope): boolean {
  if (complete(a) && complete(b)) return true;
  if (a.count !== b.count) return false;
  const ids = b.ids();
  for (const id of a.ids()) if (!ids.has(id)) return false;
  return true;
}

/** The scope of a grassroots organization's own figure: itself. */
export const unitScope = (unitId: string): Scope => ({ count: 1, total: 1, ids: () => new Set([unitId]) });

const reportedOwn = <K extends string>(stats: Stats<K>, unitId: string, year: number, metric: K) =>
  stats.rows.get(unitId)?.get(year)?.[metric] !== undefined;

/**
 * Per statistics file, unit above grassroots and year: for every metric, how many grassroots
 * organizations its total includes. Counted once bottom-up like the rollup, since a province
 * page asks hundreds of totals and walking 52,000 organizations for each took seconds.
 */
const counts = sharedWeakMap<object, Map<string, Map<number, Readonly<Record<string, number>>>>>(
  'coverage.counts',
);

function coveredCounts<K extends string>(
  province: Province,
  stats: Stats<K>,
  unitId: string,
  year: number,
): Readonly<Record<K, number>> {
  let byUnit = counts.get(stats);
  if (!byUnit) counts.set(stats, (byUnit = new Map<string, Map<number, Readonly<Record<string, number>>>>()));
  let byYear = byUnit.get(unitId);
  if (!byYear) byUnit.set(unitId, (byYear = new Map<number, Readonly<Record<string, number>>>()));
  const known = byYear.get(year);
  if (known) return known;
  const all = province.organizations(unitId, year).grassroots;
  const result = {} as Record<K, number>;
  const open: K[] = [];
  for (const metric of stats.metrics) {
    // A unit's own reported figure covers every grassroots organization under it.
    if (reportedOwn(stats, unitId, year, metric)) result[metric] = all;
    else {
      result[metric] = 0;
      open.push(metric);
    }
  }
  const unit = province.tree.units.get(unitId);
  if (open.length > 0 && unit) {
    const date = yearEnd(year);
    for (const child of province.tree.childrenAt(unitId, date)) {
      if (isAboveAt(province.tree, child, date)) {
        const below = coveredCounts(province, stats, child.id, year);
        for (const metric of open) result[metric] += below[metric];
      } else if (levelUnder(province.tree, child, unit, date) === 'grassroots') {
        const values = stats.rollup.at(child.id, year)?.values;
        for (const metric of open) if (values?.[metric] !== undefined) result[metric] += 1;
      }
    }
  }
  byYear.set(year, result);
  return result;
}

/** The grassroots organizations whose figures a total includes (see coveredCounts for how many). */
function coveredIds<K extends string>(
  province: Province,
  stats: Stats<K>,
  unit: Unit,
  year: number,
  metric: K,
): Set<string> {
  const value = (id: string) => stats.rollup.at(id, year)?.values[metric];
  const covered = new Set<string>();
  const date = yearEnd(year);
  const visit = (parent: Unit, included: boolean) => {
    for (const child of province.tree.childrenAt(parent.id, date)) {
      if (isAboveAt(province.tree, child, date))
        visit(child, included || reportedOwn(stats, child.id, year, metric));
      else if (levelUnder(province.tree, child, parent, date) !== 'grassroots') continue;
      else if (included || value(child.id) !== undefined) covered.add(child.id);
    }
  };
  visit(unit, reportedOwn(stats, unit.id, year, metric));
  return covered;
}

function scopeOf<K extends string>(
  province: Province,
  stats: Stats<K>,
  unit: Unit,
  year: number,
  metric: K,
): Scope {
  // Asked only of a reading, that is of a reported value: a grassroots one covers itself.
  if (!isAboveAt(province.tree, unit, yearEnd(year))) return unitScope(unit.id);
  let ids: Set<string> | undefined;
  return {
    count: coveredCounts(province, stats, unit.id, year)[metric],
    total: province.organizations(unit.id, year).grassroots,
    ids: () => (ids ??= coveredIds(province, stats, unit, year, metric)),
  };
}

/** The value with what it covers, or undefined when not reported. */
export function readingOf<K extends string>(
  province: Province,
  stats: Stats<K>,
  unit: Unit,
  year: number,
  metric: K,
): Reading | undefined {
  const value = stats.rollup.at(unit.id, year)?.values[metric];
  return value === undefined ? undefined : { value, scope: scopeOf(province, stats, unit, year, metric) };
}

/** Both readings present and covering the same organizations. */
export const comparable = (a: Reading | undefined, b: Reading | undefined): [Reading, Reading] | undefined =>
  a && b && sameScope(a.scope, b.scope) ? [a, b] : undefined;
