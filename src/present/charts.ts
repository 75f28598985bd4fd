/**
 * Chart specs, computed at build time from the model. A page carries the spec's `data` as
 * JSON (data, not code) for the browser's Chart.js bundle, and the spec's `table` as a real
 * `<table>` with the same figures, so every figure stays readable without JavaScript.
 */
import { isAbove } from '../model/organizations.ts';
import type { Province, Statistics } from '../model/province.ts';
import type { Figures } from '../model/rollup.ts';
import { slug, type Unit } from '../model/units.ts';
import { formatNumber, formatPercent, ratio } from './format.ts';
import { listVi, sentence } from './wording.ts';
import { comparableReading } from '../model/comparable.ts';
import { comparable, complete, readingOf } from '../model/coverage.ts';
import {
  column,
  count,
  missingFrom,
  partial,
  percent,
  percentColumn,
  text,
  type Cell,
  type Column,
  type TableView,
} from './table.ts';
import { perProvinceKey } from './memo.ts';
import { unitOwnYears, unitYears } from './unit-years.ts';

export type ChartKind = 'line' | 'bar';
export type ValueFormat = 'number' | 'percent';

export interface ChartSeries {
  readonly label: string;
  /** Per series, so a bar chart can carry a target line. */
  readonly kind: ChartKind;
  /** `null` where the figure was not reported: Chart.js draws a gap, never a zero. */
  readonly values: readonly (number | null)[];
  /** Comparable figures on today's organization: drawn dashed and hollow, never like a reported series. */
  readonly comparable?: true;
  /** A term target: one value drawn as a level line across the chart, unlike any figure. */
  readonly target?: true;
  /**
   * What hovering a point says, made at build time: the figure with its target or its share
   * (`Kết nạp 11 / chỉ tiêu 2 (550%)`), and how many organizations a partial sum misses.
   */
  readonly tooltips: readonly (string | null)[];
}

/**
 * The value axis: always from zero, so a drop of 7 among 290 members does not fill the chart;
 * counts (members, cells, organizations) get whole-number ticks only, never "0,5 đảng viên".
 */
export interface ValueAxis {
  readonly min: 0;
  readonly wholeNumbers: boolean;
}

/** What the browser receives, serialized into the page. */
export interface ChartData {
  readonly kind: ChartKind;
  readonly labels: readonly string[];
  readonly datasets: readonly ChartSeries[];
  /** Value axis title, e.g. `đảng viên`. */
  readonly unit: string;
  /** `percent` values are percentages (120 = 120%), formatted `120%` in vi-VN. */
  readonly format: ValueFormat;
  /** Bars along the value axis to the right: long unit names read better down the side. */
  readonly horizontal: boolean;
  readonly stacked: boolean;
  readonly axis: ValueAxis;
}

/**
 * The canvas box CSS reserves before the chart paints, so the page does not shift: a trend over
 * years keeps a fixed aspect ratio; a chart of units down the side is as tall as its rows (one
 * pair of bars is a short chart, 150 units a long one), `rows` rounded up to one of ROW_STEPS,
 * and `grouped` when each row holds bars side by side and needs more height.
 */
export type ChartBox =
  { readonly shape: 'trend' } | { readonly shape: 'rows'; readonly rows: number; readonly grouped: boolean };

/**
 * Row counts the stylesheet has a height for (`.chart-rows-<n>`): a chart gets the first step
 * at or above its rows, at most an eighth more than it needs; more than 200 rows get the last.
 */
export const ROW_STEPS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 25, 28, 32, 36, 40, 45, 50, 56, 63, 70, 78, 88,
  100, 112, 125, 140, 158, 178, 200,
] as const;

export interface ChartSpec {
  /** Unique among a unit's charts; the last segment of the embed path. */
  readonly id: string;
  /** Figure caption and table caption. */
  readonly title: string;
  /** The canvas's accessible name. */
  readonly label: string;
  readonly data: ChartData;
  readonly table: TableView;
  /** E.g. which years are missing, so a reader knows a gap is not a zero. */
  readonly note: string | undefined;
  readonly box: ChartBox;
  /** `nhung/<unit>/<chart>/` for charts of the province and districts; pages add `BASE_URL`. */
  readonly embedPath: string | undefined;
}

export interface Category {
  readonly label: string;
  readonly path: string | undefined;
}

