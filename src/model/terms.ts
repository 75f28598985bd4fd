/**
 * Terms of office (contract v2 B): which years a term's reports cover, each unit's committees in
 * term order, and its term targets. Pages, narratives and checks ask here, never the CSV rows.
 */
import type { Dataset } from '../read/dataset.ts';
import type { CommitteeRow, TermTargetRow } from '../read/schemas.ts';
import { targetValue } from '../read/values.ts';

export type TermMeasure = TermTargetRow['measure'];

/** The first and last year of a term as the reader keeps it (`2020-2025`). */
export function termYears(term: string): { readonly start: number; readonly end: number } {
  const [start = 0, end = 0] = term.split('-').map(Number);
  return { start, end };
}

/**
 * The years whose reports count toward a term `A-B`: A+1 … B, or A … B when its congress was held
 * before 1 July of year A (the contract's rule: a congress early in the year makes that year the
 * term's first).
 */
export function reportYears(term: string, congressDate: string | undefined): number[] {
  const { start, end } = termYears(term);
  const first = congressDate !== undefined && congressDate < `${start}-07-01` ? start : start + 1;
  const years: number[] = [];
  for (let y = first; y <= end; y++) years.push(y);
  return years;
}

export interface Committee extends CommitteeRow {
  readonly start: number;
  readonly end: number;
}

export interface TermTarget {
  readonly unitId: string;
  readonly term: string;
  readonly measure: TermMeasure;
  /** A count, or a percentage from 0 to 100 for the `_share` measures. */
  readonly target: number;
  readonly source: string | undefined;
  readonly line: number;
}

export interface Terms {
  /** Each unit's committees, earliest term first. */
  readonly committees: ReadonlyMap<string, readonly Committee[]>;
  /** Each unit's targets, by term then in file order. */
  readonly targets: ReadonlyMap<string, readonly TermTarget[]>;
  /** The years counted toward a unit's term: its own congress date decides the first year. */
  readonly yearsOf: (unitId: string, term: string) => number[];
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(row);
    groups.set(key(row), list);
  }
  return groups;
}

/** Builds the terms from validated rows (terms in order, no overlaps, no duplicates). */
export function buildTerms(data: Pick<Dataset, 'committees' | 'termTargets'>): Terms {
  const committees = groupBy(
    data.committees.map((row) => ({ ...row, ...termYears(row.term) })),
    (c) => c.unit_id,
  );
  for (const list of committees.values()) list.sort((a, b) => a.start - b.start);
  const targets = groupBy(
    data.termTargets.map((row): TermTarget => ({
      unitId: row.unit_id,
      term: row.term,
      measure: row.measure,
      target: targetValue(row.target).value,
      source: row.source,
      line: row.line,
    })),
    (t) => t.unitId,
  );
  for (const list of targets.values()) list.sort((a, b) => termYears(a.term).start - termYears(b.term).start);
  return {
    committees,
    targets,
    yearsOf: (unitId, term) =>
      reportYears(term, committees.get(unitId)?.find((c) => c.term === term)?.congress_date),
  };
}

/**
 * A unit's committee in office in `year` (the latest term begun by then) and the one before it.
 * A term begins in its first year: the 2025–2030 committee is current in a 2025 report.
 */
export function committeesAt(
  terms: Terms,
  unitId: string,
  year: number,
): { readonly current: Committee | undefined; readonly previous: Committee | undefined } {
  const begun = (terms.committees.get(unitId) ?? []).filter((c) => c.start <= year);
  return { current: begun.at(-1), previous: begun.at(-2) };
}
