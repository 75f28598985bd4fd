import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatReport, measure } from '../src/cli/budgets.ts';
import { tempDir } from './helpers.ts';

/** A tiny built site: files by path. */
function site(files: Record<string, string>): string {
  const dir = tempDir('budgets-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// Incompressible filler: random bytes in base64 shrink under gzip only to about three quarters.
const filler = (kb: number) => randomBytes(kb * 1024).toString('base64');
const CHART_CODE = 'throw new Error(`"${e}" is not a registered controller.`)';
const page = (body: string, head = '<link rel="stylesheet" href="/_astro/site.css">') =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('measure', () => {
  test('a small site with charts only where they are drawn is within budget', async () => {
    const report = await measure(
      site({
        'index.html': page('<canvas></canvas><script type="module" src="/_astro/charts.js"></script>'),
        'du-lieu/index.html': page('<p>Dữ liệu</p>'),
        '_astro/site.css': 'body{margin:0}',
        '_astro/charts.js': `import"./chunk.js";${CHART_CODE}`,
        '_astro/chunk.js': 'export const x=1;',
        '_astro/be-vietnam-pro-vietnamese-400-normal.abc123.woff2': 'font',
        '_astro/be-vietnam-pro-latin-700-normal.abc123.woff2': 'font',
      }),
    );
    expect(report.problems).toEqual([]);
    expect(report.chartFiles).toEqual(['_astro/charts.js']);
    expect(report.pages.find((p) => p.page === 'index.html')?.scripts).toEqual([
      '_astro/charts.js',
      '_astro/chunk.js',
    ]);
    expect(formatReport(report)).toContain('Tất cả trong ngân sách.');
  });

  test.each([
    [
      'a page over 60 KB of HTML and CSS',
      { 'index.html': page(`<p>${filler(100)}</p>`), '_astro/site.css': '' },
      /^index\.html: HTML \+ CSS [\d,]+ KB > 60,0 KB$/,
    ],
    [
      'the chart bundle loaded on a page without a chart',
      {
        'index.html': page('<script type="module" src="/_astro/charts.js"></script>'),
        '_astro/site.css': '',
        '_astro/charts.js': CHART_CODE,
      },
      /^index\.html: tải bộ mã biểu đồ nhưng không có biểu đồ$/,
    ],
    [
      'a chart bundle over 80 KB',
      {
        'index.html': page('<canvas></canvas><script type="module" src="/_astro/charts.js"></script>'),
        '_astro/site.css': '',
        '_astro/charts.js': `${CHART_CODE};"${filler(120)}"`,
      },
      /^bộ mã biểu đồ [\d,]+ KB > 80,0 KB$/,
    ],
    [
      'a font subset other than Vietnamese or Latin',
      {
        'index.html': page(''),
        '_astro/site.css': '',
        '_astro/be-vietnam-pro-latin-ext-400-normal.abc.woff2': 'font',
      },
      /latin-ext-400-normal\.abc\.woff2: phông chữ không phải bộ con tiếng Việt hoặc Latin$/,
    ],
  ])('reports %s', async (_, files, problem) => {
    const report = await measure(site(files));
    expect(report.problems).toEqual([expect.stringMatching(problem)]);
    expect(formatReport(report)).toContain('Vượt ngân sách (1):');
  });

  test('follows the base path of a BASE_PATH build', async () => {
    const report = await measure(
      site({
        'index.html': page('', '<link rel="stylesheet" href="/thong-ke/_astro/site.css">'),
        '_astro/site.css': filler(2),
      }),
      '/thong-ke/',
    );
    expect(report.pages[0]?.css).toBeGreaterThan(500);
  });
});
