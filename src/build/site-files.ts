import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { filesUnder } from './hashing.ts';

/** The unit pages: tens of thousands, listed one level deep by the sitemap and by the manifest. */
export const UNIT_PAGES = 'don-vi';

/**
 * Every file of a built site but the unit pages, and of the search index each part's own files,
 * not its fragment per page (tens of thousands each): what the sitemap lists besides the unit
 * pages, and what must all still be there for a later build to keep the site as it is.
 */
export async function siteFiles(site: string, searchDir: string): Promise<string[]> {
  /** The files directly in `folder` (a path from the site), not in its subfolders. */
  const filesIn = async (folder: string) =>
    (await readdir(join(site, folder), { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => `${folder}/${e.name}`);
  const lists = await Promise.all(
    (await readdir(site, { withFileTypes: true })).map(async (top) => {
      if (top.name === UNIT_PAGES) return [];
      if (!top.isDirectory()) return [top.name];
      if (top.name !== searchDir) return filesUnder(site, top.name);
      // Not listed whole: its fragment folders hold a file per page (0.7 s at 52,000 units).
      const parts = (await readdir(join(site, searchDir), { withFileTypes: true })).filter((e) =>
        e.isDirectory(),
      );
      return [
        ...(await filesIn(searchDir)),
        ...(await Promise.all(parts.map((part) => filesIn(`${searchDir}/${part.name}`)))).flat(),
      ];
    }),
  );
  return lists.flat().sort();
}
