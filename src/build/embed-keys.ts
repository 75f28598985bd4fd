/**
 * The keys of the embedded-chart pages (`nhung/<unit>/<chart>/`). An embed shows one of its
 * committee's charts, which the committee's own page shows too: while that page's key is the one
 * published, so are its charts, and its published embeds are taken with their recorded keys
 * without computing a chart. Computing every committee's charts only to hash them was half a
 * second of the one-figure rebuild at 1,500 units reorganized (135 commune committees). The
 * province's embeds are always computed: its topic charts are not all on its own page.
 */
import type { Province } from '../model/province.ts';
import { slug, type Unit } from '../model/units.ts';
import { unitEmbeds } from '../present/embeds.ts';
import { unitPath } from '../present/links.ts';
import { hashOf } from './hashing.ts';
import type { PageManifest } from './manifest.ts';

export const embedPagePath = (key: string): string => `nhung/${key}/`;

export interface EmbedKeys {
  /** Every embed page's path and key. */
  readonly pages: ReadonlyMap<string, string>;
  /** Owners whose embeds are all the published ones: the pages need not compute their charts. */
  readonly settled: ReadonlySet<string>;
}

export function embedKeys(
  province: Province,
  owners: readonly Unit[],
  {
    unitKey,
    published,
    present,
    frame,
  }: {
    /** The key of a unit's own page in this build. */
    readonly unitKey: (unitId: string) => string | undefined;
    /** The published manifest, when made by the same code. */
    readonly published: PageManifest | undefined;
    /** Whether a page (its path) is in the published site. */
    readonly present: (path: string) => boolean;
    readonly frame: unknown;
  },
): EmbedKeys {
  const recorded = new Map<string, [string, string][]>();
  for (const [path, key] of Object.entries(published?.pages ?? {})) {
    const owner = /^nhung\/([^/]+)\//.exec(path)?.[1];
    if (owner === undefined) continue;
    let own = recorded.get(owner);
    if (!own) recorded.set(owner, (own = []));
    own.push([path, key]);
  }
  const pages = new Map<string, string>();
  const settled = new Set<string>();
  for (const unit of owners) {
    const own = recorded.get(slug(unit.id));
    const pagePath = unitPath(province, unit);
    const unchanged =
      unit !== province.root &&
      own !== undefined &&
      pagePath !== undefined &&
      published?.pages[pagePath] === unitKey(unit.id) &&
      own.every(([path]) => present(path));
    if (unchanged) {
      for (const [path, key] of own) pages.set(path, key);
      settled.add(unit.id);
      continue;
    }
    for (const e of unitEmbeds(province, unit)) {
      const link = unit === province.root ? '' : (pagePath ?? null);
      pages.set(embedPagePath(e.key), hashOf([e.chart, e.asOf, frame, link]));
    }
  }
  return { pages, settled };
}
