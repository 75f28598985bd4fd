import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { siteView } from '../src/present/site-view.ts';
import { hasTermTargets, termLink, termsPage } from '../src/present/term-view.ts';
import { topicNarrative } from '../src/present/narrative/topics.ts';
import { unitNarrative } from '../src/present/narrative/unit.ts';
import { buildSite, type BuiltSite } from './e2e/harness.ts';
import { fixture, loadFiles } from './helpers.ts';

const { province } = await load(fixture('term-progress'));
if (!province) throw new Error('the term-progress fixture must load');
const page = termsPage(province);

describe('the /nhiem-ky/ view', () => {
  test('shows the current term first, then the previous one', () => {
    expect(page.terms.map((t) => [t.heading, t.status])).toEqual([
      ['Nhiệm kỳ 2025–2030', 'Nhiệm kỳ tính từ năm 2026; chưa có số liệu của năm nào trong nhiệm kỳ.'],
      ['Nhiệm kỳ 2020–2025', 'Nhiệm kỳ đã kết thúc; số liệu đến hết năm 2025.'],
    ]);
  });

  test('lists the province first, then the units with targets by name', () => {
    expect(page.terms[1]?.units.map((u) => u.name)).toEqual([
      'Đảng bộ tỉnh Mẫu',
      'Đảng bộ huyện Nam Đông',
      'Đảng bộ huyện Phong Điền',
      'Đảng bộ thị xã Hương Trà',
    ]);
  });

  test('a count target charts the running total against a level target line, with the yearly figure in the table', () => {
    const chart = page.terms[1]?.units[0]?.targets[0]?.chart;
    expect(chart?.data.datasets.map((d) => [d.label, d.target ?? false, d.values])).toEqual([
      ['Kết nạp lũy kế', false, [120, 232, 357, 475, 600]],
      ['Chỉ tiêu cả nhiệm kỳ', true, [550, 550, 550, 550, 550]],
    ]);
    expect(chart?.table.columns.map((c) => c.label)).toEqual([
      'Năm',
      'Kết nạp lũy kế',
      'Chỉ tiêu cả nhiệm kỳ',
      'Kết nạp trong năm',
    ]);
    expect(chart?.embedPath).toBeUndefined();
  });

  test('a share target charts each year’s share against the target line, in percent', () => {
    const chart = page.terms[1]?.units[0]?.targets[1]?.chart;
    expect(chart?.data.format).toBe('percent');
    expect(chart?.data.datasets.map((d) => d.values)).toEqual([
      [100, 60, 80, 80, 80],
      [80, 80, 80, 80, 80],
    ]);
  });

  test('a year without figures is a gap and said under the chart; the years to come too', () => {
    const namDong = page.terms[1]?.units[1]?.targets[0]?.chart;
    expect(namDong?.data.datasets[0]?.values).toEqual([12, null, 23, 32, 45]);
    expect(namDong?.note).toBe('Chưa có số liệu năm 2022: biểu đồ để trống, bảng ghi “—” (không phải số 0).');
    const midTerm = page.terms[0]?.units[0]?.targets[0]?.chart;
    expect(midTerm?.note).toBe('Các năm 2026–2030 của nhiệm kỳ chưa có báo cáo.');
  });

  test('a target whose term years have not begun is a row of the term’s table, not a section', () => {
    const term = page.terms[0];
    expect(term?.units.map((u) => u.name)).toEqual(['Đảng bộ thị xã Hương Trà']);
    expect(term?.pending?.sentence).toBe(
      '1 đơn vị dưới đây có nhiệm kỳ tính từ năm 2026, nên chưa có số liệu để tính tiến độ.',
    );
    expect(term?.pending?.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      [
        'Đảng bộ tỉnh Mẫu',
        'Kết nạp cả nhiệm kỳ',
        '650 đảng viên',
        'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII',
      ],
    ]);
    expect(page.terms[1]?.pending).toBeUndefined();
  });

  test('a target with years begun but no figure keeps its section and says which years lack them', () => {
    const namDong = page.terms[1]?.units.find((u) => u.name === 'Đảng bộ huyện Nam Đông');
    expect(namDong?.targets[1]?.chart).toBeUndefined();
    expect(namDong?.targets[1]?.summary).toContain('chưa có số liệu xếp loại đảng viên các năm 2021–2025');
  });

  test('ranks the units under the province by progress and says how many', () => {
    const ranking = page.terms[1]?.rankings[0];
    // The data reach 2025: the term has ended, its figures are the whole term's, not "đến nay".
    expect(ranking?.rule).toBe(
      'Xếp hạng 3 đơn vị có chỉ tiêu kết nạp cả nhiệm kỳ trong nhiệm kỳ 2020–2025, theo tỷ lệ đạt chỉ tiêu cả nhiệm kỳ; đơn vị có cùng tỷ lệ như ghi trong bảng (đã làm tròn) thì cùng hạng, ghi theo thứ tự tên.',
    );
    expect(ranking?.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1', 'Đảng bộ thị xã Hương Trà', '280', '286', '102%'],
      ['2', 'Đảng bộ huyện Phong Điền', '350', '319', '91%'],
      ['3', 'Đảng bộ huyện Nam Đông', '60', '45', '75%'],
    ]);
  });

  test('a term still running ranks by its achievement so far (“đến nay”)', async () => {
    // The same data without 2025: four of the term's five years.
    const dir = fixture('term-progress');
    const files = Object.fromEntries(
      ['units', 'members', 'admissions', 'cells', 'committees', 'term_targets'].map((name) => {
        const lines = readFileSync(join(dir, `${name}.csv`), 'utf8').split('\n');
        return [`${name}.csv`, lines.filter((l) => !/^[^,]+,2025,/.test(l)).join('\n')];
      }),
    );
    const { province: running } = await loadFiles(files);
    const rule =
      running && termsPage(running).terms.find((t) => t.heading === 'Nhiệm kỳ 2020–2025')?.rankings[0]?.rule;
    expect(rule).toContain(', theo tỷ lệ đạt chỉ tiêu cả nhiệm kỳ đến nay;');
  });

  test('a unit page links to its targets of the first term shown in which they have begun', () => {
    expect(termLink(province, 'D2')).toEqual({
      path: 'nhiem-ky/#nhiem-ky-2025-2030-d2',
      label: 'Chỉ tiêu nhiệm kỳ 2025–2030 và tiến độ thực hiện',
    });
    // The province's 2025–2030 target has not begun: the link leads to its 2020–2025 progress.
    expect(termLink(province, 'P')?.path).toBe('nhiem-ky/#nhiem-ky-2020-2025-p');
    expect(termLink(province, 'D1')?.path).toBe('nhiem-ky/#nhiem-ky-2020-2025-d1');
    expect(termLink(province, 'D1.A')).toBeUndefined();
  });
});

