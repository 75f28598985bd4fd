import type { APIRoute } from 'astro';
import { href } from '../../components/paths.ts';
import { getSite } from '../../build/site.ts';
import { currentSnapshot } from '../../model/current-snapshot.ts';
import { feedEntries, feedId } from '../../present/changes-feed.ts';
import { siteView } from '../../present/site-view.ts';

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Atom feed of the publications: one entry per data version, each linking its own anchor on the
 * page. Ids come from the data's hash, times from the snapshot (recorded when that data was first
 * published), so rebuilding the same data gives the same feed.
 */
export const GET: APIRoute = async ({ site: origin }) => {
  const site = await getSite();
  const snapshot = currentSnapshot(site);
  const entries = feedEntries(snapshot);
  const frame = siteView(site.province);
  const page = href('cap-nhat/') ?? '/cap-nhat/';
  // Absolute when SITE_URL is set; otherwise a path, which readers resolve against the feed's own address.
  const link = origin ? new URL(page, origin).href : page;
  const self = origin ? new URL(href('cap-nhat/feed.xml') ?? '', origin).href : href('cap-nhat/feed.xml');
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
    `  <title>${escapeXml(`Cập nhật số liệu — ${frame.title}`)}</title>`,
    `  <id>${feedId(site.province)}</id>`,
    `  <updated>${entries[0]?.updated ?? '1970-01-01T00:00:00Z'}</updated>`,
    `  <author><name>${escapeXml(frame.publisher)}</name></author>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(self ?? '')}"/>`,
    ...entries.map((e) =>
      [
        '  <entry>',
        `    <title>${escapeXml(e.title)}</title>`,
        `    <id>${escapeXml(e.id)}</id>`,
        `    <updated>${e.updated}</updated>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(`${link}#${e.anchor}`)}"/>`,
        `    <summary>${escapeXml(e.summary)}</summary>`,
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ].join('\n');
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
