/**
 * Written summaries: Vietnamese paragraphs computed from the model, for unit pages and topic
 * pages. Plain text (pages escape it). Every figure goes through `format.ts`; a figure that is
 * missing is said to be missing, never printed as a dash or `undefined` inside a sentence.
 *
 * Totals of a unit that did not report its own figure are sums over the grassroots
 * organizations that did; two such sums are compared (change on the year before, shares,
 * target achievement) only when they cover the same organizations, or all of them.
 */
import { labelOf } from '../model/labels.ts';
import type { Province, RestructuringEvent, Statistics } from '../model/province.ts';
import type { Figures } from '../model/rollup.ts';
import {
  comparable,
  complete,
  readingOf,
  sameScope,
  unitScope,
  type Reading,
  type Scope,
} from '../model/coverage.ts';
import { isAbove, listedCells } from '../model/organizations.ts';
import { yearEnd, type Unit } from '../model/units.ts';
import { RATINGS } from '../read/schemas.ts';
import { formatDate, formatNumber, formatPercent, formatPercentShort } from './format.ts';
import { ratingCounts } from './quality.ts';

export type Topic = 'members' | 'admissions' | 'cells';

type Stats<K extends string> = Statistics<K, Figures<K>>;

/* ---------- wording helpers (exported for table-driven tests) ---------- */

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

/** A relative change as a percent; a change too small to show at one decimal says so. */
function changePercent(ratio: number): string {
  const text = formatPercent(ratio);
  return text === '0,0%' ? 'dưới 0,1%' : text;
}

/**
 * `tăng 12 người (4,3%)`, `giảm 3 người (1,0%)`, `không thay đổi`; no percent from zero.
 * `inParentheses: false` gives `tăng 12 người, 4,3%`, for use inside a parenthesis.
 */
export function changeWords(now: number, before: number, noun = 'người', inParentheses = true): string {
  const diff = now - before;
  if (diff === 0) return 'không thay đổi';
  const words = `${diff > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(diff))} ${noun}`;
  if (before <= 0) return words;
  const percent = changePercent(Math.abs(diff) / before);
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
  const achieved = formatPercentShort(admitted / target);
  const given = `(chỉ tiêu: ${formatNumber(target)})`;
  if (admitted > target) {
    return `đạt ${achieved} chỉ tiêu ${given}, vượt ${formatNumber(admitted - target)} đảng viên`;
  }
  if (admitted === target) return `đạt ${achieved} chỉ tiêu ${given}`;
  return `chưa đạt chỉ tiêu: đạt ${achieved} ${given}, còn thiếu ${formatNumber(target - admitted)} đảng viên`;
}

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
const paragraph = (sentences: readonly (string | undefined)[]): string =>
  sentences.filter((s): s is string => s !== undefined && s !== '').join(' ');
const paragraphs = (list: readonly string[]): string[] => list.filter((p) => p !== '');
const withoutFinalStop = (text: string): string => text.trim().replace(/[.;,]+$/, '');

/* ---------- what a total covers ---------- */

/** Reads one metric of one statistics file for a unit, with the scope of its total. */
class Reader {
  private readonly province: Province;

  constructor(province: Province) {
    this.province = province;
  }

  value<K extends string>(stats: Stats<K>, unitId: string, year: number, metric: K): number | undefined {
    return stats.rollup.at(unitId, year)?.values[metric];
  }

  reading<K extends string>(stats: Stats<K>, unit: Unit, year: number, metric: K): Reading | undefined {
    return readingOf(this.province, stats, unit, year, metric);
  }
}

/** `Số đảng viên trên là tổng của 3/4 tổ chức cơ sở đảng đã có số liệu năm 2021.` */
function coverageNote(what: string, reading: Reading | undefined, year: number): string | undefined {
  if (!reading || complete(reading.scope)) return undefined;
  const { count, total } = reading.scope;
  return sentence(
    `${what} trên là tổng của ${formatNumber(count)}/${formatNumber(total)} tổ chức cơ sở đảng đã có số liệu năm ${year}`,
  );
}

const coveredOf = (s: Scope): string => `${formatNumber(s.count)}/${formatNumber(s.total)}`;

