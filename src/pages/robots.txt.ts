import type { APIRoute } from 'astro';

/**
 * Crawlers may read everything; the sitemap (written by the build after the pages) lists the pages.
 * The sitemap's address is absolute when the build knows the site's origin (SITE_URL), else a path
 * from the server root. Under a BASE_PATH this file sits at `<BASE_PATH>robots.txt`, which crawlers
 * do not read: the portal's own robots.txt should carry the Sitemap line instead.
 */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const sitemap = site ? new URL(`${base}sitemap.xml`, site).href : `${base}sitemap.xml`;
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
};
