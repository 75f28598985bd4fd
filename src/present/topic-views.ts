/**
 * View models of the topic pages (`/dang-vien/`, `/ket-nap/`, `/chi-bo/`) and the extras of the
 * province page. Everything here spans the whole province, so each is computed once per build.
 */
import { comparable, readingOf, type Reading } from '../model/coverage.ts';
import { grassrootsUnder } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { slug, yearEnd, type Unit } from '../model/units.ts';
import { RATINGS } from '../read/schemas.ts';
import {
  againstTarget,
  buildChart,
  isEmpty,
  committeeCharts,
  type ChartSpec,
  type SeriesInput,
} from './charts.ts';
import { compositionView, type CompositionView } from './composition.ts';
import { formatNumber, ratio } from './format.ts';
import { eventDateText } from './event-words.ts';
import { perProvince } from './memo.ts';
import {
  apartSummary,
  lowest,
  MIN_RANKED_TARGET,
  rankByAchievement,
  rankingRule,
  sharedRankBeyond,
  type Achievement,
} from './rankings.ts';
import { qualityView, ratingCounts, ratingLabel, type QualityView } from './quality.ts';
import { subordinateFigures, type SubordinateFigures } from './subordinates.ts';
import { column, count, percent, percentColumn, signed, text, type Cell, type TableView } from './table.ts';
import { unitPath, type Link } from './links.ts';
import type { Stats } from './narrative/context.ts';
import { paragraph, sentence } from './wording.ts';
import {
  against,
  figureBeforeOf,
  marked,
  noBefore,
  yearBeforeNote,
  type Before,
  type ComparedMetric,
} from './year-before.ts';

const provinceChart = (province: Province, id: string): ChartSpec | undefined =>
  committeeCharts(province, province.root.id).find((c) => c.id === id);

const categories = (rows: readonly SubordinateFigures[]) =>
  rows.map((r) => ({ label: r.unit.name, path: r.path }));

/** A by-unit chart, or undefined when none of the units reported the figure. */
function byUnit(
  province: Province,
  rows: readonly SubordinateFigures[],
  input: Omit<Parameters<typeof buildChart>[0], 'owner' | 'categories' | 'categoryHeader' | 'horizontal'> & {
    readonly series: readonly SeriesInput[];
  },
): ChartSpec | undefined {
  if (rows.length === 0 || isEmpty(input.series)) return undefined;
  return buildChart({
    ...input,
    owner: province.root,
    categories: categories(rows),
    categoryHeader: 'Đơn vị',
    horizontal: true,
  });
}

/**
 * Units directly under the province at the end of the year before that ended during the year:
 * not ranked among today's units (their figures stop), linked to their own pages.
 */
const endedUnits = perProvince('endedUnits', (province): Link[] => {
  const { tree, root, lastYear: year } = province;
  if (year === undefined || !province.years.includes(year - 1)) return [];
  return tree
    .childrenAt(root.id, yearEnd(year - 1))
    .filter((u) => !tree.existsAt(u.id, yearEnd(year)))
    .map((u) => ({ label: u.name, path: unitPath(province, u) ?? '' }))
    .filter((l) => l.path !== '');
});

export interface MembersTopic {
  readonly year: number | undefined;
  readonly trend: ChartSpec | undefined;
  readonly composition: CompositionView | undefined;
  readonly byUnit: ChartSpec | undefined;
  /** Units directly under the province that ended in the year: listed apart, not ranked. */
  readonly ended: readonly Link[];
}

/** The subordinates' figures of the year before, row by row, as the topic pages compare them. */
const subordinatesBefore = perProvince('subordinatesBefore', (province) => {
  const year = province.lastYear;
  const units = year === undefined ? [] : subordinateFigures(province, province.root.id).map((r) => r.unit);
  const each = (metric: ComparedMetric): readonly Before[] =>
    units.map((unit) => (year === undefined ? noBefore : figureBeforeOf(province, metric, unit, year)));
  return {
    members: each('members'),
    admitted: each('admitted'),
    target: each('target'),
    cells: each('cells'),
    row: new Map(units.map((unit, i) => [unit.id, i])),
  };
});

