import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { ROW_STEPS, buildChart, chartJson, unitCharts, type SeriesInput } from '../src/present/charts.ts';
import { embedOwners, unitEmbeds } from '../src/present/embeds.ts';
import { topicCharts } from '../src/present/topic-views.ts';
import { dataDir, fixture } from './helpers.ts';

async function provinceOf(dir: string): Promise<Province> {
  const { province, problems } = await load(dir);
  if (!province) throw new Error(problems.map((p) => p.message).join('\n'));
  return province;
}

const basic = await provinceOf(fixture('basic'));

describe('chart specs of the basic fixture', () => {
  test.each([
    ['province', 'P', 'p'],
    ['district', 'D1', 'd1'],
    ['grassroots unit with a missing year', 'G4', 'g4'],
  ])('the %s charts match their golden file', async (_, unitId, file) => {
    const specs = unitCharts(basic, unitId);
    await expect(`${JSON.stringify(specs, null, 2)}\n`).toMatchFileSnapshot(`./golden/charts/${file}.json`);
  });

  test('the province topic charts match their golden file', async () => {
    await expect(`${JSON.stringify(topicCharts(basic), null, 2)}\n`).toMatchFileSnapshot(
      './golden/charts/topics.json',
    );
  });

  test.each([
    ['P', 'dang-vien', [1415, 1381]],
    ['D1', 'dang-vien', [135, 141]],
    ['D1', 'ket-nap', [4, 7]],
    ['D2', 'chi-bo', [12, 13]],
  ])('%s chart %s carries the yearly figures %j', (unitId, chartId, values) => {
    const chart = unitCharts(basic, unitId).find((c) => c.id === chartId);
    expect(chart?.data.labels).toEqual(['2020', '2021']);
    expect(chart?.data.datasets[0]?.values).toEqual(values);
  });

  test('a year a unit did not report is a null gap in the chart and "—" in its table, never 0', () => {
    // G4 has no cells.csv row for 2020.
    const chart = unitCharts(basic, 'G4').find((c) => c.id === 'chi-bo');
    expect(chart?.data.datasets[0]?.values).toEqual([null, 4]);
    expect(chart?.table.rows.map((row) => row.map((cell) => cell.text))).toEqual([
      ['2020', '—'],
      ['2021', '4'],
    ]);
    expect(chart?.note).toContain('Chưa có số liệu năm 2020');
  });

  test('a chi bộ cơ sở (no cells in any year) gets no cells chart', () => {
    expect(unitCharts(basic, 'G2').map((c) => c.id)).toEqual(['dang-vien', 'ket-nap']);
  });

  test('a target line appears only where some target was reported', () => {
    const g2 = unitCharts(basic, 'G2').find((c) => c.id === 'ket-nap');
    expect(g2?.data.datasets.map((d) => d.label)).toEqual(['Kết nạp']);
    const d1 = unitCharts(basic, 'D1').find((c) => c.id === 'ket-nap');
    expect(d1?.data.datasets.map((d) => [d.label, d.kind])).toEqual([
      ['Kết nạp', 'bar'],
      ['Chỉ tiêu kết nạp', 'line'],
    ]);
  });

  test('every chart has a caption, an accessible name and a table row per label', () => {
    for (const unitId of basic.tree.units.keys()) {
      for (const chart of unitCharts(basic, unitId)) {
        expect(chart.title).not.toBe('');
        expect(chart.label).toContain(chart.title);
        expect(chart.table.rows).toHaveLength(chart.data.labels.length);
      }
    }
  });
});

