/**
 * The chart PNGs and share images: which exist, what they show (their descriptions, snapshotted;
 * the pixels only checked to be a drawing of the right size), and that a rebuild draws only the
 * images whose description changed.
 */
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRAWING_CODE, drawChart, drawShareCard } from '../src/build/images.ts';
import { load } from '../src/build/project.ts';
import { removalsDone } from '../src/build/publish.ts';
import type { Province } from '../src/model/province.ts';
import { buildChart, unitCharts } from '../src/present/charts.ts';
import {
  chartFileName,
  chartImagePath,
  IMAGE_ROWS,
  imageDrawable,
  siteImages,
  type ChartImage,
  type ShareImage,
} from '../src/present/images.ts';
import { shareCard, shareImagePath } from '../src/present/share-card.ts';
import { siteView } from '../src/present/site-view.ts';
import { topicCharts } from '../src/present/topic-views.ts';
import { buildInProcess, ROOT } from './e2e/harness.ts';
import { fixture } from './helpers.ts';

async function provinceOf(name: string): Promise<Province> {
  const { province, problems } = await load(fixture(name));
  if (!province) throw new Error(problems.map((p) => p.message).join('\n'));
  return province;
}

const basic = await provinceOf('basic');
const unit = (province: Province, id: string) => {
  const found = province.tree.units.get(id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
};

/** Width and height from the PNG's header. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** How much of the picture is drawn (not white), and how many colours it has. */
async function ink(png: Buffer): Promise<{ drawn: number; colors: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let drawn = 0;
  const colors = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
    if (r < 240 || g < 240 || b < 240) drawn++;
    colors.add((r >> 4) * 256 + (g >> 4) * 16 + (b >> 4));
  }
  return { drawn: drawn / (image.width * image.height), colors: colors.size };
}

describe('the images of a site', () => {
  const images = siteImages(basic, { share: true });
  const files = images.map((i) => i.file);

  test('the province’s and the topic pages’ charts have a PNG, the province and each district a share image', () => {
    const provinceCharts = [...unitCharts(basic, 'P'), ...topicCharts(basic)];
    expect(images.filter((i) => i.kind === 'chart').map((i) => i.file)).toEqual(
      provinceCharts.map((chart) => `anh/p/${chart.id}.png`),
    );
    expect(images.filter((i) => i.kind === 'share').map((i) => i.file)).toEqual([
      'anh/p/chia-se.png',
      'anh/d1/chia-se.png',
      'anh/d2/chia-se.png',
    ]);
    expect(files).toContain('anh/p/dang-vien.png');
    // Their charts are drawn in the browser, on demand: 674 images cost 13 s of a build.
    expect(files.filter((f) => /^anh\/(d1|d2|g1)\/(?!chia-se)/.test(f))).toEqual([]);
    expect(new Set(files).size).toBe(files.length);
  });

  test('a chart links an image exactly when the build draws one', () => {
    const linked = (id: string) => unitCharts(basic, id).map((chart) => chartImagePath(basic, chart));
    expect(linked('P').every((file) => file !== undefined && files.includes(file))).toBe(true);
    for (const id of ['D1', 'D2', 'G1']) expect(linked(id).filter(Boolean), id).toEqual([]);
    expect(chartImagePath(basic, unitCharts(basic, 'P')[0] ?? expect.fail())).toBe('anh/p/dang-vien.png');
    expect(shareImagePath(unit(basic, 'G1'))).toBeUndefined();
  });

  test.each([
    [
      'Số đảng viên của Đảng bộ xã An Bình qua các năm',
      'so-dang-vien-cua-dang-bo-xa-an-binh-qua-cac-nam.png',
    ],
    ['Kết nạp: chỉ tiêu (%) — Đảng bộ phường Đông', 'ket-nap-chi-tieu-dang-bo-phuong-dong.png'],
  ])('a downloaded chart is saved under its title without diacritics: %s', (title, file) => {
    const chart = unitCharts(basic, 'G1')[0] ?? expect.fail();
    expect(chartFileName({ ...chart, title })).toBe(file);
  });

  test.each([
    [IMAGE_ROWS, true],
    [IMAGE_ROWS + 1, false],
  ])('a chart of %i units down the side gets an image: %s', (rows, drawn) => {
    const chart = buildChart({
      id: 'theo-don-vi',
      title: 'Đảng viên theo đơn vị',
      unit: 'đảng viên',
      categoryHeader: 'Đơn vị',
      categories: Array.from({ length: rows }, (_, i) => ({ label: `Đơn vị ${i}`, path: undefined })),
      series: [{ label: 'Đảng viên', kind: 'bar', values: Array.from({ length: rows }, (_, i) => i) }],
      horizontal: true,
      owner: basic.root,
    });
    expect(imageDrawable(chart)).toBe(drawn);
    expect(chartImagePath(basic, chart)).toBe(drawn ? 'anh/p/theo-don-vi.png' : undefined);
  });

  test('without a site address (no link preview can show them) there are no share images', () => {
    const charts = siteImages(basic, { share: false });
    expect(charts.every((i) => i.kind === 'chart')).toBe(true);
    expect(charts.length).toBe(images.filter((i) => i.kind === 'chart').length);
  });

  test('a chart image carries the chart’s title, its figures and a source line', () => {
    const image = images.find((i) => i.file === 'anh/p/dang-vien.png') as ChartImage;
    const chart = unitCharts(basic, 'P').find((c) => c.id === 'dang-vien');
    expect(image.title).toBe(chart?.title);
    expect(image.data).toEqual(chart?.data);
    expect(image.source).toBe('Thống kê xây dựng Đảng — Đảng bộ tỉnh Mẫu. Nguồn: Ban Tổ chức.');
  });

  test('the share card of a district matches its golden file', async () => {
    const card = shareCard(basic, siteView(basic), 'D1');
    expect(card.name).toBe('Đảng bộ huyện Một');
    await expect(`${JSON.stringify(card, null, 2)}\n`).toMatchFileSnapshot(
      './golden/images/share-card-d1.json',
    );
  });

  test('an ended district’s card says so and stands at its own last year', async () => {
    const reorganized = await provinceOf('reorganization');
    const card = shareCard(reorganized, siteView(reorganized), 'D1');
    expect(card.asOf).toBe('Đã kết thúc hoạt động. Số liệu tính đến 31/12/2024');
    expect(card.demo).toBe(false);
  });
});