/** Why two totals cannot be compared: `năm 2021 mới có số liệu của 2/3 tổ chức cơ sở đảng`. */
function differentScopes(scopes: readonly (readonly [number, Scope])[]): string {
  const partial = scopes.filter(([, s]) => !complete(s));
  const counts = new Set(partial.map(([, s]) => coveredOf(s)));
  if (partial.length === scopes.length && counts.size === 1) {
    return 'số liệu các năm không phải của cùng những tổ chức cơ sở đảng';
  }
  const words = partial.map(([year, s]) => `năm ${year} mới có số liệu của ${coveredOf(s)}`);
  return `${listVi(words)} tổ chức cơ sở đảng`;
}

/** `Theo số liệu của 3/4 tổ chức cơ sở đảng, ` before a figure that covers only some of them. */
const scopePrefix = (s: Scope): string =>
  complete(s) ? '' : `theo số liệu của ${coveredOf(s)} tổ chức cơ sở đảng, `;

/* ---------- the context of one narrative ---------- */

interface Context {
  readonly province: Province;
  readonly read: Reader;
  readonly unit: Unit;
  /** The year the figures stand at: the data's latest, or the unit's last before dissolution. */
  readonly year: number;
  /** The year before, when the unit existed at its end and the data covers it. */
  readonly previous: number | undefined;
  /** Years of the data during which the unit existed at year end. */
  readonly years: readonly number[];
}

function contextFor(province: Province, unit: Unit): Context | undefined {
  const years = province.years.filter((y) => province.tree.existsAt(unit.id, yearEnd(y)));
  const year = years.at(-1);
  if (year === undefined) return undefined;
  const previous = years.includes(year - 1) ? year - 1 : undefined;
  return { province, read: new Reader(province), unit, year, previous, years };
}

/* ---------- paragraphs ---------- */

function cellCount(c: Context, year: number): Reading | undefined {
  const reported = c.read.reading(c.province.cells, c.unit, year, 'cells');
  if (reported || c.unit.level !== 'grassroots') return reported;
  // A grassroots unit may list its cells in units.csv instead of counting them in cells.csv.
  const listed = listedCells(c.province.tree, c.unit.id, yearEnd(year));
  return listed > 0 ? { value: listed, scope: unitScope(c.unit.id) } : undefined;
}

function lifeNotes(c: Context): string | undefined {
  const { tree } = c.province;
  const established = tree.established(c.unit.id);
  const dissolved = tree.dissolved(c.unit.id);
  // An event of the narrative's year that created the unit already says when (restructuring()).
  const announced = (c.province.eventsByUnit.get(c.unit.id) ?? []).some(
    (e) => e.result_unit_id === c.unit.id && e.date === established && e.date.startsWith(`${c.year}-`),
  );
  return paragraph([
    established === undefined || announced
      ? undefined
      : sentence(`${c.unit.name} được thành lập ngày ${formatDate(established)}`),
    dissolved === undefined
      ? undefined
      : sentence(
          `${c.unit.name} đã giải thể ngày ${formatDate(dissolved)}; số liệu trên là số liệu đến ngày ${formatDate(yearEnd(c.year))}`,
        ),
  ]);
}

/** Totals, what they cover, and change on the year before. */
function overview(c: Context, options: { members: boolean; cells: boolean }): string {
  const { province, read, unit, year, previous } = c;
  const members = options.members ? read.reading(province.members, unit, year, 'members') : undefined;
  const cells = options.cells ? cellCount(c, year) : undefined;
  const organizations = isAbove(unit) ? province.organizations(unit.id, year).grassroots : undefined;

  const items: string[] = [];
  if (organizations !== undefined) items.push(`${formatNumber(organizations)} tổ chức cơ sở đảng`);
  // A chi bộ cơ sở has no cells of its own: "0 chi bộ trực thuộc" would read as missing cells.
  if (cells && (isAbove(unit) || cells.value > 0)) {
    items.push(`${formatNumber(cells.value)} chi bộ trực thuộc`);
  }
  if (members) items.push(`${formatNumber(members.value)} đảng viên`);
  const [first, ...rest] = items;
  const totals =
    first === undefined
      ? undefined
      : sentence(
          `Tính đến ngày ${formatDate(yearEnd(year))}, ${unit.name} có ${first}${rest.length > 0 ? ` với ${listVi(rest)}` : ''}`,
        );

  const changes: (string | undefined)[] = [];
  if (previous !== undefined) {
    if (organizations !== undefined) {
      const before = province.organizations(unit.id, previous).grassroots;
      if (before !== organizations) {
        changes.push(
          sentence(`Số tổ chức cơ sở đảng ${fromToWords(organizations, before)} so với năm ${previous}`),
        );
      }
    }
    const cellsBefore = cells && cellCount(c, previous);
    const cellPair = comparable(cells, cellsBefore);
    if (cellPair && cellPair[0].value !== cellPair[1].value) {
      changes.push(
        sentence(
          `Số chi bộ trực thuộc ${fromToWords(cellPair[0].value, cellPair[1].value)} so với năm ${previous}`,
        ),
      );
    }
    if (members) changes.push(memberChange(c, members, previous));
  }
  return paragraph([
    totals,
    coverageNote('Số chi bộ trực thuộc', cells, year),
    coverageNote('Số đảng viên', members, year),
    ...changes,
  ]);
}

