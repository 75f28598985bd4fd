/**
 * Before and after a large reorganization: when one day carries many events (the 2025 plan ended
 * every district committee and merged communes about 3 to 1 on one date), `/sap-xep/` states what
 * the organization looked like just before that day's first event and right after its last, from
 * the tree of those two moments: committees by level, the units directly under the province,
 * communes, and members.
 */
import { levelAt } from '../model/organizations.ts';
import type { Province, RestructuringEvent } from '../model/province.ts';
import { compareMoments, justBefore, type Moment } from '../model/tree.ts';
import type { Level } from '../read/schema.ts';
import { LEVELS } from '../read/schemas.ts';
import { column, count, signed, text, type TableView } from './table.ts';

/** A day with at least this many events gets a summary; a pilot of two committees does not. */
export const LARGE_DAY = 10;

/** Unit types that are communes (xã, phường, thị trấn; đặc khu once the contract lists it). */
const COMMUNE_TYPES: ReadonlySet<string> = new Set(['commune', 'ward', 'township', 'special_zone']);

export type ReorganizationSummary = TableView;

/** What the units of each level are called when counted (glossary), not the level's own label. */
const COUNTED_AS: Readonly<Record<Level, string>> = {
  province: 'Đảng bộ tỉnh, thành phố',
  district: 'Đảng bộ cấp trên trực tiếp cơ sở',
  grassroots: 'Tổ chức cơ sở đảng',
  subcommittee: 'Đảng bộ bộ phận',
  cell: 'Chi bộ trực thuộc',
};

interface Census {
  readonly byLevel: ReadonlyMap<Level, number>;
  readonly directlyUnderRoot: number;
  readonly communes: number;
}

/** Counts the tree at one moment, each unit at its level then (organizations.levelAt). */
function census(province: Province, at: Moment): Census {
  const { tree } = province;
  const byLevel = new Map<Level, number>();
  let directlyUnderRoot = 0;
  let communes = 0;
  for (const unit of tree.units.values()) {
    if (!tree.existsAt(unit.id, at)) continue;
    const parentId = tree.parentAt(unit.id, at);
    const parent = parentId === undefined ? undefined : tree.units.get(parentId);
    const level = levelAt(tree, unit, at);
    byLevel.set(level, (byLevel.get(level) ?? 0) + 1);
    if (parent && tree.parentAt(parent.id, at) === undefined) directlyUnderRoot += 1;
    if (unit.type !== undefined && COMMUNE_TYPES.has(unit.type)) communes += 1;
  }
  return { byLevel, directlyUnderRoot, communes };
}

/** Members of every root at a year's end (several roots before provinces merged). */
function members(province: Province, year: number, roots: readonly string[]): number | undefined {
  let total: number | undefined;
  for (const id of roots) {
    const value = province.members.rollup.at(id, year)?.values.members;
    if (value !== undefined) total = (total ?? 0) + value;
  }
  return total;
}

export function reorganizationSummary(
  province: Province,
  events: readonly RestructuringEvent[],
): ReorganizationSummary | undefined {
  if (events.length < LARGE_DAY) return undefined;
  const { tree } = province;
  const moments = events
    .map((e) => tree.moment(e.id))
    .filter((m): m is Moment => m !== undefined)
    .sort(compareMoments);
  const first = moments[0];
  const last = moments.at(-1);
  if (!first || !last) return undefined;
  const before = census(province, justBefore(first));
  const after = census(province, last);
  const rootsAt = (at: Moment) => tree.rootsAt(at).map((u) => u.id);
  // Members stand at 31/12: the year before the change, and the year it happened.
  const year = Number(last.date.slice(0, 4));
  const membersBefore = members(province, year - 1, rootsAt(justBefore(first)));
  const membersAfter = province.years.includes(year) ? members(province, year, rootsAt(last)) : undefined;
  const row = (label: string, from: number | undefined, to: number | undefined) => [
    text(label),
    count(from),
    count(to),
    signed(from === undefined || to === undefined ? undefined : to - from),
  ];
  const levels = LEVELS.filter(
    (l) => (before.byLevel.get(l.value) ?? 0) + (after.byLevel.get(l.value) ?? 0) > 0,
  );
  return {
    caption: 'Tổ chức đảng trước và sau sắp xếp',
    columns: [column('', false), column('Trước sắp xếp'), column('Sau sắp xếp'), column('Tăng, giảm')],
    rows: [
      ...levels.map((l) =>
        row(COUNTED_AS[l.value], before.byLevel.get(l.value) ?? 0, after.byLevel.get(l.value) ?? 0),
      ),
      row('Đảng bộ trực thuộc tỉnh ủy, thành ủy', before.directlyUnderRoot, after.directlyUnderRoot),
      row('Đảng bộ xã, phường, thị trấn, đặc khu', before.communes, after.communes),
      row(`Đảng viên (31/12/${year - 1} và 31/12/${year})`, membersBefore, membersAfter),
    ],
  };
}
