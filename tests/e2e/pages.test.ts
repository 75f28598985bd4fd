/**
 * Each fixture site, opened in Chromium the way readers meet it: nothing broken or fetched from
 * elsewhere, charts painted, WCAG 2.1 A/AA in light and dark themes, figures there without
 * JavaScript, keyboard focus visible and in order, usable at 200% zoom.
 *
 * Every kind of page is visited (the named unit levels, and one page of every other route), once
 * with JavaScript and once without; the checks below assert on what those visits recorded, so the
 * suite stays fast however many pages a fixture has.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../../src/build/project.ts';
import { slug } from '../../src/model/units.ts';
import {
  blankCanvases,
  buildSite,
  fixtureDir,
  guardedContext,
  launchChromium,
  open,
  ROOT,
  serve,
  SITE_FIXTURES,
  sitePages,
  type BuiltSite,
  type Guard,
  type StaticServer,
} from './harness.ts';

const AXE_SOURCE = readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * axe-core is evaluated through the DevTools protocol rather than an inline <script>, so the page's
 * Content-Security-Policy stays in force during the whole visit (a CSP breach is a console error).
 */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as {
      axe: { run(c: Document, o: object): Promise<{ violations: unknown }> };
    };
    return (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations;
  }, WCAG21_AA);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n'),
  );
}

/** What a reader must get with or without JavaScript: key figures, every table's figures, charts' captions. */
const figuresOf = (page: Page) =>
  page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      // A table in a closed <details> is one click away, which works without JavaScript too.
      return (box.width > 0 && box.height > 0) || !!el.closest('details');
    };
    const tables = [...document.querySelectorAll('main table')];
    return {
      keyFigures: [...document.querySelectorAll('.key-figures dd')].map(text),
      // Body rows sorted: a sortable table may be reordered, never changed.
      tables: tables.map((t) => [...t.querySelectorAll('tbody tr')].map(text).sort()),
      hiddenTables: tables.filter((t) => !shown(t)).length,
      figures: [...document.querySelectorAll('main figure')].map((f) => text(f.querySelector('figcaption'))),
    };
  });
type Figures = Awaited<ReturnType<typeof figuresOf>>;

/** Layout shift since the page began loading (Chrome's buffered layout-shift entries). */
const cumulativeLayoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(Math.round(total * 1000) / 1000), 100);
      }),
  );

