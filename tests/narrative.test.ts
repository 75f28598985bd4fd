import { beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { eventList } from '../src/present/event-list.ts';
import { formatNumber } from '../src/present/format.ts';
import { topicNarrative } from '../src/present/narrative/topics.ts';
import { unitNarrative } from '../src/present/narrative/unit.ts';
import { changeWords, fromToWords, listVi, targetWords, yearsVi } from '../src/present/wording.ts';
import { fixture, loadFiles } from './helpers.ts';

async function provinceOf(name: string): Promise<Province> {
  const loaded = await load(fixture(name));
  if (!loaded.province) throw new Error(`fixture ${name} must be valid`);
  return loaded.province;
}

// basic: P → D1 (G1, G2), D2 (G3), G4; 2020–2021; G4 reported no members for 2021.
// narrative: P → D → G5 (decrease), G6 (no change), G7 (missing years, over target),
// G8 (dissolved 01/07/2021), G9 (established 15/03/2022); 2019–2022.
// reorganization: X formed 01/07/2025 from A1 + A2 with schools S1, S2 moved under it; B1 absorbed B2.
// names-of-the-time: P renamed 01/01/2025 (Đảng bộ tỉnh Sông → Đảng bộ thành phố Sông), D renamed then
// (Đảng bộ thành phố Sông → Đảng bộ quận Bến) and ended 01/07/2025; G1 dissolved 2023; G2 merged
// into G3 01/07/2025; G5 a grassroots organization that became a cell of Q on 15/09/2023.
// restructuring: the Cần Thơ-style pilot, TN.DT01 a cell of TN.CQDDT since 17/08/2011.
// wording: P → D → Z (none admitted), ZZ (8 members, none admitted twice), F (target met exactly,
// all cells alike), T (tiny target far exceeded, 9 → 12 members), M (a single cell); 2021–2022.
let basic: Province;
let mixed: Province;
let reorganized: Province;
let wording: Province;
let renamed: Province;
let pilot: Province;
beforeAll(async () => {
  [basic, mixed, reorganized, wording, renamed, pilot] = await Promise.all([
    provinceOf('basic'),
    provinceOf('narrative'),
    provinceOf('reorganization'),
    provinceOf('wording'),
    provinceOf('names-of-the-time'),
    provinceOf('restructuring'),
  ]);
});

const text = (paragraphs: readonly string[]) => `${paragraphs.join('\n\n')}\n`;

describe('unit narratives match their golden files', () => {
  test.each([
    ['basic', 'P', 'province'],
    ['basic', 'D1', 'district'],
    ['basic', 'G1', 'grassroots-complete'],
    ['basic', 'G3', 'under-target'],
    ['basic', 'G4', 'members-not-reported'],
    ['narrative', 'D', 'partial-coverage'],
    ['narrative', 'G5', 'decrease'],
    ['narrative', 'G6', 'no-change'],
    ['narrative', 'G7', 'missing-years-over-target'],
    ['narrative', 'G8', 'dissolved'],
    ['narrative', 'G9', 'established'],
    ['reorganization', 'X', 'merged'],
    ['reorganization', 'B1', 'absorbed'],
    ['reorganization', 'P', 'reorganized-province'],
    ['reorganization', 'B2', 'merged-away'],
    ['restructuring', 'TN.DT01', 'became-cell'],
    ['names-of-the-time', 'G5', 'became-cell-counted-in-committee'],
    ['names-of-the-time', 'D', 'ended-committee'],
  ])('%s %s (%s)', async (data, unitId, golden) => {
    const province = {
      basic,
      narrative: mixed,
      reorganization: reorganized,
      restructuring: pilot,
      'names-of-the-time': renamed,
    }[data];
    if (!province) throw new Error(`no fixture ${data}`);
    await expect(text(unitNarrative(province, unitId))).toMatchFileSnapshot(
      `./golden/narrative/${golden}.txt`,
    );
  });
});

describe('zero, full and tiny figures are said in words, never as 0 or a misleading percent', () => {
  test.each([
    ['Z', 'wording-none-admitted'],
    ['ZZ', 'wording-tiny-unit'],
    ['F', 'wording-target-met'],
    ['T', 'wording-tiny-target'],
    ['D', 'wording-district'],
  ])('%s (%s)', async (unitId, golden) => {
    await expect(text(unitNarrative(wording, unitId))).toMatchFileSnapshot(
      `./golden/narrative/${golden}.txt`,
    );
  });

  test.each([
    [
      'Z',
      'Năm 2022 không kết nạp đảng viên mới nào, chưa đạt chỉ tiêu (chỉ tiêu: 10). Năm 2021 kết nạp 2 đảng viên mới.',
    ],
    ['ZZ', 'Năm 2021 cũng không kết nạp đảng viên mới nào.'],
    ['ZZ', 'Số đảng viên giảm 1 người (từ 8 xuống 7) so với năm 2021.'],
    ['ZZ', 'Nữ: 3 người; không có đảng viên dự bị; không có đảng viên dưới 30 tuổi.'],
    [
      'F',
      'đạt đúng chỉ tiêu (chỉ tiêu: 12). Số kết nạp bằng 8% tổng số đảng viên cuối năm 2021. Năm 2021 không kết nạp đảng viên mới nào.',
    ],
    ['F', 'cả 12 chi bộ đều hoàn thành tốt nhiệm vụ'],
    ['F', 'tất cả đều có bí thư chi bộ đồng thời là trưởng thôn'],
    ['T', 'vượt chỉ tiêu 9 đảng viên (chỉ tiêu: 2)'],
    ['T', 'tăng 3 người (từ 9 lên 12)'],
    ['T', 'chưa chi bộ nào có bí thư chi bộ đồng thời là trưởng thôn'],
    ['T', '1 chi bộ hoàn thành xuất sắc nhiệm vụ; 2 chi bộ hoàn thành tốt nhiệm vụ.'],
    [
      'M',
      'năm 2022: 1 chi bộ hoàn thành tốt nhiệm vụ. Có 1 chi bộ thôn, tổ dân phố, trong đó 1 chi bộ có bí thư',
    ],
    [
      'D',
      'Trong các tổ chức có chỉ tiêu từ 5 đảng viên trở lên, tỷ lệ đạt chỉ tiêu cao nhất ở Đảng bộ xã Đủ (100%), thấp nhất ở Đảng bộ xã Vắng (không kết nạp đảng viên mới nào).',
    ],
  ])('%s says "%s"', (unitId, words) => {
    expect(unitNarrative(wording, unitId).join(' ')).toContain(words);
  });

  test('no summary prints "kết nạp 0", "đạt 0", "0,0%" or a percent of a tiny target', () => {
    for (const id of wording.tree.units.keys()) {
      const summary = unitNarrative(wording, id).join(' ');
      expect(summary).not.toMatch(/kết nạp 0 |đạt 0|(?<!\d)0,0%|550/);
    }
  });
});

describe('topic narratives match their golden files', () => {
  test.each(['members', 'admissions', 'cells'] as const)('%s', async (topic) => {
    await expect(text(topicNarrative(basic, topic))).toMatchFileSnapshot(
      `./golden/narrative/topic-${topic}-basic.txt`,
    );
    await expect(text(topicNarrative(mixed, topic))).toMatchFileSnapshot(
      `./golden/narrative/topic-${topic}-partial.txt`,
    );
  });

  // reorganization-topics: the reorganization fixture with every 2024 admission, target and cell count.
  test.each(['members', 'admissions', 'cells'] as const)('%s across a reorganization', async (topic) => {
    await expect(text(topicNarrative(await provinceOf('reorganization-topics'), topic))).toMatchFileSnapshot(
      `./golden/narrative/topic-${topic}-reorganized.txt`,
    );
  });
});

describe('every narrative reads as finished text', () => {
  test('no unit or topic prints undefined, NaN, null or a dash for a missing figure', () => {
    for (const province of [basic, mixed]) {
      const all = [
        ...[...province.tree.units.keys()].flatMap((id) => unitNarrative(province, id)),
        ...(['members', 'admissions', 'cells'] as const).flatMap((t) => topicNarrative(province, t)),
      ];
      for (const paragraph of all) {
        expect(paragraph).not.toMatch(/undefined|NaN|null|—|\[object/);
        expect(paragraph).toMatch(/^[A-ZĐ\p{Lu}].*\.$/u);
        expect(paragraph).not.toMatch(/\.\.| {2}/);
      }
    }
  });

  test('the province total is the rollup of the latest year, in vi-VN digits', () => {
    const members = basic.members.rollup.at('P', 2021)?.values.members;
    expect(members).toBe(1381);
    expect(unitNarrative(basic, 'P')[0]).toContain(`và ${formatNumber(members)} đảng viên`);
  });

  test('a partial total says how many grassroots organizations it covers', () => {
    expect(unitNarrative(basic, 'P').join(' ')).toContain(
      'Số đảng viên trên là tổng của 3/4 tổ chức cơ sở đảng đã có số liệu năm 2021.',
    );
  });

  test('totals over different organizations are not compared', () => {
    // 2021 covers 3 of 4 grassroots organizations, 2020 all 4: a "decrease" would be false.
    const narrative = unitNarrative(basic, 'P').join(' ');
    expect(narrative).not.toMatch(/Số đảng viên (tăng|giảm)/);
    expect(narrative).toContain('Chưa so sánh được số đảng viên với năm 2020');
  });

  test('a unit without any statistics says so', async () => {
    const loaded = await load(fixture('basic'));
    const province = loaded.province;
    if (!province) throw new Error('basic fixture must be valid');
    const empty: Province = { ...province, years: [], lastYear: undefined };
    expect(unitNarrative(empty, 'G1')).toEqual(['Chưa có số liệu thống kê của Đảng bộ xã An Bình.']);
  });
});

describe('wording helpers', () => {
  // A percent only from a base of at least 10 (SMALL_BASE); below it the counts, from zero neither.
  test.each([
    [125, 120, 'người', 'tăng 5 người (4,2%)'],
    [297, 300, 'người', 'giảm 3 người (1%)'],
    [20, 20, 'người', 'không thay đổi'],
    [0, 0, 'người', 'không thay đổi'],
    [1, 2, 'người', 'giảm 1 người (từ 2 xuống 1)'],
    [0, 1, 'người', 'giảm 1 người (từ 1 xuống 0)'],
    [12, 9, 'người', 'tăng 3 người (từ 9 lên 12)'],
    [9, 10, 'người', 'giảm 1 người (10%)'],
    [0, 12, 'người', 'giảm 12 người (100%)'],
    [5, 0, 'người', 'tăng 5 người'],
    [2468, 1234, 'người', 'tăng 1.234 người (100%)'],
    [10001, 10000, 'người', 'tăng 1 người (dưới 0,1%)'],
    [13, 12, 'chi bộ', 'tăng 1 chi bộ (8,3%)'],
  ])('changeWords(%i, %i, %s) is "%s"', (now, before, noun, expected) => {
    expect(changeWords(now, before, noun)).toBe(expected);
  });

  test('changeWords without parentheses, for use inside one', () => {
    expect(changeWords(1240, 1200, 'người', false)).toBe('tăng 40 người, 3,3%');
    expect(changeWords(3, 2, 'người', false)).toBe('tăng 1 người, từ 2 lên 3');
  });

  // Percentages by the one rule of format.ts formatPercent, as in tables and cards.
  test.each([
    [12, 10, 'đạt 120% chỉ tiêu (chỉ tiêu: 10), vượt 2 đảng viên'],
    [10, 10, 'đạt đúng chỉ tiêu (chỉ tiêu: 10)'],
    [1, 1, 'đạt đúng chỉ tiêu (chỉ tiêu: 1)'],
    [8, 10, 'chưa đạt chỉ tiêu: đạt 80% (chỉ tiêu: 10), còn thiếu 2 đảng viên'],
    [0, 10, 'chưa đạt chỉ tiêu (chỉ tiêu: 10)'],
    [0, 1, 'chưa đạt chỉ tiêu (chỉ tiêu: 1)'],
    [1, 3, 'chưa đạt chỉ tiêu (chỉ tiêu: 3), còn thiếu 2 đảng viên'],
    [11, 2, 'vượt chỉ tiêu 9 đảng viên (chỉ tiêu: 2)'],
    [1500, 1200, 'đạt 125% chỉ tiêu (chỉ tiêu: 1.200), vượt 300 đảng viên'],
    [1, 0, 'chỉ tiêu được giao là 0'],
  ])('targetWords(%i, %i) is "%s"', (admitted, target, expected) => {
    expect(targetWords(admitted, target)).toBe(expected);
  });

  test.each([
    [47, 46, 'tăng từ 46 lên 47'],
    [27, 46, 'giảm từ 46 xuống 27'],
    [5, 5, 'không thay đổi'],
    [1200, 999, 'tăng từ 999 lên 1.200'],
  ])('fromToWords(%i, %i) is "%s"', (now, before, expected) => {
    expect(fromToWords(now, before)).toBe(expected);
  });

  test.each([
    [[2023], 'năm 2023'],
    [[2019, 2021], 'các năm 2019, 2021'],
    [[2015, 2016], 'các năm 2015, 2016'],
    [[2015, 2016, 2017, 2018, 2020], 'các năm 2015–2018, 2020'],
    [[2015, 2017, 2018, 2019], 'các năm 2015, 2017–2019'],
  ])('yearsVi(%j) is "%s"', (years, expected) => {
    expect(yearsVi(years)).toBe(expected);
  });

  test.each([
    [['A'], 'A'],
    [['A', 'B'], 'A và B'],
    [['A', 'B', 'C'], 'A, B và C'],
  ])('listVi(%j) is "%s"', (items, expected) => {
    expect(listVi(items)).toBe(expected);
  });
});

describe('a year of many restructurings', () => {
  test('is counted by kind in the summary instead of naming every event', async () => {
    const loaded = await load(join(import.meta.dirname, '..', 'data'));
    if (!loaded.province) throw new Error('the sample data must be valid');
    const summary = unitNarrative(loaded.province, loaded.province.root.id).join('\n');
    expect(summary).toMatch(
      /Năm 2025 có [\d.]+ sự kiện sắp xếp, kiện toàn tổ chức \(.*hợp nhất.*\), liệt kê ở trang Sắp xếp\./,
    );
    expect(summary).not.toContain('Sắp xếp, kiện toàn tổ chức trong năm 2025:');
  });
  test('the province counts every event of the year that the Sắp xếp page lists, transfers between committees under it too', async () => {
    const loaded = await load(join(import.meta.dirname, '..', 'data'));
    if (!loaded.province) throw new Error('the sample data must be valid');
    const listed = eventList(loaded.province).years.find((g) => g.year === 2025);
    const count = listed?.days.reduce((sum, day) => sum + day.count, 0) ?? 0;
    const summary = unitNarrative(loaded.province, loaded.province.root.id).join('\n');
    expect(summary).toContain(`Năm 2025 có ${formatNumber(count)} sự kiện sắp xếp, kiện toàn tổ chức (`);
    expect(summary).toMatch(/\d+ điều chuyển\), liệt kê ở trang Sắp xếp\./);
  });
  test('another unit counts the events its own page lists, and sends the reader there', async () => {
    const ids = [1, 2, 3, 4, 5, 6];
    const { province: many } = await loadFiles({
      'units.csv': [
        'id,name,parent_id,level,type,established,dissolved',
        'P,Đảng bộ tỉnh Mẫu,,province,,,',
        'D,Đảng bộ huyện Một,P,district,,,',
        ...ids.map((i) => `G${i},Chi bộ ${i},D,grassroots,,2024-03-0${i},`),
      ].join('\n'),
      'members.csv': 'unit_id,year,members\nD,2023,100\nD,2024,130\n',
      'restructurings.csv': [
        'id,date,kind,title,parent_id,result_unit_id',
        ...ids.map((i) => `E${i},2024-03-0${i},establish,Thành lập Chi bộ ${i},D,G${i}`),
      ].join('\n'),
    });
    expect(unitNarrative(many!, 'D').join('\n')).toContain(
      'Năm 2024 có 6 sự kiện sắp xếp, kiện toàn tổ chức (6 thành lập), liệt kê ở mục “Sắp xếp, kiện toàn tổ chức” dưới đây.',
    );
  });
  test('of a few is named one by one', () => {
    expect(unitNarrative(reorganized, reorganized.root.id).join('\n')).toContain('trong năm 2025: ');
  });
});

test.each([
  [
    'a commune committee with only cells under it',
    'HUE.PHT',
    /^Tính đến ngày 31\/12\/2025, Đảng bộ phường Hương Thủy có [\d.]+ chi bộ trực thuộc với [\d.]+ đảng viên\./,
  ],
  [
    'a district that reports only its totals',
    'AL',
    /^Tính đến ngày 31\/12\/2024, Đảng bộ huyện A Lưới có [\d.]+ đảng viên\./,
  ],
])('%s is not said to have 0 grassroots organizations', async (_name, unitId, expected) => {
  const loaded = await load(join(import.meta.dirname, '..', 'data'));
  if (!loaded.province) throw new Error('the sample data must be valid');
  expect(unitNarrative(loaded.province, unitId)[0] ?? '').toMatch(expected);
});

test('a year of many events counts committees that ended apart from dissolutions', async () => {
  const districts = [1, 2, 3, 4, 5, 6];
  const { province } = await loadFiles({
    'units.csv': [
      'id,name,parent_id,level,type',
      'P,Đảng bộ tỉnh Mẫu,,province,',
      'G,Đảng bộ xã Mẫu,P,grassroots,commune',
      ...districts.map((i) => `D${i},Đảng bộ huyện Số ${i},P,district,`),
    ].join('\n'),
    'restructurings.csv': [
      'id,date,effective_date,kind,title,parent_id,result_unit_id,status',
      ...districts.map(
        (i) => `E${i},2025-06-24,2025-07-01,dissolve,Kết thúc hoạt động Đảng bộ huyện Số ${i},P,,`,
      ),
    ].join('\n'),
    'restructuring_units.csv': [
      'restructuring_id,unit_id,previous_parent_id',
      ...districts.map((i) => `E${i},D${i},P`),
    ].join('\n'),
    'members.csv': 'unit_id,year,members\nG,2024,100\nG,2025,104\n',
  });
  if (!province) throw new Error('the data must load');
  expect(unitNarrative(province, 'P').join('\n')).toContain(
    'Năm 2025 có 6 sự kiện sắp xếp, kiện toàn tổ chức (6 kết thúc hoạt động), liệt kê ở trang Sắp xếp.',
  );
});
