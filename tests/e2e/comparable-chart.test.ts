/**
 * A chart with comparable figures (số liệu quy đổi theo tổ chức hiện nay, contract v2 A.5), as a
 * reader's Chromium draws it: the commune committee Tây Sơn of tests/fixtures/reorganization took
 * in Tây Hòa on 01/07/2025, so its members chart has the reported series and the comparable one.
 * The canvas is watched while it paints: which texts it writes and which dashes its lines use.
 */
import { expect, test } from 'vitest';
import { blankCanvases, guardedContext, open, recordPainting, servedFixture } from './harness.ts';

const COMPARABLE = 'Quy đổi theo tổ chức hiện nay';
const REPORTED = 'Theo tổ chức tại thời điểm báo cáo';

const fixture = servedFixture('reorganization');

test('the members chart draws the comparable series dashed beside the reported one, and the table has its column', async () => {
  const { context, guard } = await guardedContext(fixture.browser, fixture.server);
  await context.addInitScript(recordPainting);
  const page = await open(context, `${fixture.server.root}don-vi/b1/`);
  expect(await blankCanvases(page)).toBe(0);

  const figure = page.locator('figure#bieu-do-dang-vien');
  const data = JSON.parse((await figure.locator('script[data-chart]').textContent()) ?? '{}') as {
    datasets: { label: string; comparable?: boolean }[];
  };
  expect(data.datasets.map((d) => [d.label, d.comparable === true])).toEqual([
    [REPORTED, false],
    [COMPARABLE, true],
  ]);

  const index = await figure
    .locator('canvas')
    .evaluate((c) => [...document.querySelectorAll('canvas')].indexOf(c as HTMLCanvasElement));
  const painted = (await page.evaluate(() => window.painted)).filter((p) => p.canvas === index);
  // The legend names both series on the canvas.
  const texts = painted.flatMap((p) => (p.text === undefined ? [] : [p.text]));
  expect(texts).toContain(COMPARABLE);
  expect(texts).toContain(REPORTED);
  // Two series colours besides the grid's: one whose line is dashed 8/5 (comparable), one never dashed so.
  const grid = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--border').trim(),
  );
  const strokes = painted.filter(
    (p) => p.color !== undefined && p.color !== grid && !p.color.startsWith('rgba('),
  );
  const colors = [...new Set(strokes.map((s) => s.color))];
  expect(colors).toHaveLength(2);
  const dashed = colors.filter((c) => strokes.some((s) => s.color === c && s.dash === '8,5'));
  expect(dashed).toHaveLength(1);
  const reported = colors.find((c) => c !== dashed[0]);
  // The reported series: its legend box, its line and its three points, all drawn.
  expect(strokes.filter((s) => s.color === reported).length).toBeGreaterThanOrEqual(4);

  const headers = await figure.locator('table thead th').allTextContents();
  expect(headers.map((h) => h.trim())).toEqual(['Năm', REPORTED, COMPARABLE]);
  const rows = await figure.locator('table tbody tr').allTextContents();
  expect(rows.length).toBeGreaterThanOrEqual(3);

  expect(guard.consoleErrors).toEqual([]);
  expect(guard.failedRequests).toEqual([]);
  expect(guard.externalRequests).toEqual([]);
  await context.close();
});