export interface SeriesInput {
  readonly label: string;
  readonly kind: ChartKind;
  readonly values: readonly (number | undefined)[];
  readonly comparable?: boolean;
  readonly target?: boolean;
  /**
   * Per value, how many grassroots organizations a sum leaves out for want of their figures:
   * the table marks it and says how many, the tooltip too.
   */
  readonly missing?: readonly (number | undefined)[];
  /** Tooltip texts where the default (`label: value`, or the share of a stacked column) says too little. */
  readonly tooltips?: readonly (string | undefined)[];
}

export interface ChartInput {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly format?: ValueFormat;
  /** Header of the table's first column: `Năm`, `Đơn vị`. */
  readonly categoryHeader: string;
  readonly categories: readonly Category[];
  readonly series: readonly SeriesInput[];
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  /** Columns the table shows beyond the charted series (e.g. target achievement). */
  readonly extra?: readonly { readonly column: Column; readonly cells: readonly Cell[] }[];
  readonly note?: string | undefined;
  /** The unit whose embed namespace the chart belongs to; only province and districts get embeds. */
  readonly owner: Unit;
}

export const embedPath = (owner: Unit, chartId: string): string | undefined =>
  isAbove(owner) ? `nhung/${slug(owner.id)}/${chartId}/` : undefined;

const toPercent = (value: number | undefined): number | undefined =>
  value === undefined ? undefined : Math.round(value * 1000) / 10;

function boxFor(input: ChartInput): ChartBox {
  if (!input.horizontal) return { shape: 'trend' };
  const count = input.categories.length;
  const rows = ROW_STEPS.find((step) => step >= count) ?? Math.max(...ROW_STEPS);
  const bars = input.series.filter((s) => s.kind === 'bar').length;
  return { shape: 'rows', rows, grouped: !input.stacked && bars > 1 };
}

/**
 * `Kết nạp 11 / chỉ tiêu 2 (550%)`: each figure with its target, for the tooltips of admissions.
 * `achievement` is left out where admissions and target cover different organizations.
 */
export function againstTarget(
  admitted: readonly (number | undefined)[],
  target: readonly (number | undefined)[],
  achievement: readonly (number | undefined)[] = admitted.map((a, i) => ratio(a, target[i])),
): (string | undefined)[] {
  return admitted.map((a, i) => {
    const t = target[i];
    const share = achievement[i];
    if (a === undefined) return undefined;
    if (t === undefined) return `Kết nạp ${formatNumber(a)}`;
    return `Kết nạp ${formatNumber(a)} / chỉ tiêu ${formatNumber(t)}${share === undefined ? '' : ` (${formatPercent(share)})`}`;
  });
}

const missingWords = (missing: number | undefined): string =>
  missing === undefined || missing === 0
    ? ''
    : `; thiếu số liệu của ${formatNumber(missing)} tổ chức cơ sở đảng`;

/**
 * What hovering each point says: the given text, else the figure, with its share of the column
 * in a stacked chart (`Hoàn thành tốt nhiệm vụ: 12 (15%)`), and what a partial sum leaves out.
 */
function tooltipsOf(input: ChartInput, series: SeriesInput, cells: readonly Cell[]): (string | null)[] {
  return input.categories.map((_, i) => {
    const value = series.values[i];
    if (value === undefined) return null;
    const given = series.tooltips?.[i];
    const missing = missingWords(series.missing?.[i]);
    if (given !== undefined) return `${given}${missing}`;
    const figure = cells[i]?.text ?? formatNumber(value);
    const total = input.stacked ? input.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : 0;
    const share = input.stacked && total > 0 ? ` (${formatPercent(value / total)})` : '';
    return `${series.label}: ${figure}${share}${missing}`;
  });
}

