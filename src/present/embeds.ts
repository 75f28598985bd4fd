/**
 * Bare chart pages for the portal's iframes (`/nhung/<unit>/<chart>/`). Only the province and
 * the districts get them, so the page count stays small and linear in the number of districts
 * rather than multiplying every grassroots unit by its charts.
 */
import { isAbove } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { slug, type Unit } from '../model/units.ts';
import { unitCharts, type ChartShape, type ChartSpec } from './charts.ts';
import { perProvince } from './memo.ts';
import { topicCharts } from './topic-views.ts';

export interface Embed {
  readonly unit: Unit;
  readonly chart: ChartSpec;
  /** `p/dang-vien`: the page's path below `nhung/`. */
  readonly key: string;
}

export const embeds = perProvince((province: Province): ReadonlyMap<string, Embed> => {
  const owners = [...province.tree.units.values()].filter(isAbove);
  const list: Embed[] = owners
    .flatMap((unit) => [
      ...unitCharts(province, unit.id).map((chart) => ({ unit, chart })),
      ...(unit === province.root ? topicCharts(province).map((chart) => ({ unit, chart })) : []),
    ])
    .map((e) => ({ ...e, key: `${slug(e.unit.id)}/${e.chart.id}` }));
  return new Map(list.map((e) => [e.key, e]));
});

/** The iframe width the suggested heights fit: a portal's content column. */
export const EMBED_WIDTH = 720;

/**
 * The chart box's height at that width: (720 − 16 px padding) × its shape's aspect ratio, within
 * its max-height (src/styles/global.css).
 */
const BOX_HEIGHT: Record<ChartShape, number> = { trend: 396, 'rows-s': 528, 'rows-m': 640, 'rows-l': 939 };

/**
 * The height in pixels an embed of `chart` needs at `EMBED_WIDTH`, so the iframe neither scrolls
 * nor leaves a gap: caption, source line and margins, the chart box, the table's rows (unit names
 * beside four or more figures wrap onto two lines), the note's lines. Measured in Chromium on the
 * sample and fixture sites; tests/e2e/embeds.test.ts holds it to at most 10 % above the rendered
 * height, never below.
 */
export function embedHeight(chart: ChartSpec): number {
  const wraps = chart.shape !== 'trend' && chart.table.columns.length > 4;
  const noteLines = chart.note ? Math.ceil(chart.note.length / 95) : 0;
  return 330 + BOX_HEIGHT[chart.shape] + chart.table.rows.length * (wraps ? 58 : 40) + noteLines * 26;
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<iframe>` a portal editor pastes: `src` is the embed page's address. */
export function embedCode(chart: ChartSpec, src: string): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(chart.title)}" width="100%" height="${embedHeight(chart)}" style="border:0" loading="lazy"></iframe>`;
}
