/**
 * Incremental regeneration of unit, restructuring-event and embedded-chart pages. A unit or event
 * page is a pure function of its data (whose digest src/model/digests.ts computes without making
 * the page), a unit's editorial text, the site frame, and the code and configuration that render
 * them; an embedded chart is hashed as it is shown. The build hashes those per page and keeps the
 * hashes in a manifest beside the published folder; the next build renders only pages whose hash
 * changed and hard-links the others from the published site.
 * Any change of code, configuration or environment (BASE_PATH, SITE_URL) renders everything.
 * Each part of the search index is kept the same way when the records it is made from are unchanged.
 *
 * Astro 7's `experimental.incrementalBuild` does the same job but keeps a second copy of every
 * page in its cache and restores pages one file at a time; measured on 10,000 trivial pages it
 * made the first build 3× slower and a one-page rebuild slower than a full one.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const MANIFEST_FORMAT = 1;

export interface PageManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** Hash of the code, configuration and environment the pages were rendered with. */
  readonly code: string;
  /** Page path below the site (`don-vi/h001/`, `sap-xep/sx0001/`) → hash of what the page shows. */
  readonly pages: Readonly<Record<string, string>>;
  /** Search index part (`"0"`) → hash of its records; absent in older manifests (index made again). */
  readonly search?: Readonly<Record<string, string>> | undefined;
  /** CSV download (`members.csv`) → hash of what it is made from (its data file, or the problems). */
  readonly downloads?: Readonly<Record<string, string>> | undefined;
  /** Chart or share image (`anh/h001/dang-vien.png`) → hash of what it shows and the code that draws it. */
  readonly images?: Readonly<Record<string, string>> | undefined;
  /** Hash of everything the site was made from (`sourcesHash` and the data's); absent in older manifests. */
  readonly inputs?: string | undefined;
  /** The site's other files (`siteFiles`): a site missing one of them is not kept as it is. */
  readonly files?: readonly string[] | undefined;
}

/** Kept beside the output folder, not in it: it is the builder's memory, not part of the site. */
export const manifestPath = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-trang.json`);

export async function readManifest(outDir: string): Promise<PageManifest | undefined> {
  try {
    const value = JSON.parse(await readFile(manifestPath(outDir), 'utf8')) as Partial<PageManifest>;
    if (
      value.format !== MANIFEST_FORMAT ||
      typeof value.code !== 'string' ||
      typeof value.pages !== 'object'
    ) {
      return undefined;
    }
    return value as PageManifest;
  } catch {
    return undefined;
  }
}

/** Where a build writes its manifest before it is put in place (recover() clears a dead build's). */
export const partialManifestPath = (outDir: string, pid: number = process.pid): string =>
  `${manifestPath(outDir)}.${pid}.tmp`;

/**
 * Writes the manifest beside its final place and returns how to put it there. Written before the
 * swap, so that a full disk fails the build while the published site is untouched; put in place
 * after it, so that a manifest always describes the site that is published.
 */
export async function stageManifest(outDir: string, manifest: PageManifest): Promise<() => Promise<void>> {
  const partial = partialManifestPath(outDir);
  await writeFile(partial, JSON.stringify(manifest));
  return () => rename(partial, manifestPath(outDir));
}

export async function writeManifest(outDir: string, manifest: PageManifest): Promise<void> {
  await (
    await stageManifest(outDir, manifest)
  )();
}
