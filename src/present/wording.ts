/** Small pieces of Vietnamese wording shared by sentences, captions and headers. */
import { formatNumber, formatPercent } from './format.ts';

/** `Hợp nhất` from `hợp nhất`: a label from the schemas at the start of a header or sentence. */
export const capitalize = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/** `A`, `A và B`, `A, B và C`. */
export function listVi(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items.at(-1)}`;
}

/** `năm 2023`, `các năm 2015–2018, 2020`: runs of three or more years are shortened. */
export function yearsVi(years: readonly number[]): string {
  if (years.length === 1) return `năm ${years[0]}`;
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i <= years.length; i++) {
    if (i < years.length && years[i] === (years[i - 1] ?? 0) + 1) continue;
    const run = years.slice(start, i);
    parts.push(run.length >= 3 ? `${run[0]}–${run.at(-1)}` : run.join(', '));
    start = i;
  }
  return `các năm ${parts.join(', ')}`;
}

/**
 * Below this many (members, admitted, cells, target), a percentage misleads more than it tells:
 * 1 of 2 is "50%", 0 of 1 "giảm 100%", 11 admitted of a target of 2 "550%". Sentences then
 * give the counts instead. One rule for every share, change and achievement in a summary.
 */
export const SMALL_BASE = 10;

/** `35,4%` of `base`, or `undefined` when the base is below SMALL_BASE. */
export const shareOf = (part: number, base: number): string | undefined =>
  base >= SMALL_BASE ? formatPercent(part / base) : undefined;

/**
 * `tăng 12 người (4,3%)`, `giảm 3 người (1,0%)`, `không thay đổi`; from fewer than SMALL_BASE
 * the counts instead of a percent (`giảm 1 người (từ 2 xuống 1)`), from zero neither.
 * `inParentheses: false` gives `tăng 12 người, 4,3%`, for use inside a parenthesis.
 */
export function changeWords(now: number, before: number, noun = 'người', inParentheses = true): string {
  const diff = now - before;
  if (diff === 0) return 'không thay đổi';
  const words = `${diff > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(diff))} ${noun}`;
  if (before <= 0) return words;
  const detail =
    before < SMALL_BASE
      ? `từ ${formatNumber(before)} ${diff > 0 ? 'lên' : 'xuống'} ${formatNumber(now)}`
      : formatPercent(Math.abs(diff) / before);
  return inParentheses ? `${words} (${detail})` : `${words}, ${detail}`;
}

/** `tăng từ 46 lên 47`, `giảm từ 46 xuống 27`, `không thay đổi`: for counts of organizations. */
export function fromToWords(now: number, before: number): string {
  if (now === before) return 'không thay đổi';
  return now > before
    ? `tăng từ ${formatNumber(before)} lên ${formatNumber(now)}`
    : `giảm từ ${formatNumber(before)} xuống ${formatNumber(now)}`;
}

/**
 * How admissions compare with the target, after `kết nạp 12 đảng viên mới, `: `đạt 120% chỉ
 * tiêu (chỉ tiêu: 10), vượt 2 đảng viên`, `đạt đúng chỉ tiêu (chỉ tiêu: 10)`, `chưa đạt chỉ tiêu:
 * đạt 80% (chỉ tiêu: 10), còn thiếu 2 đảng viên`; a target below SMALL_BASE without a percent.
 */
export function targetWords(admitted: number, target: number): string {
  if (target === 0) return 'chỉ tiêu được giao là 0';
  const achieved = shareOf(admitted, target);
  const given = `(chỉ tiêu: ${formatNumber(target)})`;
  if (admitted === target) return `đạt đúng chỉ tiêu ${given}`;
  if (admitted > target) {
    const over = `${formatNumber(admitted - target)} đảng viên`;
    return achieved === undefined
      ? `vượt chỉ tiêu ${over} ${given}`
      : `đạt ${achieved} chỉ tiêu ${given}, vượt ${over}`;
  }
  // "Không kết nạp đảng viên mới nào" already says how far from the target.
  if (admitted === 0) return `chưa đạt chỉ tiêu ${given}`;
  const short = `còn thiếu ${formatNumber(target - admitted)} đảng viên`;
  return achieved === undefined
    ? `chưa đạt chỉ tiêu ${given}, ${short}`
    : `chưa đạt chỉ tiêu: đạt ${achieved} ${given}, ${short}`;
}

export const sentence = (text: string): string => `${capitalize(text)}.`;

export const paragraph = (sentences: readonly (string | undefined)[]): string =>
  sentences.filter((s): s is string => s !== undefined && s !== '').join(' ');

export const paragraphs = (list: readonly string[]): string[] => list.filter((p) => p !== '');

export const withoutFinalStop = (text: string): string => text.trim().replace(/[.;,]+$/, '');
