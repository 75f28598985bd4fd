import type { APIRoute } from 'astro';

/**
 * Crawlers may read everything; the sitemap (written by the build after the pages) lists the pages.
 * The protocol wants the sitemap's whole address, known only when the build is given the site's
 * origin (SITE_URL): without it there is no sitemap and no Sitemap line (the build says so). Under
 * a BASE_PATH this file sits at `<BASE_PATH>robots.txt`, which crawlers do not read: the portal's
 * own robots.txt should carry the Sitemap line instead.
 */
export const GET: APIRoute = ({ site }) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const sitemap = site ? `\nSitemap: ${new URL(`${base}sitemap.xml`, site).href}\n` : '';
  return new Response(`User-agent: *\nAllow: /\n${sitemap}`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
};
