import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { committeeView, memberQualityView } from '../src/present/committee-view.ts';
import { committeesTopic } from '../src/present/committees-topic.ts';
import { siteView } from '../src/present/site-view.ts';
import type { TableView } from '../src/present/table.ts';
import { fixture, loadFiles } from './helpers.ts';

async function provinceOf(name: string): Promise<Province> {
  const loaded = await load(fixture(name));
  if (!loaded.province) throw new Error(`fixture ${name} must be valid`);
  return loaded.province;
}

// committees: P → D1 (G1, G2, G3, G4), D2 (G5); 2024–2025.
// G1: elected 2020, appointed 01/07/2025, secretary also chairs the people's committee.
// G2: a ward with no previous term and some composition missing. G3: a chi bộ cơ sở with a
// committee of 3, nobody rated in 2025. G4: appointed, badges only. D2: composition missing.
// D1, P: ratings summed over the grassroots organizations that reported them.
const province = await provinceOf('committees');
const basic = await provinceOf('basic');

const rows = (table: TableView | undefined) => table?.rows.map((row) => row.map((cell) => cell.text));
const row = (table: TableView | undefined, first: string) => rows(table)?.find((r) => r[0] === first);
const committeeText = (unitId: string) => committeeView(province, unitId)?.summary.join('\n') ?? '';
const qualityText = (unitId: string) => memberQualityView(province, unitId)?.summary ?? '';

describe('the committee paragraphs match their golden files', () => {
  test.each([
    ['P', 'province'],
    ['G1', 'appointed'],
    ['G2', 'no-previous-term'],
    ['G3', 'small-committee'],
    ['D2', 'missing-composition'],
  ])('%s (%s)', async (unitId, golden) => {
    const text = `${[...(committeeView(province, unitId)?.summary ?? []), qualityText(unitId)].filter(Boolean).join('\n\n')}\n`;
    await expect(text).toMatchFileSnapshot(`./golden/narrative/committee-${golden}.txt`);
  });
});

describe('committee sentences say each case in words', () => {
  test.each([
    [
      'G1',
      'Ban Chấp hành Đảng bộ xã Thủy Châu nhiệm kỳ 2025–2030 gồm 15 ủy viên, được chỉ định ngày 01/07/2025; Ban Thường vụ 5 ủy viên, Ủy ban Kiểm tra 5 ủy viên.',
    ],
    ['G1', 'có 5 ủy viên nữ (33%), 4 ủy viên dưới 40 tuổi (27%)'],
    ['G1', 'không có ủy viên là người dân tộc thiểu số.'],
    [
      'G1',
      'So với nhiệm kỳ 2020–2025, số ủy viên Ban Chấp hành không đổi (15); tỷ lệ ủy viên nữ tăng từ 27% lên 33%;',
    ],
    ['G1', 'Bí thư đồng thời là Chủ tịch Ủy ban nhân dân.'],
    ['D1', 'nhiệm kỳ 2020–2025 gồm 33 ủy viên, được bầu tại đại hội ngày 20/03/2020'],
    ['P', 'số ủy viên Ban Chấp hành giảm từ 55 xuống 53'],
    // A chi bộ cơ sở elects a chi ủy; a committee of 3 gets counts, never a percent.
    ['G3', 'Chi ủy Chi bộ Trường Tiểu học Bình Điền nhiệm kỳ 2025–2030 gồm 3 ủy viên'],
    ['G3', 'Trong Chi ủy có 2 ủy viên nữ, 3 ủy viên có trình độ đại học trở lên'],
    ['G3', 'số ủy viên nữ tăng từ 1 lên 2; số ủy viên dưới 40 tuổi giảm từ 1 xuống 0'],
    ['G2', 'Chưa có số liệu về số ủy viên dân tộc thiểu số và cao cấp lý luận chính trị.'],
    ['D2', 'gồm 21 ủy viên, được bầu tại đại hội ngày 01/09/2025. Chưa có số liệu về cơ cấu Ban Chấp hành.'],
  ])('%s says "%s"', (unitId, words) => {
    expect(committeeText(unitId)).toContain(words);
  });

  test.each([
    ['G2', 'So với nhiệm kỳ'],
    ['G3', '%'],
    ['D2', 'không có ủy viên'],
    ['G2', 'Bí thư đồng thời'],
  ])('%s never says "%s"', (unitId, words) => {
    expect(committeeText(unitId)).not.toContain(words);
  });

  test('a unit without a committee has no committee section', () => {
    expect(committeeView(province, 'G5')).toBeUndefined();
    expect(committeeView(basic, 'G1')).toBeUndefined();
  });

  test('the committee in office is the one of the page year: a term begun later is not yet shown', async () => {
    // Figures end in 2024, so the 2025–2030 committee is not yet in office on the page.
    const terms = await provinceOf('terms');
    expect(committeeView(terms, 'G1')?.summary[0]).toContain('nhiệm kỳ 2020–2025 gồm 15 ủy viên');
  });
});

