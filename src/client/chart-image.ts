/**
 * A chart as a picture to paste into a Word report: the page chart's configuration
 * (chart-config.ts) in the print colours on white, with its title above and the source line below,
 * at a fixed size. One layout for the two places that draw it, so their pictures are the same: the
 * build, for the province's and the topic pages' charts (src/build/images.ts), and the page's
 * "Tải ảnh biểu đồ (PNG)" button for every other chart (chart-download.ts).
 */
import { BasicPlatform, Chart, SubTitle, Title, type ChartConfiguration, type Plugin } from 'chart.js';
import type { ChartData } from '../present/charts.ts';
import { chartConfig, type Palette } from './chart-config.ts';

Chart.register(Title, SubTitle);

export const PAPER = '#fff';
export const MUTED = '#444';

/**
 * Drawn at 1.5 times the size it is laid out at: 1,200 pixels across, about 190 dpi on a Word
 * page's 16 cm, where twice the size cost half as much time again for no visible gain.
 */
export const IMAGE_SCALE = 1.5;

/** A chart's layout size: a trend is 16:9; bars down the side get a fixed height each. */
export function chartImageSize(data: ChartData): { width: number; height: number } {
  const width = 800;
  if (!data.horizontal) return { width, height: 480 };
  const legend = data.datasets.length > 1 ? 30 : 0;
  return { width, height: 150 + legend + data.labels.length * (data.datasets.length > 1 ? 36 : 26) };
}

/** A 2D context, the browser's or the build's canvas package's: what measuring text needs. */
export interface TextMeasure {
  font: string;
  measureText(text: string): { width: number };
}

/** Lines of at most `width` pixels in the context's font, broken at spaces. */
export function wrapText(ctx: TextMeasure, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line ? [...lines, line] : lines;
}

/** Chart.js leaves the canvas transparent; a pasted image needs its white. */
const paper: Plugin = {
  id: 'paper',
  beforeDraw: ({ ctx, width, height }) => {
    ctx.save();
    ctx.fillStyle = PAPER;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export interface ChartImageText {
  readonly title: string;
  /** The line under the chart: whose figures, and whether they are real. */
  readonly source: string;
}

/**
 * The configuration that draws `data` as the picture, on a canvas of `chartImageSize(data)` whose
 * context is `ctx` (used to break the title and the source into lines). Chart.js's default font
 * must already be the site's.
 */
export function chartImageConfig(
  data: ChartData,
  colors: Palette,
  { title, source }: ChartImageText,
  ctx: TextMeasure,
): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  const { width } = chartImageSize(data);
  const family = Chart.defaults.font.family ?? 'sans-serif';
  ctx.font = `bold 16px ${family}`;
  const titleLines = wrapText(ctx, title, width - 40);
  ctx.font = `12px ${family}`;
  const sourceLines = wrapText(ctx, source, width - 40);
  const config = chartConfig(data, colors);
  return {
    ...config,
    platform: BasicPlatform,
    plugins: [paper],
    options: {
      ...config.options,
      responsive: false,
      devicePixelRatio: IMAGE_SCALE,
      layout: { padding: 16 },
      plugins: {
        ...config.options?.plugins,
        title: { display: true, text: titleLines, color: colors.text, font: { size: 16, weight: 'bold' } },
        subtitle: {
          display: true,
          position: 'bottom',
          text: sourceLines,
          color: MUTED,
          align: 'start',
          padding: { top: 12 },
        },
        tooltip: { enabled: false },
      },
    },
  };
}
