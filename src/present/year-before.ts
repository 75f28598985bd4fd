/**
 * The figure of the year before that a unit's figure is compared with, on every page alike (the
 * province page's table, the topic pages, the unit's own page and its summary). For a unit whose
 * organization a restructuring changed during the year (it received or handed over units), the
 * figure it reported the year before counts other organizations: it is compared with the sum of
 * what the organizations it holds now reported then (số liệu quy đổi theo tổ chức hiện nay),
 * marked, or not at all when that sum misses some of them. Never with the raw difference.
 */
import { comparableReading, differs } from '../model/comparable.ts';
import { comparable, complete, readingOf, type Reading } from '../model/coverage.ts';
import type { Province } from '../model/province.ts';
import { yearEnd, type Unit } from '../model/units.ts';
import { formatNumber } from './format.ts';
import { coveredOf, type Stats } from './narrative/context.ts';
import type { Cell } from './table.ts';
import { listVi, sentence } from './wording.ts';

/**
 * Beside a figure of the year before that is counted on today's organization, and a change or
 * rate that rests on one; the table's note says so. Not `*`, which marks a sum that leaves out
 * organizations (table.ts PARTIAL_MARK).
 */
export const COMPARABLE_MARK = '†';

/** A figure of the year before that a unit's figure is compared with. */
export interface Before {
  /** `undefined` when not reported, or when a comparable figure covers only some organizations. */
  readonly value: number | undefined;
  /** The reading the value comes from, with the organizations it covers. */
  readonly reading: Reading | undefined;
  /**
   * Counted on the organization at the end of the year compared (quy đổi theo tổ chức hiện nay):
   * a unit formed or reshaped by a restructuring that year, whose reported figure of the year
   * before (none, for a commune committee formed in 2025) would compare different organizations.
   */
  readonly comparable: boolean;
}

export const noBefore: Before = { value: undefined, reading: undefined, comparable: false };

/**
 * The unit's `metric` at the end of the year before `year`. The organization is the one at the
 * end of `year`, not today's: a page's figures stand at that year, and a restructuring after it
 * must not add to a figure they are compared with.
 */
export function figureBefore<K extends string>(
  province: Province,
  stats: Stats<K>,
  metric: K,
  unit: Unit,
  year: number,
): Before {
  const reported = readingOf(province, stats, unit, year - 1, metric);
  const counted =
    province.years.includes(year - 1) && province.tree.existsAt(unit.id, yearEnd(year))
      ? comparableReading(province, stats, unit.id, year - 1, metric, yearEnd(year))
      : undefined;
  // An absorbed unit that did not report leaves the sum equal to the reported figure, but partial.
  const reshaped =
    counted !== undefined &&
    (differs(reported?.value, counted) || reported?.scope.total !== counted.scope.total);
  if (!reshaped) {
    return { value: reported?.value, reading: reported, comparable: false };
  }
  return { value: complete(counted.scope) ? counted.value : undefined, reading: counted, comparable: true };
}

/** The figures the pages compare with the year before. */
export type ComparedMetric = 'members' | 'admitted' | 'target' | 'cells';

export function figureBeforeOf(province: Province, metric: ComparedMetric, unit: Unit, year: number): Before {
  switch (metric) {
    case 'members':
      return figureBefore(province, province.members, metric, unit, year);
    case 'admitted':
    case 'target':
      return figureBefore(province, province.admissions, metric, unit, year);
    case 'cells':
      return figureBefore(province, province.cells, metric, unit, year);
  }
}

/** `+12†`, `12.345†`: a figure that rests on a comparable figure of the year before, marked. */
export const marked = (cell: Cell, ...before: readonly Before[]): Cell =>
  cell.sort !== undefined && before.some((b) => b.comparable)
    ? { ...cell, text: `${cell.text}${COMPARABLE_MARK}` }
    : cell;

/**
 * Two figures set against each other (a change, a rate) only when they cover the same grassroots
 * organizations: a sum that some did not report is not compared with one they all did.
 */
export const against = (now: Reading | undefined, before: Before) =>
  comparable(now, before.value === undefined ? undefined : before.reading);

/** One figure of the year before a table compares with, row by row: `số đảng viên`. */
export interface Compared {
  readonly what: string;
  readonly before: readonly Before[];
  /** The figures of the year set against them, when the table shows a change. */
  readonly now?: readonly (Reading | undefined)[];
}

/** How many units a note names before it counts the rest. */
const NAMED_IN_NOTE = 5;

const named = (names: readonly string[]): string =>
  names.length <= NAMED_IN_NOTE
    ? listVi(names)
    : `${names.slice(0, NAMED_IN_NOTE).join(', ')} và ${formatNumber(names.length - NAMED_IN_NOTE)} đơn vị khác`;

/**
 * Under a table of units: what the mark means, which comparable figures were left out because
 * they cover only some of the organizations, and which changes were not computed because the
 * two years' sums cover different organizations; `undefined` when there is nothing to say.
 */
export function yearBeforeNote(
  rows: readonly { readonly unit: Unit }[],
  compared: readonly Compared[],
  year: number,
): string | undefined {
  const previous = year - 1;
  const used = compared.filter((c) => c.before.some((b) => b.comparable));
  const parts: string[] = [];
  if (used.length > 0) {
    parts.push(
      sentence(
        `${COMPARABLE_MARK} Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: ${listVi(used.map((c) => c.what))} năm ${previous} ` +
          `là số quy đổi theo tổ chức hiện nay (cộng số liệu năm ${previous} của các tổ chức nay thuộc đơn vị), ` +
          'không phải số đơn vị báo cáo năm đó',
      ),
    );
  }
  for (const { what, before } of used) {
    const partial = rows.flatMap((r, i) => {
      const b = before[i];
      return b?.comparable && b.value === undefined && b.reading
        ? [`${r.unit.name} (số quy đổi mới tính trên ${coveredOf(b.reading.scope)} tổ chức cơ sở đảng)`]
        : [];
    });
    if (partial.length > 0) {
      parts.push(
        sentence(`Chưa so sánh được ${what} với năm ${previous} ở ${named(partial)}, nên bảng ghi “—”`),
      );
    }
  }
  for (const { what, before, now } of compared) {
    const unmatched = rows.flatMap((r, i) => {
      const b = before[i] ?? noBefore;
      const reading = now?.[i];
      return reading && b.value !== undefined && !against(reading, b) ? [r.unit.name] : [];
    });
    if (unmatched.length > 0) {
      parts.push(
        sentence(
          `Không ghi tăng, giảm ${what} của ${named(unmatched)} vì số liệu năm ${year} và năm ${previous} không tính trên cùng những tổ chức cơ sở đảng`,
        ),
      );
    }
  }
  return parts.length === 0 ? undefined : parts.join(' ');
}
