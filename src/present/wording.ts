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
 * `tăng 12 người (4,3%)`, `giảm 3 người (1%)`, `không thay đổi`; no percent from zero.
 * `inParentheses: false` gives `tăng 12 người, 4,3%`, for use inside a parenthesis.
 */
export function changeWords(now: number, before: number, noun = 'người', inParentheses = true): string {
  const diff = now - before;
  if (diff === 0) return 'không thay đổi';
  const words = `${diff > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(diff))} ${noun}`;
  if (before <= 0) return words;
  const percent = formatPercent(Math.abs(diff) / before);
  return inParentheses ? `${words} (${percent})` : `${words}, ${percent}`;
}

/** `tăng từ 46 lên 47`, `giảm từ 46 xuống 27`, `không thay đổi`: for counts of organizations. */
export function fromToWords(now: number, before: number): string {
  if (now === before) return 'không thay đổi';
  return now > before
    ? `tăng từ ${formatNumber(before)} lên ${formatNumber(now)}`
    : `giảm từ ${formatNumber(before)} xuống ${formatNumber(now)}`;
}

/** `đạt 120% chỉ tiêu (chỉ tiêu: 10), vượt 2 đảng viên`, `chưa đạt chỉ tiêu: đạt 80% (…)`. */
export function targetWords(admitted: number, target: number): string {
  if (target === 0) return 'chỉ tiêu được giao là 0';
  const achieved = formatPercent(admitted / target);
  const given = `(chỉ tiêu: ${formatNumber(target)})`;
  if (admitted > target) {
    return `đạt ${achieved} chỉ tiêu ${given}, vượt ${formatNumber(admitted - target)} đảng viên`;
  }
  if (admitted === target) return `đạt ${achieved} chỉ tiêu ${given}`;
  return `chưa đạt chỉ tiêu: đạt ${achieved} ${given}, còn thiếu ${formatNumber(target - admitted)} đảng viên`;
}

export const sentence = (text: string): string => `${capitalize(text)}.`;

export const paragraph = (sentences: readonly (string | undefined)[]): string =>
  sentences.filter((s): s is string => s !== undefined && s !== '').join(' ');

export const paragraphs = (list: readonly string[]): string[] => list.filter((p) => p !== '');

export const withoutFinalStop = (text: string): string => text.trim().replace(/[.;,]+$/, '');
