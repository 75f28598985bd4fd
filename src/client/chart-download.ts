/**
 * The "Tải ảnh biểu đồ (PNG)" button of a chart the build draws no image of: draws the picture
 * the build would (chart-image.ts) on a canvas that is never shown, and saves it. Loaded by
 * charts.ts on the first click only, so the pages' chart bundle does not carry the title plugins.
 */
import { Chart } from 'chart.js';
import type { ChartData } from '../present/charts.ts';
import type { Palette } from './chart-config.ts';
import { chartImageConfig, chartImageSize, type ChartImageText } from './chart-image.ts';

/** Draws `data` as the picture and saves it as `file`. */
export async function downloadChart(
  data: ChartData,
  colors: Palette,
  text: ChartImageText,
  file: string,
): Promise<void> {
  const { width, height } = chartImageSize(data);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const chart = new Chart(canvas, chartImageConfig(data, colors, text, ctx));
  try {
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!png) throw new Error('the chart could not be encoded');
    const url = URL.createObjectURL(png);
    const link = document.createElement('a');
    link.href = url;
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has started from the address by then; a minute is ample even on a slow disk.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } finally {
    chart.destroy();
  }
}