/**
 * A unit's figure of the year before `year` as the topic pages compare it: for the units
 * directly under the province in the latest year, the one their tables show.
 */
export function subordinateBefore(
  province: Province,
  metric: ComparedMetric,
  unit: Unit,
  year: number,
): Before {
  const known = subordinatesBefore(province);
  const i = year === province.lastYear ? known.row.get(unit.id) : undefined;
  return (i === undefined ? undefined : known[metric][i]) ?? figureBeforeOf(province, metric, unit, year);
}

type Extra = NonNullable<Parameters<typeof buildChart>[0]['extra']>[number];

/** The figures of the year before, marked where comparable. */
const beforeColumn = (label: string, before: readonly Before[]): Extra => ({
  column: column(label),
  cells: before.map((b) => marked(count(b.value), b)),
});

/** Shown only beside comparable figures, so a reader sees what a marked change starts from. */
const startColumn = (label: string, before: readonly Before[]): Extra[] =>
  before.some((b) => b.comparable) ? [beforeColumn(label, before)] : [];

const changeColumn = (
  year: number,
  now: readonly (Reading | undefined)[],
  before: readonly Before[],
): Extra => ({
  column: column(`Tăng, giảm so với năm ${year - 1}`),
  cells: now.map((reading, i) => {
    const b = before[i] ?? noBefore;
    const pair = against(reading, b);
    return marked(signed(pair && pair[0].value - pair[1].value), b);
  }),
});

/** Each row's figure of the topic year, with the organizations it covers. */
const readings = <K extends string>(
  province: Province,
  rows: readonly SubordinateFigures[],
  stats: Stats<K>,
  metric: K,
): (Reading | undefined)[] => {
  const year = province.lastYear;
  return rows.map((r) => (year === undefined ? undefined : readingOf(province, stats, r.unit, year, metric)));
};

export const membersTopic = perProvince('membersTopic', (province): MembersTopic => {
  const year = province.lastYear;
  const rows = subordinateFigures(province, province.root.id);
  const { members } = subordinatesBefore(province);
  const previous = (year ?? 0) - 1;
  const now = readings(province, rows, province.members, 'members');
  const women = readings(province, rows, province.members, 'women');
  return {
    year,
    trend: provinceChart(province, 'dang-vien'),
    composition: compositionView(province, province.root.id),
    byUnit: byUnit(province, rows, {
      id: 'dang-vien-theo-don-vi',
      title: `Số đảng viên của các đảng bộ trực thuộc năm ${year}`,
      unit: 'đảng viên',
      series: [{ label: 'Đảng viên', kind: 'bar', values: rows.map((r) => r.members) }],
      extra: [
        ...startColumn(`Đảng viên năm ${previous}`, members),
        changeColumn(previous + 1, now, members),
        {
          column: column('Nữ'),
          cells: women.map((w, i) => {
            const pair = comparable(w, now[i]);
            return percent(pair && ratio(pair[0].value, pair[1].value));
          }),
        },
        { column: column('Đảng viên dự bị'), cells: rows.map((r) => count(r.probationary)) },
      ],
      note:
        year === undefined
          ? undefined
          : yearBeforeNote(rows, [{ what: 'số đảng viên', before: members, now }], year),
    }),
    ended: endedUnits(province),
  };
});

export interface AdmissionsTopic {
  readonly year: number | undefined;
  readonly trend: ChartSpec | undefined;
  readonly byUnit: ChartSpec | undefined;
  /** Subordinate units ranked by target achievement, as a chart with its table and rule. */
  readonly ranking: ChartSpec | undefined;
  readonly withoutTarget: string | undefined;
  /** What the grassroots ranking covers and its rule, or why there is none. */
  readonly grassrootsNote: string | undefined;
  /** Grassroots organizations ranked by target achievement: all when few, else best and worst. */
  readonly grassroots: readonly RankingTable[];
  /** Grassroots organizations with a tiny target: how they fared, and the list when short. */
  readonly smallTargets: { readonly summary: string; readonly table: TableView | undefined } | undefined;
  /** Units directly under the province that ended in the year: listed apart, not ranked. */
  readonly ended: readonly Link[];
}

