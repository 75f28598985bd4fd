/**
 * What a build can take from the published site instead of making again. Everything the site is
 * made of is keyed the same way: a hash of what it is made from, recorded in the manifest beside
 * the published site (manifest.ts), and the files it is in the site. Something is kept when its
 * hash is the recorded one, the recorded build ran the same code (an image: its key holds the
 * code that draws it), and its files are all still there: a page or download removed by hand is
 * made again.
 *
 * Astro 7's `experimental.incrementalBuild` does the same job for pages but keeps a second copy of
 * every page in its cache and restores pages one file at a time; measured on 10,000 trivial pages
 * it made the first build 3× slower and a one-page rebuild slower than a full one.
 */
import type { PageManifest } from './manifest.ts';

/** The keys of what this build would make, as the manifest records them. */
export interface BuildKeys {
  /** The code, configuration and environment that render (`codeHash`). */
  readonly code: string;
  /** Everything the site is made from: code, Markdown, public/, settings and data. */
  readonly inputs: string;
  /** Page path (`don-vi/h001/`, `sap-xep/sx0001/`, `nhung/h001/dang-vien/`) → hash of what it shows. */
  readonly pages: ReadonlyMap<string, string>;
  /** Search index part → hash of its records. */
  readonly search: ReadonlyMap<number, string>;
  /** CSV download (`members.csv`) → hash of what it is made from. */
  readonly downloads: ReadonlyMap<string, string>;
  /** Chart or share image (`anh/h001/dang-vien.png`) → hash of what it shows and the code that draws it. */
  readonly images: ReadonlyMap<string, string>;
}

/** Where each kind of kept thing lies in the site (paths from its root, with `/`). */
export interface SiteLayout {
  readonly page: (path: string) => string;
  readonly searchPart: (part: number) => string;
  readonly download: (file: string) => string;
  readonly image: (file: string) => string;
}

export interface Plan {
  /**
   * The published site is byte for byte what this build would make (the same inputs give the
   * same bytes, tests/reproducible.test.ts): keep it as it is and publish nothing.
   */
  readonly keepSite: boolean;
  readonly pages: ReadonlySet<string>;
  readonly search: ReadonlySet<number>;
  readonly downloads: ReadonlySet<string>;
  readonly images: ReadonlySet<string>;
}

/**
 * The published site is byte for byte what a build from `inputs` would make, and whole (`present`
 * as for planBuild): it is kept as it is.
 */
export const siteKept = (
  inputs: string,
  published: PageManifest | undefined,
  present: (file: string) => boolean,
  layout: Pick<SiteLayout, 'page'>,
): boolean =>
  published?.inputs === inputs &&
  published.files !== undefined &&
  [...Object.keys(published.pages).map(layout.page), ...published.files].every(present);

/**
 * Decides from the published manifest and `present` (is this file, a path from the site's root,
 * in the published site?) what to keep. Pure: the caller answers `present` (one stat per file).
 */
export function planBuild(
  keys: BuildKeys,
  published: PageManifest | undefined,
  present: (file: string) => boolean,
  layout: SiteLayout,
): Plan {
  const keepSite = siteKept(keys.inputs, published, present, layout);
  // Keys count only if the published build was made by this code (and configuration).
  const recorded = published?.code === keys.code ? published : undefined;
  const kept = <K extends string | number>(
    mine: ReadonlyMap<K, string>,
    theirs: Readonly<Record<string, string>> | undefined,
    file: (key: K) => string,
  ): Set<K> => {
    const found = new Set<K>();
    if (theirs === undefined) return found;
    for (const [key, hash] of mine) if (theirs[String(key)] === hash && present(file(key))) found.add(key);
    return found;
  };
  return {
    keepSite,
    pages: kept(keys.pages, recorded?.pages, layout.page),
    search: kept(keys.search, recorded?.search, layout.searchPart),
    downloads: kept(keys.downloads, recorded?.downloads, layout.download),
    images: kept(keys.images, published?.images, layout.image),
  };
}