describe('/nhiem-ky/ says once what all of a term’s or a unit’s targets share', () => {
  const units = [
    'id,name,parent_id,level',
    'P,Đảng bộ tỉnh Mẫu,,province',
    'D1,Đảng bộ huyện Phong Điền,P,district',
    'D2,Đảng bộ huyện Nam Đông,P,district',
  ].join('\n');
  const admissions = [
    'unit_id,year,admitted',
    ...[61, 62, 60, 60, 60].map((a, i) => `D1,${2021 + i},${a}`),
    ...[50, 51, 50, 50, 50].map((a, i) => `D2,${2021 + i},${a}`),
  ].join('\n');

  test('a term whose years have not begun is one sentence and one table, the resolution said once per unit', async () => {
    const { province: p } = await loadFiles({
      'units.csv': units,
      'admissions.csv': admissions,
      'term_targets.csv': [
        'unit_id,term,measure,target,source',
        'P,2025-2030,admitted_total,8000,Nghị quyết Đại hội lần thứ XVII',
        'P,2025-2030,members_good_share,90%,Nghị quyết Đại hội lần thứ XVII',
        'D1,2025-2030,admitted_total,250,Chương trình hành động của Ban Chấp hành',
      ].join('\n'),
    });
    const [term] = termsPage(p!).terms;
    expect(term?.status).toBe('Nhiệm kỳ tính từ năm 2026; chưa có số liệu của năm nào trong nhiệm kỳ.');
    expect(term?.units).toEqual([]);
    expect(term?.rankings).toEqual([]);
    expect(term?.pending?.sentence).toBeUndefined();
    expect(term?.pending?.table.columns.map((c) => c.label)).toEqual([
      'Đơn vị',
      'Nội dung chỉ tiêu',
      'Mức',
      'Văn bản',
    ]);
    expect(term?.pending?.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Đảng bộ tỉnh Mẫu', 'Kết nạp cả nhiệm kỳ', '8.000 đảng viên', 'Nghị quyết Đại hội lần thứ XVII'],
      ['Đảng bộ tỉnh Mẫu', 'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên', '90%', 'Như trên'],
      [
        'Đảng bộ huyện Phong Điền',
        'Kết nạp cả nhiệm kỳ',
        '250 đảng viên',
        'Chương trình hành động của Ban Chấp hành',
      ],
    ]);
    expect(termLink(p!, 'D1')).toEqual({
      path: 'nhiem-ky/#nhiem-ky-2025-2030-chua-bat-dau',
      label: 'Chỉ tiêu nhiệm kỳ 2025–2030',
    });
  });

  test('a unit whose targets name one source says it once; different sources stay with each target', async () => {
    const { province: p } = await loadFiles({
      'units.csv': units,
      'admissions.csv': admissions,
      'term_targets.csv': [
        'unit_id,term,measure,target,source',
        'P,2020-2025,admitted_total,550,Nghị quyết Đại hội lần thứ XVI',
        'P,2020-2025,admitted_yearly,110,Nghị quyết Đại hội lần thứ XVI',
        'D1,2020-2025,admitted_total,300,Nghị quyết Đại hội huyện',
        'D1,2020-2025,admitted_yearly,60,Chương trình hành động',
        'D2,2020-2025,admitted_yearly,50,',
      ].join('\n'),
    });
    const [province, namDong, phongDien] = termsPage(p!).terms[0]?.units ?? [];
    expect(namDong?.targets.map((t) => t.source)).toEqual([undefined]);
    expect(province?.source).toBe('Nghị quyết Đại hội lần thứ XVI');
    expect(province?.targets.map((t) => t.source)).toEqual([undefined, undefined]);
    expect(phongDien?.source).toBeUndefined();
    expect(phongDien?.targets.map((t) => t.source)).toEqual([
      'Nghị quyết Đại hội huyện',
      'Chương trình hành động',
    ]);
  });

  test('a yearly average of people is a whole number in the ranking and the sentences', async () => {
    const { province: p } = await loadFiles({
      'units.csv': units,
      'admissions.csv': admissions,
      'term_targets.csv': [
        'unit_id,term,measure,target',
        'D1,2020-2025,admitted_yearly,60',
        'D2,2020-2025,admitted_yearly,50',
      ].join('\n'),
    });
    const [term] = termsPage(p!).terms;
    expect(term?.rankings[0]?.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['1', 'Đảng bộ huyện Phong Điền', '60', '61', '101%'],
      // 100,4%: met, and whole like the rest of the column.
      ['2', 'Đảng bộ huyện Nam Đông', '50', '50', '100%'],
    ]);
    expect(term?.units.map((u) => u.targets[0]?.summary)).toEqual([
      'Cả nhiệm kỳ 2020–2025, Đảng bộ huyện Nam Đông kết nạp 251 đảng viên, bình quân hơn 50 đảng viên mỗi năm, vượt chỉ tiêu 50 đảng viên mỗi năm.',
      'Cả nhiệm kỳ 2020–2025, Đảng bộ huyện Phong Điền kết nạp 303 đảng viên, bình quân 61 đảng viên mỗi năm, vượt chỉ tiêu 60 đảng viên mỗi năm.',
    ]);
  });

  test('a unit that ended before its term did says so once, above all its targets', async () => {
    const { province: p } = await loadFiles({
      'units.csv': [
        'id,name,parent_id,level,dissolved',
        'P,Đảng bộ tỉnh Mẫu,,province,',
        'D1,Đảng bộ huyện Phong Điền,P,district,2025-06-30',
        'G,Đảng bộ xã Phong An,D1,grassroots,2025-06-30',
        'E,Đảng bộ phường Thủy Châu,P,district,',
      ].join('\n'),
      'admissions.csv': [
        'unit_id,year,admitted',
        ...[2021, 2022, 2023, 2024].map((y) => `G,${y},60`),
        'E,2025,30',
      ].join('\n'),
      'term_targets.csv': [
        'unit_id,term,measure,target',
        'D1,2020-2025,admitted_total,300',
        'D1,2020-2025,admitted_yearly,60',
      ].join('\n'),
    });
    const [unit] = termsPage(p!).terms[0]?.units ?? [];
    expect(unit?.note).toBe(
      'Đảng bộ huyện Phong Điền đã kết thúc hoạt động ngày 30/06/2025, trước khi hết nhiệm kỳ 2020–2025; số liệu đến hết năm 2024.',
    );
    for (const target of unit?.targets ?? []) expect(target.summary).not.toContain('kết thúc hoạt động');
  });
});