describe('the committee table', () => {
  test.each([
    ['G1', 'Hình thức', ['Hình thức', 'Chỉ định', 'Đại hội', '']],
    ['G1', 'Ngày đại hội, chỉ định', ['Ngày đại hội, chỉ định', '01/07/2025', '15/07/2020', '']],
    ['G1', 'Nữ', ['Nữ', '5 (33%)', '4 (27%)', '+1']],
    ['G1', 'Tham gia lần đầu', ['Tham gia lần đầu', '5 (33%)', '6 (40%)', '−1']],
    ['G1', 'Bí thư đồng thời là Chủ tịch UBND', ['Bí thư đồng thời là Chủ tịch UBND', 'Có', 'Có', '']],
    ['G2', 'Dân tộc thiểu số', ['Dân tộc thiểu số', '—']],
    ['G2', 'Bí thư đồng thời là Chủ tịch UBND', ['Bí thư đồng thời là Chủ tịch UBND', 'Không']],
    ['G3', 'Nữ', ['Nữ', '2', '1', '+1']],
    ['G3', 'Chi ủy (ủy viên)', ['Chi ủy (ủy viên)', '3', '3', '0']],
    ['D2', 'Nữ', ['Nữ', '—']],
    ['D2', 'Ban Thường vụ (ủy viên)', undefined],
    // The province's committee never says it: no row of dashes that would read as missing.
    ['P', 'Bí thư đồng thời là Chủ tịch UBND', undefined],
  ])('%s row "%s" reads %j', (unitId, first, expected) => {
    expect(row(committeeView(province, unitId)?.table, first)).toEqual(expected);
  });

  test('its columns are the two terms and the change, or the one term', () => {
    const columns = (id: string) => committeeView(province, id)?.table.columns.map((c) => c.label);
    expect(columns('G1')).toEqual(['Cấp ủy', 'Nhiệm kỳ 2025–2030', 'Nhiệm kỳ 2020–2025', 'Thay đổi']);
    expect(columns('G2')).toEqual(['Cấp ủy', 'Nhiệm kỳ 2025–2030']);
  });
});

