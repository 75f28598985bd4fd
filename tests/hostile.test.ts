/**
 * Publishers' text is never code. The hostile fixture puts script tags, event-handler attributes,
 * `javascript:` links, template braces and spreadsheet formulas into unit names, event titles and
 * notes, the dataset's source and the editors' Markdown. The site built from it is opened page by
 * page in Chromium with the Content-Security-Policy switched off — so escaping alone must hold —
 * and nothing from the data may run, become an element or an attribute, or turn into a link.
 * The CSV downloads must open in Excel as text, never as formulas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { csvCell } from '../src/present/downloads.ts';
import { renderMarkdown } from '../src/present/markdown.ts';
import {
  buildSite,
  launchChromium,
  serve,
  sitePages,
  type BuiltSite,
  type StaticServer,
} from './e2e/harness.ts';

describe('CSV cells that Excel would run as formulas are prefixed with an apostrophe', () => {
  test.each([
    ['=HYPERLINK("http://x","bấm")', `"'=HYPERLINK(""http://x"",""bấm"")"`],
    ['=1+1', "'=1+1"],
    ['+1 Chi bộ', "'+1 Chi bộ"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['Đảng bộ xã An Bình', 'Đảng bộ xã An Bình'],
    ['Chi bộ 1-2', 'Chi bộ 1-2'],
    ['a, b', '"a, b"'],
    [1234, '1234'],
    [undefined, ''],
  ])('%j is written as %s', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });
});

describe('editors’ Markdown: raw HTML stays text, unsafe links are refused', () => {
  test.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['<a href="javascript:alert(1)">x</a>', '&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;'],
    ['[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['[x](JaVaScRiPt:alert(1))', '[x](JaVaScRiPt:alert(1))'],
    ['[x](&#106;avascript:alert(1))', '<p>[x](javascript:alert(1))</p>'],
    ['[x](vbscript:msgbox(1))', '[x](vbscript:msgbox(1))'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['![x](javascript:alert(1))', '![x](javascript:alert(1))'],
    ['<javascript:alert(1)>', '&lt;javascript:alert(1)&gt;'],
  ])('%s', (markdown, shown) => {
    const html = renderMarkdown(markdown);
    expect(html).toContain(shown);
    // Markdown escapes every `<` of text, so any `<` left starts a real tag.
    expect(html).not.toMatch(
      /<(?:script|img|svg|iframe)\b|<[a-z][^<>]*\son\w+=|href="(?:javascript|vbscript|data):/i,
    );
  });

  test('safe links still work', () => {
    expect(renderMarkdown('[Cổng](https://example.gov.vn/) [dữ liệu](/du-lieu/) [thư](mailto:a@b.vn)')).toBe(
      '<p><a href="https://example.gov.vn/">Cổng</a> <a href="/du-lieu/">dữ liệu</a> <a href="mailto:a@b.vn">thư</a></p>\n',
    );
  });

  test('a placeholder filled with a hostile name is text, not markup', () => {
    const html = renderMarkdown(
      'Trang của {{unit}}',
      () => '<img src=x onerror=alert(1)> [x](javascript:alert(1))',
    );
    expect(html).toBe('<p>Trang của &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))</p>\n');
  });
});

/** What a document holds that could run: handler attributes, script URLs, inline scripts. */
interface Dangers {
  readonly handlers: string[];
  readonly badUrls: string[];
  readonly inlineScripts: string[];
  readonly badJson: string[];
  readonly injected: number;
}

/**
 * Runs in the browser, on the live document or on one parsed with DOMParser (a real HTML parser,
 * so text that merely looks like a tag inside an attribute is not miscounted).
 */
