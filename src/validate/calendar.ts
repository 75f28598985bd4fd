import type { Dataset } from '../read/dataset.ts';
import { error, warning, type Problem } from '../problems.ts';
import { cellProblems } from './structure.ts';

/**
 * Checks against the calendar. One mistyped year (2019 → 2099) would otherwise become the
 * year every page says its figures run to, and the province's headline one ward's figure.
 *
 * - A figure year after the current one is an error: statistics are as of 31 December, so no
 *   figure can belong to a year that has not begun.
 * - A date after today (established, dissolved, an event's date) is only a warning: a decision
 *   may be signed for a day to come (a dissolution from next month). The tree treats the change
 *   as not yet made until that day.
 * - A year that few units report, far from every year most units report, is a warning on each
 *   of its rows: see `outlierYears`.
 */

const FIGURE_FILES = ['members.csv', 'admissions.csv', 'cells.csv'] as const;

/** A year is rare when at most this share of the busiest year's rows report it… */
export const RARE_SHARE = 0.05;
/** …and far when more than this many years lie between it and every year that is not rare. */
export const FAR_YEARS = 3;

const fmt = new Intl.NumberFormat('vi-VN');

/** `2011-08-17` → `17/08/2011`, as the office writes dates. */
export const formatDate = (iso: string | undefined): string => (iso ?? '').split('-').reverse().join('/');

/**
 * Today in Vietnam (`YYYY-MM-DD`), whatever the machine's time zone: the office's calendar
 * decides whether a year has begun. Validation is the only code that reads the clock.
 */
export const todayInVietnam = (now: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

export interface OutlierYear {
  /** Rows that report the year. */
  readonly rows: number;
  /** The closest year that is not rare. */
  readonly nearest: number;
}

/**
 * Years of one file that few rows report and that lie far from the years most rows report.
 * `counts` maps each year to its number of rows (one per unit, since (unit, year) is unique).
 * Fewer than 20 rows in the busiest year never make a rare year: one unit is not "few" there.
 */
export function outlierYears(counts: ReadonlyMap<number, number>): Map<number, OutlierYear> {
  const top = Math.max(0, ...counts.values());
  const rare = (rows: number) => rows <= top * RARE_SHARE;
  const common = [...counts].filter(([, rows]) => !rare(rows)).map(([year]) => year);
  const outliers = new Map<number, OutlierYear>();
  for (const [year, rows] of counts) {
    if (!rare(rows)) continue;
    const nearest = common.reduce((a, b) => (Math.abs(b - year) < Math.abs(a - year) ? b : a));
    if (Math.abs(nearest - year) > FAR_YEARS) outliers.set(year, { rows, nearest });
  }
  return outliers;
}

export function checkCalendar(data: Dataset, today: string): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const thisYear = Number(today.slice(0, 4));

  const rowsOf = { 'members.csv': data.members, 'admissions.csv': data.admissions, 'cells.csv': data.cells };
  for (const file of FIGURE_FILES) {
    const counts = new Map<number, number>();
    for (const row of rowsOf[file]) {
      if (row.year > thisYear) {
        report(error, file, row.line, 'year', row.year, {
          code: 'future-year',
          message: `năm ${row.year} chưa đến (hôm nay là ${formatDate(today)}); số liệu tính đến 31/12 nên chỉ có thể ghi đến năm ${thisYear}`,
          english: `year ${row.year} is in the future`,
          fix: 'Sửa năm cho đúng (có thể gõ nhầm); nếu đây là số liệu dự kiến thì xóa dòng này, chỉ ghi khi đã có số liệu.',
        });
      } else {
        counts.set(row.year, (counts.get(row.year) ?? 0) + 1);
      }
    }
    const outliers = outlierYears(counts);
    const top = Math.max(0, ...counts.values());
    for (const row of rowsOf[file]) {
      const outlier = outliers.get(row.year);
      if (outlier === undefined) continue;
      const { rows, nearest } = outlier;
      report(warning, file, row.line, 'year', row.year, {
        code: 'outlier-year',
        message: `năm ${row.year} chỉ có ${fmt.format(rows)} dòng trong ${file} (năm nhiều nhất có ${fmt.format(top)} dòng) và cách ${fmt.format(Math.abs(nearest - row.year))} năm so với năm gần nhất có nhiều đơn vị báo cáo (${nearest})`,
        english: 'a year few units report, far from all the others',
        fix: `Kiểm tra lại năm của dòng này (có thể gõ nhầm); nếu đúng là số liệu năm ${row.year} thì có thể bỏ qua cảnh báo này.`,
      });
    }
  }

  const future = (file: string, line: number, key: string, date: string | undefined) => {
    if (date === undefined || date <= today) return;
    report(warning, file, line, key, formatDate(date), {
      code: 'future-date',
      message: `ngày ${formatDate(date)} chưa đến (hôm nay là ${formatDate(today)}); trang web coi như việc này chưa xảy ra cho đến ngày đó`,
      english: 'date is in the future',
      fix: 'Nếu gõ nhầm, sửa lại ngày; nếu đây là quyết định đã ban hành cho một ngày sắp tới thì giữ nguyên.',
    });
  };
  for (const unit of data.units) {
    future('units.csv', unit.line, 'established', unit.established);
    future('units.csv', unit.line, 'dissolved', unit.dissolved);
  }
  for (const event of data.restructurings) future('restructurings.csv', event.line, 'date', event.date);
  return problems;
}
