/**
 * Charts as a reader's Chromium draws them from the basic fixture: the tick labels Chart.js writes
 * on each canvas are recorded while it paints. A chi bộ cơ sở of 15–16 members who admitted one
 * person is where fractional head counts ("0,2 … 1,8 đảng viên") and an axis starting at 15 showed.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { blankCanvases, guardedContext, open, recordPainting, servedFixture } from './harness.ts';

const fixture = servedFixture('basic');

/** The value axis's tick labels of the chart `figureId`: the numbers written that are not category labels. */
async function valueTicks(page: Page, figureId: string): Promise<string[]> {
  const figure = page.locator(`figure#${figureId}`);
  const labels = JSON.parse((await figure.locator('script[data-chart]').textContent()) ?? '{}') as {
    labels: string[];
  };
  const index = await figure
    .locator('canvas')
    .evaluate((c) => [...document.querySelectorAll('canvas')].indexOf(c as HTMLCanvasElement));
  const written = (await page.evaluate(() => window.painted)).flatMap((p) =>
    p.text === undefined ? [] : [{ canvas: p.canvas, text: p.text }],
  );
  const numbers = written
    .filter((w) => w.canvas === index && /^[\d.,]+%?$/.test(w.text) && !labels.labels.includes(w.text))
    .map((w) => w.text);
  // Redrawn once the web font has loaded: each label is written more than once.
  return [...new Set(numbers)];
}

const parse = (tick: string) => Number(tick.replace(/\./g, '').replace(',', '.').replace('%', ''));

test.each([
  ['dang-vien', 'members, 15 and 16'],
  ['ket-nap', 'admissions, one person in 2021'],
])('a small unit’s %s chart (%s) ticks at whole numbers from 0', async (chart) => {
  const { context, guard } = await guardedContext(fixture.browser, fixture.server, {
    viewport: { width: 390, height: 844 },
  });
  await context.addInitScript(recordPainting);
  const page = await open(context, `${fixture.server.root}don-vi/g2/`);
  expect(await blankCanvases(page)).toBe(0);
  const ticks = await valueTicks(page, `bieu-do-${chart}`);
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  expect(ticks.filter((t) => t.includes(','))).toEqual([]);
  expect(Math.min(...ticks.map(parse))).toBe(0);
  expect(guard.consoleErrors).toEqual([]);
  await context.close();
});

test('a chart of three units is as tall as its rows, and a percentage axis starts at 0%', async () => {
  const { context, guard } = await guardedContext(fixture.browser, fixture.server, {
    viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(recordPainting);
  const page = await open(context, `${fixture.server.root}ket-nap/`);
  expect(await blankCanvases(page)).toBe(0);
  const box = await page.locator('figure#bieu-do-ket-nap-theo-don-vi .chart-box').boundingBox();
  // Three units with a pair of bars each: 5rem + 3 × 1.9rem (171 px), not a 400 px box.
  expect(box?.height).toBeCloseTo(171.2, 0);
  const ticks = await valueTicks(page, 'bieu-do-dat-chi-tieu-theo-don-vi');
  expect(ticks[0]).toBe('0%');
  expect(ticks.every((t) => t.endsWith('%'))).toBe(true);
  expect(guard.consoleErrors).toEqual([]);
  await context.close();
});

/** How many line boxes the text of each level cell of the page's sortable table takes. */
const levelLines = (page: Page) =>
  page.locator('table[data-sortable] td.nowrap').evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return range.getClientRects().length;
    }),
  );

test('a district’s units on a phone: level labels (“cơ sở”) stay on one line in the narrow column', async () => {
  const { context } = await guardedContext(fixture.browser, fixture.server, {
    viewport: { width: 390, height: 844 },
  });
  const page = await open(context, `${fixture.server.root}don-vi/d1/`);
  const lines = await levelLines(page);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((n) => n === 1)).toBe(true);
  await context.close();
});

test('a grassroots unit’s list of cells: no columns of dashes, and no sort arrow on paper', async () => {
  const { context, guard } = await guardedContext(fixture.browser, fixture.server, {
    viewport: { width: 390, height: 844 },
  });
  const page = await open(context, `${fixture.server.root}don-vi/g1/`);
  const table = page.locator('table[data-sortable]');
  expect((await table.locator('thead th').allTextContents()).map((t) => t.trim())).toEqual(['Đơn vị', 'Cấp']);
  await expect
    .poll(() => page.locator('.table-note').allTextContents())
    .toContain(
      'Bảng lược bỏ các cột chưa có số liệu: “Chi bộ trực thuộc”, “Đảng viên”, “Tăng, giảm so với năm 2020”, “Kết nạp”, “Chỉ tiêu kết nạp” và “Đạt chỉ tiêu”.',
    );
  const arrow = () =>
    table
      .locator('th[aria-sort] .sort-button')
      .evaluate((button) => getComputedStyle(button, '::after').content);
  expect(await arrow()).toBe('" ▲"');
  await page.emulateMedia({ media: 'print' });
  expect(await arrow()).toBe('none');
  expect(guard.consoleErrors).toEqual([]);
  await context.close();
});
