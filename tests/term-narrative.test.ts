import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { termProgress } from '../src/model/term-progress.ts';
import { progressSentences, provinceTermProgress } from '../src/present/narrative/terms.ts';
import { fixture, loadFiles } from './helpers.ts';

// term-progress: P (congress 15/10/2020, 15/10/2025) → D1 Phong Điền (congress 20/06/2020: six
// years), D2 Hương Trà (2025–2030 congress 20/05/2025: 2025 counts), D3 Nam Đông (no admissions
// in 2022, no member ratings); figures 2020–2025.
const { province } = await load(fixture('term-progress'));
if (!province) throw new Error('the term-progress fixture must load');

function sentencesOf(p: Province, unitId: string, term: string, measure: string): string {
  const target = p.terms.targets.get(unitId)?.find((t) => t.term === term && t.measure === measure);
  const unit = p.tree.units.get(unitId);
  if (!target || !unit) throw new Error(`no target ${unitId} ${term} ${measure}`);
  return progressSentences(p, termProgress(p, target), unit.name);
}

/** A province admitting `admitted` a year from 2021 against a target for 2020–2025. */
async function provinceAdmitting(admitted: readonly number[], measure: string, target: string) {
  const { province: p } = await loadFiles({
    'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
    'admissions.csv': ['unit_id,year,admitted', ...admitted.map((a, i) => `P,${2021 + i},${a}`)].join('\n'),
    'term_targets.csv': `unit_id,term,measure,target\nP,2020-2025,${measure},${target}`,
  });
  if (!p) throw new Error('must load');
  return p;
}

describe('term progress narratives match their golden files', () => {
  test.each([
    ['P', '2020-2025', 'admitted_total', 'end-of-term-exceeded'],
    ['D1', '2020-2025', 'admitted_total', 'end-of-term-behind'],
    ['D3', '2020-2025', 'admitted_total', 'end-of-term-year-missing'],
    ['D2', '2025-2030', 'admitted_total', 'mid-term'],
    ['P', '2025-2030', 'admitted_total', 'not-begun'],
    ['D2', '2020-2025', 'admitted_yearly', 'yearly-exceeded'],
    ['P', '2020-2025', 'grassroots_good_share', 'share-met-most-years'],
    ['P', '2020-2025', 'members_good_share', 'share-met-every-year'],
    ['D1', '2020-2025', 'cells_good_share', 'share-met-some-years'],
    ['D3', '2020-2025', 'members_good_share', 'share-no-data'],
  ])('%s %s %s (%s)', async (unitId, term, measure, file) => {
    await expect(`${sentencesOf(province, unitId, term, measure)}\n`).toMatchFileSnapshot(
      `./golden/narrative/terms/${file}.txt`,
    );
  });

  test('the province summary names each target of the latest term begun', async () => {
    await expect(`${provinceTermProgress(province)}\n`).toMatchFileSnapshot(
      './golden/narrative/terms/province.txt',
    );
  });
});

