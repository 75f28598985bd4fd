/**
 * A table as pages render it: every cell already formatted for vi-VN, plus the raw value a
 * sortable column orders by. The first cell of a row is its header (`<th scope="row">`).
 */
import type { Reading } from '../model/coverage.ts';
import {
  NOT_REPORTED,
  formatNumber,
  formatPercent,
  formatPercentFixed,
  formatSigned,
  percentDigits,
} from './format.ts';
import { listVi, yearsVi } from './wording.ts';

export interface Cell {
  readonly text: string;
  /** Site-relative link target (pages add `BASE_URL`), for unit names. */
  readonly path: string | undefined;
  /** What a sortable numeric column orders by; `undefined` = not reported, sorted last. */
  readonly sort: number | undefined;
  /**
   * How many grassroots organizations a sum leaves out for want of their figures: the text
   * carries PARTIAL_MARK and the table's note says how many (`Nữ 12.565*`).
   */
  readonly missing?: number;
}

export interface Column {
  readonly label: string;
  /** Right-aligned, ordered by `Cell.sort` rather than by text. */
  readonly numeric: boolean;
  /** Short words (a level: “chi bộ”, “cơ sở”) kept on one line, even in a narrow column. */
  readonly nowrap?: true;
}

export interface TableView {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
  /** What the table's own marks mean (`† …`), shown under it before the notes shownTable adds. */
  readonly note?: string | undefined;
}

export const text = (value: string | undefined, path?: string): Cell => ({
  text: value ?? NOT_REPORTED,
  path,
  sort: undefined,
});

export const count = (value: number | undefined): Cell => ({
  text: formatNumber(value),
  path: undefined,
  sort: value,
});

/** `ratio` is a fraction; the sort key keeps full precision. */
export const percent = (value: number | undefined): Cell => ({
  text: formatPercent(value),
  path: undefined,
  sort: value,
});

/**
 * A column of percentages with the same decimals in every row (format.ts percentDigits), each
 * value against its reference (its target; 100% for a target achievement); sorted by the ratio.
 */
export function percentColumn(
  values: readonly (number | undefined)[],
  reference?: (i: number) => number | undefined,
): Cell[] {
  const digits = percentDigits(values, reference);
  return values.map((value) => ({ text: formatPercentFixed(value, digits), path: undefined, sort: value }));
}

export const signed = (value: number | undefined): Cell => ({
  text: formatSigned(value),
  path: undefined,
  sort: value,
});

/** Beside a sum that leaves out some organizations; the table's note says how many. */
export const PARTIAL_MARK = '*';

/** How many grassroots organizations a reading's sum leaves out; 0 when it covers them all. */
export const missingFrom = (reading: Reading | undefined): number | undefined =>
  reading && Math.max(0, reading.scope.total - reading.scope.count);

/** A figure marked as a partial sum where it leaves out `missing` organizations. */
export const partial = (cell: Cell, missing: number | undefined): Cell =>
  missing === undefined || missing === 0 || cell.sort === undefined
    ? cell
    : { ...cell, text: `${cell.text}${PARTIAL_MARK}`, missing };

/** A count from a reading, marked when its sum leaves out some organizations. */
export const counted = (reading: Reading | undefined): Cell =>
  partial(count(reading?.value), missingFrom(reading));

/** `42 (34%)`, `42* (34%)`: a count with its share, sorted by the count. */
export const countWithShare = (
  value: number | undefined,
  share: number | undefined,
  missing?: number,
): Cell => {
  const figure = partial(count(value), missing);
  return share === undefined || value === undefined
    ? figure
    : { ...figure, text: `${figure.text} (${formatPercent(share)})` };
};

export const column = (label: string, numeric = true): Column => ({ label, numeric });

/** A column of levels (“chi bộ”, “cấp trên cơ sở”): never wrapped. */
export const levelColumn = (label: string): Column => ({ label, numeric: false, nowrap: true });

/** A table as a page shows it, with the notes its marks and dropped columns need. */
export interface ShownTable {
  readonly table: TableView;
  readonly notes: readonly string[];
  /** Where a column of the given table went: `undefined` when it was dropped. */
  readonly columnOf: (index: number) => number | undefined;
}