function memberChange(c: Context, members: Reading, previous: number): string | undefined {
  const before = c.read.reading(c.province.members, c.unit, previous, 'members');
  if (!before) return undefined;
  if (!comparable(members, before)) {
    return sentence(
      `Chưa so sánh được số đảng viên với năm ${previous} vì ${differentScopes([
        [c.year, members.scope],
        [previous, before.scope],
      ])}`,
    );
  }
  return sentence(`Số đảng viên ${changeWords(members.value, before.value)} so với năm ${previous}`);
}

/** Admissions of the year against the target, the members they add to, and last year. */
function admissionsParagraph(c: Context): string {
  const { province, read, unit, year, previous } = c;
  const admitted = read.reading(province.admissions, unit, year, 'admitted');
  if (!admitted) return '';
  const target = read.reading(province.admissions, unit, year, 'target');
  let main = `Năm ${year} kết nạp ${formatNumber(admitted.value)} đảng viên mới`;
  if (!target) main += '; chưa có số liệu chỉ tiêu kết nạp';
  else if (comparable(admitted, target)) main += `, ${targetWords(admitted.value, target.value)}`;
  else {
    main += `; chưa tính được tỷ lệ đạt chỉ tiêu vì mới có số liệu chỉ tiêu của ${coveredOf(target.scope)} tổ chức cơ sở đảng`;
  }
  const sentences = [sentence(main), coverageNote('Số kết nạp', admitted, year)];
  if (previous !== undefined) {
    const membersBefore = comparable(admitted, read.reading(province.members, unit, previous, 'members'));
    if (membersBefore && membersBefore[1].value > 0) {
      sentences.push(
        sentence(
          `Số kết nạp bằng ${formatPercent(admitted.value / membersBefore[1].value)} tổng số đảng viên cuối năm ${previous}`,
        ),
      );
    }
    const before = comparable(admitted, read.reading(province.admissions, unit, previous, 'admitted'));
    if (before) {
      sentences.push(
        sentence(
          `Số đảng viên kết nạp mới ${changeWords(before[0].value, before[1].value)} so với năm ${previous}`,
        ),
      );
    }
  }
  return paragraph(sentences);
}

/** Women, probationary, under 30, ethnic minority (when any): shares of the members. */
function composition(c: Context): string {
  const { province, read, unit, year } = c;
  const members = read.reading(province.members, unit, year, 'members');
  if (!members || members.value === 0) return '';
  const parts: string[] = [];
  let wholeSaid = false;
  const share = (
    metric: 'women' | 'probationary' | 'age_under_30' | 'ethnic_minority',
    label: string,
    none: string,
  ) => {
    const part = comparable(read.reading(province.members, unit, year, metric), members);
    if (!part) return;
    const value = part[0].value;
    // Ethnic minority members are named only where there are some (most units have none).
    if (value === 0) {
      if (metric !== 'ethnic_minority') parts.push(none);
      return;
    }
    const whole = wholeSaid ? '' : ' tổng số đảng viên';
    wholeSaid = true;
    parts.push(
      `${label} chiếm ${formatPercent(value / members.value)}${whole} (${formatNumber(value)} người)`,
    );
  };
  share('women', 'nữ', 'không có đảng viên nữ');
  share('probationary', 'đảng viên dự bị', 'không có đảng viên dự bị');
  share('age_under_30', 'đảng viên dưới 30 tuổi', 'không có đảng viên dưới 30 tuổi');
  share('ethnic_minority', 'đảng viên người dân tộc thiểu số', '');
  return parts.length === 0 ? '' : sentence(parts.join('; '));
}

