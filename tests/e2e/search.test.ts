/**
 * Search in the browser: the Pagefind index built with the site, whole or in parts, finds units
 * by name, typed with or without diacritics, loads only from the site itself, and without
 * JavaScript the search form leads to the unit index.
 */
import type { Browser } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ROOT,
  buildSite,
  guardedContext,
  launchChromium,
  open,
  serve,
  sitePages,
  type BuiltSite,
  type StaticServer,
} from './harness.ts';
import { withoutDiacritics } from '../../src/present/search.ts';

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;

beforeAll(async () => {
  browser = await launchChromium();
  site = await buildSite('basic');
  server = await serve(site.dir);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

/**
 * The index is made of parts that the page merges (a province has one; a country about thirteen):
 * the same searches run on a site whose index is cut into parts of one unit each.
 */
describe.each([
  ['one part', undefined],
  // One unit per part: some parts are empty (a hash puts two units in one), which must not matter.
  ['parts merged in the browser', '1'],
])('the search page, index in %s', (_, partSize) => {
  let parted: BuiltSite | undefined;
  let partedServer: StaticServer | undefined;
  beforeAll(async () => {
    if (partSize === undefined) return;
    parted = await buildSite('basic', { THONG_KE_SEARCH_PART_SIZE: partSize });
    partedServer = await serve(parted.dir);
  });
  afterAll(async () => {
    await partedServer?.close();
    await parted?.remove();
  });
  const root = () => (partedServer ?? server).root;

  test('the index has as many parts as the page merges', async () => {
    const dir = (parted ?? site).dir;
    const parts = (await readdir(join(dir, 'pagefind'))).map(Number).sort((a, b) => a - b);
    if (partSize === undefined) expect(parts).toEqual([0]);
    else expect(parts.length).toBeGreaterThan(3);
    const page = await readFile(join(dir, 'tim-kiem', 'index.html'), 'utf8');
    expect(page).toContain(`data-parts="${parts.join(' ')}"`);
  });

  test.each([
    ['an binh', 'Đảng bộ xã An Bình', 'don-vi/g1/'],
    ['An Bình', 'Đảng bộ xã An Bình', 'don-vi/g1/'],
    ['AN BINH', 'Đảng bộ xã An Bình', 'don-vi/g1/'],
    ['dong', 'Đảng bộ phường Đông', 'don-vi/g3/'],
    ['phường Đông', 'Đảng bộ phường Đông', 'don-vi/g3/'],
    ['dien luc', 'Đảng bộ Công ty Điện lực', 'don-vi/g4/'],
    ['huyen mot', 'Đảng bộ huyện Một', 'don-vi/d1/'],
  ])('typing "%s" lists %s, linked to its page', async (query, name, path) => {
    const { context, guard } = await guardedContext(browser, partedServer ?? server);
    const page = await open(context, `${root()}tim-kiem/`);
    await page.getByLabel(/Tên đơn vị/).fill(query);
    const result = page.locator('#ket-qua a', { hasText: name });
    await result.first().waitFor({ timeout: 10_000 });
    expect(await result.first().getAttribute('href')).toBe(`/${path}`);
    await expect.poll(() => page.locator('#trang-thai').textContent()).toMatch(/^Tìm thấy \d+ đơn vị/);
    await result.first().click();
    await page.waitForURL(`${root()}${path}`);
    expect((await page.locator('h1').textContent())?.trim()).toBe(name);
    await context.close();
    // The index is fetched from the site itself: works offline, nothing leaves 127.0.0.1.
    expect(guard.externalRequests).toEqual([]);
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
  });

  test('a name that matches no unit says so', async () => {
    const { context } = await guardedContext(browser, partedServer ?? server);
    const page = await open(context, `${root()}tim-kiem/?q=${encodeURIComponent('xyzxyz')}`);
    await expect
      .poll(() => page.locator('#trang-thai').textContent(), { timeout: 10_000 })
      .toBe('Không tìm thấy đơn vị nào có tên khớp với “xyzxyz”.');
    expect(await page.locator('#ket-qua li').count()).toBe(0);
    await context.close();
  });

  test('only unit pages are in the index, each once', async () => {
    const { context } = await guardedContext(browser, partedServer ?? server);
    const page = await open(context, `${root()}tim-kiem/`);
    await page.getByLabel(/Tên đơn vị/).fill('dang bo');
    await page.locator('#ket-qua a').first().waitFor({ timeout: 10_000 });
    const hrefs = await page
      .locator('#ket-qua a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const titles = await page.locator('#ket-qua a').allTextContents();
    expect(hrefs.length).toBeGreaterThan(4);
    expect(hrefs.filter((h) => !/^\/don-vi\/[^/]+\/$/.test(h ?? ''))).toEqual([]);
    // The province's page is also the home page: it is listed once, under its unit address.
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
    await context.close();
  });
});

describe('what the search page offers', () => {
  let sample: BuiltSite | undefined;
  let sampleServer: StaticServer | undefined;
  let reorganized: BuiltSite | undefined;
  let reorganizedServer: StaticServer | undefined;
  beforeAll(async () => {
    sample = await buildSite('sample', { DATA_DIR: join(ROOT, 'data'), CONTENT_DIR: join(ROOT, 'content') });
    sampleServer = await serve(sample.dir);
    reorganized = await buildSite('reorganization');
    reorganizedServer = await serve(reorganized.dir);
  }, 120_000);
  afterAll(async () => {
    await sampleServer?.close();
    await sample?.remove();
    await reorganizedServer?.close();
    await reorganized?.remove();
  });

  /** Types into the search box and waits for the count of what was found. */
  async function search(server: StaticServer, query: string) {
    const { context, guard } = await guardedContext(browser, server);
    const page = await open(context, `${server.root}tim-kiem/`);
    await page.getByLabel(/Tên đơn vị/).fill(query);
    await expect
      .poll(() => page.locator('#trang-thai').textContent(), { timeout: 10_000 })
      .toMatch(/^(Tìm thấy|Không tìm thấy)/);
    return { context, guard, page };
  }

  test.each([
    ['the basic fixture', () => server, 'an binh'],
    ['the sample', () => sampleServer, 'a luoi 1'],
  ])('the label’s example comes from %s and finds that unit', async (_, which, example) => {
    const target = which();
    if (!target) throw new Error('no site');
    const { context, page } = await search(target, example);
    expect(await page.locator('label[for="tu-khoa"]').textContent()).toContain(`ví dụ: “${example}”`);
    const first = await page.locator('#ket-qua a').first().textContent();
    expect(withoutDiacritics(first ?? '').toLowerCase()).toContain(example);
    await context.close();
  });

  test('today’s unit comes before ended units with the same word in their name', async () => {
    if (!reorganizedServer) throw new Error('no site');
    // “Tây”: the commune of today, the commune merged into it and the district that ended in 2025.
    const { context, page } = await search(reorganizedServer, 'tay');
    const titles = await page.locator('#ket-qua a').allTextContents();
    expect(titles[0]).toBe('Đảng bộ xã Tây Sơn');
    expect(titles.slice(1).sort()).toEqual(['Đảng bộ huyện Tây', 'Đảng bộ xã Tây Hòa']);
    await context.close();
  });

  test('every result can be reached: “more” adds the next results until all are listed', async () => {
    if (!sampleServer) throw new Error('no site');
    const { context, guard, page } = await search(sampleServer, 'dang bo');
    const status = page.locator('#trang-thai');
    const total = Number(/Tìm thấy (\d+) đơn vị/.exec((await status.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(60);
    expect(await status.textContent()).toBe(`Tìm thấy ${total} đơn vị; đang hiển thị 30 đơn vị đầu tiên.`);
    const more = page.getByRole('button', { name: /^Xem thêm \d+ đơn vị$/ });
    for (let shown = 30; shown < total; shown += 30) {
      expect(await page.locator('#ket-qua li').count()).toBe(shown);
      await more.click();
      await expect.poll(() => page.locator('#ket-qua li').count()).toBe(Math.min(shown + 30, total));
      // Keyboard users land on the first result just added.
      expect(
        await page
          .locator('#ket-qua li')
          .nth(shown)
          .locator('a')
          .evaluate((a) => a === document.activeElement),
      ).toBe(true);
    }
    expect(await status.textContent()).toBe(`Tìm thấy ${total} đơn vị.`);
    expect(await more.isHidden()).toBe(true);
    const hrefs = await page
      .locator('#ket-qua a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(total);
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
  });
});

describe('without JavaScript', () => {
  test('the search form opens the unit index, which links to every unit page', async () => {
    const { context } = await guardedContext(browser, server, { javaScriptEnabled: false });
    const page = await open(context, `${server.root}tim-kiem/`);
    await page.getByLabel(/Tên đơn vị/).fill('an binh');
    await page.getByRole('button', { name: 'Tìm' }).click();
    await page.waitForURL(/\/don-vi\/\?q=an\+binh$/);
    expect(await page.locator('h1').textContent()).toBe('Danh sách đơn vị');
    const linked = await page
      .locator('main a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const unitPages = (await sitePages(site.dir))
      .filter((p) => /^don-vi\/[^/]+\/$/.test(p))
      .map((p) => `/${p}`);
    // The province's own page appears as the first group's heading; every other unit page is listed.
    expect(unitPages.filter((p) => !linked.includes(p) && p !== '/don-vi/p/')).toEqual([]);
    await context.close();
  });

  test('the search page itself links to the unit index', async () => {
    const { context } = await guardedContext(browser, server, { javaScriptEnabled: false });
    const page = await open(context, `${server.root}tim-kiem/`);
    expect(await page.locator('main a[href="/don-vi/"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});
