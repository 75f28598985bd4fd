/**
 * Sentences on the progress toward a term target (tiến độ thực hiện chỉ tiêu nhiệm kỳ): mid-term
 * ("Sau 3/5 năm của nhiệm kỳ 2020–2025, …; cần bình quân 240 đảng viên mỗi năm trong 2 năm còn
 * lại"), at the end of the term ("Cả nhiệm kỳ 2020–2025 …"), and before the term's first figures.
 * The same words on `/nhiem-ky/`, the topic pages and the province's summary.
 */
import {
  latestProgress,
  shareOf,
  type CountProgress,
  type ShareProgress,
  type TermProgress,
  type YearlyProgress,
} from '../../model/term-progress.ts';
import type { Province } from '../../model/province.ts';
import { termYears, type TermMeasure } from '../../model/terms.ts';
import { TERM_MEASURES } from '../../read/schemas.ts';
import { formatDate, formatDecimal, formatNumber, formatPercent } from '../format.ts';
import { endedOn } from '../unit-changes.ts';
import { endWords } from '../unit-names.ts';
import { paragraph, sentence, shareOf as shareWords, targetWords, yearsVi } from '../wording.ts';

/** `nhiệm kỳ 2020–2025`, with the dash of a range. */
export const termName = (term: string): string => {
  const { start, end } = termYears(term);
  return `nhiệm kỳ ${start}–${end}`;
};

type ShareMeasure = Exclude<TermMeasure, 'admitted_total' | 'admitted_yearly'>;

/** What a share counts, and what its part is: `tổ chức cơ sở đảng` … `hoàn thành tốt nhiệm vụ trở lên`. */
const SHARES: Readonly<Record<ShareMeasure, { readonly noun: string; readonly what: string }>> = {
  grassroots_good_share: { noun: 'tổ chức cơ sở đảng', what: 'hoàn thành tốt nhiệm vụ trở lên' },
  cells_good_share: { noun: 'chi bộ', what: 'hoàn thành tốt nhiệm vụ trở lên' },
  members_good_share: { noun: 'đảng viên', what: 'hoàn thành tốt nhiệm vụ trở lên' },
  secretary_as_head_share: {
    noun: 'chi bộ thôn, tổ dân phố',
    what: 'có bí thư đồng thời là trưởng thôn, tổ trưởng',
  },
};

const percentOf = (targetPercent: number): string => formatPercent(targetPercent / 100);

/** The target as a resolution states it: `kết nạp 1.500 đảng viên trong nhiệm kỳ`. */
export function targetPhrase(measure: TermMeasure, target: number): string {
  switch (measure) {
    case 'admitted_total':
      return `kết nạp ${formatNumber(target)} đảng viên trong nhiệm kỳ`;
    case 'admitted_yearly':
      return `kết nạp bình quân ${formatNumber(target)} đảng viên mỗi năm`;
    default: {
      const { noun, what } = SHARES[measure];
      return `hằng năm ${percentOf(target)} ${noun} ${what}`;
    }
  }
}

/**
 * `Sau 3/5 năm của nhiệm kỳ 2020–2025`; at its end `Cả nhiệm kỳ 2020–2025` (`Trong …` for a share,
 * judged year by year) or, with years missing, how many had figures.
 */
function when(progress: TermProgress, whole: 'cả' | 'trong'): string {
  const term = termName(progress.target.term);
  const { elapsed, figures, years, missing, ended } = progress;
  if (!ended) return `sau ${elapsed.length}/${years.length} năm của ${term}`;
  if (missing.length === 0 && elapsed.length === years.length) return `${whole} ${term}`;
  return `trong ${figures.length}/${years.length} năm ${missing.length > 0 ? 'có số liệu ' : ''}của ${term}`;
}

/** `Đảng bộ huyện A đã kết thúc hoạt động ngày 30/06/2025, trước khi hết nhiệm kỳ 2020–2025; …`. */
function stoppedNote(province: Province, progress: TermProgress, name: string): string | undefined {
  if (progress.stopped === undefined) return undefined;
  const on = endedOn(province, progress.target.unitId);
  return sentence(
    `${name} ${endWords(province, progress.target.unitId)}${on === undefined ? '' : ` ngày ${formatDate(on)}`}, trước khi hết ${termName(progress.target.term)}; số liệu đến hết năm ${progress.stopped}`,
  );
}

/** `Chưa có số liệu kết nạp năm 2022; …` where elapsed years had no figure. */
function missingNote(progress: TermProgress, topic: string): string | undefined {
  if (progress.missing.length === 0 || progress.figures.length === 0) return undefined;
  return sentence(
    `Chưa có số liệu ${topic} ${yearsVi(progress.missing)}; số trên chỉ tính các năm có số liệu`,
  );
}