describe('members by quality rating and badges', () => {
  test.each([
    [
      'G1',
      'Năm 2025 có 123/125 đảng viên được đánh giá, xếp loại chất lượng: 96% hoàn thành tốt nhiệm vụ trở lên, trong đó 18% hoàn thành xuất sắc nhiệm vụ; không có đảng viên không hoàn thành nhiệm vụ. Năm 2024: 85% hoàn thành tốt nhiệm vụ trở lên, 17% hoàn thành xuất sắc nhiệm vụ. Năm 2025, 4 đảng viên được trao Huy hiệu Đảng (năm 2024: 6).',
    ],
    [
      'G2',
      'Năm 2025, 91% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó 18% hoàn thành xuất sắc nhiệm vụ; không có đảng viên không hoàn thành nhiệm vụ. Năm 2025 không có đảng viên nào được trao Huy hiệu Đảng.',
    ],
    [
      'G3',
      'Năm 2025 chưa có đảng viên nào được xếp loại chất lượng. Năm 2024: 7 đảng viên hoàn thành tốt nhiệm vụ trở lên, 2 đảng viên hoàn thành xuất sắc nhiệm vụ. Chưa có số liệu trao Huy hiệu Đảng năm 2025; năm 2024 có 1 đảng viên được trao Huy hiệu Đảng.',
    ],
    ['G4', 'Năm 2025, 3 đảng viên được trao Huy hiệu Đảng (năm 2024: 2).'],
    // Sums over different organizations in the two years are not compared.
    [
      'D1',
      'Theo số liệu của 3/4 tổ chức cơ sở đảng, năm 2025, 94% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó 18% hoàn thành xuất sắc nhiệm vụ; không có đảng viên không hoàn thành nhiệm vụ. Theo số liệu của 2/4 tổ chức cơ sở đảng, năm 2024: 86% hoàn thành tốt nhiệm vụ trở lên, 18% hoàn thành xuất sắc nhiệm vụ. Theo số liệu của 3/4 tổ chức cơ sở đảng, năm 2025, 7 đảng viên được trao Huy hiệu Đảng.',
    ],
  ])('%s says it in words', (unitId, words) => {
    expect(qualityText(unitId)).toBe(words);
  });

  test.each([
    ['G1', '2025', ['2025', '125', '123', '22 (18%)', '96 (78%)', '5 (4,1%)', '0 (0%)', '4']],
    // Fewer than 10 rated: counts only.
    ['G3', '2024', ['2024', '8', '8', '2', '5', '1', '0', '1']],
    ['G3', '2025', ['2025', '9', '0', '0', '0', '0', '0', '—']],
    ['G4', '2025', ['2025', '200', '—', '—', '—', '—', '—', '3']],
    // A district's sums that leave out organizations are marked, as in the other tables.
    ['D1', '2025', ['2025', '416', '205*', '37* (18%)', '156* (76%)', '12* (5,9%)', '0* (0%)', '7*']],
  ])('%s table, year %s, reads %j', (unitId, year, expected) => {
    expect(row(memberQualityView(province, unitId)?.table, year)).toEqual(expected);
  });

  test('a unit without ratings or badges has no such section', () => {
    expect(memberQualityView(province, 'G5')).toBeUndefined();
    expect(memberQualityView(basic, 'G1')).toBeUndefined();
  });

  test('a rating sum over fewer than 10 members gives counts, with "đảng viên", never a percent', async () => {
    const { province: small } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\nG,Chi bộ Thôn Một,P,grassroots\n',
      'members.csv':
        'unit_id,year,members,members_excellent,members_good,members_complete,members_incomplete\nG,2025,6,1,4,0,1\n',
    });
    expect(memberQualityView(small!, 'G')?.summary).toBe(
      'Năm 2025, 5 đảng viên được xếp loại hoàn thành tốt nhiệm vụ trở lên, trong đó 1 đảng viên hoàn thành xuất sắc nhiệm vụ; 1 đảng viên không hoàn thành nhiệm vụ.',
    );
  });
});