describe('the sentences say how far the term is and what remains', () => {
  test.each([
    [
      'mid-term on pace',
      [340, 340, 340],
      'admitted_total',
      '1500',
      'Sau 3/5 năm của nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu đã kết nạp 1.020 đảng viên, đạt 68% chỉ tiêu 1.500, đúng tiến độ; cần bình quân 240 đảng viên mỗi năm trong 2 năm còn lại.',
    ],
    [
      'mid-term behind',
      [200, 250],
      'admitted_total',
      '1500',
      'Sau 2/5 năm của nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu đã kết nạp 450 đảng viên, đạt 30% chỉ tiêu 1.500, chậm so với tiến độ; cần bình quân 350 đảng viên mỗi năm trong 3 năm còn lại.',
    ],
    [
      'reached before the end',
      [600, 500, 450],
      'admitted_total',
      '1500',
      'Sau 3/5 năm của nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu đã kết nạp 1.550 đảng viên, vượt chỉ tiêu 1.500 của cả nhiệm kỳ khi còn 2 năm.',
    ],
    [
      'end of term exceeded',
      [110, 100, 100, 100, 99],
      'admitted_total',
      '500',
      'Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 509 đảng viên, đạt 102% chỉ tiêu (chỉ tiêu: 500), vượt 9 đảng viên.',
    ],
    [
      'end of term met exactly',
      [100, 100, 100, 100, 100],
      'admitted_total',
      '500',
      'Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 500 đảng viên, đạt đúng chỉ tiêu (chỉ tiêu: 500).',
    ],
    [
      'yearly average behind mid-term',
      [40, 50],
      'admitted_yearly',
      '50',
      'Sau 2/5 năm của nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu đã kết nạp 90 đảng viên, bình quân 45 đảng viên mỗi năm, chưa đạt chỉ tiêu 50 đảng viên mỗi năm; cần bình quân 54 đảng viên mỗi năm trong 3 năm còn lại.',
    ],
    [
      'yearly average met at the end',
      [50, 50, 50, 50, 50],
      'admitted_yearly',
      '50',
      'Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 250 đảng viên, bình quân 50 đảng viên mỗi năm, đạt chỉ tiêu 50 đảng viên mỗi năm.',
    ],
  ])('%s', async (_, admitted, measure, target, expected) => {
    const p = await provinceAdmitting(admitted, measure, target);
    expect(sentencesOf(p, 'P', '2020-2025', measure)).toBe(expected);
  });

  test.each([
    [
      'D1',
      'secretary_as_head_share',
      'Trong nhiệm kỳ 2020–2025, Đảng bộ huyện Phong Điền có 1/6 năm đạt chỉ tiêu hằng năm 75% chi bộ thôn, tổ dân phố có bí thư đồng thời là trưởng thôn, tổ trưởng. Năm 2025, tỷ lệ này là 82% (9/11 chi bộ thôn, tổ dân phố), đạt chỉ tiêu.',
    ],
    [
      'P',
      'grassroots_good_share',
      'Trong nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu có 4/5 năm đạt chỉ tiêu hằng năm 80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên. Năm 2025, tỷ lệ này là 80% (4/5 tổ chức cơ sở đảng), đạt chỉ tiêu.',
    ],
  ])('a share target of %s (%s) counts the years that met it', (unitId, measure, expected) => {
    expect(sentencesOf(province, unitId, '2020-2025', measure)).toBe(expected);
  });

  test('a share that never met its target says so, the latest just under it with the decimals that show it is under', async () => {
    const { province: p } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
      'members.csv': [
        'unit_id,year,members,members_excellent,members_good,members_complete,members_incomplete',
        'P,2021,1300,100,900,250,50',
        'P,2022,1348,140,1000,200,8',
      ].join('\n'),
      'term_targets.csv': 'unit_id,term,measure,target\nP,2020-2025,members_good_share,85%',
    });
    expect(sentencesOf(p!, 'P', '2020-2025', 'members_good_share')).toBe(
      'Sau 2/5 năm của nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu chưa có năm nào đạt chỉ tiêu hằng năm 85% đảng viên hoàn thành tốt nhiệm vụ trở lên. Năm 2022, tỷ lệ này là 84,6% (1.140/1.348 đảng viên), chưa đạt chỉ tiêu.',
    );
  });

  test('a committee that ended during the term says so once, then its result over the years it had without naming it again', async () => {
    const { province: p } = await loadFiles({
      'units.csv': [
        'id,name,parent_id,level,dissolved',
        'P,Đảng bộ tỉnh Mẫu,,province,',
        'D,Đảng bộ thị xã Hương Thủy,P,district,2025-06-30',
        'G,Đảng bộ phường Phú Bài,D,grassroots,2025-06-30',
        'E,Đảng bộ phường Thủy Châu,P,district,',
      ].join('\n'),
      'admissions.csv': [
        'unit_id,year,admitted',
        ...[2021, 2022, 2023, 2024].map((y) => `G,${y},120`),
        'E,2025,30',
      ].join('\n'),
      'term_targets.csv': 'unit_id,term,measure,target\nD,2020-2025,admitted_total,550',
    });
    expect(sentencesOf(p!, 'D', '2020-2025', 'admitted_total')).toBe(
      'Đảng bộ thị xã Hương Thủy đã kết thúc hoạt động ngày 30/06/2025, trước khi hết nhiệm kỳ 2020–2025; số liệu đến hết năm 2024. ' +
        'Trong 4/5 năm của nhiệm kỳ 2020–2025, đơn vị kết nạp 480 đảng viên, chưa đạt chỉ tiêu: đạt 87% (chỉ tiêu: 550), còn thiếu 70 đảng viên.',
    );
  });

  test('a year without figures is said, and the sum says it counts only the others', () => {
    expect(sentencesOf(province, 'D3', '2020-2025', 'admitted_total')).toContain(
      'Chưa có số liệu kết nạp năm 2022; số trên chỉ tính các năm có số liệu.',
    );
  });
});

