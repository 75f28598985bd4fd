/**
 * The one chart bundle: draws every `<script type="application/json" data-chart>` spec of the
 * page onto the canvas of the same figure, configured as src/client/chart-config.ts says.
 * The page's tables already hold every figure; this only adds the picture.
 */
import { Chart } from 'chart.js';
import type { ChartData } from '../present/charts.ts';
import { CHART_PARTS, chartConfig, palette as stylePalette, type Palette } from './chart-config.ts';

Chart.register(...CHART_PARTS);

function palette(printing: boolean): Palette {
  const style = getComputedStyle(document.documentElement);
  return stylePalette(
    printing || matchMedia('print').matches,
    (name, fallback) => style.getPropertyValue(name).trim() || fallback,
  );
}

const charts: { chart: Chart<'bar' | 'line', (number | null)[], string>; data: ChartData }[] = [];

function recolor(print: boolean) {
  const colors = palette(print);
  for (const { chart, data } of charts) {
    const next = chartConfig(data, colors);
    chart.data.datasets = next.data.datasets;
    chart.options = next.options ?? {};
    chart.update('none');
  }
}

// Labels in the page's own font (Be Vietnam Pro, full Vietnamese diacritics) rather than Chart.js's.
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

// The labels are drawn in the web font, so the charts wait for it rather than be drawn twice.
await document.fonts.ready;
// One chart per task: drawn in one go, a district page's charts held a phone's main thread for half
// a second (Lighthouse's total blocking time); between two charts the page answers the reader.
for (const script of document.querySelectorAll<HTMLScriptElement>('script[data-chart]')) {
  const canvas = script.closest('figure')?.querySelector('canvas');
  if (!canvas) continue;
  const data = JSON.parse(script.textContent ?? '{}') as ChartData;
  const chart = new Chart(canvas, chartConfig(data, palette(false)));
  charts.push({ chart, data });
  await new Promise((resolve) => setTimeout(resolve, 0));
}

if (charts.length > 0) {
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => recolor(false));
  // Paper is white: switch to the light colours and redraw at the printed size before printing.
  addEventListener('beforeprint', () => {
    recolor(true);
    for (const { chart } of charts) chart.resize();
  });
  addEventListener('afterprint', () => {
    recolor(false);
    for (const { chart } of charts) chart.resize();
  });
}