export function buildChart(input: ChartInput): ChartSpec {
  const format = input.format ?? 'number';
  const horizontal = input.horizontal ?? false;
  const kind = input.series[0]?.kind ?? 'bar';
  // A percent series is a column with one precision, each value against the target line's value
  // where there is one, else against 100% (an achievement): 84,6% beside 85%, never 85%.
  const targetLine = input.series.find((s) => s.target);
  const seriesCells = input.series.map((s): Cell[] =>
    format === 'percent'
      ? percentColumn(s.values, (i) => (s.target ? undefined : targetLine ? targetLine.values[i] : 1))
      : s.values.map(count),
  );
  const columns: Column[] = [
    column(input.categoryHeader, false),
    ...input.series.map((s) => column(s.label)),
    ...(input.extra ?? []).map((e) => e.column),
  ];
  const rows = input.categories.map((category, i) => [
    text(category.label, category.path),
    ...input.series.map((s, j) => partial(seriesCells[j]?.[i] ?? text(undefined), s.missing?.[i])),
    ...(input.extra ?? []).map((e) => e.cells[i] ?? text(undefined)),
  ]);
  const datasets = input.series.map((s, j) => ({
    label: s.label,
    kind: s.kind,
    values: input.categories.map((_, i) => {
      const v = s.values[i];
      return v === undefined ? null : format === 'percent' ? (toPercent(v) ?? null) : v;
    }),
    ...(s.comparable ? { comparable: true as const } : {}),
    ...(s.target ? { target: true as const } : {}),
    tooltips: tooltipsOf(input, s, seriesCells[j] ?? []),
  }));
  return {
    id: input.id,
    title: input.title,
    label: `${input.title}. Biểu đồ ${kind === 'line' ? 'đường' : 'cột'}; số liệu chi tiết ở bảng ngay bên dưới.`,
    data: {
      kind,
      labels: input.categories.map((c) => c.label),
      datasets,
      unit: input.unit,
      format,
      horizontal,
      stacked: input.stacked ?? false,
      axis: { min: 0, wholeNumbers: format === 'number' },
    },
    table: { caption: `Số liệu: ${input.title}`, columns, rows },
    note: input.note,
    box: boxFor(input),
    embedPath: embedPath(input.owner, input.id),
  };
}

/** True when a chart would show nothing at all. */
export const isEmpty = (series: readonly SeriesInput[]): boolean =>
  series.every((s) => s.values.every((v) => v === undefined));

/**
 * Years whose first series is not reported: a gap in the chart, `—` in the table. Years before
 * `since` (the unit's first) are not missing: the unit did not exist yet.
 */
export function gapNote(
  years: readonly number[],
  values: readonly (number | undefined)[],
  since?: number,
): string | undefined {
  const missing = years
    .filter((y, i) => values[i] === undefined && (since === undefined || y >= since))
    .map(String);
  if (missing.length === 0) return undefined;
  return `Chưa có số liệu năm ${listVi(missing)}: biểu đồ để trống, bảng ghi “—” (không phải số 0).`;
}

/** Legend and table header of the comparable series (glossary: số liệu quy đổi theo tổ chức hiện nay). */
export const COMPARABLE_LABEL = 'Quy đổi theo tổ chức hiện nay';

interface ComparableSeries {
  readonly series: SeriesInput;
  readonly note: string | undefined;
}

/**
 * The comparable series of one metric beside the reported one, only where it says something
 * else in some year (a unit formed or reshaped by restructurings); with a note on the years
 * whose sum covers only some of the organizations.
 */
export function comparableSeries<K extends string>(
  province: Province,
  stats: Statistics<K, Figures<K>>,
  unitId: string,
  metric: K,
  reported: readonly (number | undefined)[],
  kind: ChartKind = 'line',
): ComparableSeries | undefined {
  const readings = province.years.map((y) => comparableReading(province, stats, unitId, y, metric));
  if (!readings.some((r, i) => r !== undefined && r.value !== reported[i])) return undefined;
  const partial = province.years.flatMap((y, i) => {
    const r = readings[i];
    return r && !complete(r.scope)
      ? [
          `năm ${y} tính trên ${formatNumber(r.scope.count)}/${formatNumber(r.scope.total)} tổ chức cơ sở đảng`,
        ]
      : [];
  });
  return {
    series: { label: COMPARABLE_LABEL, kind, values: readings.map((r) => r?.value), comparable: true },
    note:
      partial.length === 0 ? undefined : sentence(`Số liệu quy đổi theo tổ chức hiện nay ${listVi(partial)}`),
  };
}

/** Notes joined as one paragraph, or none. */
const notes = (...parts: (string | undefined)[]): string | undefined => {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length === 0 ? undefined : kept.join(' ');
};

/**
 * The trend charts of one unit over all years: members, admissions against target, cells.
 * A chart with no figure in any year is left out (the page says the topic has no data).
 */
