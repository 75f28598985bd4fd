/**
 * Draws the site's images (src/present/images.ts) as PNG: a chart by Chart.js itself, laid out as
 * src/client/chart-image.ts says (the page chart's configuration, in the print colours), so the
 * picture a reader pastes into Word is the chart on the page and the one its download button
 * draws in the browser; a share card by hand. Text is set in the site's own font, Be Vietnam Pro,
 * from the package the pages take it from, so Vietnamese diacritics render on any machine,
 * whatever fonts it has.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Chart } from 'chart.js';
import { createCanvas, GlobalFonts, PngFilter, type SKRSContext2D } from '@napi-rs/canvas';
import { CHART_PARTS, palette, type Palette } from '../client/chart-config.ts';
import {
  chartImageConfig,
  chartImageSize,
  IMAGE_SCALE,
  MUTED,
  PAPER,
  wrapText,
} from '../client/chart-image.ts';
import type { ChartImage, ShareImage, SiteImage } from '../present/images.ts';
import type { ShareCard } from '../present/share-card.ts';

const FONT = 'Be Vietnam Pro';

/**
 * The files (paths from the project) that decide how an image looks besides its description:
 * their hash is part of every image's key, so that an image is drawn again when they change, but
 * not for a change elsewhere in the code (a page's template), unlike the pages. The packages'
 * versions (Chart.js, the canvas, the font) are in the lock file.
 */
export const DRAWING_CODE = [
  'src/build/images.ts',
  'src/build/image-worker.ts',
  'src/client/chart-config.ts',
  'src/client/chart-image.ts',
  'src/styles/global.css',
  'package-lock.json',
] as const;

let ready = false;

