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
import { formatDate, formatNumber, formatPercent, formatPercentAgainst } from '../format.ts';
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
export function stoppedNote(province: Province, progress: TermProgress, name: string): string | undefined {
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

/** What the total admitted says against the target, after `kết nạp 1.020 đảng viên, `. */
function countVerdict(p: CountProgress): { readonly verdict: string; readonly pace: string | undefined } {
  const target = p.target.target;
  if (p.ended) return { verdict: targetWords(p.done, target), pace: undefined };
  if (p.remaining === 0) {
    return {
      verdict: `${p.done === target ? 'đạt' : 'vượt'} chỉ tiêu ${formatNumber(target)} của cả nhiệm kỳ khi còn ${p.yearsLeft} năm`,
      pace: undefined,
    };
  }
  const reached = shareWords(p.done, target);
  return {
    verdict: `${reached === undefined ? '' : `đạt ${reached} `}chỉ tiêu ${formatNumber(target)}, ${p.onPace ? 'đúng tiến độ' : 'chậm so với tiến độ'}`,
    pace: `cần bình quân ${formatNumber(p.pace)} đảng viên mỗi năm trong ${p.yearsLeft} năm còn lại`,
  };
}

/**
 * A yearly average of people in whole people; where rounding would make it read as the target
 * it has not reached (or only just passed), `gần 1.500` / `hơn 1.500`.
 */
function averagePeople(average: number, target: number): string {
  const whole = Math.round(average);
  if (whole !== target || average === target) return formatNumber(whole);
  return `${average < target ? 'gần' : 'hơn'} ${formatNumber(whole)}`;
}

/** `bình quân 1.536 đảng viên mỗi năm, vượt chỉ tiêu 1.500 đảng viên mỗi năm`. */
function yearlyVerdict(p: YearlyProgress): { readonly words: string; readonly pace: string | undefined } {
  const target = p.target.target;
  if (p.average === undefined) return { words: '', pace: undefined };
  const goal = `chỉ tiêu ${formatNumber(target)} đảng viên mỗi năm`;
  const verdict = p.average > target ? 'vượt' : p.onPace ? 'đạt' : 'chưa đạt';
  return {
    words: `bình quân ${averagePeople(p.average, target)} đảng viên mỗi năm, ${verdict} ${goal}`,
    pace:
      !p.ended && !p.onPace && p.pace !== undefined
        ? `cần bình quân ${formatNumber(p.pace)} đảng viên mỗi năm trong ${p.yearsLeft} năm còn lại`
        : undefined,
  };
}

/** `Cả nhiệm kỳ 2020–2025, Đảng bộ … kết nạp` (`đã kết nạp` before the term ends). */
const admittedLead = (p: CountProgress | YearlyProgress, name: string): string =>
  `${when(p, 'cả')}, ${name} ${p.ended ? '' : 'đã '}kết nạp ${formatNumber(p.done)} đảng viên`;

const joined = (parts: readonly (string | undefined)[], by: string): string =>
  parts.filter((part): part is string => part !== undefined && part !== '').join(by);

function countWords(p: CountProgress, name: string): string[] {
  const { verdict, pace } = countVerdict(p);
  return [sentence(joined([`${admittedLead(p, name)}, ${verdict}`, pace], '; '))];
}

function yearlyWords(p: YearlyProgress, name: string): string[] {
  const { words, pace } = yearlyVerdict(p);
  return [sentence(joined([joined([admittedLead(p, name), words], ', '), pace], '; '))];
}

/** `82%`; `84,6%` where a share under its target of 85% would round to it. */
const latestShareText = (p: ShareProgress, share: number): string =>
  formatPercentAgainst(share, p.target.target / 100);

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
  // A share just under the target is given with the decimals that show it (84,6%, not 85%).
  const latestWords =
    latest === undefined || latestShare === undefined
      ? undefined
      : sentence(
          `Năm ${latest.year}, tỷ lệ này là ${latestShareText(p, latestShare)} (${formatNumber(latest.part)}/${formatNumber(latest.whole)} ${noun}), ${p.met.includes(latest.year) ? 'đạt' : 'chưa đạt'} chỉ tiêu`,
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
 * target and when the term's years start. `stoppedSaid`: the unit's end was said once for all its
 * targets.
 */
export function progressSentences(
  province: Province,
  progress: TermProgress,
  name: string,
  stoppedSaid = false,
): string {
  const { measure, target, term } = progress.target;
  const topic = TOPICS[measure];
  const stopped = stoppedSaid ? undefined : stoppedNote(province, progress, name);
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
  // The note on a unit that ended has named it: the result then says `đơn vị`, not the name again.
  const subject = stopped === undefined ? name : 'đơn vị';
  const main =
    progress.kind === 'count'
      ? countWords(progress, subject)
      : progress.kind === 'yearly'
        ? yearlyWords(progress, subject)
        : shareWordsOf(progress, subject, measure as ShareMeasure);
  return paragraph([stopped, ...main, missingNote(progress, topic)]);
}

/** `90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên đạt 1/5 năm (năm 2025: 82%)`. */
function shareClause(p: ShareProgress, measure: ShareMeasure): string {
  const { noun, what } = SHARES[measure];
  const met = p.met.length;
  const counted = `${p.figures.length} năm${p.missing.length > 0 ? ' có số liệu' : ''}`;
  const judged =
    met === 0 ? 'chưa năm nào đạt' : met === p.figures.length ? `đạt cả ${counted}` : `đạt ${met}/${counted}`;
  const latest = p.latest;
  const share = latest && shareOf(latest);
  // With some years met and some not, whether the latest was is not implied.
  const verdict =
    latest === undefined || met === 0 || met === p.figures.length
      ? ''
      : p.met.includes(latest.year)
        ? ', đạt'
        : ', chưa đạt';
  const latestWords =
    latest === undefined || share === undefined
      ? ''
      : ` (năm ${latest.year}: ${latestShareText(p, share)}${verdict})`;
  return `${percentOf(p.target.target)} ${noun} ${what} ${judged}${latestWords}`;
}

/**
 * One term's targets in a short paragraph: the term and the unit named once, the admitted total
 * and the yearly average in one sentence, the shares' years met in another.
 */
function termSummary(province: Province, list: readonly TermProgress[], name: string): string {
  // Before the first figures, or for a province that ended, the full sentences say why.
  const full = list.filter((p) => p.figures.length === 0 || p.stopped !== undefined);
  const count = list.find((p): p is CountProgress => p.kind === 'count' && !full.includes(p));
  const yearly = list.find((p): p is YearlyProgress => p.kind === 'yearly' && !full.includes(p));
  const shares = list.filter((p): p is ShareProgress => p.kind === 'share' && !full.includes(p));
  const admitted = count ?? yearly;
  const byCount = count && countVerdict(count);
  const byYearly = yearly && yearlyVerdict(yearly);
  // The total's verdict, then the average's, then what remains to do.
  const admissions =
    admitted &&
    sentence(
      joined(
        [
          joined([admittedLead(admitted, name), byCount?.verdict ?? byYearly?.words], ', '),
          ...(byCount ? [byYearly?.words, byCount.pace] : [byYearly?.pace]),
        ],
        '; ',
      ),
    );
  // One share alone (a topic page's) reads best in full; after the admissions sentence the term
  // and the unit are known.
  if (!admitted && shares.length === 1 && shares[0] !== undefined) {
    const [only] = shares;
    return paragraph([
      ...shareWordsOf(only, name, only.target.measure as ShareMeasure),
      ...full.map((p) => progressSentences(province, p, name)),
    ]);
  }
  const whose =
    admitted || shares[0] === undefined ? '' : `${when(shares[0], 'trong')}, chỉ tiêu hằng năm của ${name}`;
  const shareWords =
    shares.length === 0
      ? undefined
      : sentence(
          `${whose || 'chỉ tiêu hằng năm'}: ${shares.map((p) => shareClause(p, p.target.measure as ShareMeasure)).join('; ')}`,
        );
  return paragraph([
    admissions,
    admitted && missingNote(admitted, TOPICS[admitted.target.measure]),
    shareWords,
    ...full.map((p) => progressSentences(province, p, name)),
  ]);
}

/**
 * The province's progress toward its targets for `measures` (a topic page's, or all on the
 * province's summary, all of them), each from the latest term that has begun: empty without such
 * a target. The province is named once, then `toàn Đảng bộ`.
 */
export function provinceTermProgress(
  province: Province,
  measures: readonly TermMeasure[] = TERM_MEASURES.map((m) => m.value),
): string {
  const root = province.root.id;
  const found = measures.flatMap((measure) => latestProgress(province, root, measure) ?? []);
  const byTerm = Map.groupBy(found, (p) => p.target.term);
  return paragraph(
    [...byTerm.values()].map((list, i) =>
      termSummary(province, list, i === 0 ? province.root.name : 'toàn Đảng bộ'),
    ),
  );
}