export interface RankingTable {
  readonly table: TableView;
  /** How many more share the rank the table stops at, when it stops inside such a group. */
  readonly more: string | undefined;
}

/** How many grassroots organizations each end of the ranking lists. */
export const RANKING_SIZE = 10;

interface Grassroots extends Achievement {
  readonly path: string | undefined;
  readonly parent: string | undefined;
}

const GRASSROOTS = 'tổ chức cơ sở đảng';

/** Ranked units show their rate as ranked (rankings.ts); others one precision down the column. */
function grassrootsTable(
  caption: string,
  units: readonly (Grassroots & { rank?: number; shown?: string })[],
): TableView {
  const ranked = units.some((u) => u.rank !== undefined);
  const rates = percentColumn(units.map((u) => u.admitted / u.target));
  return {
    caption,
    columns: [
      column('Tổ chức cơ sở đảng', false),
      ...(ranked ? [column('Hạng')] : []),
      column('Trực thuộc', false),
      column('Kết nạp'),
      column('Chỉ tiêu'),
      column('Đạt chỉ tiêu'),
    ],
    rows: units.map((u, i): Cell[] => [
      text(u.name, u.path),
      ...(ranked ? [count(u.rank)] : []),
      text(u.parent),
      count(u.admitted),
      count(u.target),
      u.shown === undefined
        ? (rates[i] ?? text(undefined))
        : { text: u.shown, path: undefined, sort: u.admitted / u.target },
    ]),
  };
}

/** The grassroots organizations of the year with a target, ranked; those with a tiny one apart. */
function grassrootsRanking(
  province: Province,
  year: number,
): Pick<AdmissionsTopic, 'grassroots' | 'grassrootsNote' | 'smallTargets'> {
  const units: Grassroots[] = [];
  for (const unit of grassrootsUnder(province.tree, province.root.id, yearEnd(year))) {
    const a = province.admissions.rollup.at(unit.id, year)?.values;
    if (a?.target === undefined || a.target === 0) continue;
    const parentId = province.tree.parentAt(unit.id, yearEnd(year));
    units.push({
      name: unit.name,
      path: unitPath(province, unit),
      parent: parentId === undefined ? undefined : province.tree.units.get(parentId)?.name,
      admitted: a.admitted ?? 0,
      target: a.target,
    });
  }
  if (units.length === 0) {
    return {
      grassroots: [],
      grassrootsNote: `Chưa có tổ chức cơ sở đảng nào báo cáo chỉ tiêu kết nạp năm ${year}.`,
      smallTargets: undefined,
    };
  }
  const { ranked, apart } = rankByAchievement(units);
  let grassroots: RankingTable[] = [];
  if (ranked.length > 0 && ranked.length <= 2 * RANKING_SIZE) {
    grassroots = [
      {
        table: grassrootsTable(`Tổ chức cơ sở đảng xếp theo tỷ lệ đạt chỉ tiêu kết nạp năm ${year}`, ranked),
        more: undefined,
      },
    ];
  } else if (ranked.length > 0) {
    const top = ranked.slice(0, RANKING_SIZE);
    const bottom = lowest(ranked, RANKING_SIZE);
    grassroots = [
      {
        table: grassrootsTable(
          `${RANKING_SIZE} tổ chức cơ sở đảng có tỷ lệ đạt chỉ tiêu kết nạp cao nhất năm ${year}`,
          top,
        ),
        more: sharedRankBeyond(ranked, top, GRASSROOTS),
      },
      {
        table: grassrootsTable(
          `${RANKING_SIZE} tổ chức cơ sở đảng có tỷ lệ đạt chỉ tiêu kết nạp thấp nhất năm ${year}`,
          bottom,
        ),
        more: sharedRankBeyond(ranked, bottom, GRASSROOTS),
      },
    ];
  }
  const summary = apartSummary(GRASSROOTS, apart);
  return {
    grassroots,
    grassrootsNote: rankingRule(GRASSROOTS, ranked.length, year),
    smallTargets:
      summary === undefined
        ? undefined
        : {
            summary,
            // A long list would rank them after all, by the reader's eye; each has its own page.
            table:
              apart.length <= 2 * RANKING_SIZE
                ? grassrootsTable(
                    `Tổ chức cơ sở đảng có chỉ tiêu kết nạp dưới ${MIN_RANKED_TARGET} đảng viên năm ${year} (không xếp hạng)`,
                    apart,
                  )
                : undefined,
          },
  };
}

