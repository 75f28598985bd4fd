/**
 * Publishing under a sub-path of the provincial portal: a BASE_PATH=/thong-ke/ build keeps every
 * link and asset under the prefix, and ships sitemap.xml, robots.txt, a 404 page, a favicon and a
 * Content-Security-Policy that allows no inline script it does not know.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { measure } from '../../src/cli/budgets.ts';
import {
  buildSite,
  guardedContext,
  launchChromium,
  open,
  serve,
  sitePages,
  type BuiltSite,
  type StaticServer,
} from './harness.ts';

const BASE = '/thong-ke/';
const SITE_URL = 'https://tochuc.example.gov.vn';

let site: BuiltSite;
let server: StaticServer;
let html: Map<string, string>;

async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => !f.startsWith('pagefind/'));
}

/** Every URL an HTML file refers to: href, src, srcset, action, and url(...) in inline styles. */
function references(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\s(?:href|src|action|poster|data)="([^"]*)"/g)) found.push(m[1] ?? '');
  for (const m of text.matchAll(/\ssrcset="([^"]*)"/g)) {
    for (const part of (m[1] ?? '').split(',')) found.push(part.trim().split(/\s+/)[0] ?? '');
  }
  return found.map((u) => u.replace(/&amp;/g, '&'));
}

const external = (url: string) => /^(https?:|mailto:|tel:|data:)/.test(url);

beforeAll(async () => {
  site = await buildSite('basic', { BASE_PATH: BASE, SITE_URL });
  server = await serve(site.dir, BASE);
  html = new Map();
  for (const file of await filesUnder(site.dir, '.html'))
    html.set(file, await readFile(join(site.dir, file), 'utf8'));
});
afterAll(async () => {
  await server?.close();
  await site?.remove();
});