/** Admitted, transferred in/out, deceased, removed, and whether they add up. */
function balance(c: Context): string {
  const { province, read, unit, year, previous } = c;
  const term = (reading: Reading | undefined) => (reading && complete(reading.scope) ? reading : undefined);
  const admitted = term(read.reading(province.admissions, unit, year, 'admitted'));
  const moves = {
    in: term(read.reading(province.members, unit, year, 'transferred_in')),
    out: term(read.reading(province.members, unit, year, 'transferred_out')),
    deceased: term(read.reading(province.members, unit, year, 'deceased')),
    removed: term(read.reading(province.members, unit, year, 'removed')),
  };
  if (!moves.in && !moves.out && !moves.deceased && !moves.removed) return '';
  const items: string[] = [];
  const add = (label: string, reading: Reading | undefined) => {
    if (reading) items.push(`${label} ${formatNumber(reading.value)}`);
  };
  add('kết nạp', admitted);
  add('chuyển sinh hoạt đảng đến', moves.in);
  add('chuyển sinh hoạt đảng đi', moves.out);
  add('từ trần', moves.deceased);
  add('đưa ra khỏi Đảng', moves.removed);
  const sentences = [sentence(`Biến động đảng viên trong năm ${year}: ${items.join(', ')}`)];

  const members = read.reading(province.members, unit, year, 'members');
  const before =
    previous === undefined ? undefined : read.reading(province.members, unit, previous, 'members');
  if (admitted && moves.in && moves.out && moves.deceased && moves.removed && members && before) {
    const expected =
      before.value +
      admitted.value +
      moves.in.value -
      moves.out.value -
      moves.deceased.value -
      moves.removed.value;
    if (comparable(members, before) && expected !== members.value) {
      sentences.push(
        sentence(
          `Theo biến động, số đảng viên cuối năm ${year} phải là ${formatNumber(expected)}, nhưng số báo cáo là ${formatNumber(members.value)}; cần kiểm tra lại số liệu`,
        ),
      );
    }
  }
  return paragraph(sentences);
}

/** The grassroots unit's own rating, its cells' ratings and the secretary–hamlet-head model. */
function cellsQuality(c: Context): string {
  const { province, unit, year } = c;
  const sentences: string[] = [];
  if (unit.level === 'grassroots') {
    const rating = province.cells.rows.get(unit.id)?.get(year)?.rating;
    if (rating !== undefined) {
      sentences.push(
        sentence(`Kết quả đánh giá, xếp loại chất lượng năm ${year}: ${labelOf(RATINGS, rating)}`),
      );
    }
  }
  sentences.push(...cellRatings(c), ...residential(c));
  return paragraph(sentences);
}

function cellRatings(c: Context): string[] {
  const { province, read, unit, year } = c;
  // Only counts covering every grassroots organization: a partial split would mislead.
  const reported = RATINGS.flatMap((r) => {
    const reading = read.reading(province.cells, unit, year, `cells_${r.value}`);
    return reading ? [{ label: r.label, reading }] : [];
  });
  const scope = reported[0]?.reading.scope;
  // Shares over counts from different organizations would not add up to 100%.
  if (!scope || reported.some((x) => !sameScope(x.reading.scope, scope))) return [];
  const rated = reported.reduce((sum, x) => sum + x.reading.value, 0);
  if (reported.length === 0 || rated === 0) return [];
  const parts = reported
    .filter((x) => x.reading.value > 0)
    .map(
      (x) => `${formatNumber(x.reading.value)} chi bộ ${x.label} (${formatPercent(x.reading.value / rated)})`,
    );
  return [
    sentence(`${scopePrefix(scope)}xếp loại chất lượng chi bộ trực thuộc năm ${year}: ${parts.join('; ')}`),
  ];
}

function residential(c: Context): string[] {
  const { province, read, unit, year } = c;
  const cells = read.reading(province.cells, unit, year, 'residential_cells');
  if (!cells || cells.value === 0) return [];
  const heads = comparable(read.reading(province.cells, unit, year, 'secretary_as_head'), cells);
  const first = `${scopePrefix(cells.scope)}có ${formatNumber(cells.value)} chi bộ thôn, tổ dân phố`;
  if (!heads) return [sentence(first)];
  return [
    sentence(
      `${first}, trong đó ${formatNumber(heads[0].value)} chi bộ (${formatPercent(heads[0].value / cells.value)}) có bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố`,
    ),
  ];
}

interface Ranked {
  readonly unit: Unit;
  readonly score: number;
  readonly words: string;
}

