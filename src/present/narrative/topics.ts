/** The written summary of a topic page (members, admissions, cells), for the whole province. */
import { comparable, complete, type Reading } from '../../model/coverage.ts';
import type { Province } from '../../model/province.ts';
import { yearEnd, type Unit } from '../../model/units.ts';
import { formatNumber, formatPercent } from '../format.ts';
import { MIN_RANKED_TARGET } from '../rankings.ts';
import { subordinateAchievements, subordinateBefore } from '../topic-views.ts';
import { changeWords, listVi, paragraph, paragraphs, sentence } from '../wording.ts';
import type { ComparedMetric } from '../year-before.ts';
import { admissionHistory, admissionsParagraph } from './admissions.ts';
import { cellRatings, grassrootsRatings, residential } from './cells.ts';
import { contextFor, coveredOf, type Context, type Topic } from './context.ts';
import { balance, composition, longRun } from './members.ts';
import { memberOutliers, named, type Ranked } from './outliers.ts';
import { missing, noFigures, overview } from './overview.ts';
import { provinceTermProgress } from './terms.ts';

/** A figure the summary compares between each unit directly under the province and the year before. */
interface Compared {
  /** `số kết nạp`: what the sentences call it. */
  readonly what: string;
  /** `người`, `chi bộ`: what a change counts. */
  readonly noun: string;
  readonly now: (c: Context, child: Unit) => Reading | undefined;
  readonly metric: ComparedMetric;
}

const MEMBERS: Compared = {
  what: 'số đảng viên',
  noun: 'người',
  now: (c, child) => c.read.reading(c.province.members, child, c.year, 'members'),
  metric: 'members',
};

const ADMITTED: Compared = {
  what: 'số kết nạp',
  noun: 'người',
  now: (c, child) => c.read.reading(c.province.admissions, child, c.year, 'admitted'),
  metric: 'admitted',
};

const CELLS: Compared = {
  what: 'số chi bộ trực thuộc',
  noun: 'chi bộ',
  now: (c, child) => c.read.reading(c.province.cells, child, c.year, 'cells'),
  metric: 'cells',
};

/** The summary of a topic page, for the whole province. */
export function topicNarrative(province: Province, topic: Topic): string[] {
  const c = contextFor(province, province.root);
  if (!c) return [noFigures(province, province.root)];
  switch (topic) {
    case 'members':
      return paragraphs([
        paragraph([overview(c, { members: true, cells: false }), longRun(c)]),
        composition(c),
        balance(c),
        membersOnToday(c, true),
        provinceTermProgress(province, ['members_good_share']),
        missing(c, ['members']),
      ]);
    case 'admissions':
      return paragraphs([
        admissionsParagraph(c),
        admissionHistory(c),
        provinceTermProgress(province, ['admitted_total', 'admitted_yearly']),
        achievementRanking(c),
        paragraph([changeOutliers(c, ADMITTED), comparedOnToday(c, ADMITTED)]),
        missing(c, ['admissions']),
      ]);
    case 'cells':
      return paragraphs([
        overview(c, { members: false, cells: true }),
        paragraph([changeOutliers(c, CELLS), comparedOnToday(c, CELLS)]),
        paragraph([...cellRatings(c), grassrootsRatings(c), ...residential(c)]),
        provinceTermProgress(province, [
          'grassroots_good_share',
          'cells_good_share',
          'secretary_as_head_share',
        ]),
        missing(c, ['cells']),
      ]);
  }
}

/** How many units a sentence names before it counts the rest. */
const NAMED = 3;

/** The units directly under the province at the end of the topic year, without cells. */
const subordinates = (c: Context): Unit[] =>
  c.province.tree.childrenAt(c.unit.id, yearEnd(c.year)).filter((child) => child.level !== 'cell');

/**
 * Among the units directly under the province, the largest rise and fall of a figure on the
 * year before, that year counted on today's organization where a restructuring reshaped a unit.
 */
