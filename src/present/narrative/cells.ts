/** Paragraphs about cells and ratings: counts, quality ratings, the secretary–hamlet-head model. */
import { comparable, sameScope, unitScope, type Reading } from '../../model/coverage.ts';
import { labelOf } from '../../model/labels.ts';
import { listedCells } from '../../model/organizations.ts';
import { yearEnd } from '../../model/units.ts';
import { RATINGS } from '../../read/schemas.ts';
import { formatNumber } from '../format.ts';
import { ratingCounts } from '../quality.ts';
import { paragraph, sentence, shareOf } from '../wording.ts';
import { scopePrefix, type Context } from './context.ts';

export function cellCount(c: Context, year: number): Reading | undefined {
  const reported = c.read.reading(c.province.cells, c.unit, year, 'cells');
  if (reported || c.unit.level !== 'grassroots') return reported;
  // A grassroots unit may list its cells in units.csv instead of counting them in cells.csv.
  const listed = listedCells(c.province.tree, c.unit.id, yearEnd(year));
  return listed > 0 ? { value: listed, scope: unitScope(c.unit.id) } : undefined;
}

/** The grassroots unit's own rating, its cells' ratings and the secretary–hamlet-head model. */
export function cellsQuality(c: Context): string {
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

export function cellRatings(c: Context): string[] {
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
  const lead = `${scopePrefix(scope)}xếp loại chất lượng chi bộ trực thuộc năm ${year}`;
  const given = reported.filter((x) => x.reading.value > 0);
  const [only] = given;
  if (only && given.length === 1 && rated > 1) {
    return [sentence(`${lead}: cả ${formatNumber(rated)} chi bộ đều ${only.label}`)];
  }
  const parts = given.map((x) => {
    const share = shareOf(x.reading.value, rated);
    return `${formatNumber(x.reading.value)} chi bộ ${x.label}${share === undefined ? '' : ` (${share})`}`;
  });
  return [sentence(`${lead}: ${parts.join('; ')}`)];
}

export function residential(c: Context): string[] {
  const { province, read, unit, year } = c;
  const cells = read.reading(province.cells, unit, year, 'residential_cells');
  if (!cells || cells.value === 0) return [];
  const heads = comparable(read.reading(province.cells, unit, year, 'secretary_as_head'), cells);
  const first = `${scopePrefix(cells.scope)}có ${formatNumber(cells.value)} chi bộ thôn, tổ dân phố`;
  if (!heads) return [sentence(first)];
  const count = heads[0].value;
  const model = 'bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố';
  const share = shareOf(count, cells.value);
  const which =
    count === 0
      ? `chưa chi bộ nào có ${model}`
      : count === cells.value && count > 1
        ? `tất cả đều có ${model}`
        : `trong đó ${formatNumber(count)} chi bộ${share === undefined ? '' : ` (${share})`} có ${model}`;
  return [sentence(`${first}, ${which}`)];
}

/** How the grassroots organizations under the root were rated in the latest year. */
export function grassrootsRatings(c: Context): string | undefined {
  const { byRating, unrated } = ratingCounts(c.province, c.unit.id, c.year);
  const rated = RATINGS.filter((r) => byRating[r.value] > 0);
  if (rated.length === 0) return undefined;
  const parts = rated.map((r) => `${formatNumber(byRating[r.value])} tổ chức ${r.label}`);
  return paragraph([
    sentence(`Xếp loại chất lượng tổ chức cơ sở đảng năm ${c.year}: ${parts.join('; ')}`),
    unrated > 0 ? sentence(`Còn ${formatNumber(unrated)} tổ chức chưa có số liệu xếp loại`) : undefined,
  ]);
}