/** `ở A (tăng 40 người, 3,3%)`, or `ở A và B (cùng tăng 5 người)` when tied. */
function named(best: readonly Ranked[], tiedWords: (r: Ranked) => string): string {
  const top = best[0];
  if (!top) return '';
  const tied = best.filter((r) => r.score === top.score);
  if (tied.length === 1) return `ở ${top.unit.name} (${top.words})`;
  const names = tied.map((r) => r.unit.name);
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} tổ chức khác`] : names;
  return `ở ${listVi(shown)} (cùng ${tiedWords(top)})`;
}

/** Among direct subordinates: largest rise and fall in members. */
function memberOutliers(c: Context, withLargest: boolean): string {
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
          `Trong các tổ chức đảng trực thuộc, đông đảng viên nhất là ${largest.unit.name} (${formatNumber(largest.members)} đảng viên)`,
        ),
      );
    }
  }
  if (previous === undefined) return paragraph(sentences);
  const changes: Ranked[] = [];
  for (const child of children) {
    const pair = comparable(
      read.reading(province.members, child, year, 'members'),
      read.reading(province.members, child, previous, 'members'),
    );
    if (!pair) continue;
    const diff = pair[0].value - pair[1].value;
    changes.push({
      unit: child,
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

/** Among direct subordinates with a target: how many reached it, the highest and the lowest. */
function targetOutliers(c: Context): string {
  const { province, read, unit, year } = c;
  const ranked: Ranked[] = [];
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
      score,
      words: score === 0 ? 'chưa kết nạp được đảng viên nào' : formatPercentShort(score),
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
  const high = [...ranked].sort((a, b) => b.score - a.score);
  const low = [...ranked].sort((a, b) => a.score - b.score);
  if ((high[0]?.score ?? 0) !== (low[0]?.score ?? 0)) {
    const tied = (r: Ranked) => (r.score === 0 ? r.words : `đạt ${r.words}`);
    sentences.push(
      sentence(`Tỷ lệ đạt chỉ tiêu cao nhất ${named(high, tied)}, thấp nhất ${named(low, tied)}`),
    );
  }
  return paragraph(sentences);
}

/** Restructurings of the year and the change in directly subordinate organizations. */
function restructuring(c: Context): string {
  const { province, unit, year, previous } = c;
  const sentences: string[] = [];
  const events = (province.eventsByUnit.get(unit.id) ?? []).filter((e: RestructuringEvent) =>
    e.date.startsWith(`${year}-`),
  );
  if (events.length > 0) {
    const list = events.map((e) => `${withoutFinalStop(e.title)} (ngày ${formatDate(e.date)})`);
    sentences.push(sentence(`Sắp xếp, kiện toàn tổ chức trong năm ${year}: ${list.join('; ')}`));
  }
  if (isAbove(unit) && previous !== undefined) {
    const counts = province.organizations(unit.id, year);
    const countsBefore = province.organizations(unit.id, previous);
    const now = counts.direct;
    const before = countsBefore.direct;
    // Where every subordinate is a grassroots organization the overview already said it.
    const same = now === counts.grassroots && before === countsBefore.grassroots;
    if (now !== before && !same) {
      sentences.push(
        sentence(
          `Số tổ chức đảng trực thuộc ${unit.name} ${fromToWords(now, before)} so với cuối năm ${previous}`,
        ),
      );
    }
  }
  return paragraph(sentences);
}

/** `Chưa có số liệu kết nạp năm 2023.` for every topic and year without a figure. */
function missing(c: Context, topics: readonly Topic[]): string {
  const { province, read, unit } = c;
  const sentences: string[] = [];
  const check = <K extends string>(stats: Stats<K>, metric: K, label: string) => {
    const years = c.years.filter((y) => read.value(stats, unit.id, y, metric) === undefined);
    if (years.length > 0) sentences.push(sentence(`Chưa có số liệu ${label} ${yearsVi(years)}`));
  };
  if (topics.includes('members')) check(province.members, 'members', 'đảng viên');
  if (topics.includes('admissions')) check(province.admissions, 'admitted', 'kết nạp');
  if (
    topics.includes('cells') &&
    (isAbove(unit) || listedCells(province.tree, unit.id, yearEnd(c.year)) === 0)
  ) {
    check(province.cells, 'cells', 'chi bộ trực thuộc');
  }
  return paragraph(sentences);
}

/* ---------- entry points ---------- */

/** The summary of one unit's page: plain-text paragraphs, latest year first. */
export function unitNarrative(province: Province, unitId: string): string[] {
  const unit = province.tree.units.get(unitId);
  if (!unit) throw new Error(`unitNarrative: unknown unit ${unitId}`);
  const c = contextFor(province, unit);
  if (!c) return [noFigures(province, unit)];
  const above = isAbove(unit);
  return paragraphs([
    overview(c, { members: true, cells: true }),
    admissionsParagraph(c),
    composition(c),
    balance(c),
    cellsQuality(c),
    above ? memberOutliers(c, false) : '',
    above ? targetOutliers(c) : '',
    restructuring(c),
    lifeNotes(c) ?? '',
    missing(c, ['members', 'admissions', 'cells']),
  ]);
}

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
        memberOutliers(c, true),
        missing(c, ['members']),
      ]);
    case 'admissions':
      return paragraphs([
        admissionsParagraph(c),
        admissionHistory(c),
        targetOutliers(c),
        missing(c, ['admissions']),
      ]);
    case 'cells':
      return paragraphs([
        overview(c, { members: false, cells: true }),
        paragraph([...cellRatings(c), grassrootsRatings(c), ...residential(c)]),
        missing(c, ['cells']),
      ]);
  }
}

function noFigures(province: Province, unit: Unit): string {
  const established = province.tree.established(unit.id);
  const dissolved = province.tree.dissolved(unit.id);
  if (dissolved !== undefined && province.years.length > 0) {
    return sentence(
      `${unit.name} đã giải thể ngày ${formatDate(dissolved)}; chưa có số liệu thống kê khi đơn vị còn hoạt động`,
    );
  }
  if (established !== undefined && province.years.length > 0) {
    return sentence(
      `${unit.name} được thành lập ngày ${formatDate(established)}; chưa có số liệu thống kê từ ngày thành lập`,
    );
  }
  return sentence(`Chưa có số liệu thống kê của ${unit.name}`);
}

/** `Từ năm 2015 đến năm 2024, số đảng viên tăng 1.234 người (10,1%).` */
function longRun(c: Context): string | undefined {
  const { province, read, unit, year } = c;
  const first = c.years.find((y) => read.value(province.members, unit.id, y, 'members') !== undefined);
  if (first === undefined || first >= year - 1) return undefined;
  const pair = comparable(
    read.reading(province.members, unit, year, 'members'),
    read.reading(province.members, unit, first, 'members'),
  );
  if (!pair) return undefined;
  return sentence(
    `Từ năm ${first} đến năm ${year}, số đảng viên ${changeWords(pair[0].value, pair[1].value)}`,
  );
}

/** Admissions over all years with figures, and the year with the most. */
function admissionHistory(c: Context): string {
  const { province, read, unit } = c;
  const byYear = c.years
    .map((y) => ({ year: y, admitted: read.value(province.admissions, unit.id, y, 'admitted') }))
    .filter((x): x is { year: number; admitted: number } => x.admitted !== undefined);
  const first = byYear[0];
  const last = byYear.at(-1);
  if (!first || !last || byYear.length < 2) return '';
  const total = byYear.reduce((sum, x) => sum + x.admitted, 0);
  const most = [...byYear].sort((a, b) => b.admitted - a.admitted || a.year - b.year)[0];
  return paragraph([
    sentence(
      `Từ năm ${first.year} đến năm ${last.year}, theo số liệu đã có, ${unit.name} kết nạp tổng cộng ${formatNumber(total)} đảng viên mới`,
    ),
    most && sentence(`Năm kết nạp nhiều nhất là năm ${most.year} (${formatNumber(most.admitted)} đảng viên)`),
  ]);
}

/** How the grassroots organizations under the root were rated in the latest year. */
function grassrootsRatings(c: Context): string | undefined {
  const { byRating, unrated } = ratingCounts(c.province, c.unit.id, c.year);
  const rated = RATINGS.filter((r) => byRating[r.value] > 0);
  if (rated.length === 0) return undefined;
  const parts = rated.map((r) => `${formatNumber(byRating[r.value])} tổ chức ${r.label}`);
  return paragraph([
    sentence(`Xếp loại chất lượng tổ chức cơ sở đảng năm ${c.year}: ${parts.join('; ')}`),
    unrated > 0 ? sentence(`Còn ${formatNumber(unrated)} tổ chức chưa có số liệu xếp loại`) : undefined,
  ]);
}
