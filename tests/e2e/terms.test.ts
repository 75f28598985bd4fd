/**
 * `/nhiem-ky/` as a reader's Chromium draws it from tests/fixtures/term-progress: the province's
 * admissions over the term 2020–2025 as a running total against the target line. The canvas is
 * watched while it paints (the texts it writes, the dash of each stroke), and axe checks the page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ROOT, blankCanvases, guardedContext, open, recordPainting, servedFixture } from './harness.ts';

const fixture = servedFixture('term-progress');

/** The target line's dash in src/client/chart-config.ts: unlike any series' or a comparable line's. */
const TARGET_DASH = '14,4,2,4';

const AXE_SOURCE = readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** WCAG 2.1 AA violations, axe evaluated through the DevTools protocol so the page's CSP stays on. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run(c: Document, o: object): Promise<{ violations: { id: string; help: string }[] }> };
    };
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help}`);
}

test.each([390, 1280])(
  'at %i px the province’s admissions chart draws the running total against a dashed target line named in the legend, beside its table',
  async (width) => {
    const { context, guard } = await guardedContext(fixture.browser, fixture.server, {
      viewport: { width, height: 900 },
    });
    await context.addInitScript(recordPainting);
    const page = await open(context, `${fixture.server.root}nhiem-ky/`);
    expect(await blankCanvases(page)).toBe(0);

    const figure = page.locator('figure#bieu-do-nhiem-ky-2020-2025-p-admitted-total');
    const index = await figure
      .locator('canvas')
      .evaluate((c) => [...document.querySelectorAll('canvas')].indexOf(c as HTMLCanvasElement));
    const painted = (await page.evaluate(() => window.painted)).filter((p) => p.canvas === index);
    const texts = painted.flatMap((p) => (p.text === undefined ? [] : [p.text]));
    expect(texts).toContain('Chỉ tiêu cả nhiệm kỳ');
    expect(texts).toContain('Kết nạp lũy kế');
    expect(painted.some((p) => p.dash === TARGET_DASH)).toBe(true);

    const headers = await figure.locator('table thead th').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual([
      'Năm',
      'Kết nạp lũy kế',
      'Chỉ tiêu cả nhiệm kỳ',
      'Kết nạp trong năm',
    ]);
    expect(await figure.locator('table tbody tr').count()).toBe(5);

    expect(await axeViolations(page)).toEqual([]);
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
    expect(guard.externalRequests).toEqual([]);
    await context.close();
  },
);

test('a share target’s chart draws the yearly share against its target line, in percent', async () => {
  const { context } = await guardedContext(fixture.browser, fixture.server);
  await context.addInitScript(recordPainting);
  const page = await open(context, `${fixture.server.root}nhiem-ky/`);
  const figure = page.locator('figure#bieu-do-nhiem-ky-2020-2025-p-grassroots-good-share');
  const index = await figure
    .locator('canvas')
    .evaluate((c) => [...document.querySelectorAll('canvas')].indexOf(c as HTMLCanvasElement));
  const painted = (await page.evaluate(() => window.painted)).filter((p) => p.canvas === index);
  expect(painted.map((p) => p.text)).toEqual(expect.arrayContaining(['Chỉ tiêu hằng năm', '80%', '100%']));
  expect(painted.some((p) => p.dash === TARGET_DASH)).toBe(true);
  await context.close();
});

test('a term of more than three units opens with a link to each unit and to the ranking, each to its heading', async () => {
  const { context } = await guardedContext(fixture.browser, fixture.server, {
    viewport: { width: 390, height: 900 },
  });
  const page = await open(context, `${fixture.server.root}nhiem-ky/`);
  const jump = page.locator('nav.jump-list').first();
  const links = await jump.locator('a').evaluateAll((all) =>
    all.map((a) => {
      const id = (a.getAttribute('href') ?? '').slice(1);
      return { text: a.textContent?.trim(), heading: document.getElementById(id)?.textContent?.trim() };
    }),
  );
  expect(links.length).toBe(5);
  expect(links.at(-1)?.text).toBe('Xếp hạng tiến độ thực hiện');
  for (const { text, heading } of links) expect(heading).toBe(text);
  await context.close();
});
