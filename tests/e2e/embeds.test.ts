/**
 * The charts a portal embeds (`/nhung/<unit>/<chart>/`) in Chromium: the height suggested in each
 * chart's iframe code fits the rendered page at the width it is made for, the portal's optional
 * script (`nhung.js`) makes an iframe as tall as its content, and a link inside the iframe opens
 * in the portal's window.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EMBED_WIDTH } from '../../src/present/embeds.ts';
import {
  buildSite,
  guardedContext,
  launchChromium,
  open,
  serve,
  SITE_FIXTURES,
  type BuiltSite,
  type StaticServer,
} from './harness.ts';

/** The height of the embed page's content, as src/client/embed-height.ts reports it. */
const contentHeight = () => {
  const main = document.querySelector('main');
  if (!main) return 0;
  return Math.ceil(
    main.getBoundingClientRect().bottom + parseFloat(getComputedStyle(document.body).marginBottom),
  );
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(SITE_FIXTURES)('fixture "%s"', (fixture) => {
  let site: BuiltSite;
  let server: StaticServer;
  /** Each embed page's path and the height its iframe code suggests, read from the unit pages. */
  const suggested = new Map<string, number>();

  beforeAll(async () => {
    site = await buildSite(fixture, {}, { inProcess: true });
    server = await serve(site.dir, '/');
    const units = await readdir(join(site.dir, 'don-vi'), { withFileTypes: true });
    for (const unit of units.filter((u) => u.isDirectory())) {
      const text = await readFile(join(site.dir, 'don-vi', unit.name, 'index.html'), 'utf8');
      for (const m of text.matchAll(
        /&lt;iframe src=&quot;\/(nhung\/[^&]+)&quot;.*? height=&quot;(\d+)&quot;/g,
      )) {
        suggested.set(m[1] ?? '', Number(m[2]));
      }
    }
  }, 300_000);
  afterAll(async () => {
    await server?.close();
    await site?.remove();
  });

  test(`every suggested height fits its chart at ${EMBED_WIDTH} px: never short, at most 12 % over`, async () => {
    const { context, guard } = await guardedContext(browser, server, {
      viewport: { width: EMBED_WIDTH, height: 600 },
    });
    const misfits: string[] = [];
    for (const [path, height] of suggested) {
      const page = await open(context, server.root + path);
      const rendered = await page.evaluate(contentHeight);
      if (height < rendered || height > rendered * 1.12) misfits.push(`${path}: ${height} for ${rendered}`);
      await page.close();
    }
    await context.close();
    expect(suggested.size).toBeGreaterThan(0);
    expect(misfits).toEqual([]);
    expect(guard.consoleErrors).toEqual([]);
  }, 120_000);

  test('with nhung.js the iframe takes its content height, and its links open in the top window', async () => {
    const [path] = [...suggested.keys()];
    await writeFile(
      join(site.dir, 'cong-thong-tin.html'),
      `<!doctype html><html lang="vi"><title>Cổng</title><body style="margin:0">` +
        `<iframe src="/${path}" title="Biểu đồ" width="400" height="300" style="border:0"></iframe>` +
        `<script src="/nhung.js"></script></body></html>`,
    );
    const { context, guard } = await guardedContext(browser, server, {
      viewport: { width: 800, height: 600 },
    });
    const page = await open(context, `${server.root}cong-thong-tin.html`);
    const frame = page.frameLocator('iframe');
    const inside = await page
      .frames()
      .find((f) => f.url().endsWith(`/${path}`))
      ?.evaluate(contentHeight);
    await expect
      .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
      .toBe(inside);
    expect(inside).toBeGreaterThan(300);
    await frame.getByRole('link', { name: 'Xem trang đầy đủ' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/don-vi/') || url.pathname === '/');
    expect(page.url()).not.toContain('cong-thong-tin');
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
  }, 60_000);
});