const SUBORDINATES = 'đảng bộ trực thuộc';

const names = (rows: readonly SubordinateFigures[]) => rows.map((r) => r.unit.name).join('; ');

/** Admitted over target, when both are reported for the same organizations and the target is not 0. */
function achievementOf(admitted: Reading | undefined, target: Reading | undefined): number | undefined {
  const pair = comparable(admitted, target);
  return pair && pair[1].value > 0 ? pair[0].value / pair[1].value : undefined;
}

interface SubordinateAchievement extends Achievement {
  readonly row: SubordinateFigures;
}

/**
 * Target achievement of the units directly under the province in the latest year, row by row,
 * and their ranking: one computation for the table, the ranking chart and the summary.
 */
export const subordinateAchievements = perProvince('subordinateAchievements', (province) => {
  const year = province.lastYear;
  const rows = subordinateFigures(province, province.root.id);
  const read = (unit: Unit, metric: 'admitted' | 'target') =>
    year === undefined ? undefined : readingOf(province, province.admissions, unit, year, metric);
  const achievement = rows.map((r) => achievementOf(read(r.unit, 'admitted'), read(r.unit, 'target')));
  const units: SubordinateAchievement[] = [];
  /** No target (or 0), or no admissions figure. */
  const untargeted: SubordinateFigures[] = [];
  /** Admissions and target both summed, but over different grassroots organizations. */
  const mismatched: SubordinateFigures[] = [];
  rows.forEach((row, i) => {
    if (row.admitted === undefined || !row.target) untargeted.push(row);
    else if (achievement[i] === undefined) mismatched.push(row);
    else units.push({ row, name: row.unit.name, admitted: row.admitted, target: row.target });
  });
  return { achievement, ...rankByAchievement(units), untargeted, mismatched };
});

