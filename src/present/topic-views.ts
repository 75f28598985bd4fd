/**
 * View models of the topic pages (`/dang-vien/`, `/ket-nap/`, `/chi-bo/`) and the extras of the
 * province page. Everything here spans the whole province, so each is computed once per build.
 */
import { comparableReading, differs } from '../model/comparable.ts';
import { complete, readingOf, type Reading } from '../model/coverage.ts';
import { grassrootsUnder } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { collator, slug, yearEnd, type Unit } from '../model/units.ts';
import { RATINGS } from '../read/schemas.ts';
import {
  againstTarget,
  buildChart,
  isEmpty,
  unitCharts,
  type ChartSpec,
  type SeriesInput,
} from './charts.ts';
import { compositionView, type CompositionView } from './composition.ts';
import { formatDate, formatNumber, ratio } from './format.ts';
import { perProvince } from './memo.ts';
import { qualityView, ratingCounts, ratingLabel, type QualityView } from './quality.ts';
import { subordinateFigures, type SubordinateFigures } from './subordinates.ts';
import { column, count, percent, signed, text, type Cell, type TableView } from './table.ts';
import { unitPath, type Link } from './links.ts';
import { coveredOf } from './narrative/context.ts';
import { listVi, sentence } from './wording.ts';

const provinceChart = (province: Province, id: string): ChartSpec | undefined =>
  unitCharts(province, province.root.id).find((c) => c.id === id);

const categories = (rows: readonly SubordinateFigures[]) =>
  rows.map((r) => ({ label: r.unit.name, path: r.path }));

const change = (now: number | undefined, before: number | undefined) =>
  now === undefined || before === undefined ? undefined : now - before;

/** Beside a figure of the year before that is counted on today's organization; the chart's note says so. */
const COMPARABLE_MARK = '*';

/** The members a unit directly under the province is compared with: those at the end of the year before. */
export interface MembersBefore {
  /** `undefined` when not reported, or when a comparable figure covers only some organizations. */
  readonly value: number | undefined;
  /** The reading the value comes from, with the organizations it covers. */
  readonly reading: Reading | undefined;
  /**
   * Counted on the organization at the end of the topic year (quy đổi theo tổ chức hiện nay):
   * a unit formed or reshaped by a restructuring that year, whose reported figure of the year
   * before (none, for a commune committee formed in 2025) would compare different organizations.
   */
  readonly comparable: boolean;
}

const noBefore: MembersBefore = { value: undefined, reading: undefined, comparable: false };

/**
 * The organization is the one at the end of `year`, not today's: the rows are the units of
 * that year, and a restructuring after it must not add to a figure they are compared with.
 */
export function membersBefore(province: Province, unit: Unit, year: number): MembersBefore {
  const reported = readingOf(province, province.members, unit, year - 1, 'members');
  const counted = province.years.includes(year - 1)
    ? comparableReading(province, province.members, unit.id, year - 1, 'members', yearEnd(year))
    : undefined;
  if (!counted || !differs(reported?.value, counted)) {
    return { value: reported?.value, reading: reported, comparable: false };
  }
  return { value: complete(counted.scope) ? counted.value : undefined, reading: counted, comparable: true };
}

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

/** `+12*`, `12.345*`: a figure that rests on a comparable figure of the year before, marked. */
const marked = (cell: Cell, before: MembersBefore): Cell =>
  before.comparable && cell.sort !== undefined ? { ...cell, text: `${cell.text}${COMPARABLE_MARK}` } : cell;

/**
 * What the mark means, and which comparable figures were left out because they cover only some
 * of the organizations; `undefined` when no unit was formed or reshaped by a restructuring.
 */
function comparableNote(
  rows: readonly SubordinateFigures[],
  before: readonly MembersBefore[],
  year: number,
): string | undefined {
  if (!before.some((b) => b.comparable)) return undefined;
  const parts = [
    sentence(
      `${COMPARABLE_MARK} Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số đảng viên năm ${year - 1} ` +
        `là số quy đổi theo tổ chức hiện nay (tổng số đảng viên năm ${year - 1} của các tổ chức nay thuộc đơn vị), ` +
        'không phải số đơn vị báo cáo năm đó',
    ),
  ];
  const partial = rows.flatMap((r, i) => {
    const b = before[i];
    return b?.comparable && b.value === undefined && b.reading
      ? [`${r.unit.name} (mới tính trên ${coveredOf(b.reading.scope)} tổ chức cơ sở đảng)`]
      : [];
  });
  if (partial.length > 0) {
    parts.push(
      sentence(
        `Chưa so sánh được với năm ${year - 1} số đảng viên quy đổi của ${listVi(partial)}, nên không ghi tăng, giảm`,
      ),
    );
  }
  return parts.join(' ');
}

