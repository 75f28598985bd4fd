import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { measure, PAGE_BUDGET, type BudgetReport } from '../src/cli/budgets.ts';
import type { Province } from '../src/model/province.ts';
import { load } from '../src/build/project.ts';
import {
  BY_KIND_FROM,
  FULL_TABLE_LIMIT,
  LARGEST_SHOWN,
  subordinatesCsv,
  subordinatesView,
  wideUnits,
} from '../src/present/subordinates.ts';
import { runBuild } from './e2e/harness.ts';
import { dataDir, fixture, loadFiles, tempDir } from './helpers.ts';

const pad = (i: number) => String(i).padStart(4, '0');
// Names that vary like real ones (a repeated name compresses to nothing and hides a page's weight).
const SYLLABLES = [
  'An',
  'Bình',
  'Cường',
  'Đông',
  'Hòa',
  'Khánh',
  'Lộc',
  'Minh',
  'Phú',
  'Quang',
  'Sơn',
  'Thạnh',
];
const nameOf = (i: number) =>
  `${SYLLABLES[(i * 7) % 12]} ${SYLLABLES[(i * 5 + 3) % 12]} ${SYLLABLES[(i * 11 + 1) % 12]} ${pad(i)}`;

/**
 * P has district D (`grassroots` grassroots units, types in turn) and grassroots unit G listing
 * `cells` cells. Figures for 2023–2024; every seventh unit reported no members in 2024.
 */
function wideProvince(grassroots: number, cells: number): Record<string, string> {
  const types = ['commune', 'ward', 'agency'];
  const units = [
    'id,name,parent_id,level,type',
    'P,Đảng bộ tỉnh Rộng,,province,',
    'D,Đảng bộ huyện Đông,P,district,',
  ];
  units.push('G,Đảng bộ Tổng công ty Lớn,P,grassroots,enterprise');
  const members = ['unit_id,year,members'];
  const cellRows = ['unit_id,year,cells', `G,2023,${cells}`, `G,2024,${cells}`];
  const add = (id: string, i: number) => {
    members.push(`${id},2023,${10 + ((i * 37) % 400)}`);
    if (i % 7 !== 0) members.push(`${id},2024,${10 + ((i * 53) % 400)}`);
  };
  for (let i = 1; i <= grassroots; i++) {
    units.push(`D.G${pad(i)},Chi bộ ${nameOf(i)},D,grassroots,${types[i % 3]}`);
    cellRows.push(`D.G${pad(i)},2023,0`, `D.G${pad(i)},2024,0`);
    add(`D.G${pad(i)}`, i);
  }
  for (let i = 1; i <= cells; i++) {
    units.push(`G.C${pad(i)},Chi bộ ${nameOf(i)},G,cell,`);
    add(`G.C${pad(i)}`, i);
  }
  const csv = (lines: string[]) => `${lines.join('\n')}\n`;
  return { 'units.csv': csv(units), 'members.csv': csv(members), 'cells.csv': csv(cellRows) };
}

async function provinceOf(files: Record<string, string>): Promise<Province> {
  const loaded = await loadFiles(files);
  if (!loaded.province) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  return loaded.province;
}