/** Rows named in parentheses (units, parts of the members) a partial-sum note lists before it says how many more. */
const LISTED_ROWS = 8;

/**
 * `* Tổng chưa đủ: thiếu số liệu của 2 tổ chức cơ sở đảng.` when every marked sum misses as
 * many; else grouped by how many they miss, a range where a row's sums miss different numbers:
 * `… của 2 tổ chức cơ sở đảng các năm 2015, 2018, 2020–2024; 2–3 tổ chức cơ sở đảng các năm
 * 2016, 2017.` Years are all named (a run is short); rows named otherwise (a unit, a part of the
 * members) in parentheses, the list of them stopping after LISTED_ROWS.
 */
function partialNote(table: TableView): string | undefined {
  // Most tables have no partial sum: every table of every page passes here.
  if (!table.rows.some((row) => row.some((cell) => cell.missing !== undefined))) return undefined;
  const groups = new Map<string, { years: number[]; names: string[] }>();
  for (const row of table.rows) {
    const counts = row.flatMap((cell) => (cell.missing === undefined ? [] : [cell.missing]));
    if (counts.length === 0) continue;
    const [low, high] = [Math.min(...counts), Math.max(...counts)];
    const units = `${low === high ? formatNumber(low) : `${formatNumber(low)}–${formatNumber(high)}`} tổ chức cơ sở đảng`;
    const group = groups.get(units) ?? { years: [], names: [] };
    const label = row[0]?.text ?? '';
    if (/^\d{4}$/.test(label)) group.years.push(Number(label));
    else group.names.push(label);
    groups.set(units, group);
  }
  if (groups.size === 0) return undefined;
  if (groups.size === 1) {
    return `${PARTIAL_MARK} Tổng chưa đủ: thiếu số liệu của ${[...groups.keys()][0] ?? ''}.`;
  }
  let room = LISTED_ROWS;
  let more = 0;
  const listed = [...groups].flatMap(([units, { years, names }]) => {
    const shown = names.slice(0, room);
    room -= shown.length;
    more += names.length - shown.length;
    const where = [
      years.length === 0 ? undefined : yearsVi([...years].sort((a, b) => a - b)),
      shown.length === 0 ? undefined : `(${shown.join(', ')})`,
    ].filter((w): w is string => w !== undefined);
    return where.length === 0 ? [] : [`${units} ${where.join(' ')}`];
  });
  const rest = more > 0 ? ` và ${formatNumber(more)} dòng khác có dấu ${PARTIAL_MARK} trong bảng` : '';
  return `${PARTIAL_MARK} Tổng chưa đủ, thiếu số liệu của ${listed.join('; ')}${rest}.`;
}

/**
 * What a page shows of a table: a column with no figure in any row (all “—”, twenty rows of
 * dashes on a grassroots unit's list of cells) is dropped and named in a note, and sums that
 * leave out some organizations are explained under the table. The first column, naming the
 * rows, always stays.
 */
export function shownTable(table: TableView): ShownTable {
  const empty = (i: number) =>
    i > 0 && table.rows.length > 0 && table.rows.every((row) => row[i]?.text === NOT_REPORTED);
  const kept = table.columns.flatMap((_, i) => (empty(i) ? [] : [i]));
  const dropped = table.columns.filter((_, i) => empty(i)).map((c) => `“${c.label}”`);
  const notes = [
    table.note,
    partialNote(table),
    dropped.length === 0 ? undefined : `Bảng lược bỏ các cột chưa có số liệu: ${listVi(dropped)}.`,
  ].filter((n): n is string => n !== undefined);
  if (dropped.length === 0) return { table, notes, columnOf: (i) => i };
  return {
    table: {
      ...table,
      columns: kept.map((i) => table.columns[i]).filter((c): c is Column => c !== undefined),
      rows: table.rows.map((row) => kept.map((i) => row[i] ?? text(undefined))),
    },
    notes,
    columnOf: (i) => {
      const at = kept.indexOf(i);
      return at === -1 ? undefined : at;
    },
  };
}
