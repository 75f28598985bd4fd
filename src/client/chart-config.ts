/**
 * The Chart.js configuration of a chart spec, without the DOM: the browser bundle
 * (src/client/charts.ts) draws it on the page, the build (src/build/images.ts) into the PNG a
 * reader downloads, so both pictures are the same chart. Chart.js is registered piecewise (only
 * line and bar charts, category and linear scales, tooltip, legend) so the bundle carries
 * nothing else.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartDataset,
  type Scale,
} from 'chart.js';
import type { ChartData } from '../present/charts.ts';
import { formatNumber, formatPercent } from '../present/format.ts';

export const CHART_PARTS = [
  LineController,
  BarController,
  LineElement,
  PointElement,
  BarElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
];

/** Tick labels as the tables write the same figures (`percent` values arrive as 120 for 120%). */
const format = (value: number, data: ChartData) =>
  data.format === 'percent' ? formatPercent(value / 100) : formatNumber(value);

/** Series are told apart by shape and dash as well as colour (no information by colour alone). */
const POINT_STYLES = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot'] as const;
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2]];

export interface Palette {
  readonly text: string;
  readonly grid: string;
  readonly series: readonly string[];
}

/**
 * Colours come from the stylesheet's custom properties (`read`), so the dark theme and the print
 * stylesheet decide them; print, and a downloaded image, always use the light set on white.
 */
export function palette(print: boolean, read: (name: string, fallback: string) => string): Palette {
  const prefix = print ? '--chart-light-' : '--chart-';
  return {
    text: print ? '#000' : read('--fg', '#1b1b1b'),
    grid: print ? '#999' : read('--border', '#c9c4bb'),
    series: [1, 2, 3, 4, 5].map((i) => read(`${prefix}${i}`, read(`--chart-light-${i}`, '#555'))),
  };
}

function datasets(data: ChartData, colors: Palette): ChartDataset<'bar' | 'line', (number | null)[]>[] {
  return data.datasets.map((series, i) => {
    const color = colors.series[i % colors.series.length] ?? colors.text;
    // A target is a level to reach, not a figure: the text colour, thicker, no points, on top.
    if (series.target) {
      return {
        type: 'line',
        label: series.label,
        data: [...series.values],
        backgroundColor: colors.text,
        borderColor: colors.text,
        borderWidth: 3,
        borderDash: [14, 4, 2, 4],
        pointStyle: 'line',
        pointRadius: 0,
        pointHitRadius: 8,
        order: -1,
        spanGaps: false,
      };
    }
    // A comparable series is never drawn like a reported one: always a dashed line with hollow
    // points, whatever kind the reported series it sits beside.
    if (series.comparable) {
      return {
        type: 'line',
        label: series.label,
        data: [...series.values],
        backgroundColor: 'transparent',
        borderColor: color,
        borderWidth: 2,
        borderDash: [8, 5],
        pointStyle: 'circle',
        pointRadius: 4,
        pointBackgroundColor: 'transparent',
        order: 0,
        spanGaps: false,
      };
    }
    return {
      type: series.kind,
      label: series.label,
      data: [...series.values],
      backgroundColor: color,
      borderColor: color,
      borderWidth: series.kind === 'line' ? 2 : 0,
      borderDash: series.kind === 'line' ? (DASHES[i % DASHES.length] ?? []) : [],
      pointStyle: POINT_STYLES[i % POINT_STYLES.length] ?? 'circle',
      pointRadius: series.kind === 'line' ? 4 : 0,
      // Chart.js draws the first dataset on top; a target line must stay visible over its bars.
      order: series.kind === 'line' ? 0 : 1,
      // Not reported is a gap: never join the points on either side of it.
      spanGaps: false,
    };
  });
}

/**
 * Unit names down the side of a horizontal chart are long ("Đảng bộ Khối doanh nghiệp tỉnh"):
 * broken into lines at spaces rather than cut off at the canvas edge on a phone.
 */
function wrap(label: string, width: number): string | string[] {
  const max = width < 480 ? 20 : width < 800 ? 26 : 36;
  if (label.length <= max) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function chartConfig(
  data: ChartData,
  colors: Palette,
): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  const valueAxis = {
    // From zero, lines too: a members axis from 286 makes a drop of 7 people look like a collapse.
    min: data.axis.min,
    stacked: data.stacked,
    title: { display: true, text: data.unit, color: colors.text },
    ticks: {
      color: colors.text,
      // Head counts tick at whole numbers only: never "0,5 đảng viên" on a small unit.
      ...(data.axis.wholeNumbers ? { precision: 0 } : {}),
      callback: (value: string | number) => format(Number(value), data),
    },
    grid: { color: colors.grid },
  };
  const categoryAxis = {
    stacked: data.stacked,
    ticks: {
      color: colors.text,
      autoSkip: !data.horizontal,
      callback(this: Scale, value: string | number) {
        const label = this.getLabelForValue(Number(value));
        return data.horizontal ? wrap(label, this.chart.width) : label;
      },
    },
    grid: { display: false },
  };
  return {
    type: data.kind,
    data: { labels: [...data.labels], datasets: datasets(data, colors) },
    options: {
      animation: false,
      responsive: true,
      // The CSS box (aspect-ratio) decides the size, reserved before the chart paints.
      maintainAspectRatio: false,
      indexAxis: data.horizontal ? 'y' : 'x',
      scales: data.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: {
          display: data.datasets.length > 1,
          // In the order of the data (and of the table's columns), whatever the drawing order.
          labels: {
            color: colors.text,
            usePointStyle: true,
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
        },
        tooltip: {
          callbacks: {
            // Written at build time: the figure with its target or share (src/present/charts.ts).
            label: (item) => data.datasets[item.datasetIndex]?.tooltips[item.dataIndex] ?? '',
          },
        },
      },
    },
  };
}
