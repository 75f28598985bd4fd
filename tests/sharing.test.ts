/**
 * What search engines, shared links and the portal's iframes read from a site built without
 * SITE_URL (the BASE_PATH and SITE_URL build is checked in tests/e2e/publishing.test.ts): every
 * page whole and described, no address that needs the origin, the embed pages' code and frame.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { NO_SITE_URL, siteUrlFrom } from '../src/build/sitemap.ts';
import { unitCharts } from '../src/present/charts.ts';
import { embedCode, embedHeight } from '../src/present/embeds.ts';
import { buildSite, sitePages, type BuiltSite } from './e2e/harness.ts';
import { fixture } from './helpers.ts';

let site: BuiltSite;
let html: Map<string, string>;

const fileOf = (page: string) => (page === '' || page.endsWith('/') ? `${page}index.html` : page);
const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  site = await buildSite('basic', {}, { inProcess: true });
  html = new Map(
    (await sitePages(site.dir)).map((p) => [p, readFileSync(join(site.dir, fileOf(p)), 'utf8')]),
  );
}, 300_000);
afterAll(() => site.remove());

describe('every built page', () => {
  test('is one whole document: nothing after </html>, scripts inside <body>', () => {
    const broken = [...html]
      .filter(([, text]) => !/^<!DOCTYPE html>/i.test(text) || !/<\/body>\s*<\/html>\s*$/.test(text))
      .map(([page]) => page);
    expect(html.size).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  test('has a description of its own, from its figures', () => {
    const pages = new Map<string, string[]>();
    for (const [page, text] of html) {
      const found = /<meta name="description" content="([^"]+)"/.exec(text)?.[1];
      const description = found === undefined ? '(none)' : unescape(found);
      pages.set(description, [...(pages.get(description) ?? []), page]);
    }
    // The province's unit page repeats the home page (and names it as canonical, publishing.test.ts).
    const shared = [...pages].filter(([, p]) => p.length > 1);
    expect(shared.map(([, p]) => p)).toEqual([['', 'don-vi/p/']]);
    expect(pages.has('(none)')).toBe(false);
    expect(shared[0]?.[0]).toMatch(/^Tính đến ngày 31\/12\/\d{4}, .+ có .+ đảng viên/);
  });

  test('names no canonical address or share card, which need the origin', () => {
    const withTags = [...html].filter(([, text]) =>
      /rel="canonical"|property="og:|name="twitter:/.test(text),
    );
    expect(withTags.map(([page]) => page)).toEqual([]);
  });
});

describe('without SITE_URL', () => {
  test('robots.txt has no Sitemap line and no sitemap.xml is written', () => {
    expect(readFileSync(join(site.dir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\n');
    expect(() => readFileSync(join(site.dir, 'sitemap.xml'))).toThrow(/ENOENT/);
  });

  test('the build says what to set', () => {
    expect(site.output).toContain(NO_SITE_URL);
    expect(NO_SITE_URL).toContain('Đặt SITE_URL=https://');
  });
});

describe('the embed pages (nhung/)', () => {
  const embeds = () => [...html].filter(([page]) => page.startsWith('nhung/'));

  test('open their links in the portal window, have the icon and say their height', () => {
    expect(embeds().length).toBeGreaterThan(0);
    for (const [page, text] of embeds()) {
      expect(text, page).toContain('<base target="_top">');
      expect(text, page).toContain('<link rel="icon" href="/favicon.svg"');
      expect(text, page).toMatch(/<script type="module" src="\/_astro\/[^"]+\.js"><\/script><\/body>/);
    }
  });

  test("each chart's section offers its iframe code, with the embed page's address and a height", () => {
    const text = html.get('don-vi/d1/') ?? '';
    const codes = [
      ...text.matchAll(/<textarea id="ma-nhung-([^"]+)" readonly rows="3">([^<]+)<\/textarea>/g),
    ];
    expect(codes.map((m) => m[1])).toEqual(expect.arrayContaining(['dang-vien']));
    for (const [, chart, code] of codes) {
      expect(unescape(code ?? '')).toMatch(
        new RegExp(`^<iframe src="/nhung/d1/${chart}/" title="[^"]+" width="100%" height="\\d{3,4}" `),
      );
      expect(html.has(`nhung/d1/${chart}/`)).toBe(true);
    }
  });
});

describe('the iframe code', () => {
  test('escapes the title and grows with the rows, a wrapped title and a note', async () => {
    const { province } = await load(fixture('basic'));
    const chart = province && unitCharts(province, 'D1').find((c) => c.id === 'dang-vien');
    if (!chart) throw new Error('the basic fixture has a members chart for D1');
    const quoted = { ...chart, title: 'Đảng viên "A" & <B>' };
    expect(embedCode(quoted, '/nhung/d1/dang-vien/')).toBe(
      `<iframe src="/nhung/d1/dang-vien/" title="Đảng viên &quot;A&quot; &amp; &lt;B&gt;" width="100%" height="${embedHeight(chart)}" style="border:0" loading="lazy"></iframe>`,
    );
    const longer = { ...chart, table: { ...chart.table, rows: [...chart.table.rows, ...chart.table.rows] } };
    expect(embedHeight(longer)).toBeGreaterThan(embedHeight(chart));
    expect(embedHeight({ ...chart, title: chart.title.repeat(3) })).toBeGreaterThan(embedHeight(chart));
    expect(embedHeight({ ...chart, note: 'Chưa có số liệu năm 2019.' })).toBeGreaterThan(embedHeight(chart));
  });
});

describe('SITE_URL', () => {
  test.each([
    ['', undefined],
    ['  ', undefined],
    ['https://tochuc.example.gov.vn', 'https://tochuc.example.gov.vn'],
    ['https://tochuc.example.gov.vn/', 'https://tochuc.example.gov.vn'],
    ['http://10.0.0.5:8080', 'http://10.0.0.5:8080'],
  ])('%j is taken as %j', (setting, origin) => {
    expect(siteUrlFrom({ SITE_URL: setting })).toBe(origin);
  });

  test.each([
    ['tochuc.example.gov.vn', 'bắt đầu bằng https://'],
    ['https://portal.example/thong-ke/', 'BASE_PATH=/thong-ke/'],
    ['ftp://portal.example', 'bắt đầu bằng https://'],
    ['https://portal.example/?a=1', 'không có đường dẫn phía sau'],
  ])('%j is refused, saying what to write', (setting, advice) => {
    expect(() => siteUrlFrom({ SITE_URL: setting })).toThrow(advice);
    expect(() => siteUrlFrom({ SITE_URL: setting })).toThrow(`SITE_URL="${setting}" không hợp lệ`);
  });
});