export const admissionsTopic = perProvince('admissionsTopic', (province): AdmissionsTopic => {
  const year = province.lastYear;
  const rows = subordinateFigures(province, province.root.id);
  const before = subordinatesBefore(province);
  const previous = (year ?? 0) - 1;
  const { achievement, ranked, apart, untargeted, mismatched } = subordinateAchievements(province);
  const achievedBeforeRates = percentColumn(
    before.admitted.map((b, i) => {
      const t = before.target[i] ?? noBefore;
      return b.value !== undefined && t.value !== undefined ? achievementOf(b.reading, t.reading) : undefined;
    }),
  );
  const achievedBefore = achievedBeforeRates.map((cell, i) =>
    marked(cell, before.admitted[i] ?? noBefore, before.target[i] ?? noBefore),
  );

  return {
    year,
    trend: provinceChart(province, 'ket-nap'),
    byUnit: byUnit(province, rows, {
      id: 'ket-nap-theo-don-vi',
      title: `Kết nạp đảng viên và chỉ tiêu của các đảng bộ trực thuộc năm ${year}`,
      unit: 'đảng viên',
      series: [
        {
          label: 'Kết nạp',
          kind: 'bar',
          values: rows.map((r) => r.admitted),
          tooltips: againstTarget(
            rows.map((r) => r.admitted),
            rows.map((r) => r.target),
          ),
        },
        { label: 'Chỉ tiêu kết nạp', kind: 'bar', values: rows.map((r) => r.target) },
      ],
      extra: [
        { column: column('Đạt chỉ tiêu'), cells: percentColumn(achievement) },
        ...(before.admitted.some((b) => b.value !== undefined)
          ? [beforeColumn(`Kết nạp năm ${previous}`, before.admitted)]
          : []),
        ...(achievedBefore.some((c) => c.sort !== undefined)
          ? [{ column: column(`Đạt chỉ tiêu năm ${previous}`), cells: achievedBefore }]
          : []),
        {
          column: column(`Tỷ lệ so với số đảng viên cuối năm ${previous}`),
          cells: readings(province, rows, province.admissions, 'admitted').map((admitted, i) => {
            const b = before.members[i] ?? noBefore;
            const pair = against(admitted, b);
            return marked(percent(pair && ratio(pair[0].value, pair[1].value)), b);
          }),
        },
      ],
      note:
        year === undefined
          ? undefined
          : yearBeforeNote(
              rows,
              [
                { what: 'số kết nạp', before: before.admitted },
                { what: 'chỉ tiêu kết nạp', before: before.target },
                { what: 'số đảng viên', before: before.members },
              ],
              year,
            ),
    }),
    ranking:
      year === undefined
        ? undefined
        : byUnit(
            province,
            ranked.map((r) => r.row),
            {
              id: 'dat-chi-tieu-theo-don-vi',
              title: `Xếp hạng các đảng bộ trực thuộc theo tỷ lệ đạt chỉ tiêu kết nạp năm ${year}`,
              unit: '% chỉ tiêu',
              format: 'percent',
              series: [
                {
                  label: 'Đạt chỉ tiêu',
                  kind: 'bar',
                  values: ranked.map((r) => r.admitted / r.target),
                  tooltips: againstTarget(
                    ranked.map((r) => r.admitted),
                    ranked.map((r) => r.target),
                  ),
                },
              ],
              extra: [
                { column: column('Hạng'), cells: ranked.map((r) => count(r.rank)) },
                { column: column('Kết nạp'), cells: ranked.map((r) => count(r.admitted)) },
                { column: column('Chỉ tiêu kết nạp'), cells: ranked.map((r) => count(r.target)) },
              ],
              note: paragraph([
                rankingRule(SUBORDINATES, ranked.length, year),
                apart.length > 0
                  ? sentence(
                      `Không xếp hạng vì chỉ tiêu dưới ${MIN_RANKED_TARGET} đảng viên: ${apart
                        .map(
                          (u) =>
                            `${u.name} (kết nạp ${formatNumber(u.admitted)}, chỉ tiêu ${formatNumber(u.target)})`,
                        )
                        .join('; ')}`,
                    )
                  : undefined,
              ]),
            },
          ),
    withoutTarget:
      paragraph([
        untargeted.length > 0
          ? sentence(
              `Không xếp hạng vì chưa có số liệu kết nạp hoặc chỉ tiêu kết nạp năm ${year}: ${names(untargeted)}`,
            )
          : undefined,
        mismatched.length > 0
          ? sentence(
              `Không xếp hạng vì số kết nạp và chỉ tiêu kết nạp chưa cùng tính trên những tổ chức cơ sở đảng đã báo cáo: ${names(mismatched)}`,
            )
          : undefined,
      ]) || undefined,
    ...(year === undefined
      ? { grassroots: [], grassrootsNote: undefined, smallTargets: undefined }
      : grassrootsRanking(province, year)),
    ended: endedUnits(province),
  };
});

export interface CellsTopic {
  readonly year: number | undefined;
  readonly trend: ChartSpec | undefined;
  readonly ratings: ChartSpec | undefined;
  readonly quality: QualityView;
  readonly byUnit: TableView | undefined;
  /** What a marked figure of the year before means, and which could not be compared. */
  readonly byUnitNote: string | undefined;
  readonly byUnitChart: ChartSpec | undefined;
  /** Units directly under the province that ended in the year: listed apart from the table. */
  readonly ended: readonly Link[];
}