/**
 * Units directly under the province at the end of the year before that ended during the year:
 * not ranked among today's units (their figures stop), linked to their own pages.
 */
const endedUnits = perProvince((province): Link[] => {
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

/** The subordinates' members of the year before, row by row, as the topic pages compare them. */
const subordinatesBefore = perProvince((province): MembersBefore[] => {
  const year = province.lastYear;
  if (year === undefined) return [];
  return subordinateFigures(province, province.root.id).map((r) => membersBefore(province, r.unit, year));
});

export const membersTopic = perProvince((province): MembersTopic => {
  const year = province.lastYear;
  const rows = subordinateFigures(province, province.root.id);
  const before = subordinatesBefore(province);
  const anyComparable = before.some((b) => b.comparable);
  const previous = (year ?? 0) - 1;
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
        // Shown only beside comparable figures, so a reader sees what the change starts from.
        ...(anyComparable
          ? [
              {
                column: column(`Đảng viên năm ${previous}`),
                cells: before.map((b) => marked(count(b.value), b)),
              },
            ]
          : []),
        {
          column: column(`Tăng, giảm so với năm ${previous}`),
          cells: rows.map((r, i) => {
            const b = before[i] ?? noBefore;
            return marked(signed(change(r.members, b.value)), b);
          }),
        },
        { column: column('Nữ'), cells: rows.map((r) => percent(ratio(r.women, r.members))) },
        { column: column('Đảng viên dự bị'), cells: rows.map((r) => count(r.probationary)) },
      ],
      note: year === undefined ? undefined : comparableNote(rows, before, year),
    }),
    ended: endedUnits(province),
  };
});

export interface AdmissionsTopic {
  readonly year: number | undefined;
  readonly trend: ChartSpec | undefined;
  readonly byUnit: ChartSpec | undefined;
  /** Subordinate units ranked by target achievement, as a chart with its table. */
  readonly ranking: ChartSpec | undefined;
  readonly withoutTarget: string | undefined;
  /** Grassroots organizations ranked by target achievement: all when few, else best and worst. */
  readonly grassroots: readonly TableView[];
  readonly grassrootsNote: string | undefined;
  /** Units directly under the province that ended in the year: listed apart, not ranked. */
  readonly ended: readonly Link[];
}

/** How many grassroots organizations each end of the ranking lists. */
export const RANKING_SIZE = 10;

interface Ranked {
  readonly name: string;
  readonly path: string | undefined;
  readonly parent: string | undefined;
  readonly admitted: number;
  readonly target: number;
  readonly achievement: number;
}

/** Highest achievement first; equal achievement by name, so the order never depends on input order. */
const byAchievement = (a: Ranked, b: Ranked) =>
  b.achievement - a.achievement || collator.compare(a.name, b.name);

function rankingTable(caption: string, ranked: readonly Ranked[], ranks: readonly number[]): TableView {
  return {
    caption,
    columns: [
      column('Tổ chức cơ sở đảng', false),
      column('Hạng'),
      column('Trực thuộc', false),
      column('Kết nạp'),
      column('Chỉ tiêu'),
      column('Đạt chỉ tiêu'),
    ],
    rows: ranked.map((r, i): Cell[] => [
      text(r.name, r.path),
      count(ranks[i]),
      text(r.parent),
      count(r.admitted),
      count(r.target),
      percent(r.achievement),
    ]),
  };
}