function dangersIn(doc: Document): Dangers {
  const all = [...doc.querySelectorAll('*')];
  const handlers = all.flatMap((el) =>
    [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `<${el.localName} ${a.name}>`),
  );
  // URLs as the browser resolves them: `java%09script:` is a harmless relative path, `java\tscript:` is not.
  const badUrls = all.flatMap((el) =>
    ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].flatMap((name) => {
      const url = el.getAttribute(name);
      if (url === null) return [];
      let protocol: string;
      try {
        protocol = new URL(url, 'http://127.0.0.1/').protocol;
      } catch {
        return [];
      }
      const ok =
        ['http:', 'https:', 'mailto:', 'tel:'].includes(protocol) ||
        (protocol === 'data:' && (el.localName === 'img' || el.localName === 'link'));
      return ok ? [] : [`<${el.localName} ${name}="${url}">`];
    }),
  );
  const scripts = [...doc.querySelectorAll('script')];
  const inlineScripts = scripts
    .filter((s) => !s.hasAttribute('src') && s.type !== 'application/json')
    .map((s) => s.textContent.slice(0, 120));
  const badJson = scripts
    .filter((s) => s.type === 'application/json')
    .filter((s) => {
      try {
        JSON.parse(s.textContent);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => s.textContent.slice(0, 120));
  const injected = doc.querySelectorAll('img[src="x"], svg[onload], iframe, b[onmouseover]').length;
  return { handlers, badUrls, inlineScripts, badJson, injected };
}

const NONE: Dangers = { handlers: [], badUrls: [], inlineScripts: [], badJson: [], injected: 0 };

/** `dangersIn` run in the page: on its live document, or on `html` parsed there. */
const dangersOnPage = (page: Page, html?: string): Promise<Dangers> =>
  page.evaluate(
    ({ check, markup }) => {
      // The function's source is rebuilt in the page, where the DOM it inspects lives: an eval
      // of this test's own code, on purpose.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const inspect = (new Function(`return (${check})`) as () => (doc: Document) => Dangers)();
      return inspect(markup === undefined ? document : new DOMParser().parseFromString(markup, 'text/html'));
    },
    { check: dangersIn.toString(), markup: html },
  );

describe('a site built from hostile data runs nothing from the data', () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let pages: string[] = [];
  const dialogs: string[] = [];
  const texts = new Map<string, string>();

  beforeAll(async () => {
    site = await buildSite('hostile');
    server = await serve(site.dir);
    browser = await launchChromium();
    // No CSP: the meta policy would block inline script anyway; escaping must hold on its own.
    context = await browser.newContext({ bypassCSP: true, locale: 'vi-VN' });
    context.on('page', (page) =>
      page.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(`${page.url()}: ${d.message()}`))),
    );
    pages = await sitePages(site.dir);
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    await site.remove();
  });

  test('the fixture built every page (the checks below look at a real site)', () => {
    expect(pages).toEqual(expect.arrayContaining(['', 'don-vi/p/', 'don-vi/d1/', 'don-vi/g4/', 'du-lieu/']));
  });

  test('the check finds what it looks for (so a clean result means something)', async () => {
    const page = await context.newPage();
    const dangers = await dangersOnPage(
      page,
      '<p title="&quot;><img src=x onerror=alert(1)>">ok</p><img src=x onerror=alert(1)>' +
        '<a href="java\tscript:alert(1)">a</a><a href="java%09script:x">b</a><script>alert(1)</script>' +
        '<script type="application/json">{"a":"</script>',
    );
    await page.close();
    expect(dangers).toEqual({
      handlers: ['<img onerror>'],
      badUrls: ['<a href="java\tscript:alert(1)">'],
      inlineScripts: ['alert(1)'],
      badJson: ['{"a":"'],
      injected: 1,
    });
  });

  test('every page, as parsed: no handler attribute, no script URL, no script but the site’s own', async () => {
    const page = await context.newPage();
    const found: Record<string, Dangers> = {};
    for (const path of pages) {
      const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
      const dangers = await dangersOnPage(page, readFileSync(join(site.dir, file), 'utf8'));
      if (JSON.stringify(dangers) !== JSON.stringify(NONE)) found[path] = dangers;
    }
    await page.close();
    expect(found).toEqual({});
  });

  // Pages whose scripts put data into the document (charts, sortable tables, search) run for real.
  test.each(['', 'don-vi/p/', 'don-vi/d1/', 'don-vi/d2/', 'don-vi/g4/', 'don-vi/g5/', 'du-lieu/'])(
    '/%s, live: nothing runs and nothing is injected',
    async (path) => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/${path}`, { waitUntil: 'load' });
      const dangers = await dangersOnPage(page);
      texts.set(path, await page.evaluate(() => document.body.innerText));
      await page.close();
      expect(dangers).toEqual(NONE);
      expect(dialogs).toEqual([]);
    },
  );

  test.each([
    ['don-vi/p/', 'Đảng bộ tỉnh <script>alert("tỉnh")</script>'],
    ['don-vi/d1/', '"><img src=x onerror=alert(1)>'],
    ['don-vi/d1/', "Trang của \"><img src=x onerror=alert(1)>: <svg onload=alert('d1')>"],
    ['don-vi/d2/', "Huyện {{members}} {{constructor.constructor('alert(1)')()}} ${alert(1)}"],
    ['don-vi/g4/', '-2+3 <svg onload=alert(1)>'],
    ['don-vi/g5/', 'javascript:alert(1)'],
    ['', "<script>alert('md')</script>"],
    ['', "[liên kết javascript](javascript:alert('md-link'))"],
  ])('%s shows the hostile text as text: %s', (path, text) => {
    expect(texts.get(path)).toContain(text);
  });

  test('the editors’ safe links are links; the unsafe ones are not', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    const links = await page.$$eval('main a', (as) =>
      as.map((a) => [a.textContent, (a as HTMLAnchorElement).protocol]),
    );
    await page.close();
    expect(links).toContainEqual(['Cổng thông tin', 'https:']);
    expect(
      links.filter(([, protocol]) => !['http:', 'https:', 'mailto:', 'tel:'].includes(protocol ?? '')),
    ).toEqual([]);
  });

  test('search results show hostile names as text', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/tim-kiem/`, { waitUntil: 'load' });
    for (const [query, name] of [
      ['onerror', '"><img src=x onerror=alert(1)>'],
      ['script', 'Đảng bộ tỉnh <script>alert("tỉnh")</script>'],
      ['javascript', 'javascript:alert(1)'],
    ] as const) {
      await page.fill('#tu-khoa', query);
      await page.waitForFunction(
        (shown) => document.querySelector('#ket-qua')?.textContent.includes(shown) ?? false,
        name,
        { timeout: 10_000 },
      );
      expect(await dangersOnPage(page)).toEqual(NONE);
    }
    const dangers = await dangersOnPage(page);
    await page.close();
    expect(dangers).toEqual(NONE);
    expect(dialogs).toEqual([]);
  });

  test.each([
    [
      'units.csv',
      [`"'=HYPERLINK(""http://x"",""bấm"")"`, "'+1 Chi bộ", "'@SUM(A1)", "'-2+3 <svg onload=alert(1)>"],
    ],
    ['restructurings.csv', ["'=1+1"]],
  ])('the %s download neutralizes formulas', (file, cells) => {
    const csv = readFileSync(join(site.dir, 'du-lieu', file), 'utf8');
    for (const cell of cells) expect(csv).toContain(cell);
    // No cell of the file starts with a formula character.
    const starts = csv
      .split(/\r\n/)
      .flatMap((line) => line.split(',').map((cell) => cell.replace(/^"/, '')[0]));
    expect(starts.filter((c) => c !== undefined && '=+-@'.includes(c))).toEqual([]);
  });
});
