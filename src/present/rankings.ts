/**
 * Rankings by admission target achievement (tỷ lệ đạt chỉ tiêu kết nạp) on `/ket-nap/`. Equal
 * achievements share a rank (1, 2, 2, 4) and are listed by name, so neither input order nor a
 * reversed list decides who comes first. Units with a tiny target are not ranked: with a target
 * of 2, one admission more or less moves the rate by 50 points, and the top of the ranking was
 * made of the smallest units (11 admitted of a target of 2 = 550%).
 */
import { collator } from '../model/units.ts';
import { formatNumber, formatPercent } from './format.ts';
import { sentence } from './wording.ts';

/** Units whose admission target is below this are listed apart, not ranked. */
export const MIN_RANKED_TARGET = 5;

export interface Achievement {
  readonly name: string;
  readonly admitted: number;
  /** Positive: units without a target (or with 0) have no rate and are left out before ranking. */
  readonly target: number;
}

export type Ranked<T> = T & { readonly rank: number };

/** Competition ranks (1, 2, 2, 4) down a list already in order: a unit tied with the one above shares its rank. */
function withRanks<T>(sorted: readonly T[], tied: (a: T, b: T) => boolean): Ranked<T>[] {
  const ranked: Ranked<T>[] = [];
  sorted.forEach((unit, i) => {
    const previous = ranked[i - 1];
    ranked.push({ ...unit, rank: previous && tied(previous, unit) ? previous.rank : i + 1 });
  });
  return ranked;
}

/** Best first, by exact fractions: no rounding can split a tie (2/4 and 3/6) or make one. */
const byAchievement = (a: Achievement, b: Achievement): number =>
  b.admitted * a.target - a.admitted * b.target || collator.compare(a.name, b.name);

const tied = (a: Achievement, b: Achievement) => a.admitted * b.target === b.admitted * a.target;

/**
 * The units with a target of at least MIN_RANKED_TARGET, best first with competition ranks,
 * and the others apart, by name.
 */
export function rankByAchievement<T extends Achievement>(
  units: readonly T[],
): { readonly ranked: Ranked<T>[]; readonly apart: T[] } {
  const ranked = withRanks(units.filter((u) => u.target >= MIN_RANKED_TARGET).sort(byAchievement), tied);
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
 * ranks: equal fractions share a rank and are listed by name.
 */
export function rankByProgress<T extends Progress>(units: readonly T[]): Ranked<T>[] {
  const sorted = [...units].sort(
    (a, b) => b.done * a.goal - a.done * b.goal || collator.compare(a.name, b.name),
  );
  return withRanks(sorted, (a, b) => a.done * b.goal === b.done * a.goal);
}

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

const achievementWords = (u: Achievement): string =>
  u.admitted === 0
    ? 'chưa kết nạp được đảng viên nào'
    : `đạt ${formatPercent(u.admitted / u.target)} chỉ tiêu`;

/**
 * What a ranking covers and the rule it follows, said on the page: `Xếp hạng 80 tổ chức cơ sở
 * đảng có chỉ tiêu kết nạp từ 5 đảng viên trở lên năm 2025; …`
 */
export function rankingRule(kind: string, ranked: number, year: number): string {
  return [
    sentence(
      `Xếp hạng ${formatNumber(ranked)} ${kind} có chỉ tiêu kết nạp từ ${MIN_RANKED_TARGET} đảng viên trở lên năm ${year}; ` +
        'đơn vị có cùng tỷ lệ đạt chỉ tiêu thì cùng hạng, ghi theo thứ tự tên',
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