export const admissionsTopic = perProvince((province): AdmissionsTopic => {
  const year = province.lastYear;
  const rows = subordinateFigures(province, province.root.id);
  const before = subordinatesBefore(province);
  const achievement = (r: SubordinateFigures) => ratio(r.admitted, r.target);
  const targeted = rows
    .filter((r) => achievement(r) !== undefined)
    .sort(
      (a, b) => (achievement(b) ?? 0) - (achievement(a) ?? 0) || collator.compare(a.unit.name, b.unit.name),
    );
  const untargeted = rows.filter((r) => achievement(r) === undefined);

  let grassroots: TableView[] = [];
  let grassrootsNote: string | undefined;
  if (year !== undefined) {
    const ranked: Ranked[] = [];
    for (const unit of grassrootsUnder(province.tree, province.root.id, yearEnd(year))) {
      const a = province.admissions.rollup.at(unit.id, year)?.values;
      if (a?.target === undefined || a.target === 0) continue;
      const parentId = province.tree.parentAt(unit.id, `${year}-12-31`);
      ranked.push({
        name: unit.name,
        path: unitPath(province, unit),
        parent: parentId === undefined ? undefined : province.tree.units.get(parentId)?.name,
        admitted: a.admitted ?? 0,
        target: a.target,
        achievement: (a.admitted ?? 0) / a.target,
      });
    }
    ranked.sort(byAchievement);
    const n = ranked.length;
    if (n > 0 && n <= 2 * RANKING_SIZE) {
      grassroots = [
        rankingTable(
          `Tổ chức cơ sở đảng xếp theo tỷ lệ đạt chỉ tiêu kết nạp năm ${year}`,
          ranked,
          ranked.map((_, i) => i + 1),
        ),
      ];
    } else if (n > 0) {
      const bottom = ranked.slice(-RANKING_SIZE).reverse();
      grassroots = [
        rankingTable(
          `${RANKING_SIZE} tổ chức cơ sở đảng có tỷ lệ đạt chỉ tiêu kết nạp cao nhất năm ${year}`,
          ranked.slice(0, RANKING_SIZE),
          ranked.slice(0, RANKING_SIZE).map((_, i) => i + 1),
        ),
        rankingTable(
          `${RANKING_SIZE} tổ chức cơ sở đảng có tỷ lệ đạt chỉ tiêu kết nạp thấp nhất năm ${year}`,
          bottom,
          bottom.map((_, i) => n - i),
        ),
      ];
    }
    grassrootsNote =
      n === 0
        ? `Chưa có tổ chức cơ sở đảng nào báo cáo chỉ tiêu kết nạp năm ${year}.`
        : `Xếp hạng ${formatNumber(n)} tổ chức cơ sở đảng có chỉ tiêu kết nạp năm ${year}; đơn vị không có chỉ tiêu không được xếp hạng.`;
  }

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
        { column: column('Đạt chỉ tiêu'), cells: rows.map((r) => percent(achievement(r))) },
        {
          column: column(`Tỷ lệ so với số đảng viên cuối năm ${(year ?? 0) - 1}`),
          cells: rows.map((r, i) => {
            const b = before[i] ?? noBefore;
            return marked(percent(ratio(r.admitted, b.value)), b);
          }),
        },
      ],
      note: year === undefined ? undefined : comparableNote(rows, before, year),
    }),
    ranking: byUnit(province, targeted, {
      id: 'dat-chi-tieu-theo-don-vi',
      title: `Xếp hạng các đảng bộ trực thuộc theo tỷ lệ đạt chỉ tiêu kết nạp năm ${year}`,
      unit: '% chỉ tiêu',
      format: 'percent',
      series: [
        {
          label: 'Đạt chỉ tiêu',
          kind: 'bar',
          values: targeted.map(achievement),
          tooltips: againstTarget(
            targeted.map((r) => r.admitted),
            targeted.map((r) => r.target),
          ),
        },
      ],
      extra: [
        { column: column('Kết nạp'), cells: targeted.map((r) => count(r.admitted)) },
        { column: column('Chỉ tiêu kết nạp'), cells: targeted.map((r) => count(r.target)) },
      ],
    }),
    withoutTarget:
      untargeted.length === 0
        ? undefined
        : `Chưa có chỉ tiêu kết nạp năm ${year}, không xếp hạng: ${untargeted.map((r) => r.unit.name).join('; ')}.`,
    grassroots,
    grassrootsNote,
    ended: endedUnits(province),
  };
});

export interface CellsTopic {
  readonly year: number | undefined;
  readonly trend: ChartSpec | undefined;
  readonly ratings: ChartSpec | undefined;
  readonly quality: QualityView;
  readonly byUnit: TableView | undefined;
  readonly byUnitChart: ChartSpec | undefined;
  /** Units directly under the province that ended in the year: listed apart from the table. */
  readonly ended: readonly Link[];
}

export const cellsTopic = perProvince((province): CellsTopic => {
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
    .map((e) => ({ label: `${formatDate(e.date)}: ${e.title}`, path: `sap-xep/${slug(e.id)}/` }));
}

/** Charts that get an embed page under the province: the topic pages' province-wide charts. */
export const topicCharts = perProvince((province): ChartSpec[] =>
  [
    membersTopic(province).byUnit,
    admissionsTopic(province).byUnit,
    admissionsTopic(province).ranking,
    cellsTopic(province).ratings,
    cellsTopic(province).byUnitChart,
  ].filter((c): c is ChartSpec => c !== undefined),
);
