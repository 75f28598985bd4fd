import type { Level } from '../read/schema.ts';
import type { UnitRow, UnitType } from '../read/schemas.ts';

export interface Unit {
  readonly id: string;
  readonly name: string;
  readonly level: Level;
  readonly type: UnitType | undefined;
  /** Parent now (units.csv); the parent at another date comes from the tree. */
  readonly parentId: string | undefined;
  readonly established: string | undefined;
  readonly dissolved: string | undefined;
  readonly line: number;
}

/** Higher rank = higher in the hierarchy; a parent always outranks its children. */
export const LEVEL_RANK: Readonly<Record<Level, number>> = {
  province: 5,
  district: 4,
  grassroots: 3,
  subcommittee: 2,
  cell: 1,
};

/** Levels that get a page of their own. */
export const PAGE_LEVELS: ReadonlySet<Level> = new Set(['province', 'district', 'grassroots']);

export const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export const byName = (a: Unit, b: Unit): number =>
  collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    type: row.type,
    parentId: row.parent_id,
    established: row.established,
    dissolved: row.dissolved,
    line: row.line,
  };
}

/** Page path segment: the contract promises ids in lower case. */
export const slug = (id: string): string => id.toLowerCase();

/** Statistics are stated as of 31 December. */
export const yearEnd = (year: number): string => `${year}-12-31`;
