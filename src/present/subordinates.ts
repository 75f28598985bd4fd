/**
 * The units directly under a unit, with their figures: the sortable table on unit pages and `/`.
 * A unit with more than FULL_TABLE_LIMIT of them (a province with thousands of grassroots units
 * directly under it, a grassroots unit listing thousands of cells) shows their counts by level and
 * type and the LARGEST_SHOWN largest, and offers them all as a CSV file: a table of thousands of
 * rows is megabytes of HTML, slow on a phone and tens of printed pages, and read by no one.
 */
import { comparable, readingOf, type Reading } from '../model/coverage.ts';
import { labelOf } from '../model/labels.ts';
import { isAbove } from '../model/organizations.ts';
import type { Province, Statistics } from '../model/province.ts';
import type { Figures } from '../model/rollup.ts';
import { slug, yearEnd, type Unit } from '../model/units.ts';
import { LEVELS, UNIT_TYPES } from '../read/schemas.ts';
import { csvCell, encodeCsv } from './downloads.ts';
import { formatNumber, ratio } from './format.ts';
import { perProvinceKey } from './memo.ts';
import {
  column,
  count,
  counted,
  levelColumn,
  percentColumn,
  signed,
  text,
  type Cell,
  type TableView,
} from './table.ts';
import { hasPage, unitPath, type Link } from './links.ts';
import { unitLastYear } from './unit-years.ts';
import { against, figureBefore, marked, noBefore, yearBeforeNote, type Before } from './year-before.ts';

/**
 * Up to this many, every subordinate is in the page's sortable table. Provinces reorganized in
 * 2025 have 100–150 communes and a few dozen other committees directly under them: their table
 * stays whole (a page with 300 of them weighed 104 KB of HTML, 9 KB of the 60 KB budget compressed).
 */
export const FULL_TABLE_LIMIT = 300;
/**
 * From this many, the table is preceded by their counts by level and type: after 2025 a province
 * has a hundred or more đảng bộ xã, phường, đặc khu directly under it and a few other đảng bộ.
 */
export const BY_KIND_FROM = 20;
/** Above the limit, the table lists this many, those with most members: three printed pages. */
export const LARGEST_SHOWN = 100;
/** The full list of a unit above the limit, beside its page: `don-vi/<id>/truc-thuoc.csv`. */
export const SUBORDINATES_FILE = 'truc-thuoc.csv';

/** Raw figures of one subordinate unit in one year; `undefined` = not reported. */
export interface SubordinateFigures {
  readonly unit: Unit;
  readonly path: string | undefined;
  readonly level: string;
  /** Grassroots organizations it counts for: those under it, or 1 for a grassroots unit itself. */
  readonly grassroots: number;
  readonly cells: number | undefined;
  readonly residentialCells: number | undefined;
  readonly secretaryAsHead: number | undefined;
  readonly members: number | undefined;
  readonly membersBefore: number | undefined;
  readonly women: number | undefined;
  readonly probationary: number | undefined;
  readonly admitted: number | undefined;
  readonly target: number | undefined;
}

const levelName = (unit: Unit): string => labelOf(LEVELS, unit.level);
export const typeName = (unit: Unit): string | undefined => unit.type && labelOf(UNIT_TYPES, unit.type);

function computeFigures(province: Province, unitId: string): SubordinateFigures[] {
  const year = unitLastYear(province, unitId);
  if (year === undefined) return [];
  return province.tree.childrenAt(unitId, yearEnd(year)).map((unit) => {
    const m = province.members.rollup.at(unit.id, year)?.values;
    const a = province.admissions.rollup.at(unit.id, year)?.values;
    const c = province.cells.rollup.at(unit.id, year)?.values;
    return {
      unit,
      path: unitPath(province, unit),
      level: levelName(unit),
      // Counted as the parent's count is, so the column adds up to it.
      grassroots: province.organizations(unit.id, year).grassroots,
      cells: c?.cells,
      residentialCells: c?.residential_cells,
      secretaryAsHead: c?.secretary_as_head,
      members: m?.members,
      membersBefore: province.members.rollup.at(unit.id, year - 1)?.values.members,
      women: m?.women,
      probationary: m?.probationary,
      admitted: a?.admitted,
      target: a?.target,
    };
  });
}

const sharedFigures = perProvinceKey('sharedFigures', computeFigures);

/**
 * Figures of the units under `unitId` in the tree at the end of the last year, sorted by name
 * (Intl.Collator 'vi'). Kept for the province and districts, whose tables `/`, their own pages
 * and the topic pages share; a grassroots unit's table is asked for once, so it is not kept.
 */