/** Tab through the page from the top: the elements reached, in order, with their outline width. */
async function tabWalk(page: Page, limit = 30) {
  const stops: { order: number; outline: number; label: string }[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      return {
        order: [...document.querySelectorAll('*')].indexOf(el),
        outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
        label: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`,
      };
    });
    // Wrapping back to the top (or leaving the page) ends the walk.
    if (!stop || (stops.length > 0 && stop.order <= (stops.at(-1)?.order ?? -1))) break;
    stops.push(stop);
  }
  return stops;
}

/** At 640 CSS px (1280 px at 200% zoom): the page's width and anything sticking out of it. */
const zoomedLayout = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const outside = [...document.body.querySelectorAll('*')]
      .filter((el) => !el.closest('.table-wrap') && !el.matches('.skip-link'))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, outside: outside.slice(0, 5) };
  });

/**
 * On a phone, for each table that scrolls sideways: whether its caption stays within the screen,
 * and whether its box is a named region a keyboard can reach (Tab, then the arrow keys scroll it).
 */
const phoneTables = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.table-wrap')]
      .filter((wrap) => wrap.scrollWidth > wrap.clientWidth + 1)
      .map((wrap) => ({
        captionFits:
          (wrap.querySelector('caption')?.getBoundingClientRect().width ?? 0) <= wrap.clientWidth + 1,
        reachable:
          wrap.tabIndex === 0 && wrap.getAttribute('role') === 'region' && !!wrap.getAttribute('aria-label'),
      })),
  );

interface Visit {
  blankCanvases: number;
  layoutShift: number;
  canvases: number;
  axe: { light: string[]; dark: string[] };
  backgrounds: { light: string; dark: string };
  figures: Figures;
  figuresWithoutJs: Figures;
  positiveTabindex: number;
  tabStops: Awaited<ReturnType<typeof tabWalk>>;
  zoomed: Awaited<ReturnType<typeof zoomedLayout>>;
  phoneTables: Awaited<ReturnType<typeof phoneTables>>;
}

/** Unit pages of each level the issue names, then one page of every other route. */
async function pagesToVisit(fixture: string, pages: string[]): Promise<Map<string, string>> {
  const { province } = await load(fixtureDir(fixture));
  if (!province) throw new Error(`fixture ${fixture} has data errors`);
  const units = [...province.tree.units.values()];
  const unitPage = (level: string) => {
    const unit = units.find((u) => u.level === level && pages.includes(`don-vi/${slug(u.id)}/`));
    return unit ? `don-vi/${slug(unit.id)}/` : undefined;
  };
  const chosen = new Map<string, string>([
    ['province', ''],
    ['district', unitPage('district') ?? ''],
    ['grassroots', unitPage('grassroots') ?? ''],
    ['downloads', 'du-lieu/'],
  ]);
  const dissolved = units.find(
    (u) => province.tree.dissolved(u.id) && pages.includes(`don-vi/${slug(u.id)}/`),
  );
  if (dissolved) chosen.set('dissolved unit', `don-vi/${slug(dissolved.id)}/`);
  const seen = new Set(chosen.values());
  for (const path of pages) {
    const segments = path.split('/');
    // `don-vi/x/` and `sap-xep/x/` share a route; `chi-bo/` is a route of its own.
    const route = segments.map((s, i) => (i === 0 || s === '' || s.endsWith('.html') ? s : '*')).join('/');
    if (route === 'don-vi/*/' || seen.has(path)) continue;
    if (![...chosen.keys()].includes(route)) chosen.set(route, path);
  }
  return chosen;
}

describe.each(SITE_FIXTURES)('the %s fixture site in Chromium', (fixture) => {
  let browser: Browser;
  let site: BuiltSite;
  let server: StaticServer;
  let pages: string[];
  let visits: Map<string, Visit>;
  let guard: Guard;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await buildSite(fixture);
    server = await serve(site.dir);
    pages = await sitePages(site.dir);
    const chosen = await pagesToVisit(fixture, pages);
    const withJs = await guardedContext(browser, server);
    const withoutJs = await guardedContext(browser, server, { javaScriptEnabled: false });
    guard = withJs.guard;
    visits = new Map();
    // A returning reader has the fonts and scripts cached: warm the cache once so layout shift
    // measures the page, not the first download of the web font.
    await (await open(withJs.context, server.root)).close();
    for (const path of new Set(chosen.values())) {
      const page = await open(withJs.context, server.root + path);
      const canvases = await page.locator('canvas').count();
      const blank = await blankCanvases(page);
      const layoutShift = await cumulativeLayoutShift(page);
      const figures = await figuresOf(page);
      const background = () =>
        page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await page.emulateMedia({ colorScheme: 'light' });
      const light = await axeViolations(page);
      const lightBackground = await background();
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await axeViolations(page);
      const darkBackground = await background();
      const positiveTabindex = await page
        .locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])')
        .count();
      const tabStops = await tabWalk(page);
      await page.setViewportSize({ width: 640, height: 800 });
      // Charts follow their box through a ResizeObserver, a frame or two after the window narrows.
      let zoomed = await zoomedLayout(page);
      for (let waited = 0; waited < 3_000 && zoomed.outside.length > 0; waited += 100) {
        await page.waitForTimeout(100);
        zoomed = await zoomedLayout(page);
      }
      await page.setViewportSize({ width: 390, height: 844 });
      // The boxes take focus once their ResizeObserver has seen the narrower window.
      await page.waitForTimeout(200);
      const phone = await phoneTables(page);
      await page.close();
      const bare = await open(withoutJs.context, server.root + path);
      const figuresWithoutJs = await figuresOf(bare);
      await bare.close();
      visits.set(path, {
        blankCanvases: blank,
        layoutShift,
        canvases,
        axe: { light, dark },
        backgrounds: { light: lightBackground, dark: darkBackground },
        figures,
        figuresWithoutJs,
        positiveTabindex,
        tabStops,
        zoomed,
        phoneTables: phone,
      });
    }
    await withJs.context.close();
    await withoutJs.context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.remove();
  });

  const each = <T>(pick: (visit: Visit, path: string) => T) =>
    Object.fromEntries([...visits].map(([path, visit]) => [`/${path}`, pick(visit, path)]));

  test('has the pages readers start from: province, district, grassroots unit, downloads, unit index, search', () => {
    expect(pages).toEqual(expect.arrayContaining(['', 'du-lieu/', 'don-vi/', 'tim-kiem/', '404.html']));
    expect(pages.filter((p) => /^don-vi\/[^/]+\/$/.test(p)).length).toBeGreaterThanOrEqual(3);
    if (fixture === 'restructuring') expect(pages.some((p) => p.startsWith('sap-xep/'))).toBe(true);
    expect(visits.size).toBeGreaterThanOrEqual(8);
  });

  // The restructuring and term-progress fixtures have committees.csv: their /cap-uy/ page and the
  // committee sections of the pages visited go through every check below; basic has none.
  test('visits /cap-uy/ and unit pages with a committee where the data has committees', async () => {
    if (fixture === 'basic') {
      expect(pages).not.toContain('cap-uy/');
      return;
    }
    expect(visits.has('cap-uy/')).toBe(true);
    if (fixture !== 'restructuring') return;
    for (const path of ['don-vi/tn/', 'don-vi/tn.cqddt/']) {
      expect(visits.has(path)).toBe(true);
      expect(await readFile(join(site.dir, path, 'index.html'), 'utf8')).toContain('id="cap-uy"');
    }
  });

  test('no page logs a console error, fails a request or fetches anything from outside 127.0.0.1', () => {
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.failedRequests).toEqual([]);
    expect(guard.externalRequests).toEqual([]);
  });

  test('every chart canvas is painted', () => {
    expect(each((v) => v.blankCanvases)).toEqual(each(() => 0));
    // The fixture's unit pages do have charts: the check above is not vacuous.
    expect(visits.get('')?.canvases).toBeGreaterThan(0);
  });

  test('pages with charts do not move when the charts appear (no layout shift)', () => {
    // Charts draw into boxes reserved by CSS. Fonts are preloaded and the cache is warm, as for a
    // returning reader. Pages without charts are not judged here: on a loaded machine a control
    // that a script reveals after the first paint may still nudge them.
    const charted = (v: Visit) => v.canvases > 0;
    expect(each((v) => (charted(v) ? v.layoutShift : 0))).toEqual(each(() => 0));
    expect([...visits.values()].filter(charted).length).toBeGreaterThan(2);
  });

  test.each(['light', 'dark'] as const)(
    'axe-core finds no WCAG 2.1 A/AA violation in the %s theme',
    (scheme) => {
      expect(each((v) => v.axe[scheme])).toEqual(each(() => []));
    },
  );

  test('the dark theme follows prefers-color-scheme on every page', () => {
    expect(each((v) => v.backgrounds)).toEqual(
      each(() => ({ light: 'rgb(255, 255, 255)', dark: expect.stringMatching(/^rgb\((\d|[1-4]\d), /) })),
    );
  });

  test('with JavaScript off every page still shows all its key figures, tables and figures', () => {
    expect(each((v) => v.figuresWithoutJs)).toEqual(each((v) => ({ ...v.figures, hiddenTables: 0 })));
    expect(visits.get('')?.figures.keyFigures.length).toBeGreaterThan(0);
    expect(visits.get('')?.figures.tables.length).toBeGreaterThan(0);
  });

  test('Tab moves through each page in document order and every focused element shows an outline', () => {
    expect(each((v) => v.positiveTabindex)).toEqual(each(() => 0));
    expect(each((v) => v.tabStops.length > 0)).toEqual(each(() => true));
    expect(each((v) => v.tabStops.filter((s) => !(s.outline > 0)).map((s) => s.label))).toEqual(
      each(() => []),
    );
  });

  test('at 200% zoom (640 CSS px wide) no page scrolls sideways; only table wrappers may', () => {
    expect(each((v) => v.zoomed.outside)).toEqual(each(() => []));
    expect(each((v) => v.zoomed.scrollWidth <= v.zoomed.width)).toEqual(each(() => true));
  });

  test('on a phone (390 px) a table that scrolls sideways keeps its caption within the screen and can be scrolled from the keyboard', () => {
    const tables = each((v) => v.phoneTables);
    expect(Object.values(tables).flat().length).toBeGreaterThan(0);
    expect(tables).toEqual(each((v) => v.phoneTables.map(() => ({ captionFits: true, reachable: true }))));
  });

  test('the first Tab reaches a visible skip link, and Enter moves focus to the main content', async () => {
    const { context } = await guardedContext(browser, server);
    for (const path of ['', 'du-lieu/']) {
      const page = await open(context, server.root + path);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          className: el.className,
          inView: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 0,
          outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        };
      });
      expect(skip, `/${path}`).toEqual({ className: 'skip-link', inView: true, outlined: true });
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id), `/${path}`).toBe('noi-dung');
      // The next Tab continues inside the main content, not back in the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main')), `/${path}`).toBe(true);
      await page.close();
    }
    await context.close();
  });
});