describe('chart specs of a district that skipped a year', () => {
  const dir = dataDir({
    'units.csv': [
      'id,name,parent_id,level',
      'P,Đảng bộ tỉnh Thử,,province',
      'D,Đảng bộ huyện <Thiếu>,P,district',
      'G,Đảng bộ xã Một,D,grassroots',
      'H,Đảng bộ xã Hai,P,grassroots',
    ].join('\n'),
    'members.csv': [
      'unit_id,year,members',
      'G,2019,10',
      'G,2021,12',
      'H,2019,5',
      'H,2020,6',
      'H,2021,7',
    ].join('\n'),
  });

  test('the district shows a gap for 2020 and the province sums what was reported', async () => {
    const province = await provinceOf(dir);
    const district = unitCharts(province, 'D').find((c) => c.id === 'dang-vien');
    expect(district?.data.datasets[0]?.values).toEqual([10, null, 12]);
    expect(district?.table.rows[1]?.[1]?.text).toBe('—');
    expect(district?.note).toBe(
      'Chưa có số liệu năm 2020: biểu đồ để trống, bảng ghi “—” (không phải số 0).',
    );
    const total = unitCharts(province, 'P').find((c) => c.id === 'dang-vien');
    expect(total?.data.datasets[0]?.values).toEqual([15, 6, 19]);
  });

  test('unit names cannot close the JSON script element they are embedded in', async () => {
    const province = await provinceOf(dir);
    const chart = unitCharts(province, 'D')[0];
    if (!chart) throw new Error('no chart');
    const json = chartJson(chart);
    expect(chart.title).toContain('<Thiếu>');
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(chart.data)));
  });
});

describe('embeds', () => {
  test('only the province and districts get embed pages, one per chart, with unique paths', () => {
    const all = embedOwners(basic).flatMap((unit) => unitEmbeds(basic, unit));
    const keys = all.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.map((k) => k.split('/')[0]))).toEqual(new Set(['p', 'd1', 'd2']));
    expect(keys).toContain('d1/dang-vien');
    expect(keys).toContain('p/dat-chi-tieu-theo-don-vi');
    for (const { key, chart } of all) expect(chart.embedPath).toBe(`nhung/${key}/`);
  });

  test('grassroots charts link to no embed', () => {
    for (const chart of unitCharts(basic, 'G1')) expect(chart.embedPath).toBeUndefined();
  });
});

const reorganized = await provinceOf(fixture('reorganization'));

describe('embeds of a committee that ended', () => {
  test.each([
    ['the province', 'P', '31/12/2025'],
    ['a district that ended in 2025 (its last year 2024)', 'D1', '31/12/2024'],
  ])('%s: its embeds say its figures stand at %s', (_, unitId, asOf) => {
    const unit = reorganized.tree.units.get(unitId);
    if (!unit) throw new Error(unitId);
    expect(new Set(unitEmbeds(reorganized, unit).map((e) => e.asOf))).toEqual(new Set([asOf]));
  });
});

describe('comparable series on today’s organization', () => {
  const members = (unitId: string) => unitCharts(reorganized, unitId).find((c) => c.id === 'dang-vien');

  test('a unit formed by a merger gets a second, comparable series with its own legend and column', () => {
    const chart = members('X');
    expect(chart?.data.datasets.map((d) => [d.label, d.comparable ?? false])).toEqual([
      ['Theo tổ chức tại thời điểm báo cáo', false],
      ['Quy đổi theo tổ chức hiện nay', true],
    ]);
    expect(chart?.data.datasets[1]?.values).toEqual([760, 778, 790]);
    expect(chart?.table.columns.map((c) => c.label)).toEqual([
      'Năm',
      'Theo tổ chức tại thời điểm báo cáo',
      'Quy đổi theo tổ chức hiện nay',
    ]);
  });

  test('a unit whose comparable figures equal its reported ones keeps a single series', () => {
    expect(members('P')?.data.datasets.map((d) => d.label)).toEqual(['Đảng viên']);
  });

  test('a partial comparable sum says how many organizations it covers', () => {
    const chart = unitCharts(reorganized, 'X').find((c) => c.id === 'ket-nap');
    expect(chart?.note).toContain('năm 2024 tính trên 1/4 tổ chức cơ sở đảng');
  });
});

