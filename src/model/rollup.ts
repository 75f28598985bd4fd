import type { Tree } from './tree.ts';
import { yearEnd } from './units.ts';

/** A row of figures for one unit and year; `undefined` = not reported. */
export type Figures<K extends string> = { readonly [M in K]: number | undefined };

export interface RolledFigures<K extends string> {
  readonly values: Figures<K>;
  /** True when the unit reported its own row for that year. */
  readonly reported: boolean;
  /** Children (at that year's end) that contributed, and how many there were. */
  readonly childrenReporting: number;
  readonly childrenTotal: number;
}

export interface Mismatch<K extends string> {
  readonly unitId: string;
  readonly year: number;
  readonly metric: K;
  readonly reported: number;
  readonly sum: number;
  readonly line: number;
}

/** Rows of one statistics file, indexed by unit then year. */
export type RowIndex<K extends string> = ReadonlyMap<
  string,
  ReadonlyMap<number, Figures<K> & { readonly line: number }>
>;

export interface Rollup<K extends string> {
  /** The unit's figures for a year: its own reported values, else the sum of its children. */
  at(unitId: string, year: number): RolledFigures<K> | undefined;
}

/**
 * Rolls a statistics file up the tree of each year. `additive` lists the metrics that add
 * up from children (transfers between two communes of one district cancel out at the
 * district, so they are not additive); the others are only ever the unit's own figures.
 */
export function buildRollup<K extends string>(
  tree: Tree,
  rows: RowIndex<K>,
  metrics: readonly K[],
  additive: ReadonlySet<K>,
): Rollup<K> {
  // By unit, then year (`null` = computed, nothing to show): no key string per lookup, which
  // at 52,000 units × 10 years × 3 files was millions of short-lived strings per build. Only
  // sums are kept: a unit with nothing under it answers with its own row at once (a wrapper kept
  // for every grassroots unit and year was 35 MiB at 10,000 units, the three files together).
  const memo = new Map<string, Map<number, RolledFigures<K> | null>>();
  const at = (unitId: string, year: number): RolledFigures<K> | undefined => {
    const known = memo.get(unitId)?.get(year);
    if (known !== undefined) return known ?? undefined;
    const own = rows.get(unitId)?.get(year);
    const children = tree.childrenAt(unitId, yearEnd(year));
    if (children.length === 0) {
      return own && { values: own, reported: true, childrenReporting: 0, childrenTotal: 0 };
    }
    const childFigures = children.map((c) => at(c.id, year));
    const values = {} as Record<K, number | undefined>;
    for (const metric of metrics) {
      const mine = own?.[metric];
      if (mine !== undefined || !additive.has(metric)) {
        values[metric] = mine;
        continue;
      }
      let sum: number | undefined;
      for (const figures of childFigures) {
        const v = figures?.values[metric];
        if (v !== undefined) sum = (sum ?? 0) + v;
      }
      values[metric] = sum;
    }
    const childrenReporting = childFigures.filter((f) => f !== undefined).length;
    const result =
      own || childrenReporting > 0
        ? { values, reported: own !== undefined, childrenReporting, childrenTotal: children.length }
        : undefined;
    let byYear = memo.get(unitId);
    if (!byYear) memo.set(unitId, (byYear = new Map<number, RolledFigures<K> | null>()));
    byYear.set(year, result ?? null);
    return result;
  };
  return { at };
}

/**
 * Reported parent figures that differ from the sum of complete children. Only where every
 * child reported the metric: a partial sum is not evidence that the parent is wrong.
 */
export function findMismatches<K extends string>(
  tree: Tree,
  rows: RowIndex<K>,
  rollup: Rollup<K>,
  additive: ReadonlySet<K>,
): Mismatch<K>[] {
  const found: Mismatch<K>[] = [];
  for (const [unitId, byYear] of rows) {
    for (const [year, own] of byYear) {
      const children = tree.childrenAt(unitId, yearEnd(year));
      if (children.length === 0) continue;
      const childFigures = children.map((c) => rollup.at(c.id, year)?.values);
      for (const metric of additive) {
        const reported = own[metric];
        if (reported === undefined) continue;
        let sum = 0;
        let complete = true;
        for (const figures of childFigures) {
          const v = figures?.[metric];
          if (v === undefined) {
            complete = false;
            break;
          }
          sum += v;
        }
        if (complete && sum !== reported) {
          found.push({ unitId, year, metric, reported, sum, line: own.line });
        }
      }
    }
  }
  return found;
}

/** Groups statistics rows by unit and year; duplicates are reported by validation. */
export function indexRows<
  K extends string,
  R extends Figures<K> & { unit_id: string; year: number; line: number },
>(rows: readonly R[]): Map<string, Map<number, R>> {
  const index = new Map<string, Map<number, R>>();
  for (const row of rows) {
    let byYear = index.get(row.unit_id);
    if (!byYear) index.set(row.unit_id, (byYear = new Map<number, R>()));
    if (!byYear.has(row.year)) byYear.set(row.year, row);
  }
  return index;
}
