/**
 * `npm run budgets [site folder]`: what a reader downloads, compressed (gzip), checked against the
 * budgets of a provincial portal read on any device:
 *   - each page's HTML plus its stylesheets ≤ 60 KB;
 *   - the one shared chart bundle (Chart.js and the chart code) ≤ 80 KB, and only on pages with a chart;
 *   - web fonts: only the Vietnamese and Latin subsets.
 * Prints a table and exits 1 when any budget is exceeded. Reads a built site (default: OUT_DIR or dist/).
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { filesUnder } from '../build/hashing.ts';

export const PAGE_BUDGET = 60 * 1024;
export const CHART_BUNDLE_BUDGET = 80 * 1024;
/** Font files may only be these subsets (@fontsource names them `<family>-<subset>-<weight>-<style>`). */
const FONT_SUBSET = /-(vietnamese|latin)-\d{3}-(normal|italic)\.[\w-]+\.(woff2?)$/;
/** Chart.js's registry error text: present in any bundle that carries Chart.js, whatever the minifier did. */
const CHART_JS_SIGNATURE = 'is not a registered';

const KB = (bytes: number): string => `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;

interface PageWeight {
  readonly page: string;
  readonly html: number;
  readonly css: number;
  readonly scripts: readonly string[];
  readonly hasChart: boolean;
}

export interface BudgetReport {
  readonly pages: readonly PageWeight[];
  /** gzip bytes of the chart bundle (entry and every chunk it imports), or 0 if none. */
  readonly chartBundle: number;
  readonly chartFiles: readonly string[];
  readonly fonts: readonly { file: string; bytes: number; ok: boolean }[];
  readonly problems: readonly string[];
}

/** Site-absolute asset reference (`/thong-ke/_astro/x.css`) → path inside the site folder. */
const localPath = (ref: string, base: string): string | undefined => {
  if (/^[a-z]+:/i.test(ref) || ref.startsWith('//')) return undefined;
  const path = ref.split(/[?#]/)[0] ?? '';
  return path.startsWith(base) ? path.slice(base.length) : undefined;
};

const attributes = (html: string, tag: string, attribute: string, filter?: RegExp): string[] =>
  [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'gi'))]
    .map((m) => m[0])
    .filter((t) => !filter || filter.test(t))
    .map((t) => new RegExp(`\\s${attribute}="([^"]*)"`, 'i').exec(t)?.[1])
    .filter((v): v is string => v !== undefined);

