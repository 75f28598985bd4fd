/**
 * sitemap.xml is written after Astro from the list of finished HTML files, so it lists every page
 * that exists (unit, topic, restructuring pages…) without each page type registering itself.
 * Pages that ask not to be listed are left out by their address, not by reading every file back
 * (at 52,000 units that re-read cost seconds): the pages with `<meta name="robots" content="noindex">`
 * are the 404 page (404.astro) and the bare chart embeds (nhung/[unit]/[chart]/index.astro).
 * tests/e2e/publishing.test.ts checks this list against the meta tags in the built HTML.
 */
import { statSync, type Dirent } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteFiles, UNIT_PAGES } from './site-files.ts';
import { SEARCH_DIR } from './search-index.ts';

const NOINDEX = (path: string): boolean => path === '404.html' || path.startsWith('nhung/');

/**
 * HTML files of the site, as paths from its root: those the manifest vouches for (`siteFiles`:
 * not the search index's fragments), and the unit pages, whose folder is read one level deep
 * since each of its folders holds one page (at 52,000 units listing it whole took 2.6 s).
 */
async function htmlFiles(dir: string): Promise<string[]> {
  let units: Dirent[] = [];
  try {
    units = await readdir(join(dir, UNIT_PAGES), { withFileTypes: true });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
  }
  const pages = units
    .map((e) => `${UNIT_PAGES}/${e.isDirectory() ? `${e.name}/index.html` : e.name}`)
    .filter((page) => statSync(join(dir, page), { throwIfNoEntry: false })?.isFile());
  return [...pages, ...(await siteFiles(dir, SEARCH_DIR))].filter((file) => file.endsWith('.html'));
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * `siteUrl` (env SITE_URL, e.g. `https://tochuc.example.gov.vn`) makes the addresses absolute as the
 * sitemap protocol asks; without it they are paths from the server root (e.g. `/thong-ke/don-vi/hue/`),
 * which the publisher can rewrite or submit with the origin prepended.
 */
export async function writeSitemap(
  siteDir: string,
  basePath: string,
  siteUrl: string | undefined,
): Promise<number> {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const urls: string[] = [];
  for (const path of await htmlFiles(siteDir)) {
    if (NOINDEX(path)) continue;
    const page = `${base}${path.replace(/(^|\/)index\.html$/, '$1')}`;
    urls.push(siteUrl ? new URL(page, siteUrl).href : page);
  }
  urls.sort();
  const body = urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>\n`).join('');
  await writeFile(
    join(siteDir, 'sitemap.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}</urlset>\n`,
  );
  return urls.length;
}
