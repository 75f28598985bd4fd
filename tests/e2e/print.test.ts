/**
 * Printing: a unit page printed to PDF by Chromium on A4 keeps the unit's name, its figures and
 * its charts, leaves out the site's navigation and every screen control, and a grassroots unit
 * (or the sample's biggest ward) fits on a few pages with no near-empty one.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  ROOT,
  blankCanvases,
  buildSite,
  guardedContext,
  launchChromium,
  open,
  serve,
  type BuiltSite,
  type StaticServer,
} from './harness.ts';

const run = promisify(execFile);
const PDFTOTEXT = '/usr/bin/pdftotext';

let browser: Browser;
let site: BuiltSite;
let server: StaticServer;
let sample: BuiltSite;
let sampleServer: StaticServer;

beforeAll(async () => {
  if (!existsSync(PDFTOTEXT)) {
    throw new Error(
      `pdftotext not found at ${PDFTOTEXT}: the print test reads the PDF's text with poppler-utils. ` +
        'Run "apt-get install -y poppler-utils" (.ci/run does this).',
    );
  }
  browser = await launchChromium();
  site = await buildSite('basic');
  server = await serve(site.dir);
  sample = await buildSite('sample', { DATA_DIR: join(ROOT, 'data'), CONTENT_DIR: join(ROOT, 'content') });
  sampleServer = await serve(sample.dir);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
  await sampleServer?.close();
  await sample?.remove();
});

/**
 * Prints a page as a reader would: print media, the browser's 'beforeprint' (the charts redraw in
 * their print colours), then A4. Returns the PDF's file, its page count and, per page, how far
 * down the page its lowest line of text reaches (0 = top, 1 = bottom edge).
 */
async function printed(from: StaticServer, path: string, name: string) {
  const { context, guard } = await guardedContext(browser, from);
  const page = await open(context, `${from.root}${path}`);
  expect(await blankCanvases(page)).toBe(0);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const file = join(site.dir, '..', `${name}.pdf`);
  await writeFile(file, await page.pdf({ format: 'A4', printBackground: true }));
  await context.close();
  expect(guard.consoleErrors).toEqual([]);
  const { stdout: info } = await run('/usr/bin/pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
  const { stdout: boxes } = await run(PDFTOTEXT, ['-bbox', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const reach = boxes
    .split('<page ')
    .slice(1)
    .map((p) => {
      const height = Number(/height="([\d.]+)"/.exec(p)?.[1]);
      const bottoms = [...p.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
      return Math.max(0, ...bottoms) / height;
    });
  const { stdout: text } = await run(PDFTOTEXT, ['-raw', '-enc', 'UTF-8', file, '-']);
  return { file, pages, reach, text };
}

test('the district page prints on A4 with its name, figures, units and charts, without the navigation', async () => {
  const { context, guard } = await guardedContext(browser, server);
  const page = await open(context, `${server.root}don-vi/d1/`);
  expect(await blankCanvases(page)).toBe(0);
  const canvases = await page.locator('canvas').count();
  const figures = await page.locator('.key-figures .value').allTextContents();
  expect(figures.length).toBeGreaterThan(0);

  // In print media every chart is still shown and painted (Chart.js redraws for the paper's width).
  await page.emulateMedia({ media: 'print' });
  const shownCharts = await page
    .locator('canvas')
    .evaluateAll((all) => all.filter((c) => c.getBoundingClientRect().width > 0).length);
  expect(shownCharts).toBe(canvases);
  expect(await blankCanvases(page)).toBe(0);

  const pdfFile = join(site.dir, '..', 'don-vi-d1.pdf');
  await writeFile(pdfFile, await page.pdf({ format: 'A4', printBackground: true }));
  const { stdout: text } = await run(PDFTOTEXT, ['-raw', '-enc', 'UTF-8', pdfFile, '-']);
  const { stdout: info } = await run('/usr/bin/pdfinfo', [pdfFile]);

  expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
  // pdftotext may split a word around stacked diacritics ("Đả ng"): compare without any spaces.
  const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
  const flat = squeeze(text);
  expect(flat).toContain(squeeze('Đảng bộ huyện Một'));
  for (const figure of figures) expect(flat).toContain(squeeze(figure));
  // The units table: every grassroots organization of the district is on paper.
  expect(flat).toContain(squeeze('Đảng bộ xã An Bình'));
  expect(flat).toContain(squeeze('Chi bộ Trường Tiểu học An Bình'));
  // Navigation and the skip link are for screens only.
  expect(flat).not.toContain(squeeze('Chuyển đến nội dung chính'));
  expect(flat).not.toContain(squeeze('Toàn tỉnh Đơn vị Tìm kiếm'));
  await context.close();
  expect(guard.consoleErrors).toEqual([]);
});

/**
 * How far down its text must reach: every page but the last at least half-way (a page left half
 * empty is what forced breaks and unbreakable blocks did), the last past its top sixth (the top
 * margin is 5 %: a lone footer or heading reached 14–15 %).
 */
const FILLED = 0.5;
const LAST_FILLED = 1 / 6;

test.each([
  ['the basic fixture’s commune', () => server, 'don-vi/g1/'],
  // The sample's biggest ward (1,916 members in 2025, 64 cells) and a ward with ten years of figures.
  ['the sample’s biggest ward, Phú Xuân', () => sampleServer, 'don-vi/hue.ppx/'],
  ['the sample’s ward Phú Bài (2015–2024)', () => sampleServer, 'don-vi/ht.pb/'],
])('%s prints on at most 6 A4 pages, none of them near-empty', async (_, from, path) => {
  const pdf = await printed(from(), path, path.replace(/\W+/g, '-'));
  expect(pdf.pages).toBeGreaterThan(0);
  expect(pdf.pages).toBeLessThanOrEqual(6);
  expect(pdf.reach).toHaveLength(pdf.pages);
  const last = pdf.reach.length - 1;
  expect(pdf.reach.filter((reach, page) => reach < (page === last ? LAST_FILLED : FILLED))).toEqual([]);
});

test('a sortable table that runs onto the next page prints its column headings there too', async () => {
  // The sample's committees table (/cap-uy/) runs from page 1 onto page 2; pdftotext ends each page with \f.
  const { text } = await printed(sampleServer, 'cap-uy/', 'cap-uy');
  const second = (text.split('\f')[1] ?? '').normalize('NFC').replace(/\s+/g, '');
  expect(second.startsWith('ĐơnvịNhiệmkỳHìnhthức'), second.slice(0, 80)).toBe(true);
});

test('no sort arrow, sort hint, embed link, search box or screen-only link is printed', async () => {
  // The district page has a sortable table of its units, sorted on arrival (an arrow on screen).
  const { context } = await guardedContext(browser, server);
  const page = await open(context, `${server.root}don-vi/d1/`);
  expect(await page.locator('th[aria-sort] .sort-button').count()).toBeGreaterThan(0);
  await context.close();
  const { text } = await printed(server, 'don-vi/d1/', 'controls');
  const squeeze = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
  const flat = squeeze(text);
  for (const control of [
    '▲',
    '▼',
    'Nhúng biểu đồ',
    'Bấm vào tiêu đề cột',
    'Những thay đổi so với lần xuất bản trước',
  ]) {
    expect(flat).not.toContain(squeeze(control));
  }
});
