/**
 * Cells and their annual quality rating (đánh giá, xếp loại chất lượng hằng năm), and the
 * "secretary also hamlet head" model (bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố).
 */
import { labelOf } from '../model/labels.ts';
import { unitOwnYears } from './unit-years.ts';
import { grassrootsUnder } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { yearEnd } from '../model/units.ts';
import { RATINGS, type Rating } from '../read/schemas.ts';
import { formatNumber, formatPercent, ratio } from './format.ts';
import { perProvinceKey } from './memo.ts';
import { column, count, percent, text, type TableView } from './table.ts';
import { capitalize } from './wording.ts';

/** `Hoàn thành xuất sắc nhiệm vụ`: the schema's label with a capital, for headers and cells. */
export const ratingLabel = (rating: Rating): string => capitalize(labelOf(RATINGS, rating));

/** Each rating with the cells.csv column that counts cells so rated (`good` → `cells_good`). */
const CELL_RATING_METRICS = RATINGS.map((r) => [r.value, `cells_${r.value}` as const] as const);

export interface RatingCounts {
  readonly total: number;
  readonly byRating: Readonly<Record<Rating, number>>;
  /** Grassroots units without a rating that year. */
  readonly unrated: number;
}

/** How many grassroots organizations under a unit got each rating; shared by unit and topic pages. */
export const gradeCounts = perProvinceKey('gradeCounts', (province, key): RatingCounts => {
  const [unitId = '', yearText = ''] = key.split('\u0000');
  const year = Number(yearText);
  const byRating: Record<Rating, number> = { excellent: 0, good: 0, complete: 0, incomplete: 0 };
  let unrated = 0;
  const units = grassrootsUnder(province.tree, unitId, yearEnd(year));
  for (const unit of units) {
    const rating = province.cells.rows.get(unit.id)?.get(year)?.rating;
    if (rating === undefined) unrated += 1;
    else byRating[rating] += 1;
  }
  return { total: units.length, byRating, unrated };
});

export const ratingCounts = (province: Province, unitId: string, year: number): RatingCounts =>
  gradeCounts(province, `${unitId}\u0000${year}`);

export interface QualityView {
  /** Grassroots: the unit's own rating by year. */
  readonly ownRatings: TableView | undefined;
  /** Province and district: grassroots organizations per rating, by year. */
  readonly grassrootsRatings: TableView | undefined;
  /** Cells per rating, by year (cells_excellent…). */
  readonly cellRatings: TableView | undefined;
  readonly secretary: TableView | undefined;
  /** One sentence for the latest year with the figure, e.g. `12/20 chi bộ thôn, tổ dân phố (60,0%) …`. */
  readonly secretarySummary: string | undefined;
}

function secretaryView(
  province: Province,
  unitId: string,
): Pick<QualityView, 'secretary' | 'secretarySummary'> {
  const rows = unitOwnYears(province, unitId).map((year) => ({
    year,
    v: province.cells.rollup.at(unitId, year)?.values,
  }));
  if (!rows.some((r) => r.v?.secretary_as_head !== undefined))
    return { secretary: undefined, secretarySummary: undefined };
  // The model concerns hamlet and street-group cells; where those are not counted, all cells.
  const base = (v: (typeof rows)[number]['v']) => v?.residential_cells ?? v?.cells;
  const latest = rows.findLast((r) => r.v?.secretary_as_head !== undefined && base(r.v) !== undefined);
  const share = latest && ratio(latest.v?.secretary_as_head, base(latest.v));
  const over = latest?.v?.residential_cells !== undefined ? 'chi bộ thôn, tổ dân phố' : 'chi bộ trực thuộc';
  return {
    secretary: {
      caption:
        'Chi bộ có bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố (tỷ lệ trên số chi bộ thôn, tổ dân phố; nếu chưa có số đó thì trên tổng số chi bộ trực thuộc)',
      columns: [
        column('Năm', false),
        column('Chi bộ trực thuộc'),
        column('Chi bộ thôn, tổ dân phố'),
        column('Bí thư đồng thời là trưởng thôn, tổ trưởng'),
        column('Tỷ lệ'),
      ],
      rows: rows.map(({ year, v }) => [
        text(String(year)),
        count(v?.cells),
        count(v?.residential_cells),
        count(v?.secretary_as_head),
        percent(ratio(v?.secretary_as_head, base(v))),
      ]),
    },
    secretarySummary:
      latest && share !== undefined
        ? `Năm ${latest.year}, ${formatNumber(latest.v?.secretary_as_head)}/${formatNumber(base(latest.v))} ${over} (${formatPercent(share)}) có bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố.`
        : undefined,
  };
}

export function qualityView(province: Province, unitId: string): QualityView {
  const unit = province.tree.units.get(unitId);
  if (!unit) throw new Error(`qualityView: unknown unit ${unitId}`);
  const years = unitOwnYears(province, unitId);
  const own = years.map((y) => province.cells.rows.get(unitId)?.get(y)?.rating);
  const ownRatings: TableView | undefined =
    unit.level === 'grassroots' && own.some((r) => r !== undefined)
      ? {
          caption: 'Kết quả đánh giá, xếp loại chất lượng hằng năm của đơn vị',
          columns: [column('Năm', false), column('Xếp loại', false)],
          rows: years.map((y, i) => {
            const rating = own[i];
            return [text(String(y)), text(rating && ratingLabel(rating))];
          }),
        }
      : undefined;

  let grassrootsRatings: TableView | undefined;
  if (unit.level !== 'grassroots') {
    const counts = years.map((y) => ratingCounts(province, unitId, y));
    if (counts.some((c) => c.total > c.unrated)) {
      grassrootsRatings = {
        caption: 'Số tổ chức cơ sở đảng theo kết quả xếp loại chất lượng',
        columns: [
          column('Năm', false),
          column('Tổ chức cơ sở đảng'),
          ...RATINGS.map((r) => column(ratingLabel(r.value))),
          column('Chưa có xếp loại'),
        ],
        rows: years.map((y, i) => {
          const c = counts[i];
          return [
            text(String(y)),
            count(c?.total),
            ...RATINGS.map((r) => count(c?.byRating[r.value])),
            count(c?.unrated),
          ];
        }),
      };
    }
  }

  const cellFigures = years.map((y) => province.cells.rollup.at(unitId, y)?.values);
  const cellRatings: TableView | undefined = cellFigures.some((v) =>
    CELL_RATING_METRICS.some(([, m]) => v?.[m] !== undefined),
  )
    ? {
        caption: 'Số chi bộ trực thuộc theo kết quả xếp loại chất lượng',
        columns: [
          column('Năm', false),
          column('Chi bộ trực thuộc'),
          ...CELL_RATING_METRICS.map(([r]) => column(ratingLabel(r))),
        ],
        rows: years.map((y, i) => [
          text(String(y)),
          count(cellFigures[i]?.cells),
          ...CELL_RATING_METRICS.map(([, m]) => count(cellFigures[i]?.[m])),
        ]),
      }
    : undefined;

  return { ownRatings, grassrootsRatings, cellRatings, ...secretaryView(province, unitId) };
}
