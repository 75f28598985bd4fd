import type { Dataset } from '../read/dataset.ts';
import {
  ADMISSION_METRICS,
  CELL_METRICS,
  MEMBER_METRICS,
  type AdmissionsRow,
  type CellsRow,
  type MembersRow,
  type RestructuringRow,
  type RestructuringUnitRow,
} from '../read/schemas.ts';
import { buildRollup, indexRows, type Figures, type Rollup } from './rollup.ts';
import { organizationCounter, type OrganizationCounts } from './organizations.ts';
import { buildTerms, type Terms } from './terms.ts';
import { buildTree, type Tree } from './tree.ts';
import { toUnit, type Unit } from './units.ts';

export type MemberMetric = (typeof MEMBER_METRICS)[number];
export type AdmissionMetric = (typeof ADMISSION_METRICS)[number];
export type CellMetric = (typeof CELL_METRICS)[number];

/** Movements between units of one parent cancel out in the parent's total. */
const NOT_ADDITIVE = new Set<string>(['transferred_in', 'transferred_out']);

export interface DatasetInfo {
  readonly publisher: string | undefined;
  readonly demo: boolean;
  readonly source: string | undefined;
  readonly note: string | undefined;
}

export interface RestructuringEvent extends RestructuringRow {
  readonly units: readonly RestructuringUnitRow[];
}

/** One statistics file: its rows by unit and year, and their rollup up the tree. */
export interface Statistics<K extends string, R> {
  readonly rows: ReadonlyMap<string, ReadonlyMap<number, R>>;
  readonly rollup: Rollup<K>;
  readonly metrics: readonly K[];
  readonly additive: ReadonlySet<K>;
}

function statistics<K extends string, R extends Figures<K> & { unit_id: string; year: number; line: number }>(
  tree: Tree,
  rows: readonly R[],
  metrics: readonly K[],
): Statistics<K, R> {
  const index = indexRows<K, R>(rows);
  const sums = new Set(metrics.filter((m) => !NOT_ADDITIVE.has(m)));
  return { rows: index, rollup: buildRollup(tree, index, metrics, sums), metrics, additive: sums };
}

export interface Province {
  readonly info: DatasetInfo;
  readonly root: Unit;
  readonly tree: Tree;
  /** Every year from the first to the last with statistics, gaps included. */
  readonly years: readonly number[];
  readonly lastYear: number | undefined;
  readonly members: Statistics<MemberMetric, MembersRow>;
  readonly admissions: Statistics<AdmissionMetric, AdmissionsRow>;
  /** Rows keep `rating`, a label rather than a figure, for the unit's own page. */
  readonly cells: Statistics<CellMetric, CellsRow>;
  readonly organizations: (unitId: string, year: number) => OrganizationCounts;
  /** Events, oldest first. */
  readonly events: readonly RestructuringEvent[];
  readonly eventsByUnit: ReadonlyMap<string, readonly RestructuringEvent[]>;
  /** Committees and term targets (contract v2 B); empty for a folder without them. */
  readonly terms: Terms;
}

function yearRange(data: Dataset): number[] {
  let first = Infinity;
  let last = -Infinity;
  for (const rows of [data.members, data.admissions, data.cells]) {
    for (const { year } of rows) {
      if (year < first) first = year;
      if (year > last) last = year;
    }
  }
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

/** Every unit an event names: its parent, its result, the units listed and where they were before. */
export const involvedUnits = (event: RestructuringEvent): Set<string> =>
  new Set([
    ...(event.parent_id === undefined ? [] : [event.parent_id]),
    ...(event.result_unit_id === undefined ? [] : [event.result_unit_id]),
    ...event.units.flatMap((u) => [u.unit_id, ...(u.previous_parent_id ? [u.previous_parent_id] : [])]),
  ]);

/** Builds the model from validated data; call only when validation found no errors. */
export function buildProvince(data: Dataset): Province {
  const units = data.units.map(toUnit);
  const tree = buildTree(units, data);
  // Today's root: provinces merged into it have ended (contract v2 A.1).
  const roots = units.filter((u) => u.parentId === undefined);
  const root = roots.find((u) => tree.endedAt(u.id) === undefined) ?? roots[0];
  if (!root) throw new Error('buildProvince needs validated data with a root');
  const years = yearRange(data);

  const unitsOf = new Map<string, RestructuringUnitRow[]>();
  for (const row of data.restructuringUnits) {
    const list = unitsOf.get(row.restructuring_id) ?? [];
    list.push(row);
    unitsOf.set(row.restructuring_id, list);
  }
  const events = data.restructurings
    .map((e) => ({ ...e, units: unitsOf.get(e.id) ?? [] }))
    // Same-day events apply in file order, as the tree replays them.
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
  const eventsByUnit = new Map<string, RestructuringEvent[]>();
  for (const event of events) {
    for (const id of involvedUnits(event)) {
      const list = eventsByUnit.get(id) ?? [];
      list.push(event);
      eventsByUnit.set(id, list);
    }
  }

  const meta = data.dataset[0];
  return {
    info: {
      publisher: meta?.publisher,
      demo: meta?.demo === 'yes',
      source: meta?.source,
      note: meta?.note,
    },
    root,
    tree,
    years,
    lastYear: years.at(-1),
    members: statistics<MemberMetric, MembersRow>(tree, data.members, MEMBER_METRICS),
    admissions: statistics<AdmissionMetric, AdmissionsRow>(tree, data.admissions, ADMISSION_METRICS),
    cells: statistics<CellMetric, CellsRow>(tree, data.cells, CELL_METRICS),
    organizations: organizationCounter(tree),
    events,
    eventsByUnit,
    terms: buildTerms(data),
  };
}