describe('a unit page lists every subordinate up to the limit, and summarises above it', () => {
  let atLimit: Province;
  let overLimit: Province;
  beforeAll(async () => {
    atLimit = await provinceOf(wideProvince(FULL_TABLE_LIMIT, FULL_TABLE_LIMIT));
    overLimit = await provinceOf(wideProvince(FULL_TABLE_LIMIT + 1, FULL_TABLE_LIMIT + 1));
  });

  test.each(['D', 'G'])('%s with as many subordinates as the limit: all in one table, by name', (unitId) => {
    const view = subordinatesView(atLimit, unitId);
    expect(view?.count).toBe(FULL_TABLE_LIMIT);
    expect(view?.table.rows).toHaveLength(FULL_TABLE_LIMIT);
    expect(view?.sortedBy).toBe(0);
    expect(view?.shortened).toBeUndefined();
    expect(wideUnits(atLimit)).toEqual([]);
  });

  test.each(['D', 'G'])('%s with one more: the largest by members, most first', (unitId) => {
    const view = subordinatesView(overLimit, unitId);
    expect(view?.count).toBe(FULL_TABLE_LIMIT + 1);
    expect(view?.table.rows).toHaveLength(LARGEST_SHOWN);
    expect(view?.table.caption).toBe(
      `${LARGEST_SHOWN} tổ chức đảng trực thuộc ${unitId === 'D' ? 'Đảng bộ huyện Đông' : 'Đảng bộ Tổng công ty Lớn'} có nhiều đảng viên nhất năm 2024`,
    );
    const members = view?.table.columns.findIndex((c) => c.label === 'Đảng viên') ?? -1;
    expect(view?.sortedBy).toBe(members);
    const shown = view?.table.rows.map((row) => row[members]?.sort ?? -1) ?? [];
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
    const reported = Array.from({ length: FULL_TABLE_LIMIT + 1 }, (_, i) => i + 1).filter((i) => i % 7 !== 0);
    expect(shown[0]).toBe(Math.max(...reported.map((i) => 10 + ((i * 53) % 400))));
    expect(view?.shortened?.note).toContain(`có ${FULL_TABLE_LIMIT + 1} tổ chức đảng trực thuộc`);
    expect(view?.shortened?.csv.path).toBe(`don-vi/${unitId.toLowerCase()}/truc-thuoc.csv`);
  });

  test('above the limit, subordinates are counted by level and type', () => {
    const texts = (unitId: string) =>
      subordinatesView(overLimit, unitId)?.byKind?.rows.map((row) => row.map((c) => c.text));
    expect(texts('D')).toEqual([
      ['cơ sở, xã', '100'],
      ['cơ sở, phường', '101'],
      ['cơ sở, cơ quan', '100'],
    ]);
    expect(texts('G')).toEqual([['chi bộ', '301']]);
  });

  test('from BY_KIND_FROM subordinates, a whole table is preceded by their counts by level and type', async () => {
    const wide = await load(fixture('restructuring'));
    if (!wide.province) throw new Error('the restructuring fixture must load');
    // Đảng bộ quận Thốt Nốt: 24 units directly under it at the end of 2019.
    const view = subordinatesView(wide.province, 'TN');
    expect(view?.count).toBeGreaterThanOrEqual(BY_KIND_FROM);
    expect(view?.shortened).toBeUndefined();
    expect(view?.byKind?.caption).toBe(
      'Các tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt theo cấp và loại hình',
    );
    expect(subordinatesView(wide.province, 'KDN')?.byKind).toBeUndefined();
  });

  test('a district’s grassroots units, which have pages, are found in its group of the unit index', () => {
    expect(subordinatesView(overLimit, 'D')?.shortened?.index).toEqual({
      label: '301 tổ chức có trang riêng trong Danh sách đơn vị',
      path: 'don-vi/#nhom-d',
    });
    // Cells have no page: the CSV file is their only full list.
    expect(subordinatesView(overLimit, 'G')?.shortened?.index).toBeUndefined();
  });

  test('only units above the limit get the CSV file', () => {
    expect(wideUnits(overLimit).map((u) => u.id)).toEqual(['D', 'G']);
  });

  test('the CSV file has every subordinate by name, plain numbers, empty where not reported', () => {
    const bytes = subordinatesCsv(overLimit, 'G');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Buffer.from(bytes.slice(3)).toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(FULL_TABLE_LIMIT + 3);
    expect(lines[0]).toBe(
      'Mã đơn vị,Tên đơn vị,Cấp,Loại hình,Chi bộ trực thuộc,Đảng viên năm 2024,Đảng viên năm 2023,Kết nạp năm 2024,Chỉ tiêu kết nạp năm 2024',
    );
    expect(lines).toContain(`G.C0007,Chi bộ ${nameOf(7)},chi bộ,,,,269,,`);
    expect(lines).toContain(`G.C0001,Chi bộ ${nameOf(1)},chi bộ,,,63,47,,`);
    const names = lines.slice(1, -1).map((line) => line.split(',')[1] ?? '');
    expect(names).toEqual(
      [...names].sort(new Intl.Collator('vi', { numeric: true, sensitivity: 'base' }).compare),
    );
  });
});

describe('the built pages of a district with 5,000 grassroots units and a unit with 5,000 cells', () => {
  let site: string;
  let report: BudgetReport;
  beforeAll(async () => {
    site = join(tempDir('wide-'), 'dist');
    await runBuild({ DATA_DIR: dataDir(wideProvince(5000, 5000)), OUT_DIR: site });
    report = await measure(site);
  }, 300_000);

  const read = (path: string) => readFileSync(join(site, path), 'utf8');

  test.each(['d', 'g'])('the page of %s stays within the page budget', (id) => {
    const page = report.pages.find((p) => p.page === `don-vi/${id}/index.html`);
    expect(page).toBeDefined();
    expect((page?.html ?? Infinity) + (page?.css ?? 0)).toBeLessThan(PAGE_BUDGET);
    expect(report.problems).toEqual([]);
  });

  test('shows the counts, the largest and links to the full list', () => {
    const html = read('don-vi/g/index.html');
    expect(html).toContain('Tổ chức đảng trực thuộc (5.000)');
    expect(html).toContain('<a href="/don-vi/g/truc-thuoc.csv" download>');
    expect(html.match(/<tr>/g)?.length).toBeLessThan(LARGEST_SHOWN + 50);
    expect(html).toContain('aria-sort="descending">Đảng viên</th>');
  });

  test('the CSV file beside it lists all 5,000', () => {
    expect(read('don-vi/g/truc-thuoc.csv').trimEnd().split('\r\n')).toHaveLength(5001);
  });

  test('the district links to its group on the unit index, where its 5,000 units with a page are', () => {
    expect(read('don-vi/d/index.html')).toContain('<a href="/don-vi/#nhom-d">5.000 tổ chức có trang riêng');
    expect(read('don-vi/index.html')).toContain('id="nhom-d"');
  });
});