export function subordinateFigures(province: Province, unitId: string): SubordinateFigures[] {
  const unit = province.tree.units.get(unitId);
  return unit && isAbove(unit) ? sharedFigures(province, unitId) : computeFigures(province, unitId);
}

const subordinatesFilePath = (unit: Unit): string => `don-vi/${slug(unit.id)}/${SUBORDINATES_FILE}`;

/** Where the unit index (`/don-vi/`) lists the grassroots units grouped under a province or district. */
export const indexAnchor = (unit: Unit): string => `nhom-${slug(unit.id)}`;

export interface ShortenedList {
  /** Says that the table shows only the largest, and why. */
  readonly note: string;
  /** Every subordinate with the table's figures, as a spreadsheet. */
  readonly csv: Link;
  /** The unit index's list of the subordinates that have a page; undefined when none has. */
  readonly index: Link | undefined;
}

export interface SubordinatesView {
  /** All direct subordinates, whether the table shows them all or not. */
  readonly count: number;
  readonly table: TableView;
  /** The column the rows are in order of: the name, or members for the largest. */
  readonly sortedBy: number;
  /** How many of each level and type, for BY_KIND_FROM subordinates or more. */
  readonly byKind: TableView | undefined;
  /** Present when the unit has more than FULL_TABLE_LIMIT subordinates. */
  readonly shortened: ShortenedList | undefined;
}

/** The subordinate units' table and, for a very wide unit, its summary; `undefined` when it has none. */
export function subordinatesView(province: Province, unitId: string): SubordinatesView | undefined {
  const all = subordinateFigures(province, unitId);
  const year = unitLastYear(province, unitId);
  const unit = province.tree.units.get(unitId);
  if (all.length === 0 || year === undefined || !unit) return undefined;
  const withGrassroots = all.some((r) => isAbove(r.unit));
  const columns = [
    column('Đơn vị', false),
    levelColumn('Cấp'),
    ...(withGrassroots ? [column('Tổ chức cơ sở đảng')] : []),
    column('Chi bộ trực thuộc'),
    column('Đảng viên'),
    column(`Tăng, giảm so với năm ${year - 1}`),
    column('Kết nạp'),
    column('Chỉ tiêu kết nạp'),
    column('Đạt chỉ tiêu'),
  ];
  // A district's figures are sums of what those under it reported: marked where some are left
  // out, and compared (change, achievement) only where both figures cover the same organizations.
  // A unit reshaped during the year is compared as the topic pages compare it (year-before.ts).
  const membersNow = new Map<SubordinateFigures, Reading | undefined>();
  const membersBefore = new Map<SubordinateFigures, Before>();
  for (const r of all) {
    membersNow.set(r, readingOf(province, province.members, r.unit, year, 'members'));
    membersBefore.set(r, figureBefore(province, province.members, 'members', r.unit, year));
  }
  const achievement = (r: SubordinateFigures): number | undefined => {
    const pair = comparable(
      readingOf(province, province.admissions, r.unit, year, 'admitted'),
      readingOf(province, province.admissions, r.unit, year, 'target'),
    );
    return pair && ratio(pair[0].value, pair[1].value);
  };
  const row = (r: SubordinateFigures, achieved: Cell) => {
    const reading = <K extends string>(stats: Statistics<K, Figures<K>>, y: number, metric: K) =>
      readingOf(province, stats, r.unit, y, metric);
    const members = membersNow.get(r);
    const before = membersBefore.get(r) ?? noBefore;
    const change = against(members, before);
    return [
      text(r.unit.name, r.path),
      text(r.level),
      ...(withGrassroots ? [count(r.grassroots)] : []),
      counted(reading(province.cells, year, 'cells')),
      counted(members),
      marked(signed(change && change[0].value - change[1].value), before),
      counted(reading(province.admissions, year, 'admitted')),
      counted(reading(province.admissions, year, 'target')),
      achieved,
    ];
  };
  // Target achievement with one precision down the column (format.ts percentDigits).
  const rowsOf = (list: readonly SubordinateFigures[]) => {
    const rates = percentColumn(list.map(achievement));
    return list.map((r, i) => row(r, rates[i] ?? text(undefined)));
  };
  const note = (rows: readonly SubordinateFigures[]) =>
    yearBeforeNote(
      rows,
      [
        {
          what: 'số đảng viên',
          before: rows.map((r) => membersBefore.get(r) ?? noBefore),
          now: rows.map((r) => membersNow.get(r)),
        },
      ],
      year,
    );
  if (all.length <= FULL_TABLE_LIMIT) {
    return {
      count: all.length,
      table: {
        caption: `Các tổ chức đảng trực thuộc ${unit.name} năm ${year}`,
        columns,
        rows: rowsOf(all),
        note: note(all),
      },
      sortedBy: 0,
      byKind: all.length >= BY_KIND_FROM ? byKind(unit, all) : undefined,
      shortened: undefined,
    };
  }
  // Not reported sorts last; equal figures stay in name order (the sort is stable).
  const largest = [...all].sort((a, b) => (b.members ?? -1) - (a.members ?? -1)).slice(0, LARGEST_SHOWN);
  const withPage = all.filter((r) => r.path !== undefined).length;
  return {
    count: all.length,
    table: {
      caption: `${LARGEST_SHOWN} tổ chức đảng trực thuộc ${unit.name} có nhiều đảng viên nhất năm ${year}`,
      columns,
      rows: rowsOf(largest),
      note: note(largest),
    },
    sortedBy: columns.findIndex((c) => c.label === 'Đảng viên'),
    byKind: byKind(unit, all),
    shortened: {
      note:
        `${unit.name} có ${formatNumber(all.length)} tổ chức đảng trực thuộc, quá nhiều để liệt kê trong một trang. ` +
        `Dưới đây là số tổ chức theo cấp và loại hình, rồi ${LARGEST_SHOWN} tổ chức có nhiều đảng viên nhất; ` +
        'danh sách đầy đủ, với cùng các số liệu, có trong tệp CSV.',
      csv: {
        label: `Tải danh sách đầy đủ ${formatNumber(all.length)} tổ chức đảng trực thuộc (tệp CSV, mở bằng Excel)`,
        path: subordinatesFilePath(unit),
      },
      index:
        withPage > 0 && isAbove(unit)
          ? {
              label: `${formatNumber(withPage)} tổ chức có trang riêng trong Danh sách đơn vị`,
              path: `don-vi/#${indexAnchor(unit)}`,
            }
          : undefined,
    },
  };
}

