/**
 * Sentences about a unit's committee (cấp ủy) for the term in office and the one before, and
 * about its members' annual quality rating and the party badges they were awarded (contract v2
 * B). Plain text like the other narrative modules: a missing figure is said to be missing.
 */
import { comparable, sameScope, type Reading } from '../../model/coverage.ts';
import type { Committee } from '../../model/terms.ts';
import { RATINGS } from '../../read/schemas.ts';
import { formatDate, formatNumber, formatPercent } from '../format.ts';
import { listVi, paragraph, paragraphs, sentence, shareOf, SMALL_BASE } from '../wording.ts';
import { scopePrefix, type Context } from './context.ts';

/** The executive committee's make-up, in the contract's order, as a sentence says each trait. */
export const COMPOSITION = [
  { key: 'women', label: 'nữ', trait: 'nữ' },
  { key: 'under_40', label: 'dưới 40 tuổi', trait: 'dưới 40 tuổi' },
  { key: 'ethnic_minority', label: 'dân tộc thiểu số', trait: 'là người dân tộc thiểu số' },
  { key: 'higher_education', label: 'đại học trở lên', trait: 'có trình độ đại học trở lên' },
  {
    key: 'theory_advanced',
    label: 'cao cấp lý luận chính trị',
    trait: 'có trình độ cao cấp lý luận chính trị',
  },
  { key: 'first_time', label: 'tham gia lần đầu', trait: 'tham gia cấp ủy lần đầu' },
] as const satisfies readonly { key: keyof Committee; label: string; trait: string }[];

export type CompositionKey = (typeof COMPOSITION)[number]['key'];

/** `2020–2025`: a term as the site writes it. */
export const termText = (c: Pick<Committee, 'start' | 'end'>): string => `${c.start}–${c.end}`;

/** A chi bộ cơ sở elects a chi ủy, every đảng bộ a Ban Chấp hành. */
export const executiveBody = (unitName: string): string =>
  /^chi bộ/iu.test(unitName) ? 'Chi ủy' : 'Ban Chấp hành';

/** `được bầu tại đại hội ngày 15/07/2020`, `được chỉ định ngày 01/07/2025`; undefined when not known. */
function howFormed(c: Committee): string | undefined {
  const on = c.congress_date === undefined ? '' : ` ngày ${formatDate(c.congress_date)}`;
  if (c.appointed === 'yes') return `được chỉ định${on}`;
  if (c.congress_date !== undefined) return `được bầu tại đại hội${on}`;
  return c.appointed === 'no' ? 'do đại hội bầu' : undefined;
}

/** `5 ủy viên nữ (33%)`: a share only of a committee of SMALL_BASE members or more. */
function traitWords(count: number, trait: string, size: number): string {
  const share = shareOf(count, size);
  return `${formatNumber(count)} ủy viên ${trait}${share === undefined ? '' : ` (${share})`}`;
}

/** The committee's size and how it was formed: the first sentence of the section. */
function sizeSentence(unitName: string, c: Committee): string {
  const how = howFormed(c);
  const others = [
    c.standing_committee === undefined
      ? undefined
      : `Ban Thường vụ ${formatNumber(c.standing_committee)} ủy viên`,
    c.inspection_committee === undefined
      ? undefined
      : `Ủy ban Kiểm tra ${formatNumber(c.inspection_committee)} ủy viên`,
  ].filter((s): s is string => s !== undefined);
  return sentence(
    `${executiveBody(unitName)} ${unitName} nhiệm kỳ ${termText(c)} gồm ${formatNumber(c.executive_committee)} ủy viên` +
      (how === undefined ? '' : `, ${how}`) +
      (others.length === 0 ? '' : `; ${others.join(', ')}`),
  );
}

function compositionSentences(unitName: string, c: Committee): string[] {
  const body = executiveBody(unitName);
  const known = COMPOSITION.filter((t) => c[t.key] !== undefined);
  const missing = COMPOSITION.filter((t) => c[t.key] === undefined);
  const some = known.filter((t) => (c[t.key] ?? 0) > 0);
  const none = known.filter((t) => c[t.key] === 0);
  const parts = [
    ...(some.length === 0
      ? []
      : [`có ${listVi(some.map((t) => traitWords(c[t.key] ?? 0, t.trait, c.executive_committee)))}`]),
    ...(none.length === 0 ? [] : [listVi(none.map((t) => `không có ủy viên ${t.trait}`))]),
  ];
  return [
    ...(parts.length === 0 ? [] : [sentence(`Trong ${body} ${parts.join('; ')}`)]),
    ...(missing.length === 0
      ? []
      : known.length === 0
        ? [sentence(`Chưa có số liệu về cơ cấu ${body}`)]
        : [sentence(`Chưa có số liệu về số ủy viên ${listVi(missing.map((t) => t.label))}`)]),
  ];
}

