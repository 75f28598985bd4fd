import type { Province, Statistics } from './province.ts';
import type { Figures } from './rollup.ts';
import { yearEnd, type Unit } from './units.ts';

/**
 * The grassroots organizations whose figures a total includes, out of how many there are.
 * A district that did not report its own figure shows the sum of those that did; two such
 * sums (this year and last, admissions and target) compare only when they cover the same ones.
 */
export interface Scope {
  readonly covered: ReadonlySet<string>;
  readonly total: number;
}

export interface Reading {
  readonly value: number;
  readonly scope: Scope;
}

type Stats<K extends string> = Statistics<K, Figures<K>>;

export const complete = (s: Scope): boolean => s.covered.size === s.total;

export const sameScope = (a: Scope, b: Scope): boolean =>
  (complete(a) && complete(b)) ||
  (a.covered.size === b.covered.size && [...a.covered].every((id) => b.covered.has(id)));

export const isAbove = (unit: Unit): boolean => unit.level === 'province' || unit.level === 'district';

function scopeOf<K extends string>(
  province: Province,
  stats: Stats<K>,
  unit: Unit,
  year: number,
  metric: K,
): Scope {
  const value = (id: string) => stats.rollup.at(id, year)?.values[metric];
  const covered = new Set<string>();
  if (!isAbove(unit)) {
    if (value(unit.id) !== undefined) covered.add(unit.id);
    return { covered, total: 1 };
  }
  const date = yearEnd(year);
  let total = 0;
  // A unit's own reported figure covers every grassroots organization under it.
  const visit = (id: string, included: boolean) => {
    for (const child of province.tree.childrenAt(id, date)) {
      if (isAbove(child)) {
        visit(child.id, included || stats.rows.get(child.id)?.get(year)?.[metric] !== undefined);
      } else {
        // Anything directly under a district is a grassroots organization (see organizations.ts).
        total += 1;
        if (included || value(child.id) !== undefined) covered.add(child.id);
      }
    }
  };
  visit(unit.id, stats.rows.get(unit.id)?.get(year)?.[metric] !== undefined);
  return { covered, total };
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
