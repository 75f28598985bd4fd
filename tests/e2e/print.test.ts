/**
 * Printing: a district page printed to PDF by Chromium on A4 keeps the unit's name, its figures
 * and its charts, and leaves out the site's navigation.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
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
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await site?.remove();
});

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
