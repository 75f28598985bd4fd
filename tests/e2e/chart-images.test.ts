/**
 * The "Tải ảnh biểu đồ (PNG)" button of the charts the build draws no image of (a district's, a
 * grassroots unit's): in Chromium, pressed from the keyboard, it saves a PNG of the chart at the
 * build's image size, drawn; without JavaScript it is not shown, but its line is kept.
 */
import { readFile } from 'node:fs/promises';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, test } from 'vitest';
import { guardedContext, open, servedFixture } from './harness.ts';

const fixture = servedFixture('basic');

/** The share of the picture that is not white. */
async function drawnShare(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] ?? 255) < 240 || (data[i + 1] ?? 255) < 240 || (data[i + 2] ?? 255) < 240) drawn++;
  }
  return drawn / (image.width * image.height);
}

describe.each([
  ['a district', 'don-vi/d1/', 'so-dang-vien-cua-dang-bo-huyen-mot-qua-cac-nam.png'],
  ['a grassroots unit', 'don-vi/g1/', 'so-dang-vien-cua-dang-bo-xa-an-binh-qua-cac-nam.png'],
])('the members chart of %s', (_, path, file) => {
  test('is saved as a drawn PNG, 1,200 by 720 pixels, named after the unit and chart, from the keyboard', async () => {
    const { context, guard } = await guardedContext(fixture.browser, fixture.server, {
      acceptDownloads: true,
    });
    const page = await open(context, `${fixture.server.origin}/${path}`);
    const button = page.locator('#bieu-do-dang-vien button', { hasText: 'Tải ảnh biểu đồ (PNG)' });
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(file);
    const png = await readFile(await download.path());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // The build's image size: the 800 × 480 layout at 1.5 times.
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({
      width: 1200,
      height: 720,
    });
    const drawn = await drawnShare(png);
    expect(drawn).toBeGreaterThan(0.02);
    expect(drawn).toBeLessThan(0.6);
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
    await context.close();
  }, 60_000);

  test('shows no button without JavaScript, and keeps its line so the page does not move when it appears', async () => {
    const { context } = await guardedContext(fixture.browser, fixture.server, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${fixture.server.origin}/${path}`);
    const button = page.locator('#bieu-do-dang-vien button');
    expect(await button.count()).toBe(1);
    expect(await button.isVisible()).toBe(false);
    expect((await button.boundingBox())?.height).toBeGreaterThan(10);
    await context.close();
  });
});

test('when the drawing code cannot be loaded (the site was published again meanwhile), the reader is told to reload the page', async () => {
  const { context } = await guardedContext(fixture.browser, fixture.server);
  const page = await open(context, `${fixture.server.origin}/don-vi/d1/`);
  await page.route('**/chart-download.*', (route) => route.abort());
  const button = page.locator('#bieu-do-dang-vien button');
  await expect.poll(() => button.isVisible()).toBe(true);
  // The alert is dismissed as it opens: an alert left open blocks the page, and with it the
  // click's own completion when the alert comes before the click has finished.
  const messages: string[] = [];
  page.on('dialog', (dialog) => {
    messages.push(dialog.message());
    void dialog.dismiss();
  });
  await button.click();
  await expect
    .poll(() => messages)
    .toEqual([expect.stringContaining('Hãy tải lại trang (phím F5) rồi bấm lại')]);
  await context.close();
});