describe('drawing', () => {
  const images = siteImages(basic, { share: true });

  test.each([
    ['a trend chart', 'anh/p/dang-vien.png', { width: 1200, height: 720 }],
    ['a chart of units down the side', 'anh/p/dang-vien-theo-don-vi.png', { width: 1200, height: 342 }],
  ])('%s is a PNG of the chart, 1.5 times its layout size, and not blank', async (_, file, size) => {
    const png = await drawChart(images.find((i) => i.file === file) as ChartImage);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pngSize(png)).toEqual(size);
    const { drawn, colors } = await ink(png);
    // Axes, labels, lines or bars: some of the picture, far from all of it, in several colours.
    expect(drawn).toBeGreaterThan(0.02);
    expect(drawn).toBeLessThan(0.6);
    expect(colors).toBeGreaterThan(8);
  });

  test('the code an image’s key holds names files that exist, among them every module the drawing imports', () => {
    for (const file of DRAWING_CODE) expect(existsSync(join(ROOT, file)), file).toBe(true);
    const drawing = join(ROOT, 'src', 'build', 'images.ts');
    const imports = [
      ...readFileSync(drawing, 'utf8').matchAll(/^import (?!type )[^;]* from '(\.[^']+)'/gm),
    ].map(([, path = '']) => relative(ROOT, resolve(drawing, '..', path)));
    expect(imports).toEqual(['src/client/chart-config.ts', 'src/client/chart-image.ts']);
    expect(DRAWING_CODE).toEqual(expect.arrayContaining(imports));
  });

  test('a share image is 1200×630 and not blank, its text in the site’s Vietnamese font', async () => {
    const png = await drawShareCard(images.find((i) => i.file === 'anh/d1/chia-se.png') as ShareImage);
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
    expect((await ink(png)).drawn).toBeGreaterThan(0.05);
    expect(GlobalFonts.has('Be Vietnam Pro')).toBe(true);
  });
});

describe('rebuilding a site with images', () => {
  // Inside the project, like every test build (see e2e/harness.ts).
  const work = join(ROOT, 'tests', '.output', `images-${process.pid}`);
  const data = join(work, 'data');
  const out = join(work, 'dist');
  const build = () =>
    buildInProcess({
      dataDir: data,
      contentDir: undefined,
      outDir: out,
      siteUrl: 'https://thongke.example.vn',
    });
  const identity = (file: string) => statSync(join(out, file)).ino;
  const files = ['anh/p/dang-vien.png', 'anh/d1/chia-se.png', 'anh/d2/chia-se.png'];
  let first = '';
  let second = '';
  let before: number[] = [];
  let after: number[] = [];

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    cpSync(fixture('basic'), data, { recursive: true });
    first = await build();
    before = files.map(identity);
    // One member less in 2020 in a grassroots unit of D1: D1's and the province's sums change, D2's do not.
    const members = join(data, 'members.csv');
    writeFileSync(members, readFileSync(members, 'utf8').replace('G2;2020;15;', 'G2;2020;14;'));
    second = await build();
    after = files.map(identity);
  }, 120_000);

  afterAll(async () => {
    // The replaced site is removed by a process of its own: the folder goes after it.
    await removalsDone(out, 10_000);
    rmSync(work, { recursive: true, force: true });
  });

  test('the first build draws every image, the province page links its charts’, a district page a button shown by the script', () => {
    expect(first).toMatch(/Ảnh biểu đồ và ảnh chia sẻ: vẽ \d+ ảnh/);
    const province = readFileSync(join(out, 'index.html'), 'utf8');
    expect(province).toContain(
      '<a href="/anh/p/dang-vien.png" download="so-dang-vien-cua-dang-bo-tinh-mau-qua-cac-nam.png">Tải ảnh biểu đồ (PNG)</a>',
    );
    const page = readFileSync(join(out, 'don-vi', 'd1', 'index.html'), 'utf8');
    expect(page).toContain(
      '<meta property="og:image" content="https://thongke.example.vn/anh/d1/chia-se.png">',
    );
    expect(page).not.toContain('/anh/d1/dang-vien.png');
    expect(page).toMatch(
      /<p class="chart-embed" data-needs-script><button type="button" class="link-button" data-chart-image/,
    );
    expect(page).toContain('data-file="so-dang-vien-cua-dang-bo-huyen-mot-qua-cac-nam.png"');
  });

  test('after one figure changes, only the images that show it are drawn again', () => {
    expect(second).toMatch(/Ảnh biểu đồ và ảnh chia sẻ: vẽ lại \d+ ảnh \(\d+ ảnh không đổi\)/);
    const redrawn = files.filter((_, i) => before[i] !== after[i]);
    expect(redrawn).toEqual(['anh/p/dang-vien.png', 'anh/d1/chia-se.png']);
  });
});