describe('the province’s progress on its summary and topic pages', () => {
  test.each([
    ['admissions', 'Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 600 đảng viên'],
    [
      'members',
      'Đảng bộ tỉnh Mẫu đạt chỉ tiêu hằng năm 85% đảng viên hoàn thành tốt nhiệm vụ trở lên ở cả 5/5 năm',
    ],
    ['cells', 'có 4/5 năm đạt chỉ tiêu hằng năm 80% tổ chức cơ sở đảng'],
  ] as const)('the %s page says it', (topic, words) => {
    expect(topicNarrative(province, topic).join('\n')).toContain(words);
  });

  test('the province’s summary says it; a district’s does not', () => {
    expect(unitNarrative(province, 'P').join('\n')).toContain('đạt 109% chỉ tiêu (chỉ tiêu: 550)');
    expect(unitNarrative(province, 'D1').join('\n')).not.toContain('nhiệm kỳ');
  });
});

describe('the built site', () => {
  let withTargets: BuiltSite;
  let without: BuiltSite;
  beforeAll(async () => {
    // One after the other: builds in one process share the loaded site.
    withTargets = await buildSite('term-progress', {}, { inProcess: true });
    without = await buildSite('basic', {}, { inProcess: true });
  }, 300_000);
  afterAll(async () => {
    await Promise.all([withTargets.remove(), without.remove()]);
  });

  test('has /nhiem-ky/, linked from the navigation and from a unit page with targets', () => {
    const html = readFileSync(join(withTargets.dir, 'nhiem-ky', 'index.html'), 'utf8');
    expect(html).toContain('<h2 id="nhiem-ky-2020-2025">Nhiệm kỳ 2020–2025</h2>');
    expect(html).toMatch(
      /<meta name="description" content="Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 600 đảng viên/,
    );
    expect(readFileSync(join(withTargets.dir, 'index.html'), 'utf8')).toContain(
      'href="/nhiem-ky/">Nhiệm kỳ</a>',
    );
    expect(readFileSync(join(withTargets.dir, 'don-vi', 'd1', 'index.html'), 'utf8')).toContain(
      '<a href="/nhiem-ky/#nhiem-ky-2020-2025-d1">Chỉ tiêu nhiệm kỳ 2020–2025 và tiến độ thực hiện</a>',
    );
  });

  test('without term_targets.csv there is no /nhiem-ky/ and no navigation item', () => {
    const basic = readFileSync(join(without.dir, 'index.html'), 'utf8');
    expect(existsSync(join(without.dir, 'nhiem-ky'))).toBe(false);
    expect(basic).not.toContain('nhiem-ky/');
  });
});

