/**
 * What the 1200×630 share image of the province and each district-level unit shows (the picture a
 * link shared on Zalo or Facebook carries, its `og:image`): the unit's name, the date its figures
 * stand at, its number of members with the change on the year before, the members over the years,
 * and its other key figures. The same words and figures as the unit's page (unitView), so the card
 * never says something the page does not. src/build/images.ts draws it.
 */
import { isAbove } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { slug, yearEnd, type Unit } from '../model/units.ts';
import { formatDate, NOT_REPORTED } from './format.ts';
import { unitLastYear } from './unit-years.ts';
import type { SiteView } from './site-view.ts';
import { unitView } from './unit-view.ts';

export interface CardFigure {
  readonly label: string;
  readonly value: string;
}

export interface ShareCard {
  /** The site's title, the card's top line. */
  readonly site: string;
  /** Set on a site of made-up figures, so that a shared card never passes for official. */
  readonly demo: boolean;
  readonly name: string;
  /** `Số liệu tính đến 31/12/2025`; an ended unit's says so first. */
  readonly asOf: string | undefined;
  /** The members at that date; `change` as the page words it (`+470 (0,8%) so với năm 2024`). */
  readonly headline: (CardFigure & { readonly change: string | undefined }) | undefined;
  /** Members per year, `null` where not reported: the trend line. */
  readonly trend:
    { readonly years: readonly string[]; readonly values: readonly (number | null)[] } | undefined;
  /** The other key figures that were reported (organizations, cells, admissions). */
  readonly figures: readonly CardFigure[];
}

/** Where a unit's share image lies in the site (a path from its root); only the province and districts have one. */
export const shareImagePath = (unit: Unit): string | undefined =>
  isAbove(unit) ? `anh/${slug(unit.id)}/chia-se.png` : undefined;

const MEMBERS = 'Đảng viên';

export function shareCard(province: Province, site: SiteView, unitId: string): ShareCard {
  const view = unitView(province, unitId);
  const year = unitLastYear(province, unitId);
  const stand = year === undefined ? undefined : `Số liệu tính đến ${formatDate(yearEnd(year))}`;
  const members = view.keyFigures.find((f) => f.label === MEMBERS && f.value !== NOT_REPORTED);
  const chart = view.charts.find((c) => c.id === 'dang-vien');
  const series = chart?.data.datasets[0];
  return {
    site: site.title,
    demo: site.demo,
    name: view.name,
    asOf: view.ended ? `Đã kết thúc hoạt động. ${stand ?? ''}`.trim() : stand,
    headline: members && { label: 'đảng viên', value: members.value, change: members.change },
    // One year alone is a dot, not a trend.
    trend:
      chart && series && chart.data.labels.length > 1
        ? { years: chart.data.labels, values: series.values }
        : undefined,
    figures: view.keyFigures
      .filter((f) => f.label !== MEMBERS && f.value !== NOT_REPORTED)
      .map(({ label, value }) => ({ label, value })),
  };
}
