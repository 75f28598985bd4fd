/**
 * Rankings by admission target achievement (tỷ lệ đạt chỉ tiêu kết nạp) on `/ket-nap/`. Ranks
 * follow the rates as the ranking's table shows them: rates that read the same share a rank
 * (1, 2, 2, 4) and are listed by name, so a reader never sees two equal rates ranked apart, and
 * neither input order nor a reversed list decides who comes first. Units with a tiny target are not ranked: with a target
 * of 2, one admission more or less moves the rate by 50 points, and the top of the ranking was
 * made of the smallest units (11 admitted of a target of 2 = 550%).
 */
import { collator } from '../model/units.ts';
import { formatNumber, formatPercent, formatPercentFixed, percentDigits } from './format.ts';
import { sentence } from './wording.ts';

/** What a ranking's rule says of the rates it ranks on: those of its table, rounded. */
export const AS_SHOWN = 'như ghi trong bảng (đã làm tròn)';

/** Units whose admission target is below this are listed apart, not ranked. */
export const MIN_RANKED_TARGET = 5;

export interface Achievement {
  readonly name: string;
  readonly admitted: number;
  /** Positive: units without a target (or with 0) have no rate and are left out before ranking. */
  readonly target: number;
}

export type Ranked<T> = T & {
  readonly rank: number;
  /** Its rate as the ranking's table shows it, with the decimals of the whole column. */
  readonly shown: string;
};

/**
 * Best first with competition ranks (1, 2, 2, 4) on the rates as shown, all with the same
 * decimals (format.ts percentDigits, as a chart or table of them prints them): units whose rates
 * read the same share a rank and are listed by name.
 */
function rankShown<T extends { readonly name: string }>(
  units: readonly T[],
  rate: (unit: T) => number,
): Ranked<T>[] {
  const digits = percentDigits(units.map(rate));
  // Rounding keeps the order, so units whose rates read the same end up next to each other.
  const sorted = [...units]
    .sort((a, b) => rate(b) - rate(a))
    .map((unit) => ({ unit, shown: formatPercentFixed(rate(unit), digits) }));
  const ranked: Ranked<T>[] = [];
  for (let start = 0; start < sorted.length;) {
    const shown = sorted[start]?.shown;
    let end = start;
    while (end < sorted.length && sorted[end]?.shown === shown) end += 1;
    const group = sorted.slice(start, end).sort((a, b) => collator.compare(a.unit.name, b.unit.name));
    for (const { unit } of group) ranked.push({ ...unit, rank: start + 1, shown: shown ?? '' });
    start = end;
  }
  return ranked;
}

/**
 * The units with a target of at least MIN_RANKED_TARGET, best first with competition ranks,
 * and the others apart, by name.
 */
export function rankByAchievement<T extends Achievement>(
  units: readonly T[],
): { readonly ranked: Ranked<T>[]; readonly apart: T[] } {
  const ranked = rankShown(
    units.filter((u) => u.target >= MIN_RANKED_TARGET),
    (u) => u.admitted / u.target,
  );
  const apart = units
    .filter((u) => u.target < MIN_RANKED_TARGET)
    .sort((a, b) => collator.compare(a.name, b.name));
  return { ranked, apart };
}

/** Progress toward a term target as an exact fraction: `done` of `goal` (rank by done / goal). */
export interface Progress {
  readonly name: string;
  readonly done: number;
  /** Positive. */
  readonly goal: number;
}

/**
 * Units by progress toward their term targets (`/nhiem-ky/`), furthest first, with competition
 * ranks on the rates as shown: rates that read the same share a rank and are listed by name.
 */
export const rankByProgress = <T extends Progress>(units: readonly T[]): Ranked<T>[] =>
  rankShown(units, (u) => u.done / u.goal);

/**
 * The `size` lowest-ranked units, worst first; units sharing a rank stay in name order, as in
 * the ranking itself.
 */
export function lowest<T>(ranked: readonly Ranked<T>[], size: number): Ranked<T>[] {
  return [...ranked].sort((a, b) => b.rank - a.rank).slice(0, size);
}

/**
 * Where a list of `shown` units stops inside a group sharing a rank: how many more share it,
 * in a sentence; `undefined` when the list ends with the group.
 */
export function sharedRankBeyond<T extends Achievement>(
  ranked: readonly Ranked<T>[],
  shown: readonly Ranked<T>[],
  kind: string,
): string | undefined {
  const last = shown.at(-1);
  if (!last) return undefined;
  const listed = new Set(shown);
  const more = ranked.filter((r) => r.rank === last.rank && !listed.has(r)).length;
  if (more === 0) return undefined;
  return sentence(
    `Ngoài các đơn vị trong bảng, còn ${formatNumber(more)} ${kind} khác cùng hạng ${formatNumber(last.rank)} (${achievementWords(last)}), xếp theo tên sau các đơn vị trên`,
  );
}

const achievementWords = (u: Ranked<Achievement>): string =>
  u.admitted === 0 ? 'chưa kết nạp được đảng viên nào' : `đạt ${u.shown} chỉ tiêu`;

/**
 * What a ranking covers and the rule it follows, said on the page: `Xếp hạng 80 tổ chức cơ sở
 * đảng có chỉ tiêu kết nạp từ 5 đảng viên trở lên năm 2025; …`
 */
export function rankingRule(kind: string, ranked: number, year: number): string {
  return [
    sentence(
      `Xếp hạng ${formatNumber(ranked)} ${kind} có chỉ tiêu kết nạp từ ${MIN_RANKED_TARGET} đảng viên trở lên năm ${year}; ` +
        `đơn vị có cùng tỷ lệ đạt chỉ tiêu ${AS_SHOWN} thì cùng hạng, ghi theo thứ tự tên`,
    ),
    sentence(
      `Đơn vị có chỉ tiêu dưới ${MIN_RANKED_TARGET} đảng viên không xếp hạng, vì với chỉ tiêu nhỏ, kết nạp thêm hay bớt ` +
        `một người đã làm tỷ lệ đạt chỉ tiêu thay đổi từ ${formatPercent(1 / (MIN_RANKED_TARGET - 1))} trở lên; ` +
        'đơn vị không có chỉ tiêu kết nạp cũng không xếp hạng',
    ),
  ].join(' ');
}

/** `Trong 99 tổ chức cơ sở đảng có chỉ tiêu dưới 5 đảng viên, 60 tổ chức đạt hoặc vượt chỉ tiêu, 39 tổ chức chưa đạt.` */
export function apartSummary(kind: string, apart: readonly Achievement[]): string | undefined {
  if (apart.length === 0) return undefined;
  const reached = apart.filter((u) => u.admitted >= u.target).length;
  const missed = apart.length - reached;
  const outcome =
    missed === 0
      ? 'tất cả đều đạt hoặc vượt chỉ tiêu'
      : reached === 0
        ? 'chưa đơn vị nào đạt chỉ tiêu'
        : `${formatNumber(reached)} đơn vị đạt hoặc vượt chỉ tiêu, ${formatNumber(missed)} đơn vị chưa đạt`;
  return sentence(
    `Trong ${formatNumber(apart.length)} ${kind} có chỉ tiêu kết nạp dưới ${MIN_RANKED_TARGET} đảng viên (không xếp hạng), ${outcome}`,
  );
}