/** Fonts and Chart.js's parts, once per thread. */
function prepare(): void {
  if (ready) return;
  // Vietnamese letters are in one file and the rest of Latin in another, as the pages load them;
  // the bold files go first, since faces registered later win a plain (400) lookup.
  for (const file of ['vietnamese-700', 'latin-700', 'vietnamese-400', 'latin-400']) {
    // A path, not the URL's: a Windows drive letter and spaces ("Program Files") come out right.
    const path = fileURLToPath(
      import.meta.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${file}-normal.woff2`),
    );
    if (!GlobalFonts.registerFromPath(path, FONT)) throw new Error(`cannot load the font ${file}`);
  }
  Chart.register(...CHART_PARTS);
  Chart.defaults.font.family = FONT;
  ready = true;
}

/**
 * The print colours of the site's stylesheet (the light set on white paper), read from the file
 * the pages use, so the image and a printed page show the same colours.
 */
const PRINT: Palette = (() => {
  const css = readFileSync(new URL('../styles/global.css', import.meta.url), 'utf8');
  const colors = new Map<string, string>();
  for (const [, name, value] of css.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,8})\s*;/g)) {
    if (name && value && !colors.has(name)) colors.set(name, value);
  }
  return palette(true, (name, fallback) => colors.get(name) ?? fallback);
})();

/** Written into the PNG, so Word sizes it as the 800-pixel chart it is laid out as. */
const PPI = 96 * IMAGE_SCALE;

/**
 * The one "up" filter at the lowest compression encodes a chart about ten times faster than
 * libpng's default, which tries every filter on every row, for a file about 60 % larger (85 KB).
 */
const PNG = { compressionLevel: 1, filters: PngFilter.Up } as const;

export async function drawChart(image: ChartImage): Promise<Buffer> {
  prepare();
  const { width, height } = chartImageSize(image.data);
  const canvas = createCanvas(width, height);
  const chart = new Chart(
    canvas as unknown as HTMLCanvasElement,
    chartImageConfig(image.data, PRINT, image, canvas.getContext('2d')),
  );
  try {
    return await canvas.encode('png', { ...PNG, resolution: PPI, title: image.title });
  } finally {
    chart.destroy();
  }
}

const CARD = { width: 1200, height: 630, left: 88, right: 80 } as const;
const ACCENT = PRINT.series[0] ?? PRINT.text;

/** The largest of `sizes` at which `text` fits in `lines` lines of `width`, and its lines. */
function fit(
  ctx: SKRSContext2D,
  text: string,
  width: number,
  lines: number,
  sizes: readonly number[],
  weight = 'normal',
): { size: number; lines: string[] } {
  let best = { size: 0, lines: [text] };
  for (const size of sizes) {
    ctx.font = `${weight} ${size}px "${FONT}"`;
    best = { size, lines: wrapText(ctx, text, width) };
    if (best.lines.length <= lines) return best;
  }
  // Even the smallest size needs more lines: the last one shown ends in "…".
  const kept = best.lines.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1] ?? ''} …`;
  return { size: best.size, lines: kept };
}

/**
 * The members over the years as a line from a zero baseline, as every head-count chart of the
 * site (a drop of 7 members must not look like a collapse); gaps where not reported, the first
 * and last year below.
 */
function trendLine(
  ctx: SKRSContext2D,
  trend: NonNullable<ShareCard['trend']>,
  box: { x: number; y: number; width: number; height: number },
): void {
  const known = trend.values.filter((v): v is number => v !== null);
  if (known.length < 2) return;
  const high = Math.max(...known);
  const step = box.width / (trend.values.length - 1);
  const y = (v: number) => box.y + box.height - (high === 0 ? 0 : v / high) * box.height;
  // The zero line, so that the reader sees how far above it the members stand.
  ctx.strokeStyle = PRINT.grid;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(box.x, box.y + box.height);
  ctx.lineTo(box.x + box.width, box.y + box.height);
  ctx.stroke();
  ctx.strokeStyle = ACCENT;
  ctx.fillStyle = ACCENT;
  ctx.lineWidth = 5;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  let drawing = false;
  trend.values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    if (drawing) ctx.lineTo(box.x + i * step, y(v));
    else ctx.moveTo(box.x + i * step, y(v));
    drawing = true;
  });
  ctx.stroke();
  const last = trend.values.length - 1;
  const lastValue = trend.values[last];
  if (lastValue !== null && lastValue !== undefined) {
    ctx.beginPath();
    ctx.arc(box.x + last * step, y(lastValue), 9, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = MUTED;
  ctx.font = `22px "${FONT}"`;
  ctx.textAlign = 'left';
  ctx.fillText(trend.years[0] ?? '', box.x, box.y + box.height + 40);
  ctx.textAlign = 'right';
  ctx.fillText(trend.years[last] ?? '', box.x + box.width, box.y + box.height + 40);
  ctx.textAlign = 'left';
}

export async function drawShareCard(image: ShareImage): Promise<Buffer> {
  prepare();
  const { card } = image;
  const canvas = createCanvas(CARD.width, CARD.height);
  const ctx = canvas.getContext('2d');
  const width = CARD.width - CARD.left - CARD.right;
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, CARD.width, CARD.height);
  ctx.fillStyle = ACCENT;
  ctx.fillRect(0, 0, 24, CARD.height);
  ctx.textBaseline = 'alphabetic';

  let y = 88;
  const site = fit(ctx, card.demo ? `Dữ liệu minh họa — ${card.site}` : card.site, width, 1, [28, 24, 20]);
  ctx.font = `${site.size}px "${FONT}"`;
  ctx.fillStyle = card.demo ? ACCENT : MUTED;
  ctx.fillText(site.lines[0] ?? '', CARD.left, y);

  const name = fit(ctx, card.name, width, 2, [64, 56, 48, 40], 'bold');
  ctx.font = `bold ${name.size}px "${FONT}"`;
  ctx.fillStyle = PRINT.text;
  for (const line of name.lines) {
    y += Math.round(name.size * 1.25);
    ctx.fillText(line, CARD.left, y);
  }
  if (card.asOf) {
    y += 52;
    ctx.font = `30px "${FONT}"`;
    ctx.fillStyle = MUTED;
    ctx.fillText(card.asOf, CARD.left, y);
  }

  const baseline = Math.max(y + 140, 420);
  let right: number = CARD.left;
  if (card.headline) {
    ctx.font = `bold 104px "${FONT}"`;
    ctx.fillStyle = ACCENT;
    ctx.fillText(card.headline.value, CARD.left, baseline);
    right = CARD.left + ctx.measureText(card.headline.value).width + 20;
    ctx.font = `40px "${FONT}"`;
    ctx.fillStyle = PRINT.text;
    ctx.fillText(card.headline.label, right, baseline);
    right += ctx.measureText(card.headline.label).width;
    if (card.headline.change) {
      ctx.font = `30px "${FONT}"`;
      ctx.fillStyle = MUTED;
      ctx.fillText(card.headline.change, CARD.left, baseline + 50);
      right = Math.max(right, CARD.left + ctx.measureText(card.headline.change).width);
    }
  }
  // The trend takes the room the headline leaves on its right, if there is enough of it.
  const trendLeft = Math.max(right + 60, 720);
  if (card.trend && CARD.width - CARD.right - trendLeft >= 200) {
    trendLine(ctx, card.trend, {
      x: trendLeft,
      y: baseline - 110,
      width: CARD.width - CARD.right - trendLeft,
      height: 120,
    });
  }

  const figures = card.figures.slice(0, 3);
  const column = width / 3;
  figures.forEach((figure, i) => {
    const x = CARD.left + i * column;
    // fit() leaves the font at the size it chose.
    const label = fit(ctx, figure.label, column - 24, 1, [22, 18]);
    ctx.fillStyle = MUTED;
    ctx.fillText(label.lines[0] ?? '', x, CARD.height - 72);
    ctx.font = `bold 36px "${FONT}"`;
    ctx.fillStyle = PRINT.text;
    ctx.fillText(figure.value, x, CARD.height - 28);
  });
  return canvas.encode('png', { ...PNG, title: card.name });
}

export const drawImage = (image: SiteImage): Promise<Buffer> =>
  image.kind === 'chart' ? drawChart(image) : drawShareCard(image);

/**
 * Draws `images` into the folder `site` (each at its path from the site's root) in a worker
 * thread, so the pages render meanwhile; resolves with how many it drew. `signal` stops it.
 */
export function drawImages(
  images: readonly SiteImage[],
  site: string,
  signal?: AbortSignal,
): Promise<number> {
  if (images.length === 0) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./image-worker.ts', import.meta.url), {
      execArgv: [],
      workerData: { images, site },
    });
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    let drawn: number | undefined;
    worker.once('message', (count: number) => (drawn = count));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (drawn !== undefined) resolve(drawn);
      else reject(new Error(`Vẽ ảnh biểu đồ bị dừng (mã thoát ${code}). Chạy lại "npm run build".`));
    });
  });
}
