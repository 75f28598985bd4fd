/**
 * The public data-quality report (`/du-lieu/` and its CSV download): bounded however many
 * warnings the data has and however long its cells, since one bad spreadsheet must not make a
 * page of 50,000 items or quote a megabyte cell.
 */
import {
  boundedText,
  quoteValue,
  formatProblem,
  omittedText,
  sampleProblems,
  type Problem,
} from '../problems.ts';
import { formatNumber } from './format.ts';

/** Items of each kind (code) in each file listed on the page; the rest are counted. */
export const PAGE_PER_KIND = 20;
/** Rows of each kind in each file in the download, where a list is worked through in Excel. */
export const DOWNLOAD_PER_KIND = 1_000;

export interface QualityList {
  /** Problems as the build log prints them. */
  readonly listed: readonly string[];
  /** One line per kind and file with more than `PAGE_PER_KIND`: how many more there are. */
  readonly omitted: readonly string[];
}

/** What the page lists. */
export function qualityList(problems: readonly Problem[]): QualityList {
  const { shown, omitted } = sampleProblems(problems, PAGE_PER_KIND);
  const where = (total: number) =>
    total > DOWNLOAD_PER_KIND
      ? `tệp tải về liệt kê ${formatNumber(DOWNLOAD_PER_KIND)} dòng đầu`
      : 'tệp tải về liệt kê đủ';
  return {
    listed: shown.map(formatProblem),
    omitted: omitted.map((o) => `${omittedText(o)}; ${where(o.count + PAGE_PER_KIND)}.`),
  };
}

/** `members.csv`, or `du-lieu.xlsx › Đảng viên` for a problem in a workbook's sheet. */
const fileAndSheet = (p: { readonly file: string; readonly sheet?: string }): string =>
  p.sheet === undefined ? p.file : `${p.file} › ${boundedText(p.sheet)}`;

/** The download's rows as cells: level, file, line, column, key, value, problem, fix. */
export function qualityRows(problems: readonly Problem[]): (string | number | undefined)[][] {
  const { shown, omitted } = sampleProblems(problems, DOWNLOAD_PER_KIND);
  return [
    ...shown.map((p) => [
      p.severity === 'error' ? 'lỗi' : 'cảnh báo',
      fileAndSheet(p),
      p.line,
      p.column,
      p.key,
      p.value === undefined ? undefined : quoteValue(p.value),
      boundedText(`${p.message} (${p.english})`),
      p.fix === undefined ? undefined : boundedText(p.fix),
    ]),
    ...omitted.map((o) => [
      o.severity === 'error' ? 'lỗi' : 'cảnh báo',
      fileAndSheet(o),
      undefined,
      undefined,
      undefined,
      undefined,
      `${omittedText(o)}, không liệt kê ở đây`,
      undefined,
    ]),
  ];
}