/** Subordinates counted by level and, where given, type, in the order of the data contract's lists. */
function byKind(unit: Unit, rows: readonly SubordinateFigures[]): TableView {
  const rank = (r: SubordinateFigures) =>
    LEVELS.findIndex((l) => l.value === r.unit.level) * 100 +
    (r.unit.type === undefined ? 99 : UNIT_TYPES.findIndex((t) => t.value === r.unit.type));
  const counts = new Map<number, { label: string; count: number }>();
  for (const r of rows) {
    const key = rank(r);
    const type = typeName(r.unit);
    const kind = counts.get(key) ?? { label: type ? `${r.level}, ${type}` : r.level, count: 0 };
    kind.count += 1;
    counts.set(key, kind);
  }
  return {
    caption: `Các tổ chức đảng trực thuộc ${unit.name} theo cấp và loại hình`,
    columns: [column('Cấp, loại hình', false), column('Số tổ chức')],
    rows: [...counts].sort(([a], [b]) => a - b).map(([, kind]) => [text(kind.label), count(kind.count)]),
  };
}

/** Page units with more direct subordinates than their page lists: each gets SUBORDINATES_FILE. */
export function wideUnits(province: Province): Unit[] {
  return [...province.tree.units.values()].filter((unit) => {
    if (!hasPage(province, unit)) return false;
    const year = unitLastYear(province, unit.id);
    return year !== undefined && province.tree.childrenAt(unit.id, yearEnd(year)).length > FULL_TABLE_LIMIT;
  });
}

/**
 * Every direct subordinate of `unitId` with the figures of its page's table, in name order:
 * figures as plain numbers for a spreadsheet, both years' members in place of the change (a
 * cell starting with a minus sign would be written as text), empty where not reported.
 */
export function subordinatesCsv(province: Province, unitId: string): Uint8Array<ArrayBuffer> {
  const rows = subordinateFigures(province, unitId);
  const year = unitLastYear(province, unitId) ?? 0;
  const withGrassroots = rows.some((r) => isAbove(r.unit));
  const header = [
    'Mã đơn vị',
    'Tên đơn vị',
    'Cấp',
    'Loại hình',
    ...(withGrassroots ? ['Tổ chức cơ sở đảng'] : []),
    'Chi bộ trực thuộc',
    `Đảng viên năm ${year}`,
    `Đảng viên năm ${year - 1}`,
    `Kết nạp năm ${year}`,
    `Chỉ tiêu kết nạp năm ${year}`,
  ];
  const lines = rows.map((r) =>
    [
      r.unit.id,
      r.unit.name,
      r.level,
      typeName(r.unit),
      ...(withGrassroots ? [r.grassroots] : []),
      r.cells,
      r.members,
      r.membersBefore,
      r.admitted,
      r.target,
    ]
      .map(csvCell)
      .join(','),
  );
  return encodeCsv([header.map(csvCell).join(','), ...lines]);
}
