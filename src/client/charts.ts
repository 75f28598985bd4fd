/**
 * The one chart bundle: draws every `<script type="application/json" data-chart>` spec of the
 * page onto the canvas of the same figure, configured as src/client/chart-config.ts says, and
 * shows the figure's "Tải ảnh biểu đồ (PNG)" button where the build drew no image (its line is
 * kept empty without JavaScript, which it needs). The page's tables already hold every figure;
 * this only adds the picture.
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

/** Wires the figure's download button, if it has one, to draw `data` as a picture. */
function offerDownload(figure: Element | null, data: ChartData): void {
  const button = figure?.querySelector<HTMLButtonElement>('button[data-chart-image]');
  const holder = button?.parentElement;
  if (!button || !holder) return;
  const { title = '', source = '', file = 'bieu-do.png' } = button.dataset;
  // Not `disabled` while drawing: that would take the keyboard focus off the button.
  let busy = false;
  button.addEventListener('click', () => {
    if (busy) return;
    busy = true;
    button.setAttribute('aria-busy', 'true');
    void import('./chart-download.ts')
      .then(({ downloadChart }) => downloadChart(data, palette(true), { title, source }, file))
      // Most likely the site was published again since the page was opened, and the drawing code
      // the page names is gone: a fresh copy of the page names the new one.
      .catch((error: unknown) => {
        console.error(error);
        alert(
          'Không tạo được ảnh biểu đồ. Hãy tải lại trang (phím F5) rồi bấm lại; ' +
            'các số liệu của biểu đồ có ở bảng ngay bên dưới.',
        );
      })
      .finally(() => {
        busy = false;
        button.removeAttribute('aria-busy');
      });
  });
  holder.removeAttribute('data-needs-script');
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
  offerDownload(script.closest('figure'), data);
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