export function unitCharts(province: Province, unitId: string): ChartSpec[] {
  const unit = province.tree.units.get(unitId);
  if (!unit) throw new Error(`unitCharts: unknown unit ${unitId}`);
  const years = unitYears(province, unitId);
  const since = unitOwnYears(province, unitId)[0];
  const categories = years.map((y) => ({ label: String(y), path: undefined }));
  const members = years.map((y) => province.members.rollup.at(unitId, y)?.values.members);
  const admitted = years.map((y) => province.admissions.rollup.at(unitId, y)?.values.admitted);
  const target = years.map((y) => province.admissions.rollup.at(unitId, y)?.values.target);
  const cells = years.map((y) => province.cells.rollup.at(unitId, y)?.values.cells);
  // A district's figure is the sum of those under it that reported: how many it leaves out.
  const missing = <K extends string>(stats: Statistics<K, Figures<K>>, metric: K) =>
    years.map((y) => missingFrom(readingOf(province, stats, unit, y, metric)));
  const charts: ChartSpec[] = [];
  const common = { categoryHeader: 'Năm', categories, owner: unit } as const;

  const memberComparable = comparableSeries(province, province.members, unitId, 'members', members);
  const memberSeries: SeriesInput[] = [
    {
      label: memberComparable ? 'Theo tổ chức tại thời điểm báo cáo' : 'Đảng viên',
      kind: 'line',
      values: members,
      missing: missing(province.members, 'members'),
    },
    ...(memberComparable ? [memberComparable.series] : []),
  ];
  if (!isEmpty(memberSeries)) {
    charts.push(
      buildChart({
        ...common,
        id: 'dang-vien',
        title: `Số đảng viên của ${unit.name} qua các năm`,
        unit: 'đảng viên',
        series: memberSeries,
        note: notes(gapNote(years, members, since), memberComparable?.note),
      }),
    );
  }

  // Only where admissions and target cover the same organizations.
  const achievement = years.map((y) => {
    const pair = comparable(
      readingOf(province, province.admissions, unit, y, 'admitted'),
      readingOf(province, province.admissions, unit, y, 'target'),
    );
    return pair && ratio(pair[0].value, pair[1].value);
  });
  const admissionSeries: SeriesInput[] = [
    {
      label: 'Kết nạp',
      kind: 'bar',
      values: admitted,
      missing: missing(province.admissions, 'admitted'),
      tooltips: againstTarget(admitted, target, achievement),
    },
  ];
  if (target.some((t) => t !== undefined)) {
    admissionSeries.push({
      label: 'Chỉ tiêu kết nạp',
      kind: 'line',
      values: target,
      missing: missing(province.admissions, 'target'),
    });
  }
  const admittedComparable = comparableSeries(province, province.admissions, unitId, 'admitted', admitted);
  if (admittedComparable)
    admissionSeries.push({
      ...admittedComparable.series,
      label: `Kết nạp, ${COMPARABLE_LABEL.toLowerCase()}`,
    });
  if (!isEmpty(admissionSeries)) {
    charts.push(
      buildChart({
        ...common,
        id: 'ket-nap',
        title: `Kết nạp đảng viên mới và chỉ tiêu của ${unit.name} qua các năm`,
        unit: 'đảng viên',
        series: admissionSeries,
        extra: target.some((t) => t !== undefined)
          ? [{ column: column('Đạt chỉ tiêu'), cells: achievement.map(percent) }]
          : [],
        note: notes(gapNote(years, admitted, since), admittedComparable?.note),
      }),
    );
  }

  // A chi bộ cơ sở has no cells of its own: a chart of zeros would say nothing.
  if (cells.some((c) => c !== undefined && c > 0)) {
    // No figure quy đổi fills the years before the unit: the chart starts with it.
    const start = Math.max(0, years.indexOf(since ?? years[0] ?? 0));
    charts.push(
      buildChart({
        ...common,
        categories: categories.slice(start),
        id: 'chi-bo',
        title: `Số chi bộ trực thuộc của ${unit.name} qua các năm`,
        unit: 'chi bộ',
        series: [
          {
            label: 'Chi bộ trực thuộc',
            kind: 'bar',
            values: cells.slice(start),
            missing: missing(province.cells, 'cells').slice(start),
          },
        ],
        note: gapNote(years.slice(start), cells.slice(start)),
      }),
    );
  }
  return charts;
}

/**
 * A committee's charts, computed once per build: its page shows them, its embedded charts are
 * them, and the build's own process computes them first for the embeds' keys (memo.ts shares them
 * with the pages). Grassroots units' charts are not kept: there are tens of thousands of them.
 */
export const committeeCharts = perProvinceKey('committeeCharts', unitCharts);

/**
 * The JSON a page embeds in `<script type="application/json" data-chart>`. Unit names are
 * publishers' text: `<` is escaped so a name can never close the script element.
 */
export const chartJson = (spec: ChartSpec): string =>
  JSON.stringify(spec.data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