function countWords(p: CountProgress, name: string): string[] {
  const target = p.target.target;
  if (p.ended) {
    return [
      sentence(
        `${when(p, 'cả')}, ${name} kết nạp ${formatNumber(p.done)} đảng viên, ${targetWords(p.done, target)}`,
      ),
    ];
  }
  const so = `${when(p, 'cả')}, ${name} đã kết nạp ${formatNumber(p.done)} đảng viên`;
  if (p.remaining === 0) {
    return [
      sentence(
        `${so}, ${p.done === target ? 'đạt' : 'vượt'} chỉ tiêu ${formatNumber(target)} của cả nhiệm kỳ khi còn ${p.yearsLeft} năm`,
      ),
    ];
  }
  const reached = shareWords(p.done, target);
  const pace = p.onPace ? 'đúng tiến độ' : 'chậm so với tiến độ';
  return [
    sentence(
      `${so}, ${reached === undefined ? '' : `đạt ${reached} `}chỉ tiêu ${formatNumber(target)}, ${pace}; cần bình quân ${formatNumber(p.pace)} đảng viên mỗi năm trong ${p.yearsLeft} năm còn lại`,
    ),
  ];
}

function yearlyWords(p: YearlyProgress, name: string): string[] {
  const target = formatNumber(p.target.target);
  const average = `bình quân ${formatDecimal(p.average)} đảng viên mỗi năm`;
  const verdict =
    p.average === undefined
      ? ''
      : p.average > p.target.target
        ? `vượt chỉ tiêu ${target} đảng viên mỗi năm`
        : p.onPace
          ? `đạt chỉ tiêu ${target} đảng viên mỗi năm`
          : `chưa đạt chỉ tiêu ${target} đảng viên mỗi năm`;
  const lead = `${when(p, 'cả')}, ${name} ${p.ended ? '' : 'đã '}kết nạp ${formatNumber(p.done)} đảng viên, ${average}, ${verdict}`;
  const pace =
    !p.ended && !p.onPace && p.pace !== undefined
      ? `; cần bình quân ${formatNumber(p.pace)} đảng viên mỗi năm trong ${p.yearsLeft} năm còn lại`
      : '';
  return [sentence(`${lead}${pace}`)];
}

function shareWordsOf(p: ShareProgress, name: string, measure: ShareMeasure): string[] {
  const { noun } = SHARES[measure];
  const counted = p.figures.length;
  const met = p.met.length;
  const target = `chỉ tiêu ${targetPhrase(measure, p.target.target)}`;
  const judged =
    met === 0
      ? `chưa có năm nào đạt ${target}`
      : met === counted
        ? `đạt ${target} ở cả ${met}/${counted} năm`
        : `có ${met}/${counted} năm đạt ${target}`;
  const latest = p.latest;
  const latestShare = latest && shareOf(latest);
  // A share just under the target can round to it (84,6% reads 85%): say whether it was met.
  const latestWords =
    latest === undefined || latestShare === undefined
      ? undefined
      : sentence(
          `Năm ${latest.year}, tỷ lệ này là ${formatPercent(latestShare)} (${formatNumber(latest.part)}/${formatNumber(latest.whole)} ${noun}), ${p.met.includes(latest.year) ? 'đạt' : 'chưa đạt'} chỉ tiêu`,
        );
  return [sentence(`${when(p, 'trong')}, ${name} ${judged}`), ...(latestWords ? [latestWords] : [])];
}

const TOPICS: Readonly<Record<TermMeasure, string>> = {
  admitted_total: 'kết nạp',
  admitted_yearly: 'kết nạp',
  grassroots_good_share: 'xếp loại tổ chức cơ sở đảng',
  cells_good_share: 'xếp loại chi bộ',
  members_good_share: 'xếp loại đảng viên',
  secretary_as_head_share: 'chi bộ thôn, tổ dân phố',
};

/**
 * What a unit's progress toward one target says: one sentence, or two for a share (the latest
 * year's figure), and a note on years without figures; before the term's first figures, the
 * target and when the term's years start.
 */
export function progressSentences(province: Province, progress: TermProgress, name: string): string {
  const { measure, target, term } = progress.target;
  const topic = TOPICS[measure];
  const stopped = stoppedNote(province, progress, name);
  if (progress.figures.length === 0) {
    const first = progress.years[0];
    const why =
      progress.elapsed.length === 0
        ? `chưa có số liệu năm nào trong nhiệm kỳ (nhiệm kỳ tính từ năm ${first})`
        : `chưa có số liệu ${topic} ${yearsVi(progress.elapsed)}`;
    return paragraph([
      stopped,
      sentence(`Chỉ tiêu ${termName(term)} của ${name}: ${targetPhrase(measure, target)}; ${why}`),
    ]);
  }
  const main =
    progress.kind === 'count'
      ? countWords(progress, name)
      : progress.kind === 'yearly'
        ? yearlyWords(progress, name)
        : shareWordsOf(progress, name, measure as ShareMeasure);
  return paragraph([stopped, ...main, missingNote(progress, topic)]);
}

/**
 * The province's progress toward its targets for `measures` (a topic page's, or all on the
 * province's summary, all of them), each from the latest term that has begun: empty without such a target.
 * The province is named once, then `toàn Đảng bộ`.
 */
export function provinceTermProgress(
  province: Province,
  measures: readonly TermMeasure[] = TERM_MEASURES.map((m) => m.value),
): string {
  const root = province.root.id;
  const found = measures.flatMap((measure) => latestProgress(province, root, measure) ?? []);
  return paragraph(
    found.map((progress, i) =>
      progressSentences(province, progress, i === 0 ? province.root.name : 'toàn Đảng bộ'),
    ),
  );
}
