/**
 * Bare chart pages for the portal's iframes (`/nhung/<unit>/<chart>/`). Only the province and
 * the districts get them, so the page count stays small and linear in the number of districts
 * rather than multiplying every grassroots unit by its charts.
 */
import { isAbove } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { slug, yearEnd, type Unit } from '../model/units.ts';
import { formatDate } from './format.ts';
import { committeeCharts, type ChartBox, type ChartSpec } from './charts.ts';
import { shownTable, type Cell, type TableView } from './table.ts';
import { topicCharts } from './topic-views.ts';
import { unitLastYear } from './unit-years.ts';

export interface Embed {
  readonly unit: Unit;
  readonly chart: ChartSpec;
  /** `p/dang-vien`: the page's path below `nhung/`. */
  readonly key: string;
  /** `31/12/2024`: the unit's last year, which for a committee that ended is not the site's. */
  readonly asOf: string | undefined;
}

/** The units whose charts are embedded: the province and the committees above grassroots level. */
export const embedOwners = (province: Province): Unit[] => [...province.tree.units.values()].filter(isAbove);

/** The embedded charts of one owner: its own charts, and the topic pages' for the province. */
export function unitEmbeds(province: Province, unit: Unit): Embed[] {
  const year = unitLastYear(province, unit.id);
  const asOf = year === undefined ? undefined : formatDate(yearEnd(year));
  return [
    ...committeeCharts(province, unit.id),
    ...(unit === province.root ? topicCharts(province) : []),
  ].map((chart) => ({ unit, chart, key: `${slug(unit.id)}/${chart.id}`, asOf }));
}

/** The iframe width the suggested heights fit: a portal's content column. */
export const EMBED_WIDTH = 720;

/**
 * The chart box's height at that width (src/styles/global.css): a trend is (720 − 16 px padding)
 * × 9/16; a chart of units down the side 5rem plus a band of 1.5rem per row (1.9rem when bars sit
 * side by side).
 */
const boxHeight = (box: ChartBox): number =>
  box.shape === 'trend' ? 396 : 80 + box.rows * (box.grouped ? 30.4 : 24);

/** Lines of `text` at `EMBED_WIDTH`, about `perLine` characters each. */
const lines = (text: string, perLine: number) => Math.max(1, Math.ceil(text.length / perLine));

/**
 * A table row's height at `EMBED_WIDTH`: one line, or two when a unit's name of more than about
 * 20 characters shares the width with four figure columns or more (measured: its column is then
 * 190–220 px wide).
 */
const rowHeight = (table: TableView, row: readonly Cell[]): number =>
  table.columns.length > 4 && (row[0]?.text.length ?? 0) > 20 ? 61 : 37;

/**
 * The height in pixels an embed of `chart` needs at `EMBED_WIDTH`, so that the iframe neither
 * scrolls nor leaves a gap, as measured in Chromium on the sample's embeds: the page's padding,
 * caption, table caption and header row, source and demo lines (191 px; 49 px more for each line
 * a long title wraps onto), the chart box, the rows, the notes (22 px a line), the header's labels
 * wrapping beside four figure columns or more (24 px); and 2 % and 16 px to spare, for names that
 * wrap where the estimate did not expect it. tests/e2e/embeds.test.ts holds it to at most 12 % over
 * the rendered height, never under.
 */
export function embedHeight(chart: ChartSpec): number {
  // As the page shows it: columns of dashes only dropped, and notes under partial sums.
  const { table, notes } = shownTable(chart.table);
  const rows = table.rows.reduce((sum, row) => sum + rowHeight(table, row), 0);
  const note =
    (chart.note ? 8 + lines(chart.note, 80) * 22 : 0) +
    notes.reduce((sum, text) => sum + 8 + lines(text, 90) * 22, 0);
  const header = table.columns.length > 4 ? 24 : 0;
  const content = 191 + (lines(chart.title, 80) - 1) * 49 + boxHeight(chart.box) + rows + note + header;
  return Math.ceil(content * 1.02) + 16;
}

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<iframe>` a portal editor pastes: `src` is the embed page's address. */
export function embedCode(chart: ChartSpec, src: string): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(chart.title)}" width="100%" height="${embedHeight(chart)}" style="border:0" loading="lazy"></iframe>`;
}
