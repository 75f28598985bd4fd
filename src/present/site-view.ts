import type { Province } from '../model/province.ts';
import { formatDate } from './format.ts';
import { hasTermTargets } from './term-view.ts';

/** What every page's frame shows: whose site, as of when, and whether the data is real. */
export interface SiteView {
  readonly title: string;
  readonly publisher: string;
  readonly demo: boolean;
  readonly source: string | undefined;
  /** `31/12/2024`, or undefined when no statistics were supplied yet. */
  readonly asOf: string | undefined;
  /** The data has committees (committees.csv): the site has a `/cap-uy/` page. */
  readonly committees: boolean;
  /** Term targets were given: the navigation links `/nhiem-ky/`. */
  readonly terms: boolean;
}

export function siteView(province: Province): SiteView {
  return {
    title: `Thống kê xây dựng Đảng — ${province.root.name}`,
    publisher: province.info.publisher ?? 'Ban Tổ chức',
    demo: province.info.demo,
    source: province.info.source,
    asOf: province.lastYear === undefined ? undefined : formatDate(`${province.lastYear}-12-31`),
    committees: province.terms.committees.size > 0,
    terms: hasTermTargets(province),
  };
}
