/**
 * Every page of each fixture site, opened in Chromium the way readers meet it: nothing broken or
 * fetched from elsewhere, charts painted, WCAG 2.1 A/AA in light and dark themes, figures there
 * without JavaScript, keyboard focus visible and in order, usable at 200% zoom.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  buildSite,
  guardedContext,
  launchChromium,
  open,
  ROOT,
  serve,
  SITE_FIXTURES,
  sitePages,
  type BuiltSite,
  type StaticServer,
} from './harness.ts';

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown }> } })
      .axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG21_AA);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n'),
  );
}

/** What a reader must see with or without JavaScript: key figures, tables, figure captions. */
const figuresOf = (page: Page) =>
  page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      keyFigures: [...document.querySelectorAll('.key-figures dd')].map(text),
      tables: [...document.querySelectorAll('main table')].map((t) => text(t.querySelector('caption') ?? t)),
      // A table in a closed <details> is one click away, which works without JavaScript too.
      hiddenTables: [...document.querySelectorAll('main table')].filter((t) => !visible(t) && !t.closest('details'))
        .length,
      figures: [...document.querySelectorAll('main figure')].map((f) => text(f.querySelector('figcaption') ?? f)),
    };
  });

describe.each(SITE_FIXTURES)('the %s fixture site in Chromium', (fixture) => {
  let browser: Browser;
  let site: BuiltSite;
  let server: StaticServer;
  let pages: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    site = await buildSite(fixture);
    server = await serve(site.dir);
    pages = await sitePages(site.dir);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.remove();
  });

  test('has the pages readers start from: province, district, grassroots unit, downloads, unit index, search', () => {
    expect(pages).toEqual(expect.arrayContaining(['', 'du-lieu/', 'don-vi/', 'tim-kiem/', '404.html']));
    expect(pages.filter((p) => /^don-vi\/[^/]+\/$/.test(p)).length).toBeGreaterThanOrEqual(3);
    if (fixture === 'restructuring') expect(pages.some((p) => p.startsWith('sap-xep/'))).toBe(true);
  });

  test('every page loads with no console error, no failed request and nothing fetched from outside 127.0.0.1', async () => {
    const { context, guard } = await guardedContext(browser, server);
    for (const path of pages) {
      const page = await open(context, server.root + path);
      // Let lazy work (charts, search index) finish before judging the page.
      await page.waitForLoadState('networkidle');
      await page.close();
    }
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
    expect(guard.externalRequests).toEqual([]);
  });

  test('every chart canvas is painted', async () => {
    const { context } = await guardedContext(browser, server);
    const blank: string[] = [];
    for (const path of pages) {
      const page = await open(context, server.root + path);
      const count = await page.locator('canvas').count();
      if (count > 0) {
        // A canvas counts as painted when some pixel is not fully transparent.
        const painted = page.waitForFunction(
          () =>
            [...document.querySelectorAll('canvas')].every((canvas) => {
              const ctx = canvas.getContext('2d');
              if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
              const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
              return false;
            }),
          undefined,
          { timeout: 10_000 },
        );
        await painted.catch(() => blank.push(`${path} (${count} canvas)`));
      }
      await page.close();
    }
    await context.close();
    expect(blank).toEqual([]);
  });

  test.each(['light', 'dark'] as const)(
    'axe-core finds no WCAG 2.1 A/AA violation on any page in the %s theme',
    async (scheme) => {
      // Injecting axe is an inline script: only this context bypasses the site's CSP to allow it.
      const { context } = await guardedContext(browser, server, { bypassCSP: true, colorScheme: scheme });
      const found: string[] = [];
      for (const path of pages) {
        const page = await open(context, server.root + path);
        await page.emulateMedia({ colorScheme: scheme });
        for (const v of await axeViolations(page)) found.push(`/${path}: ${v}`);
        await page.close();
      }
      await context.close();
      expect(found).toEqual([]);
    },
  );

  test('with JavaScript off every page still shows all its key figures, tables and figures', async () => {
    const on = await guardedContext(browser, server);
    const off = await guardedContext(browser, server, { javaScriptEnabled: false });
    for (const path of pages) {
      const withJs = await open(on.context, server.root + path);
      const withoutJs = await open(off.context, server.root + path);
      const expected = await figuresOf(withJs);
      const actual = await figuresOf(withoutJs);
      expect(actual, `/${path} without JavaScript`).toEqual({ ...expected, hiddenTables: 0 });
      await withJs.close();
      await withoutJs.close();
    }
    // Unit pages state their figures in the HTML itself.
    const district = await open(off.context, `${server.root}don-vi/d1/`);
    expect(await district.locator('.key-figures .value').count()).toBeGreaterThan(0);
    await expect.poll(() => district.locator('.key-figures').isVisible()).toBe(true);
    await on.context.close();
    await off.context.close();
  });

  test('the first Tab reaches a visible skip link, and Enter moves focus to the main content', async () => {
    const { context } = await guardedContext(browser, server);
    for (const path of ['', 'don-vi/g1/', 'du-lieu/']) {
      const page = await open(context, server.root + path);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          className: el.className,
          inView: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 0,
          outline: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0,
        };
      });
      expect(skip, `/${path}`).toEqual({ className: 'skip-link', inView: true, outline: expect.any(Number) });
      expect(skip.outline, `/${path}: skip link focus outline width`).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id), `/${path}`).toBe('noi-dung');
      // The next Tab continues inside the main content, not back in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main')), `/${path}`).toBe(true);
      await page.close();
    }
    await context.close();
  });

  test('Tab moves through each page in document order and every focused element shows an outline', async () => {
    const { context } = await guardedContext(browser, server);
    for (const path of pages) {
      const page = await open(context, server.root + path);
      expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count(), `/${path}`).toBe(0);
      const stops: { order: number; outline: number; label: string }[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return undefined;
          const all = [...document.querySelectorAll('*')];
          const style = getComputedStyle(el);
          return {
            order: all.indexOf(el),
            outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
            label: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
          };
        });
        if (!stop || (stops.length > 0 && stop.order <= (stops.at(-1)?.order ?? -1))) break;
        stops.push(stop);
      }
      expect(stops.length, `/${path}: focusable elements reached`).toBeGreaterThan(1);
      const unoutlined = stops.filter((s) => !(s.outline > 0)).map((s) => s.label);
      expect(unoutlined, `/${path}: focused without a visible outline`).toEqual([]);
      await page.close();
    }
    await context.close();
  });

  test('at 200% zoom (640 CSS px wide) no page scrolls sideways; only table wrappers may', async () => {
    const { context } = await guardedContext(browser, server, {
      viewport: { width: 640, height: 800 },
      deviceScaleFactor: 2,
    });
    for (const path of pages) {
      const page = await open(context, server.root + path);
      const layout = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.body.querySelectorAll('*')]
          .filter((el) => !el.closest('.table-wrap') && !el.matches('.skip-link'))
          .filter((el) => el.getBoundingClientRect().right > width + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
        return { scrollWidth: document.documentElement.scrollWidth, width, outside: outside.slice(0, 5) };
      });
      expect(layout.outside, `/${path}: elements wider than the window`).toEqual([]);
      expect(layout.scrollWidth, `/${path}: page width`).toBeLessThanOrEqual(layout.width);
      await page.close();
    }
    await context.close();
  });
});
