/** Among the organizations directly under a unit: who rose or fell most, who reached the target. */
import { comparable, type Reading } from '../../model/coverage.ts';
import { yearEnd, type Unit } from '../../model/units.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { MIN_RANKED_TARGET } from '../rankings.ts';
import { changeWords, listVi, paragraph, sentence } from '../wording.ts';
import type { Context } from './context.ts';

export interface Ranked {
  readonly unit: Unit;
  /** As the page names it (Context.names). */
  readonly name: string;
  readonly score: number;
  readonly words: string;
}

/** `ở A (tăng 40 người, 3,3%)`, or `ở A và B (cùng tăng 5 người)` when tied. */
export function named(best: readonly Ranked[], tiedWords: (r: Ranked) => string): string {
  const top = best[0];
  if (!top) return '';
  const tied = best.filter((r) => r.score === top.score);
  if (tied.length === 1) return `ở ${top.name} (${top.words})`;
  const names = tied.map((r) => r.name);
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} tổ chức khác`] : names;
  return `ở ${listVi(shown)} (cùng ${tiedWords(top)})`;
}

/**
 * Among direct subordinates: largest rise and fall in members. `before` gives a subordinate's
 * members of the year before, counted on today's organization for a unit a restructuring formed
 * or reshaped (topics.ts membersOnToday).
 */
export function memberOutliers(
  c: Context,
  withLargest: boolean,
  before: (child: Unit) => Reading | undefined,
): string {
  const { province, read, unit, year, previous } = c;
  const children = province.tree.childrenAt(unit.id, yearEnd(year)).filter((u) => u.level !== 'cell');
  const sentences: string[] = [];
  if (withLargest) {
    const sizes = children
      .map((child) => ({ unit: child, members: read.value(province.members, child.id, year, 'members') }))
      .filter((x): x is { unit: Unit; members: number } => x.members !== undefined)
      .sort((a, b) => b.members - a.members);
    const largest = sizes[0];
    if (sizes.length >= 2 && largest) {
      sentences.push(
        sentence(
          `Trong các tổ chức đảng trực thuộc, đông đảng viên nhất là ${c.names(largest.unit.id)} (${formatNumber(largest.members)} đảng viên)`,
        ),
      );
    }
  }
  if (previous === undefined) return paragraph(sentences);
  const changes: Ranked[] = [];
  for (const child of children) {
    const pair = comparable(read.reading(province.members, child, year, 'members'), before(child));
    if (!pair) continue;
    const diff = pair[0].value - pair[1].value;
    changes.push({
      unit: child,
      name: c.names(child.id),
      score: diff,
      words: changeWords(pair[0].value, pair[1].value, 'người', false),
    });
  }
  if (changes.length < 2) return paragraph(sentences);
  const rises = changes.filter((r) => r.score > 0).sort((a, b) => b.score - a.score);
  const falls = changes.filter((r) => r.score < 0).sort((a, b) => a.score - b.score);
  const tied = (r: Ranked) => `${r.score > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(r.score))} người`;
  const parts: string[] = [];
  if (rises.length > 0) parts.push(`tăng nhiều nhất ${named(rises, tied)}`);
  if (falls.length > 0) parts.push(`giảm nhiều nhất ${named(falls, tied)}`);
  if (parts.length > 0) {
    sentences.push(
      sentence(`So với năm ${previous}, số đảng viên của các tổ chức đảng trực thuộc ${parts.join(', ')}`),
    );
  } else {
    sentences.push(
      sentence(
        `So với năm ${previous}, số đảng viên của các tổ chức đảng trực thuộc có số liệu không thay đổi`,
      ),
    );
  }
  return paragraph(sentences);
}

/**
 * Among direct subordinates with a target: how many reached it, and the highest and the lowest
 * achievement among those whose target is at least MIN_RANKED_TARGET, as the rankings on the same pages (11 admitted of a target of 2,
 * "550%", would top every list).
 */
export function targetOutliers(c: Context): string {
  const { province, read, unit, year } = c;
  const ranked: (Ranked & { readonly target: number })[] = [];
  for (const child of province.tree.childrenAt(unit.id, yearEnd(year))) {
    if (child.level === 'cell' || child.level === 'subcommittee') continue;
    const pair = comparable(
      read.reading(province.admissions, child, year, 'admitted'),
      read.reading(province.admissions, child, year, 'target'),
    );
    if (!pair || pair[1].value === 0) continue;
    const score = pair[0].value / pair[1].value;
    ranked.push({
      unit: child,
      name: c.names(child.id),
      score,
      target: pair[1].value,
      words: score === 0 ? 'không kết nạp đảng viên mới nào' : formatPercent(score),
    });
  }
  if (ranked.length < 2) return '';
  const reached = ranked.filter((r) => r.score >= 1).length;
  const sentences = [
    sentence(
      `Năm ${year}, trong ${formatNumber(ranked.length)} tổ chức đảng trực thuộc có số liệu chỉ tiêu kết nạp, ${
        reached === ranked.length
          ? 'tất cả đều đạt hoặc vượt chỉ tiêu'
          : reached === 0
            ? 'chưa tổ chức nào đạt chỉ tiêu'
            : `${formatNumber(reached)} tổ chức đạt hoặc vượt chỉ tiêu`
      }`,
    ),
  ];
  const compared = ranked.filter((r) => r.target >= MIN_RANKED_TARGET);
  const high = [...compared].sort((a, b) => b.score - a.score);
  const low = [...compared].sort((a, b) => a.score - b.score);
  if (compared.length >= 2 && (high[0]?.score ?? 0) !== (low[0]?.score ?? 0)) {
    const tied = (r: Ranked) => (r.score === 0 ? r.words : `đạt ${r.words}`);
    const among =
      compared.length < ranked.length
        ? `trong các tổ chức có chỉ tiêu từ ${formatNumber(MIN_RANKED_TARGET)} đảng viên trở lên, `
        : '';
    sentences.push(
      sentence(`${among}tỷ lệ đạt chỉ tiêu cao nhất ${named(high, tied)}, thấp nhất ${named(low, tied)}`),
    );
  }
  return paragraph(sentences);
}