describe('the province summary says each measure once, in whole people', () => {
  /** The province admitting `admitted` a year from 2021 with both admission targets for 2020–2025. */
  async function bothTargets(admitted: readonly number[], total: number, yearly: number, ratings = '') {
    const { province: p } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province',
      'admissions.csv': ['unit_id,year,admitted', ...admitted.map((a, i) => `P,${2021 + i},${a}`)].join('\n'),
      ...(ratings === '' ? {} : { 'members.csv': ratings }),
      'term_targets.csv': [
        'unit_id,term,measure,target',
        `P,2020-2025,admitted_total,${total}`,
        `P,2020-2025,admitted_yearly,${yearly}`,
        ...(ratings === '' ? [] : ['P,2020-2025,members_good_share,85%']),
      ].join('\n'),
    });
    if (!p) throw new Error('must load');
    return p;
  }

  test('the admitted total and the yearly average come in one sentence that names the term once', async () => {
    const ratings = [
      'unit_id,year,members,members_excellent,members_good,members_complete,members_incomplete',
      'P,2024,1000,100,800,90,10',
      'P,2025,1348,140,1000,200,8',
    ].join('\n');
    const p = await bothTargets([1540, 1530, 1535, 1537, 1537], 7500, 1500, ratings);
    expect(provinceTermProgress(p)).toBe(
      'Cả nhiệm kỳ 2020–2025, Đảng bộ tỉnh Mẫu kết nạp 7.679 đảng viên, đạt 102% chỉ tiêu (chỉ tiêu: 7.500), vượt 179 đảng viên; bình quân 1.536 đảng viên mỗi năm, vượt chỉ tiêu 1.500 đảng viên mỗi năm. ' +
        'Chỉ tiêu hằng năm: 85% đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 1/2 năm có số liệu (năm 2025: 84,6%, chưa đạt).',
    );
  });

  test.each([
    [
      'an average just under the target',
      [1500, 1500, 1500, 1500, 1498],
      'bình quân gần 1.500 đảng viên mỗi năm, chưa đạt',
    ],
    [
      'an average just over the target',
      [1500, 1500, 1500, 1500, 1502],
      'bình quân hơn 1.500 đảng viên mỗi năm, vượt',
    ],
    ['an average with a fraction', [1540, 1530, 1535, 1537, 1537], 'bình quân 1.536 đảng viên mỗi năm'],
  ])('%s is a whole number of people that never reads as the target', async (_, admitted, expected) => {
    const p = await bothTargets(admitted, 7500, 1500);
    const text = provinceTermProgress(p);
    expect(text).toContain(expected);
    expect(text).not.toMatch(/\d,\d+ đảng viên/);
  });
});