function changeOutliers(c: Context, figure: Compared): string {
  const { province, year, previous } = c;
  if (previous === undefined) return '';
  const changes: Ranked[] = subordinates(c).flatMap((child) => {
    const before = subordinateBefore(province, figure.metric, child, year);
    const pair = comparable(figure.now(c, child), before.value === undefined ? undefined : before.reading);
    if (!pair) return [];
    return [
      {
        unit: child,
        name: c.names(child.id),
        score: pair[0].value - pair[1].value,
        words: changeWords(pair[0].value, pair[1].value, figure.noun, false),
      },
    ];
  });
  if (changes.length < 2) return '';
  const rises = changes.filter((r) => r.score > 0).sort((a, b) => b.score - a.score);
  const falls = changes.filter((r) => r.score < 0).sort((a, b) => a.score - b.score);
  const tied = (r: Ranked) =>
    `${r.score > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(r.score))} ${figure.noun}`;
  const parts = [
    rises.length > 0 ? `tăng nhiều nhất ${named(rises, tied)}` : undefined,
    falls.length > 0 ? `giảm nhiều nhất ${named(falls, tied)}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return sentence(
    `So với năm ${previous}, ${figure.what} của các tổ chức đảng trực thuộc ${
      parts.length > 0 ? parts.join(', ') : 'có số liệu không thay đổi'
    }`,
  );
}

/**
 * The largest rise and fall in members among the units directly under `c.unit`, each compared
 * with its members of the year before counted on today's organization where a restructuring
 * formed or reshaped it (a ward enlarged by a merger is not "up 276%"), and which those are.
 */
export const membersOnToday = (c: Context, withLargest: boolean): string =>
  paragraph([
    memberOutliers(
      c,
      withLargest,
      (child) => subordinateBefore(c.province, 'members', child, c.year).reading,
    ),
    comparedOnToday(c, MEMBERS),
  ]);

/**
 * Which subordinates were compared with the year before on today's organization, and which
 * could not be because their comparable figure covers only some organizations. Empty where no
 * restructuring formed or reshaped a unit directly under the province in the year.
 */
function comparedOnToday(c: Context, figure: Compared): string {
  const { province, year, previous } = c;
  if (previous === undefined) return '';
  const rows = subordinates(c)
    .map((child) => ({ child, before: subordinateBefore(province, figure.metric, child, year) }))
    .filter((r) => r.before.comparable && r.before.reading);
  const whole = rows.filter((r) => r.before.value !== undefined).map((r) => r.child.name);
  const sentences: string[] = [];
  if (whole.length > 0) {
    const who =
      whole.length <= NAMED
        ? `${listVi(whole)} (hình thành hoặc thay đổi do sắp xếp tổ chức)`
        : `${formatNumber(whole.length)} tổ chức đảng hình thành hoặc thay đổi do sắp xếp tổ chức (${whole.slice(0, NAMED).join(', ')} và ${formatNumber(whole.length - NAMED)} tổ chức khác)`;
    sentences.push(
      sentence(
        `Với ${who}, ${figure.what} năm ${previous} dùng để so sánh là số quy đổi theo tổ chức hiện nay: tổng ${figure.what} năm ${previous} của các tổ chức nay thuộc đơn vị`,
      ),
    );
  }
  for (const { child, before } of rows) {
    if (before.value !== undefined || !before.reading || complete(before.reading.scope)) continue;
    sentences.push(
      sentence(
        `${figure.what} năm ${previous} quy đổi theo tổ chức hiện nay của ${child.name} mới tính trên ${coveredOf(before.reading.scope)} tổ chức cơ sở đảng, nên chưa so sánh được với năm ${year}`,
      ),
    );
  }
  return paragraph(sentences);
}

/**
 * How many units directly under the province reached their admission target, and the highest
 * and lowest of the ranking on the page, which leaves out tiny targets (rankings.ts).
 */
function achievementRanking(c: Context): string {
  const { ranked, apart } = subordinateAchievements(c.province);
  const all = [...ranked, ...apart];
  if (all.length < 2) return '';
  const reached = all.filter((u) => u.admitted >= u.target).length;
  const sentences = [
    sentence(
      `Năm ${c.year}, trong ${formatNumber(all.length)} tổ chức đảng trực thuộc có số liệu chỉ tiêu kết nạp, ${
        reached === all.length
          ? 'tất cả đều đạt hoặc vượt chỉ tiêu'
          : reached === 0
            ? 'chưa tổ chức nào đạt chỉ tiêu'
            : `${formatNumber(reached)} tổ chức đạt hoặc vượt chỉ tiêu`
      }`,
    ),
  ];
  const score = (u: (typeof ranked)[number]): Ranked => {
    const rate = u.admitted / u.target;
    return {
      unit: u.row.unit,
      name: c.names(u.row.unit.id),
      score: rate,
      words: u.admitted === 0 ? 'chưa kết nạp được đảng viên nào' : formatPercent(rate),
    };
  };
  const high = ranked.map(score);
  // Stable: units sharing the lowest rate stay in name order, as in the ranking.
  const low = [...high].sort((a, b) => a.score - b.score);
  if (high.length >= 2 && high[0]?.score !== low[0]?.score) {
    const words = (r: Ranked) => (r.score === 0 ? r.words : `đạt ${r.words}`);
    const small =
      apart.length > 0
        ? `không tính ${formatNumber(apart.length)} tổ chức có chỉ tiêu dưới ${MIN_RANKED_TARGET} đảng viên, `
        : '';
    sentences.push(
      sentence(`${small}tỷ lệ đạt chỉ tiêu cao nhất ${named(high, words)}, thấp nhất ${named(low, words)}`),
    );
  }
  return paragraph(sentences);
}