describe('charts that do not mislead', () => {
  const allCharts = [...basic.tree.units.keys()]
    .flatMap((id) => unitCharts(basic, id))
    .concat(topicCharts(basic));

  test('every value axis starts at zero; head counts tick at whole numbers only, percentages need not', () => {
    for (const chart of allCharts) {
      expect(chart.data.axis).toEqual({ min: 0, wholeNumbers: chart.data.format === 'number' });
    }
    expect(allCharts.find((c) => c.id === 'dat-chi-tieu-theo-don-vi')?.data.axis.wholeNumbers).toBe(false);
  });

  const tiny = dataDir({
    'units.csv': [
      'id,name,parent_id,level',
      'P,Đảng bộ tỉnh Thử,,province',
      'G,Chi bộ Nhỏ,P,grassroots',
    ].join('\n'),
    'admissions.csv': ['unit_id,year,admitted,target', 'G,2023,11,2', 'G,2024,0,1'].join('\n'),
  });

  test('an admissions tooltip shows the figure with its target and achievement', async () => {
    const chart = unitCharts(await provinceOf(tiny), 'G').find((c) => c.id === 'ket-nap');
    expect(chart?.data.datasets.map((d) => d.tooltips)).toEqual([
      ['Kết nạp 11 / chỉ tiêu 2 (550%)', 'Kết nạp 0 / chỉ tiêu 1 (0%)'],
      ['Chỉ tiêu kết nạp: 2', 'Chỉ tiêu kết nạp: 1'],
    ]);
    // The same rule for percentages in the table as in the tooltip.
    expect(chart?.table.rows.map((row) => row.at(-1)?.text)).toEqual(['550%', '0%']);
  });

  test('a partial sum is marked in the chart’s table and its tooltip says how many organizations are missing', () => {
    // D1's 2020 admissions leave out G2, which reported none that year.
    const chart = unitCharts(basic, 'D1').find((c) => c.id === 'ket-nap');
    expect(chart?.table.rows[0]?.[1]).toMatchObject({ text: '4*', missing: 1 });
    expect(chart?.data.datasets[0]?.tooltips[0]).toBe(
      'Kết nạp 4 / chỉ tiêu 5 (80%); thiếu số liệu của 1 tổ chức cơ sở đảng',
    );
  });

  test('a stacked column’s tooltip gives each part’s share of the column', () => {
    const ratings = topicCharts(basic).find((c) => c.id === 'xep-loai-theo-nam');
    expect(ratings?.data.datasets[1]?.tooltips[0]).toBe('Hoàn thành tốt nhiệm vụ: 2 (67%)');
  });

  const bars = (n: number): SeriesInput => ({
    label: 'Trước',
    kind: 'bar',
    values: Array<number>(n).fill(1),
  });
  test.each([
    ['one pair of bars (a before/after chart of one unit)', 1, 2, { shape: 'rows', rows: 1, grouped: true }],
    ['7 units, one bar each', 7, 1, { shape: 'rows', rows: 7, grouped: false }],
    ['13 units', 13, 1, { shape: 'rows', rows: 14, grouped: false }],
    ['31 units', 31, 1, { shape: 'rows', rows: 32, grouped: false }],
    ['500 units', 500, 1, { shape: 'rows', rows: 200, grouped: false }],
  ])('a chart of %s is as tall as its rows', (_, rows, series, box) => {
    const chart = buildChart({
      id: 'thu',
      title: 'Thử',
      unit: 'tổ chức đảng',
      categoryHeader: 'Đơn vị',
      categories: Array.from({ length: rows }, (_, i) => ({ label: `Đơn vị ${i}`, path: undefined })),
      series: Array.from({ length: series }, () => bars(rows)),
      horizontal: true,
      owner: basic.root,
    });
    expect(chart.box).toEqual(box);
  });

  test('a trend over years keeps its aspect ratio', () => {
    expect(unitCharts(basic, 'P').map((c) => c.box)).toEqual([
      { shape: 'trend' },
      { shape: 'trend' },
      { shape: 'trend' },
    ]);
  });

  test('a chart of up to 200 units has room for at most an eighth more rows than it has', () => {
    for (let rows = 1; rows <= 200; rows++) {
      const step = ROW_STEPS.find((s) => s >= rows) ?? Infinity;
      expect(step - rows, `${rows} rows`).toBeLessThanOrEqual(rows / 8);
    }
  });

  test('the stylesheet reserves a height for every row step', () => {
    const css = readFileSync(join(import.meta.dirname, '..', 'src', 'styles', 'global.css'), 'utf8');
    for (const n of ROW_STEPS) expect(css).toContain(`.chart-rows-${n} {\n  --rows: ${n};\n}`);
  });
});