/** `tỷ lệ ủy viên nữ tăng từ 27% lên 33%`, or counts where either committee is under SMALL_BASE. */
function traitChange(
  trait: string,
  now: Committee,
  before: Committee,
  key: CompositionKey,
): string | undefined {
  const [a, b] = [now[key], before[key]];
  if (a === undefined || b === undefined) return undefined;
  const shares = now.executive_committee >= SMALL_BASE && before.executive_committee >= SMALL_BASE;
  const [from, to] = shares
    ? [formatPercent(b / before.executive_committee), formatPercent(a / now.executive_committee)]
    : [formatNumber(b), formatNumber(a)];
  const what = `${shares ? 'tỷ lệ' : 'số'} ủy viên ${trait}`;
  if (from === to) return `${what} không đổi (${to})`;
  const up = shares ? a / now.executive_committee > b / before.executive_committee : a > b;
  return `${what} ${up ? 'tăng' : 'giảm'} từ ${from} ${up ? 'lên' : 'xuống'} ${to}`;
}

function comparisonSentence(unitName: string, now: Committee, before: Committee): string {
  const body = executiveBody(unitName);
  const [a, b] = [now.executive_committee, before.executive_committee];
  const size =
    a === b
      ? `số ủy viên ${body} không đổi (${formatNumber(a)})`
      : `số ủy viên ${body} ${a > b ? 'tăng' : 'giảm'} từ ${formatNumber(b)} ${a > b ? 'lên' : 'xuống'} ${formatNumber(a)}`;
  const traits = COMPOSITION.map((t) => traitChange(t.trait, now, before, t.key)).filter(
    (s): s is string => s !== undefined,
  );
  return sentence(`So với nhiệm kỳ ${termText(before)}, ${[size, ...traits].join('; ')}`);
}

/**
 * The committee in office (and whether its secretary also chairs the people's committee), then
 * how it compares with the previous term's: plain-text paragraphs, none without a committee.
 */
export function committeeParagraphs(
  unitName: string,
  current: Committee | undefined,
  previous: Committee | undefined,
): string[] {
  if (!current) return [];
  return paragraphs([
    paragraph([
      sizeSentence(unitName, current),
      ...compositionSentences(unitName, current),
      current.secretary_as_chair === 'yes'
        ? sentence('Bí thư đồng thời là Chủ tịch Ủy ban nhân dân')
        : undefined,
    ]),
    previous ? comparisonSentence(unitName, current, previous) : '',
  ]);
}

/** Each rating with the members.csv column that counts members so rated. */
export const RATED = RATINGS.map((r) => ({ ...r, key: `members_${r.value}` as const }));

export interface RatedMembers {
  readonly byRating: Readonly<Record<(typeof RATINGS)[number]['value'], Reading | undefined>>;
  /** The members rated: the sum of the ratings reported. */
  readonly rated: number;
  /** What the ratings' sums cover (the same organizations for all of them). */
  readonly scope: Reading['scope'];
}

/** The members rated in `year` by rating, or undefined when none reported or over different organizations. */
export function ratedMembers(c: Context, year: number): RatedMembers | undefined {
  const readings = RATED.map((r) => c.read.reading(c.province.members, c.unit, year, r.key));
  const given = readings.filter((r): r is Reading => r !== undefined);
  const scope = given[0]?.scope;
  // Shares over counts from different organizations would not add up to 100%.
  if (!scope || given.some((r) => !sameScope(r.scope, scope))) return undefined;
  const [excellent, good, complete, incomplete] = readings;
  return {
    byRating: { excellent, good, complete, incomplete },
    rated: given.reduce((sum, r) => sum + r.value, 0),
    scope,
  };
}

/** `96%` of those rated, or the count where fewer than SMALL_BASE were rated. */
const amount = (count: number, rated: number, noun = ''): string =>
  shareOf(count, rated) ?? `${formatNumber(count)}${noun}`;

/**
 * `96% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó 18% hoàn thành xuất sắc
 * nhiệm vụ; 2 đảng viên (1,7%) không hoàn thành nhiệm vụ`; after a count of those rated (`all`
 * false) without `đảng viên được xếp loại`. Undefined when neither part was reported.
 */