export const cellsTopic = perProvince('cellsTopic', (province): CellsTopic => {
  const { years, root } = province;
  const year = province.lastYear;
  const rows = subordinateFigures(province, root.id);
  const counts = years.map((y) => ratingCounts(province, root.id, y));
  const ratingSeries: SeriesInput[] = [
    ...RATINGS.map((r) => ({
      label: ratingLabel(r.value),
      kind: 'bar' as const,
      values: counts.map((c) => (c.total > c.unrated ? c.byRating[r.value] : undefined)),
    })),
  ];
  const ratings = isEmpty(ratingSeries)
    ? undefined
    : buildChart({
        id: 'xep-loai-theo-nam',
        title: 'Kết quả xếp loại chất lượng tổ chức cơ sở đảng qua các năm',
        unit: 'tổ chức cơ sở đảng',
        categoryHeader: 'Năm',
        categories: years.map((y) => ({ label: String(y), path: undefined })),
        series: ratingSeries,
        stacked: true,
        extra: [{ column: column('Chưa có xếp loại'), cells: counts.map((c) => count(c.unrated)) }],
        owner: root,
      });
  const unitCounts = year === undefined ? [] : rows.map((r) => ratingCounts(province, r.unit.id, year));
  // The secretary columns only where someone reported the model: otherwise they would be all "—".
  const secretary = rows.some((r) => r.secretaryAsHead !== undefined);
  const { cells } = subordinatesBefore(province);
  const now = readings(province, rows, province.cells, 'cells');
  const compared =
    year === undefined
      ? []
      : [...startColumn(`Chi bộ trực thuộc năm ${year - 1}`, cells), changeColumn(year, now, cells)];
  return {
    year,
    trend: provinceChart(province, 'chi-bo'),
    ratings,
    quality: qualityView(province, root.id),
    byUnit:
      rows.length === 0 || year === undefined
        ? undefined
        : {
            caption: `Chi bộ và xếp loại chất lượng của các đảng bộ trực thuộc năm ${year}`,
            columns: [
              column('Đơn vị', false),
              column('Tổ chức cơ sở đảng'),
              column('Chi bộ trực thuộc'),
              ...compared.map((c) => c.column),
              ...(secretary
                ? [
                    column('Chi bộ thôn, tổ dân phố'),
                    column('Bí thư đồng thời là trưởng thôn, tổ trưởng'),
                    column('Tỷ lệ bí thư đồng thời là trưởng thôn, tổ trưởng'),
                  ]
                : []),
              ...RATINGS.map((r) => column(`Tổ chức cơ sở đảng ${r.label}`)),
            ],
            rows: rows.map((r, i) => [
              text(r.unit.name, r.path),
              count(unitCounts[i]?.total),
              count(r.cells),
              ...compared.map((c) => c.cells[i] ?? text(undefined)),
              ...(secretary
                ? [
                    count(r.residentialCells),
                    count(r.secretaryAsHead),
                    percent(ratio(r.secretaryAsHead, r.residentialCells ?? r.cells)),
                  ]
                : []),
              ...RATINGS.map((rating) => count(unitCounts[i]?.byRating[rating.value])),
            ]),
          },
    byUnitNote:
      year === undefined
        ? undefined
        : yearBeforeNote(rows, [{ what: 'số chi bộ trực thuộc', before: cells, now }], year),
    byUnitChart: byUnit(province, rows, {
      id: 'chi-bo-theo-don-vi',
      title: `Số chi bộ trực thuộc của các đảng bộ trực thuộc năm ${year}`,
      unit: 'chi bộ',
      series: [{ label: 'Chi bộ trực thuộc', kind: 'bar', values: rows.map((r) => r.cells) }],
    }),
    ended: endedUnits(province),
  };
});

/** The newest restructurings, for the province page; their pages live under `sap-xep/`. */
export function latestRestructurings(province: Province, limit = 5): Link[] {
  return province.events
    .slice(-limit)
    .reverse()
    .map((e) => ({ label: `${eventDateText(e)}: ${e.title}`, path: `sap-xep/${slug(e.id)}/` }));
}

/** Charts that get an embed page under the province: the topic pages' province-wide charts. */
export const topicCharts = perProvince('topicCharts', (province): ChartSpec[] =>
  [
    membersTopic(province).byUnit,
    admissionsTopic(province).byUnit,
    admissionsTopic(province).ranking,
    cellsTopic(province).ratings,
    cellsTopic(province).byUnitChart,
  ].filter((c): c is ChartSpec => c !== undefined),
);
