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
 * SITE_URL, the site's origin (`https://tochuc.example.gov.vn`): the sitemap, robots.txt's Sitemap
 * line, the canonical links and the share cards need whole addresses. A path belongs in BASE_PATH:
 * Astro and `new URL(page, site)` would drop it from every address.
 */
export function siteUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env['SITE_URL']?.trim();
  if (!setting) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(setting);
  } catch {
    url = undefined;
  }
  if (url && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash) {
    return url.origin;
  }
  throw new Error(
    `Biến môi trường SITE_URL="${setting}" không hợp lệ: cần địa chỉ gốc của trang web, bắt đầu bằng https:// (hoặc http://), không có đường dẫn phía sau (ví dụ https://tochuc.example.gov.vn). Nếu trang web nằm trong một thư mục con của cổng thông tin, ghi thư mục đó vào BASE_PATH (ví dụ BASE_PATH=/thong-ke/). Sửa hoặc bỏ biến này rồi chạy lại "npm run build".`,
  );
}

/** Printed by a build without SITE_URL: what the site lacks, and what to set. */
export const NO_SITE_URL =
  '  Lưu ý: chưa đặt SITE_URL nên không tạo sitemap.xml, robots.txt không có dòng Sitemap, các trang không có địa chỉ chính thức (canonical) và thẻ chia sẻ (tiêu đề, mô tả khi gửi liên kết qua Zalo, Facebook). Đặt SITE_URL=https://… (địa chỉ gốc của trang web, ví dụ SITE_URL=https://tochuc.example.gov.vn) rồi chạy lại "npm run build" để công cụ tìm kiếm và mạng xã hội hiển thị đúng các trang.';

/**
 * Written only with the site's origin (`siteUrl`): the sitemap protocol wants whole addresses,
 * and a path from the server root is not one.
 */
export async function writeSitemap(siteDir: string, basePath: string, siteUrl: string): Promise<number> {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const urls: string[] = [];
  for (const path of await htmlFiles(siteDir)) {
    if (NOINDEX(path)) continue;
    const page = `${base}${path.replace(/(^|\/)index\.html$/, '$1')}`;
    urls.push(new URL(page, siteUrl).href);
  }
  urls.sort();
  const body = urls.map((u) => `  <url><loc>${escapeXml(u)}</loc></url>\n`).join('');
  await writeFile(
    join(siteDir, 'sitemap.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}</urlset>\n`,
  );
  return urls.length;
}