function ratingWords(r: RatedMembers, all: boolean): string | undefined {
  const { excellent, good, incomplete } = r.byRating;
  const parts: string[] = [];
  if (excellent && good) {
    const up = excellent.value + good.value;
    const who = all
      ? `${shareOf(up, r.rated) ?? formatNumber(up)} đảng viên được xếp loại`
      : amount(up, r.rated, ' đảng viên');
    parts.push(
      up === 0
        ? 'không có đảng viên nào hoàn thành tốt nhiệm vụ trở lên'
        : `${who} hoàn thành tốt nhiệm vụ trở lên, ` +
            (excellent.value === 0
              ? 'không có đảng viên hoàn thành xuất sắc nhiệm vụ'
              : `trong đó ${amount(excellent.value, r.rated, ' đảng viên')} hoàn thành xuất sắc nhiệm vụ`),
    );
  }
  if (incomplete) {
    const share = shareOf(incomplete.value, r.rated);
    parts.push(
      incomplete.value === 0
        ? 'không có đảng viên không hoàn thành nhiệm vụ'
        : `${formatNumber(incomplete.value)} đảng viên${share === undefined ? '' : ` (${share})`} không hoàn thành nhiệm vụ`,
    );
  }
  return parts.length === 0 ? undefined : parts.join('; ');
}

/** The members rated in `year`, out of all members when some were not rated. */
function ratingSentence(c: Context, year: number, r: RatedMembers): string {
  const prefix = scopePrefix(r.scope);
  if (r.rated === 0) return sentence(`${prefix}năm ${year} chưa có đảng viên nào được xếp loại chất lượng`);
  const members = comparable(c.read.reading(c.province.members, c.unit, year, 'members'), {
    value: r.rated,
    scope: r.scope,
  });
  const total = members && members[0].value > r.rated ? members[0].value : undefined;
  const words = ratingWords(r, total === undefined);
  const of = total === undefined ? '' : `/${formatNumber(total)}`;
  const counted = `${prefix}năm ${year} có ${formatNumber(r.rated)}${of} đảng viên được đánh giá, xếp loại chất lượng`;
  if (words === undefined) return sentence(counted);
  return sentence(total === undefined ? `${prefix}năm ${year}, ${words}` : `${counted}: ${words}`);
}

/** `Năm 2024: 90% hoàn thành tốt nhiệm vụ trở lên, 15% hoàn thành xuất sắc nhiệm vụ.` */
function yearBeforeSentence(year: number, r: RatedMembers): string | undefined {
  const { excellent, good } = r.byRating;
  if (!excellent || !good || r.rated === 0) return undefined;
  return sentence(
    `${scopePrefix(r.scope)}năm ${year}: ${amount(excellent.value + good.value, r.rated, ' đảng viên')} hoàn thành tốt nhiệm vụ trở lên, ${amount(excellent.value, r.rated, ' đảng viên')} hoàn thành xuất sắc nhiệm vụ`,
  );
}

function badgeSentence(c: Context): string | undefined {
  const { year, previous } = c;
  const badges = (y: number) => c.read.reading(c.province.members, c.unit, y, 'badges');
  const now = badges(year);
  const before = previous === undefined ? undefined : badges(previous);
  if (!now) {
    return before && previous !== undefined
      ? sentence(
          `Chưa có số liệu trao Huy hiệu Đảng năm ${year}; ${scopePrefix(before.scope)}năm ${previous} có ${formatNumber(before.value)} đảng viên được trao Huy hiệu Đảng`,
        )
      : undefined;
  }
  // The year before only where both sums cover the same organizations.
  const then =
    previous !== undefined && comparable(now, before)
      ? ` (năm ${previous}: ${formatNumber(before?.value)})`
      : '';
  return sentence(
    now.value === 0
      ? `${scopePrefix(now.scope)}năm ${year} không có đảng viên nào được trao Huy hiệu Đảng${then}`
      : `${scopePrefix(now.scope)}năm ${year}, ${formatNumber(now.value)} đảng viên được trao Huy hiệu Đảng${then}`,
  );
}

/**
 * Members by quality rating in the page's year and the year before, and badges awarded; empty
 * when the unit has none of these figures in either year.
 */
export function memberQualityParagraph(c: Context): string {
  const { year, previous } = c;
  const now = ratedMembers(c, year);
  const before = previous === undefined ? undefined : ratedMembers(c, previous);
  const ratings: (string | undefined)[] = [];
  if (now) {
    ratings.push(ratingSentence(c, year, now));
    if (before && previous !== undefined) ratings.push(yearBeforeSentence(previous, before));
  } else if (before && previous !== undefined) {
    // Ratings over different organizations are reported, just not summed up here.
    if (!RATED.some((r) => c.read.value(c.province.members, c.unit.id, year, r.key) !== undefined))
      ratings.push(sentence(`Chưa có số liệu xếp loại chất lượng đảng viên năm ${year}`));
    ratings.push(ratingSentence(c, previous, before));
  }
  return paragraph([...ratings, badgeSentence(c)]);
}