test('a folder without targets has no page to build and no navigation item', async () => {
  const { province: basic } = await load(fixture('basic'));
  expect(hasTermTargets(basic!)).toBe(false);
  expect(siteView(basic!).terms).toBe(false);
  expect(siteView(province).terms).toBe(true);
});

describe('a share shown beside its target never reads as the target when it falls short', () => {
  test('the chart’s table gives each year’s share with the decimals that tell it from the target, the same down the column', async () => {
    const { province: p } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
      'members.csv': [
        'unit_id,year,members,members_excellent,members_good,members_complete,members_incomplete',
        'P,2021,1300,100,1000,150,50',
        'P,2022,1348,140,1000,200,8',
      ].join('\n'),
      'term_targets.csv': 'unit_id,term,measure,target\nP,2020-2025,members_good_share,85%',
    });
    const table = termsPage(p!).terms[0]?.units[0]?.targets[0]?.chart?.table;
    // 1.100/1.300 = 84,6% and 1.140/1.348 = 84,57%: both “85%” at a whole percent.
    expect(table?.rows.slice(0, 2).map((row) => row.map((cell) => cell.text))).toEqual([
      ['2021', '84,6%', '85%', '1.100/1.300', 'Chưa đạt'],
      ['2022', '84,6%', '85%', '1.140/1.348', 'Chưa đạt'],
    ]);
  });
});
