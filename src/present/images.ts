/**
 * The images the build draws (src/build/images.ts): a PNG of every chart that has an embed page
 * (the province's and each district-level unit's, src/present/embeds.ts), for staff to paste into
 * Word reports, and a share image per province and district-level unit. Grassroots charts get none:
 * thousands of units times three charts would cost more build time than their pages.
 * Each image is described by plain data, which is also its cache key: an image whose description
 * is unchanged is taken from the published site instead of being drawn again.
 */
import type { Province } from '../model/province.ts';
import type { ChartData, ChartSpec } from './charts.ts';
import { embeds } from './embeds.ts';
import { shareCard, shareImagePath, type ShareCard } from './share-card.ts';
import { siteView } from './site-view.ts';

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

/** The PNG beside a chart's embed page (`nhung/h001/dang-vien/` → `anh/h001/dang-vien.png`). */
export const chartImagePath = (chart: ChartSpec): string | undefined =>
  chart.embedPath?.replace(/^nhung\/(.+)\/$/, 'anh/$1.png');

/**
 * Every image of the site. Share images only with `share`: a link preview needs the image's
 * absolute address, which a site built without SITE_URL cannot give (Base.astro), so they would
 * only cost build time.
 */
export function siteImages(province: Province, { share }: { readonly share: boolean }): SiteImage[] {
  const site = siteView(province);
  const source =
    `${site.title}. Nguồn: ${site.publisher}.` +
    (site.demo ? ' Dữ liệu minh họa, không phải số liệu chính thức.' : '');
  const charts = [...embeds(province).values()].flatMap(({ chart }): ChartImage[] => {
    const file = chartImagePath(chart);
    return file ? [{ kind: 'chart', file, title: chart.title, source, data: chart.data }] : [];
  });
  const cards = [...province.tree.units.values()].flatMap((unit): ShareImage[] => {
    const file = share ? shareImagePath(unit) : undefined;
    return file ? [{ kind: 'share', file, card: shareCard(province, site, unit.id) }] : [];
  });
  return [...charts, ...cards];
}
