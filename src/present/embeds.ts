/**
 * Bare chart pages for the portal's iframes (`/nhung/<unit>/<chart>/`). Only the province and
 * the districts get them, so the page count stays small and linear in the number of districts
 * rather than multiplying every grassroots unit by its charts.
 */
import { isAbove } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { slug, type Unit } from '../model/units.ts';
import { unitCharts, type ChartSpec } from './charts.ts';
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
