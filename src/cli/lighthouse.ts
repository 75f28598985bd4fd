/**
 * `npm run lighthouse`: Lighthouse (mobile, its default throttling) on the built site, one page of
 * each kind: the province, a district, a grassroots unit, a restructuring and a topic, each the
 * largest of its kind (the slowest to load). Builds nothing: run `npm run build` first, with the
 * same DATA_DIR, OUT_DIR and BASE_PATH. Serves the site with Astro's preview server and uses
 * Debian's Chromium (CHROMIUM_PATH to change it); never downloads a browser. Prints the four
 * scores of each page and exits 1 when one is under its target. Not part of `npm test`: about
 * 3 minutes on two cores (docs/performance.md).
 */
import { readdirSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { preview } from 'astro';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { dataDirFrom, load } from '../build/project.ts';
import { UNIT_PAGES } from '../build/site-files.ts';
import { isAbove } from '../model/organizations.ts';
import { slug } from '../model/units.ts';
import { unitsWithPage } from '../present/links.ts';

const TARGETS = { performance: 0.95, accessibility: 1, 'best-practices': 1, seo: 1 } as const;
type Category = keyof typeof TARGETS;

const outDir = resolve(process.env['OUT_DIR'] || 'dist');
const base = `/${(process.env['BASE_PATH'] || '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const size = (page: string) =>
  statSync(join(outDir, page, 'index.html'), { throwIfNoEntry: false })?.size ?? 0;
const largest = (pages: readonly string[]) => [...pages].sort((a, b) => size(b) - size(a))[0];

/** Says what to do, and stops. */
function stop(message: string): never {
  process.stdout.write(`${message}\n`);
  process.exit(1);
}

/** The pages to measure, as paths from the site's root, by kind. */
async function pagesToMeasure(): Promise<[string, string][]> {
  if (size('') === 0) stop(`Không có trang web ở ${outDir}: chạy "npm run build" trước.`);
  const { province } = await load(dataDirFrom());
  if (!province) stop('Dữ liệu có lỗi: chạy "npm run check:data" để xem và sửa, rồi "npm run build".');
  const withPage = unitsWithPage(province);
  const units = [...province.tree.units.values()].filter((u) => withPage.has(u.id) && u !== province.root);
  const unitPages = (above: boolean) =>
    units.filter((u) => isAbove(u) === above).map((u) => `${UNIT_PAGES}/${slug(u.id)}/`);
  const events = readdirSync(join(outDir, 'sap-xep'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `sap-xep/${e.name}/`);
  const kinds: [string, string | undefined][] = [
    ['toàn tỉnh', ''],
    ['cấp trên cơ sở', largest(unitPages(true))],
    ['cơ sở', largest(unitPages(false))],
    ['sắp xếp', largest(events)],
    ['chủ đề', largest(['dang-vien/', 'ket-nap/', 'chi-bo/'])],
  ];
  return kinds.filter((k): k is [string, string] => k[1] !== undefined && size(k[1]) > 0);
}

/**
 * Lighthouse's own advice against its variance: run it several times and keep the run with the
 * median performance score (on a shared machine one run in four or five came out 0.05–0.1 lower).
 */
const RUNS = 3;
type RunnerResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>;

async function medianRun(url: string, categories: readonly Category[]) {
  const runs: RunnerResult[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
    });
    if (result) runs.push(result);
  }
  const performance = (r: RunnerResult) => r.lhr.categories['performance']?.score ?? 0;
  return runs.sort((a, b) => performance(a) - performance(b))[Math.floor(runs.length / 2)];
}

const pages = await pagesToMeasure();
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const server = await preview({ outDir, base, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
// Lighthouse drives Chromium through its debugging port: a free one, asked of the system.
const port = await new Promise<number>((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address() as AddressInfo;
    probe.close(() => done(free));
  });
});
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`],
});
let below = 0;
try {
  const categories = Object.keys(TARGETS) as Category[];
  // A fresh browser's first page is slower (cold caches): the province page, measured first,
  // scored 0.91–0.93 against 0.99 when measured later. One run first, not counted.
  await lighthouse(`http://127.0.0.1:${server.port}${base}`, {
    port,
    logLevel: 'error',
    onlyCategories: ['performance'],
  });
  process.stdout.write(`${['trang'.padEnd(44), ...categories.map((c) => c.padStart(15))].join('')}\n`);
  for (const [kind, page] of pages) {
    const url = `http://127.0.0.1:${server.port}${base}${page}`;
    const result = await medianRun(url, categories);
    const scores = categories.map((c) => result?.lhr.categories[c]?.score ?? 0);
    const failing = categories.filter((c, i) => (scores[i] ?? 0) < TARGETS[c]);
    below += failing.length;
    const cells = scores.map(
      (s, i) => `${failing.includes(categories[i] as Category) ? '✗' : ' '}${s.toFixed(2)}`,
    );
    process.stdout.write(`${`${kind}: /${page}`.padEnd(44)}${cells.map((c) => c.padStart(15)).join('')}\n`);
    for (const category of failing) {
      const audits = result?.lhr.categories[category]?.auditRefs ?? [];
      for (const ref of audits) {
        const audit = result?.lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          process.stdout.write(`    ${category}: ${audit.id} (${audit.score}) ${audit.title}\n`);
        }
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
const targets = Object.entries(TARGETS)
  .map(([c, t]) => `${c} ≥ ${t}`)
  .join(', ');
process.stdout.write(
  below === 0
    ? `\nĐạt mục tiêu trên mọi trang (${targets}).\n`
    : `\n${below} điểm dưới mục tiêu (${targets}): xem các mục ✗ và lỗi bên dưới từng trang.\n`,
);
process.exitCode = below === 0 ? 0 : 1;