export async function measure(siteDir: string, basePath = '/'): Promise<BudgetReport> {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const files = await filesUnder(siteDir, '');
  const gz = new Map<string, number>();
  const text = new Map<string, string>();
  const read = async (path: string): Promise<string> => {
    let content = text.get(path);
    if (content === undefined) {
      const bytes = await readFile(join(siteDir, path));
      content = bytes.toString('utf8');
      text.set(path, content);
      gz.set(path, gzipSync(bytes, { level: 9 }).length);
    }
    return content;
  };
  const gzipOf = async (path: string): Promise<number> => {
    await read(path);
    return gz.get(path) ?? 0;
  };

  // A script's full weight includes the chunks it imports (Vite splits shared code).
  const scriptGraph = async (entry: string): Promise<string[]> => {
    const seen = new Set<string>();
    const visit = async (path: string) => {
      if (seen.has(path) || !files.includes(path)) return;
      seen.add(path);
      const code = await read(path);
      for (const m of code.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) {
        const spec = m[1] ?? '';
        const target = spec.startsWith('/')
          ? localPath(spec, base)
          : relative(siteDir, resolve(siteDir, path, '..', spec))
              .split(sep)
              .join('/');
        if (target) await visit(target);
      }
    };
    await visit(entry);
    return [...seen];
  };

  const problems: string[] = [];
  const pages: PageWeight[] = [];
  for (const file of files.filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))) {
    const html = await read(file);
    let css = 0;
    for (const ref of attributes(html, 'link', 'href', /rel="stylesheet"/i)) {
      const path = localPath(ref, base);
      if (path) css += await gzipOf(path);
    }
    const scripts = new Set<string>();
    for (const ref of attributes(html, 'script', 'src')) {
      const path = localPath(ref, base);
      if (path) for (const f of await scriptGraph(path)) scripts.add(f);
    }
    pages.push({
      page: file,
      html: await gzipOf(file),
      css,
      scripts: [...scripts],
      hasChart: /<canvas\b/i.test(html),
    });
  }

  const chartFiles = new Set<string>();
  for (const page of pages) {
    for (const script of page.scripts) {
      if ((await read(script)).includes(CHART_JS_SIGNATURE)) chartFiles.add(script);
    }
  }
  let chartBundle = 0;
  for (const f of chartFiles) chartBundle += await gzipOf(f);

  for (const page of pages) {
    if (page.html + page.css > PAGE_BUDGET) {
      problems.push(`${page.page}: HTML + CSS ${KB(page.html + page.css)} > ${KB(PAGE_BUDGET)}`);
    }
    const carriesCharts = page.scripts.some((s) => chartFiles.has(s));
    if (carriesCharts && !page.hasChart)
      problems.push(`${page.page}: tải bộ mã biểu đồ nhưng không có biểu đồ`);
    if (page.hasChart && !carriesCharts)
      problems.push(`${page.page}: có biểu đồ nhưng không tải bộ mã biểu đồ`);
  }
  if (chartBundle > CHART_BUNDLE_BUDGET) {
    problems.push(`bộ mã biểu đồ ${KB(chartBundle)} > ${KB(CHART_BUNDLE_BUDGET)}`);
  }

  const fonts = [];
  for (const file of files.filter((f) => /\.(woff2?|ttf|otf)$/.test(f))) {
    const ok = FONT_SUBSET.test(file);
    if (!ok) problems.push(`${file}: phông chữ không phải bộ con tiếng Việt hoặc Latin`);
    fonts.push({ file, bytes: (await readFile(join(siteDir, file))).length, ok });
  }
  return { pages, chartBundle, chartFiles: [...chartFiles], fonts, problems };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, n) =>
      [
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
        ...(n === 0 ? [widths.map((w) => '─'.repeat(w)).join('  ')] : []),
      ].join('\n'),
    )
    .join('\n');
}

export function formatReport(report: BudgetReport, shown = 10): string {
  const byWeight = [...report.pages].sort((a, b) => b.html + b.css - (a.html + a.css));
  const totals = report.pages.map((p) => p.html + p.css).sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)] ?? 0;
  const chartPages = report.pages.filter((p) => p.hasChart).length;
  const fontBytes = report.fonts.filter((f) => f.file.endsWith('.woff2')).reduce((s, f) => s + f.bytes, 0);
  const lines = [
    `Ngân sách dung lượng (nén gzip) — ${report.pages.length} trang`,
    '',
    table([
      ['Trang nặng nhất', 'HTML', 'CSS', 'Tổng', 'Ngân sách'],
      ...byWeight
        .slice(0, shown)
        .map((p) => [p.page, KB(p.html), KB(p.css), KB(p.html + p.css), KB(PAGE_BUDGET)]),
    ]),
    '',
    table([
      ['Hạng mục', 'Đo được', 'Ngân sách'],
      ['Trang (HTML + CSS), trung vị', KB(median), KB(PAGE_BUDGET)],
      ['Trang (HTML + CSS), lớn nhất', KB(totals.at(-1) ?? 0), KB(PAGE_BUDGET)],
      [
        `Bộ mã biểu đồ (${report.chartFiles.length} tệp, trên ${chartPages} trang có biểu đồ)`,
        KB(report.chartBundle),
        KB(CHART_BUNDLE_BUDGET),
      ],
      [
        `Phông chữ woff2 (${report.fonts.filter((f) => f.file.endsWith('.woff2')).length} tệp)`,
        KB(fontBytes),
        '—',
      ],
    ]),
    '',
    report.problems.length === 0
      ? 'Tất cả trong ngân sách.'
      : `Vượt ngân sách (${report.problems.length}):\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const siteDir = resolve(process.argv[2] || process.env['OUT_DIR'] || 'dist');
  const report = await measure(siteDir, process.env['BASE_PATH'] || '/').catch((error: unknown) => {
    process.stderr.write(
      `Không đọc được trang web đã tạo ở ${siteDir}: ${String(error)}\nChạy "npm run build" trước, hoặc chỉ ra thư mục: npm run budgets -- <thư mục>.\n`,
    );
    process.exit(1);
  });
  process.stdout.write(`${formatReport(report)}\n`);
  process.exit(report.problems.length === 0 ? 0 : 1);
}