describe('/cap-uy/: committees across units', () => {
  const topic = committeesTopic(province);

  test('groups the committees in office by level, the province first', () => {
    expect(topic.groups.map((g) => [g.level, g.committees.map((c) => c.unit.id)])).toEqual([
      ['province', ['P']],
      ['district', ['D2', 'D1']],
      ['grassroots', ['G3', 'G2', 'G4', 'G1']],
    ]);
  });

  test.each([
    ['Tỉnh', ['Tỉnh', '1', '53', '9 (17%)', '7 (13%)', '1 (1,9%)', '53 (100%)', '53 (100%)', '18 (34%)']],
    // D2 reported no composition: the shares are over D1's 33 members only, marked (the note says so).
    [
      'Cấp trên cơ sở',
      ['Cấp trên cơ sở', '2', '54', '7 (21%)*', '4 (12%)*', '1 (3%)*', '30 (91%)*', '20 (61%)*', '10 (30%)*'],
    ],
    ['Cơ sở', ['Cơ sở', '4', '42', '14 (33%)', '8 (19%)', '1 (3,2%)*', '37 (88%)', '4 (13%)*', '23 (55%)']],
  ])('the overview row %s reads %j', (level, expected) => {
    expect(row(topic.overview, level)).toEqual(expected);
  });

  test('the caption says that a committee under 10 members has counts without shares', () => {
    const table = (level: string) => topic.groups.find((g) => g.level === level)?.table;
    expect(table('grassroots')?.caption).toBe(
      'Cấp ủy các tổ chức cơ sở đảng nhiệm kỳ hiện tại (tỷ lệ trên số ủy viên Ban Chấp hành; cấp ủy dưới 10 ủy viên chỉ ghi số người; trong ngoặc ở đầu cột: tỷ lệ chung của các cấp ủy này)',
    );
    expect(table('district')?.caption).toBe(
      'Cấp ủy các đảng bộ cấp trên cơ sở nhiệm kỳ hiện tại (tỷ lệ trên số ủy viên Ban Chấp hành; trong ngoặc ở đầu cột: tỷ lệ chung của các cấp ủy này)',
    );
  });

  test('a term (2025–2030) stays on one line, so the unit names keep the width', () => {
    const grassroots = topic.groups.find((g) => g.level === 'grassroots')?.table;
    expect(grassroots?.columns[1]).toEqual({ label: 'Nhiệm kỳ', numeric: false, nowrap: true });
  });

  test('each share column names the share over all committees of the level', () => {
    const grassroots = topic.groups.find((g) => g.level === 'grassroots')?.table;
    expect(grassroots?.columns.map((c) => c.label)).toContain('Nữ (chung 33%)');
    expect(row(grassroots, 'Đảng bộ xã Thủy Châu')).toEqual([
      'Đảng bộ xã Thủy Châu',
      '2025–2030',
      'Chỉ định ngày 01/07/2025',
      '15',
      '5',
      '5',
      '5 (33%)',
      '4 (27%)',
      '0 (0%)',
      '14 (93%)',
      '3 (20%)',
      '5 (33%)',
      'Có',
    ]);
    expect(grassroots?.rows.find((r) => r[0]?.text === 'Đảng bộ xã Thủy Châu')?.[0]?.path).toBe('don-vi/g1/');
  });

  test('a share over only some committees of the level says over how many, under the tables and in the summary', () => {
    const district = topic.groups.find((g) => g.level === 'district')?.table;
    expect(district?.columns.map((c) => c.label)).toContain('Nữ (chung 21%*)');
    expect(district?.note).toBe(
      '* Tỷ lệ nữ, dưới 40 tuổi, dân tộc thiểu số, đại học trở lên, cao cấp lý luận chính trị và tham gia lần đầu ở đầu cột tính trên 1/2 cấp ủy có số liệu.',
    );
    expect(topic.overview.note).toBe(
      '* Cấp trên cơ sở: tỷ lệ nữ, dưới 40 tuổi, dân tộc thiểu số, đại học trở lên, cao cấp lý luận chính trị và tham gia lần đầu tính trên 1/2 cấp ủy có số liệu; Cơ sở: tỷ lệ dân tộc thiểu số và cao cấp lý luận chính trị tính trên 3/4 cấp ủy có số liệu.',
    );
    expect(topic.summary[1]).toContain(
      'Tính chung Ban Chấp hành các đảng bộ cấp trên cơ sở, tỷ lệ ủy viên nữ 21% (tính trên 1/2 cấp ủy có số liệu),',
    );
  });

  test('counts the commune and ward secretaries who also chair the people’s committee', () => {
    // Of 2 reported, under SMALL_BASE: the count without a percent.
    expect(topic.secretaryAsChair).toBe(
      'Bí thư đồng thời là chủ tịch Ủy ban nhân dân ở 1/2 đảng ủy xã, phường. Còn 1 đảng ủy chưa có số liệu về mô hình này.',
    );
  });

  test('its summary says what it covers and the shares by level', () => {
    expect(topic.summary[0]).toBe(
      'Năm 2025 có số liệu cấp ủy nhiệm kỳ hiện tại của Đảng bộ tỉnh Mẫu, 2 đảng bộ cấp trên cơ sở và 4 tổ chức cơ sở đảng; 2 cấp ủy được chỉ định, không qua đại hội.',
    );
    expect(topic.summary[1]).toContain(
      'Tính chung Ban Chấp hành các tổ chức cơ sở đảng, tỷ lệ ủy viên nữ 33%, dưới 40 tuổi 19%',
    );
  });

  test('a term that ended before the latest year is not in office', async () => {
    const { province: old } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\nD,Đảng bộ huyện Một,P,district\n',
      'members.csv': 'unit_id,year,members\nD,2024,100\n',
      'committees.csv': 'unit_id,term,executive_committee\nD,2015-2020,30\nP,2020-2025,50\n',
    });
    expect(committeesTopic(old!).groups.map((g) => g.committees.map((c) => c.unit.id))).toEqual([['P']]);
  });

  test('says so when no committee is in office', async () => {
    const { province: ended } = await loadFiles({
      'units.csv': 'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\n',
      'members.csv': 'unit_id,year,members\nP,2024,100\n',
      'committees.csv': 'unit_id,term,executive_committee\nP,2015-2020,30\n',
    });
    expect(committeesTopic(ended!)).toMatchObject({
      groups: [],
      summary: [
        'Chưa có số liệu cấp ủy nhiệm kỳ hiện tại (năm 2024) của tổ chức đảng nào từ cấp cơ sở trở lên.',
      ],
    });
  });

  test('a cell’s committee is not among them; without statistics each unit’s latest committee is', async () => {
    const { province: bare } = await loadFiles({
      'units.csv':
        'id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\nG,Đảng bộ xã Một,P,grassroots\nC,Chi bộ thôn 1,G,cell\n',
      'committees.csv': 'unit_id,term,executive_committee\nG,2015-2020,9\nG,2020-2025,11\nC,2020-2025,3\n',
    });
    const topic = committeesTopic(bare!);
    expect(topic.year).toBeUndefined();
    expect(topic.groups.map((g) => g.committees.map((c) => [c.unit.id, c.committee.term]))).toEqual([
      [['G', '2020-2025']],
    ]);
    expect(topic.summary[0]).toBe('Hiện có số liệu cấp ủy nhiệm kỳ hiện tại của 1 tổ chức cơ sở đảng.');
  });

  test('more grassroots committees than a page lists are counted in the overview, not listed', async () => {
    const ids = Array.from({ length: 301 }, (_, i) => `G${i}`);
    const { province: large } = await loadFiles({
      'units.csv': `id,name,parent_id,level\nP,Đảng bộ tỉnh Mẫu,,province\n${ids.map((id) => `${id},Chi bộ ${id},P,grassroots\n`).join('')}`,
      'committees.csv': `unit_id,term,executive_committee,women\n${ids.map((id) => `${id},2020-2025,3,1\n`).join('')}`,
    });
    const [grassroots] = committeesTopic(large!).groups;
    expect(grassroots?.table).toBeUndefined();
    expect(grassroots?.note).toBe(
      '301 tổ chức cơ sở đảng có số liệu cấp ủy, quá nhiều để liệt kê trên một trang: cơ cấu chung của các cấp ủy này ở bảng trên, cấp ủy của từng đơn vị ở trang của đơn vị đó.',
    );
    expect(row(committeesTopic(large!).overview, 'Cơ sở')?.slice(1, 4)).toEqual(['301', '903', '301 (33%)']);
  });

  test('a folder without committees.csv has no /cap-uy/ page', () => {
    expect(siteView(basic).committees).toBe(false);
    expect(siteView(province).committees).toBe(true);
  });
});