describe(`a BASE_PATH=${BASE} build`, () => {
  test('every href and src in every page starts with the base path, or is external or an anchor', () => {
    const wrong: string[] = [];
    for (const [file, text] of html) {
      for (const url of references(text)) {
        if (url.startsWith(BASE) || url.startsWith('#') || external(url)) continue;
        wrong.push(`${file}: ${url}`);
      }
    }
    expect(html.size).toBeGreaterThan(8);
    expect(wrong).toEqual([]);
  });

  test('every stylesheet refers to its fonts and images under the base path', async () => {
    const wrong: string[] = [];
    for (const file of await filesUnder(site.dir, '.css')) {
      const text = await readFile(join(site.dir, file), 'utf8');
      for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        const url = m[1] ?? '';
        if (!url.startsWith(BASE) && !external(url)) wrong.push(`${file}: ${url}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('every local link and asset answers 200 when the site is served under the base path', async () => {
    const urls = new Set<string>();
    for (const text of html.values()) {
      for (const url of references(text)) if (url.startsWith(BASE)) urls.add(url.split('#')[0] ?? url);
    }
    const broken: string[] = [];
    for (const url of urls) {
      const response = await fetch(server.origin + url, { method: 'HEAD' });
      if (response.status !== 200) broken.push(`${url}: ${response.status}`);
    }
    expect(urls.size).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  test('sitemap.xml lists every indexable page by its absolute address', async () => {
    const xml = await readFile(join(site.dir, 'sitemap.xml'), 'utf8');
    const listed = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const indexable = (await sitePages(site.dir)).filter((p) => {
      const text = html.get(p === '' || p.endsWith('/') ? `${p}index.html` : p) ?? '';
      return !/<meta name="robots" content="noindex"/.test(text);
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(listed.sort()).toEqual(indexable.map((p) => `${SITE_URL}${BASE}${p}`).sort());
    expect(listed).not.toContain(`${SITE_URL}${BASE}404.html`);
  });

  test('every indexable page names its canonical address and carries a share card, large with its share image', () => {
    const meta = (text: string, key: string) =>
      new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(text)?.[1];
    const wrong: string[] = [];
    for (const [file, text] of html) {
      if (text.includes('<meta name="robots" content="noindex">')) continue;
      const own = `${SITE_URL}${BASE}${file.replace(/(^|\/)index\.html$/, '$1')}`;
      // The province's unit page repeats the home page: search engines are sent there.
      const canonical = file === 'don-vi/p/index.html' ? `${SITE_URL}${BASE}` : own;
      const found = {
        canonical: /<link rel="canonical" href="([^"]*)"/.exec(text)?.[1],
        url: meta(text, 'og:url'),
        title: meta(text, 'og:title'),
        description: meta(text, 'og:description'),
        card: meta(text, 'twitter:card'),
        image: meta(text, 'og:image'),
      };
      // The province and district-level units have a share image (src/present/share-card.ts).
      const image = /^(index\.html|don-vi\/(p|d1|d2)\/index\.html)$/.test(file)
        ? `${SITE_URL}${BASE}anh/${file === 'index.html' ? 'p' : file.split('/')[1]}/chia-se.png`
        : undefined;
      const expected = {
        canonical,
        url: canonical,
        title: /<title>([^|<]*) \|/.exec(text)?.[1],
        description: meta(text, 'description'),
        card: image ? 'summary_large_image' : 'summary',
        image,
      };
      if (JSON.stringify(found) !== JSON.stringify(expected)) wrong.push(`${file}: ${JSON.stringify(found)}`);
    }
    expect(wrong).toEqual([]);
  });

  test('robots.txt allows crawling and names the sitemap', async () => {
    const response = await fetch(`${server.root}robots.txt`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${SITE_URL}${BASE}sitemap.xml\n`);
  });

  test('an unknown address gets the 404 page, whose links stay under the base path', async () => {
    const response = await fetch(`${server.root}don-vi/khong-co-don-vi-nay/`);
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(text).toContain('Không tìm thấy trang');
    expect(text).toContain(`href="${BASE}"`);
    expect(text).toContain(`href="${BASE}tim-kiem/"`);
    expect(text).toContain('<meta name="robots" content="noindex">');
  });

  test('every page has the favicon, served as SVG', async () => {
    // Bare chart views (nhung/) live inside the portal's iframes, which show the portal's own icon.
    const without = [...html].filter(
      ([file, text]) =>
        !file.startsWith('nhung/') && !text.includes(`<link rel="icon" href="${BASE}favicon.svg"`),
    );
    expect(without.map(([file]) => file)).toEqual([]);
    const response = await fetch(`${server.root}favicon.svg`);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg /);
  });

  test("every page has a Content-Security-Policy without 'unsafe-inline' scripts, covering each inline script", () => {
    const problems: string[] = [];
    for (const [file, text] of html) {
      const csp = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(text)?.[1];
      if (!csp) {
        problems.push(`${file}: no CSP`);
        continue;
      }
      const directives = new Map(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name, values]),
      );
      const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
      if (scripts.includes("'unsafe-inline'") || scripts.includes("'unsafe-eval'")) {
        problems.push(`${file}: script-src ${scripts.join(' ')}`);
      }
      if (!(directives.get('default-src') ?? []).includes("'self'")) problems.push(`${file}: default-src`);
      // An inline script runs only if its hash is listed; JSON data blocks are not scripts.
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        const attributes = m[1] ?? '';
        if (/\ssrc=/.test(attributes) || /type="application\/(ld\+)?json"/.test(attributes)) continue;
        const hash = `'sha256-${createHash('sha256')
          .update(m[2] ?? '')
          .digest('base64')}'`;
        if (!scripts.includes(hash)) problems.push(`${file}: inline script not allowed by hash ${hash}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

test('the built site is within its size budgets (npm run budgets)', async () => {
  const report = await measure(site.dir, BASE);
  expect(report.problems).toEqual([]);
  expect(report.chartFiles.length).toBeGreaterThan(0);
});

describe(`in Chromium under ${BASE}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('pages load with their styles, fonts and charts, and nothing outside the site is fetched', async () => {
    const { context, guard } = await guardedContext(browser, server);
    for (const path of ['', 'don-vi/d1/', 'du-lieu/', 'don-vi/', '404.html']) {
      const page = await open(context, server.root + path);
      const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(font, `/${path}`).toMatch(/Be Vietnam Pro/);
      expect(await page.evaluate(() => document.fonts.check('16px "Be Vietnam Pro"', 'Đảng'))).toBe(true);
      await page.close();
    }
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
    expect(guard.externalRequests).toEqual([]);
  });

  test('search finds a unit and links to its page under the base path', async () => {
    const { context, guard } = await guardedContext(browser, server);
    const page = await open(context, `${server.root}tim-kiem/`);
    await page.getByLabel(/Tên đơn vị/).fill('an binh');
    const result = page.locator('#ket-qua a', { hasText: 'Đảng bộ xã An Bình' });
    await result.first().waitFor({ timeout: 10_000 });
    expect(await result.first().getAttribute('href')).toBe(`${BASE}don-vi/g1/`);
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
  });
});
