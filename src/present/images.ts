/**
 * The images the build draws (src/build/images.ts): a PNG of each chart of the province's page and
 * the topic pages, the handful an office pastes into its report, and a share image per province
 * and district-level unit. Every other chart's picture is drawn on demand by the reader's browser
 * (src/client/chart-download.ts), in the same layout: at about 20 ms each, the charts of 190
 * district-level units (a province after the 2025 reorganization) cost 13 s of every build.
 * Each image is described by plain data, which is also its cache key: an image whose description
 * is unchanged is taken from the published site instead of being drawn again.
 */
import type { Province } from '../model/province.ts';
import { slug } from '../model/units.ts';
import type { ChartData, ChartSpec } from './charts.ts';
import { unitEmbeds } from './embeds.ts';
import { withoutDiacritics } from './search.ts';
import { shareCard, shareImagePath, type ShareCard } from './share-card.ts';
import { siteView, type SiteView } from './site-view.ts';

export interface ChartImage {
  readonly kind: 'chart';
  /** Path from the site's root. */
  readonly file: string;
  readonly title: string;
  /** The line under the chart: whose figures, and whether they are real. */
  readonly source: string;
  readonly data: ChartData;
}

export interface ShareImage {
  readonly kind: 'share';
  readonly file: string;
  readonly card: ShareCard;
}

export type SiteImage = ChartImage | ShareImage;

/**
 * The most bars a chart's image is drawn with, by the build or in the browser. A province's units
 * directly under it are 100–200 after 2025 (210 bars, a 53 MiB canvas, at 1,500 units); a whole
 * country's 7,616 made canvases of 400,000 pixels in height, 1.9 GB each while drawn, which no
 * browser draws and which took the build past its memory. Such a chart's figures are in its table.
 */
export const IMAGE_ROWS = 300;

/** Whether `chart` gets an image at all (a trend always does). */
export const imageDrawable = (chart: ChartSpec): boolean =>
  chart.box.shape === 'trend' || chart.table.rows.length <= IMAGE_ROWS;

/**
 * The PNG the build draws of `chart`, beside its embed page (`nhung/p/dang-vien/` →
 * `anh/p/dang-vien.png`): only for the province's own charts, the topic pages' among them.
 */
export function chartImagePath(province: Province, chart: ChartSpec): string | undefined {
  const root = `nhung/${slug(province.root.id)}/`;
  return chart.embedPath?.startsWith(root) && imageDrawable(chart)
    ? chart.embedPath.replace(/^nhung\/(.+)\/$/, 'anh/$1.png')
    : undefined;
}

/** The line under every chart image: whose figures, and whether they are real. */
export const imageSource = (site: SiteView): string =>
  `${site.title}. Nguồn: ${site.publisher}.` +
  (site.demo ? ' Dữ liệu minh họa, không phải số liệu chính thức.' : '');

/**
 * The name a downloaded chart image is saved under: its title (which names the unit and the
 * chart) without diacritics, which some Windows and Zalo transfers garble.
 * `so-dang-vien-cua-dang-bo-phuong-an-cuu-qua-cac-nam.png`.
 */
export const chartFileName = (chart: ChartSpec): string =>
  `${withoutDiacritics(chart.title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)}.png`;

/**
 * Every image of the site. Share images only with `share`: a link preview needs the image's
 * absolute address, which a site built without SITE_URL cannot give (Base.astro), so they would
 * only cost build time.
 */
export function siteImages(province: Province, { share }: { readonly share: boolean }): SiteImage[] {
  const site = siteView(province);
  const source = imageSource(site);
  const charts = unitEmbeds(province, province.root).flatMap(({ chart }): ChartImage[] => {
    const file = chartImagePath(province, chart);
    return file ? [{ kind: 'chart', file, title: chart.title, source, data: chart.data }] : [];
  });
  const cards = [...province.tree.units.values()].flatMap((unit): ShareImage[] => {
    const file = share ? shareImagePath(unit) : undefined;
    return file ? [{ kind: 'share', file, card: shareCard(province, site, unit.id) }] : [];
  });
  return [...charts, ...cards];
}
