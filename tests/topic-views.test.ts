import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { topicNarrative } from '../src/present/narrative/topics.ts';
import { admissionsTopic, cellsTopic, membersTopic } from '../src/present/topic-views.ts';
import { COMPARABLE_MARK } from '../src/present/year-before.ts';
import { fixture, loadFiles } from './helpers.ts';

// reorganization: X formed 01/07/2025 from A1 + A2 (members 2024: 410 + 305), with S1, S2
// (42 + 21) moved under it; B1 (510) absorbed B2 (205); districts D1, D2 ended the same day.
// X has 790 members in 2025, B1 723.
// Admissions 2024: A1 8, B1 11 only, so X's comparable figure covers 1 of 4 organizations, B1's 1 of 2.
// reorganization-partial: the same without A2's 2024 row, so X's comparable 2024 figure covers
// 3 of its 4 grassroots organizations.
// reorganization-topics: the same tree with every 2024 admission, target and cell count:
// X's predecessors admitted 8 + 5 + 1 + 0 = 14 of a target of 6 + 5 + 1 + 1 = 13 and had
// 10 + 8 + 0 + 0 = 18 cells; B1 and B2 admitted 11 + 4 = 15 of 10 + 4 = 14 with 12 + 6 = 18 cells.
let province: Province;
let partial: Province;
let complete: Province;
beforeAll(async () => {
  const loaded = await Promise.all(
    ['reorganization', 'reorganization-partial', 'reorganization-topics'].map((name) => load(fixture(name))),
  );
  [province, partial, complete] = loaded.map((l) => {
    if (!l.province) throw new Error('fixtures must be valid');
    return l.province;
  }) as [Province, Province, Province];
});

const texts = (rows: readonly (readonly { text: string }[])[] | undefined) =>
  rows?.map((row) => row.map((cell) => cell.text));

describe('topic pages compare today’s units on their comparable figures', () => {
  test('a committee formed in 2025 and one that absorbed another are compared with their 2024 figures on today’s organization, marked', () => {
    const table = membersTopic(province).byUnit?.table;
    expect(table?.columns.map((c) => c.label)).toEqual([
      'Đơn vị',
      'Đảng viên',
      'Đảng viên năm 2024',
      'Tăng, giảm so với năm 2024',
      'Nữ',
      'Đảng viên dự bị',
    ]);
    expect(texts(table?.rows)?.map((row) => row.slice(0, 4))).toEqual([
      ['Đảng bộ xã An Bình', '790', '778†', '+12†'],
      ['Đảng bộ xã Tây Sơn', '723', '715†', '+8†'],
    ]);
    expect(membersTopic(province).byUnit?.note).toContain(
      '† Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số đảng viên năm 2024 là số quy đổi theo tổ chức hiện nay',
    );
  });

  test('a province without restructurings has no mark, no year-before column and no ended units', async () => {
    const basic = (await load(fixture('basic'))).province;
    if (!basic) throw new Error('fixture must be valid');
    const topic = membersTopic(basic);
    expect(topic.byUnit?.table.columns.map((c) => c.label)).not.toContain('Đảng viên năm 2020');
    expect(topic.byUnit?.table.rows.flat().some((cell) => cell.text.endsWith(COMPARABLE_MARK))).toBe(false);
    expect(topic.byUnit?.note).toBeUndefined();
    expect(topic.ended).toEqual([]);
  });

  test('a sum that some organizations did not report the year before is not compared with a whole one, and the note says so', async () => {
    // narrative: D's 579 members of 2022 cover all four organizations; its 394 of 2021 only two of three.
    const mixed = (await load(fixture('narrative'))).province;
    if (!mixed) throw new Error('fixture must be valid');
    expect(texts(membersTopic(mixed).byUnit?.table.rows)?.map((row) => row.slice(0, 3))).toEqual([
      ['Đảng bộ huyện Ba', '579', '—'],
    ]);
    expect(membersTopic(mixed).byUnit?.note).toBe(
      'Không ghi tăng, giảm số đảng viên của Đảng bộ huyện Ba vì số liệu năm 2022 và năm 2021 không tính trên cùng những tổ chức cơ sở đảng.',
    );
  });

  test('the change sorts by its number, not by the marked text', () => {
    const rows = membersTopic(province).byUnit?.table.rows;
    expect(rows?.map((row) => row[3]?.sort)).toEqual([12, 8]);
  });

  test('admissions are set against the comparable members of the year before, marked', () => {
    const rows = admissionsTopic(province).byUnit?.table.rows;
    // X admitted 15 in 2025 against 778 members in 2024, counted on today's organization.
    expect(rows?.[0]?.at(-1)?.text).toBe('1,9%†');
  });

  test('the district committees that ended in 2025 are not ranked among today’s units but listed apart', () => {
    expect(texts(membersTopic(province).byUnit?.table.rows)?.map((row) => row[0])).not.toContain(
      'Đảng bộ huyện Đông',
    );
    for (const topic of [membersTopic(province), admissionsTopic(province), cellsTopic(province)]) {
      expect(topic.ended).toEqual([
        { label: 'Đảng bộ huyện Đông', path: 'don-vi/d1/' },
        { label: 'Đảng bộ huyện Tây', path: 'don-vi/d2/' },
      ]);
    }
  });

  test('the members narrative ranks the new committee on its comparable 2024 figure and says so', () => {
    const text = topicNarrative(province, 'members').join('\n');
    expect(text).toContain('tăng nhiều nhất ở Đảng bộ xã An Bình (tăng 12 người');
    expect(text).toContain('quy đổi theo tổ chức hiện nay');
  });

  test('a comparable figure that covers only some organizations is not compared, and the note and narrative say so', () => {
    const topic = membersTopic(partial);
    expect(texts(topic.byUnit?.table.rows)?.map((row) => row.slice(0, 4))).toEqual([
      ['Đảng bộ xã An Bình', '790', '—', '—'],
      ['Đảng bộ xã Tây Sơn', '723', '715†', '+8†'],
    ]);
    expect(topic.byUnit?.note).toContain(
      'Chưa so sánh được số đảng viên với năm 2024 ở Đảng bộ xã An Bình (số quy đổi mới tính trên 3/4 tổ chức cơ sở đảng), nên bảng ghi “—”.',
    );
    expect(topicNarrative(partial, 'members').join('\n')).toContain(
      'Số đảng viên năm 2024 quy đổi theo tổ chức hiện nay của Đảng bộ xã An Bình mới tính trên 3/4 tổ chức cơ sở đảng, nên chưa so sánh được với năm 2025.',
    );
  });

  test.each([
    {
      page: '/ket-nap/',
      table: () => admissionsTopic(complete).byUnit?.table,
      columns: ['Kết nạp năm 2024', 'Đạt chỉ tiêu năm 2024'],
      rows: [
        ['Đảng bộ xã An Bình', '14†', '108%†'],
        ['Đảng bộ xã Tây Sơn', '15†', '107%†'],
      ],
    },
    {
      page: '/chi-bo/',
      table: () => cellsTopic(complete).byUnit,
      columns: ['Chi bộ trực thuộc năm 2024', 'Tăng, giảm so với năm 2024'],
      rows: [
        ['Đảng bộ xã An Bình', '18†', '+1†'],
        ['Đảng bộ xã Tây Sơn', '18†', '−1†'],
      ],
    },
  ])(
    '$page compares the new and the enlarged committee with their year before on today’s organization, marked',
    ({ table, columns, rows }) => {
      const view = table();
      const at = columns.map((label) => view?.columns.findIndex((c) => c.label === label) ?? -1);
      expect(at).not.toContain(-1);
      expect(view?.rows.map((row) => [row[0]?.text, ...at.map((i) => row[i]?.text)])).toEqual(rows);
    },
  );

  test('each table’s note says which figures of the year before are counted on today’s organization', () => {
    expect(admissionsTopic(complete).byUnit?.note).toContain(
      '† Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số kết nạp, chỉ tiêu kết nạp và số đảng viên năm 2024 là số quy đổi theo tổ chức hiện nay',
    );
    expect(cellsTopic(complete).byUnitNote).toContain(
      '† Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số chi bộ trực thuộc năm 2024 là số quy đổi theo tổ chức hiện nay',
    );
  });

  test('admissions of the year before that cover only some of the merged organizations are not shown, and the note says how many they cover', () => {
    const topic = admissionsTopic(province);
    // B1 reported 11 itself, but B2, now part of it, reported nothing: 11 is not B1's figure on today's organization.
    expect(topic.byUnit?.table.columns.map((c) => c.label)).not.toContain('Kết nạp năm 2024');
    expect(topic.byUnit?.note).toContain(
      'Chưa so sánh được số kết nạp với năm 2024 ở Đảng bộ xã An Bình (số quy đổi mới tính trên 1/4 tổ chức cơ sở đảng) và Đảng bộ xã Tây Sơn (số quy đổi mới tính trên 1/2 tổ chức cơ sở đảng), nên bảng ghi “—”.',
    );
  });

  test.each([
    {
      topic: 'admissions' as const,
      says: [
        'So với năm 2024, số kết nạp của các tổ chức đảng trực thuộc tăng nhiều nhất ở Đảng bộ xã An Bình (tăng 1 người, 7,1%), giảm nhiều nhất ở Đảng bộ xã Tây Sơn (giảm 5 người, 33%).',
        'số kết nạp năm 2024 dùng để so sánh là số quy đổi theo tổ chức hiện nay',
      ],
    },
    {
      topic: 'cells' as const,
      says: [
        'So với năm 2024, số chi bộ trực thuộc của các tổ chức đảng trực thuộc tăng nhiều nhất ở Đảng bộ xã An Bình (tăng 1 chi bộ, 5,6%)',
        'số chi bộ trực thuộc năm 2024 dùng để so sánh là số quy đổi theo tổ chức hiện nay',
      ],
    },
  ])(
    'the $topic narrative compares units with their year before on today’s organization and says so',
    ({ topic, says }) => {
      const text = topicNarrative(complete, topic).join('\n');
      for (const words of says) expect(text).toContain(words);
    },
  );
});

// Seven grassroots organizations directly under the province: three tie at 200%, one has a
// target under 5, two admitted no one, one has no target.
const RANKING_FILES = {
  'units.csv': [
    'id,name,parent_id,level',
    'P,Đảng bộ tỉnh Mẫu,,province',
    'G1,Chi bộ Bến Tre,P,grassroots',
    'G2,Chi bộ Âu Cơ,P,grassroots',
    'G3,Chi bộ Ấp Bắc,P,grassroots',
    'G4,Chi bộ Nhỏ,P,grassroots',
    'G5,Chi bộ Đông,P,grassroots',
    'G6,Chi bộ Cầu,P,grassroots',
    'G7,Chi bộ Không chỉ tiêu,P,grassroots',
  ].join('\n'),
  'admissions.csv': [
    'unit_id,year,admitted,target',
    'G1,2025,10,5',
    'G2,2025,12,6',
    'G3,2025,20,10',
    'G4,2025,11,2',
    'G5,2025,0,5',
    'G6,2025,0,8',
    'G7,2025,3,',
  ].join('\n'),
};

describe('rankings readers can trust', () => {
  let ranked: Province;
  beforeAll(async () => {
    const loaded = await loadFiles(RANKING_FILES);
    if (!loaded.province) throw new Error('ranking files must be valid');
    ranked = loaded.province;
  });

  test('equal rates share a rank, ordered by Vietnamese name; a target under 5 and no target are not ranked', () => {
    const [table] = admissionsTopic(ranked).grassroots;
    expect(texts(table?.table.rows)?.map((row) => [row[0], row[1], row[5]])).toEqual([
      ['Chi bộ Ấp Bắc', '1', '200%'],
      ['Chi bộ Âu Cơ', '1', '200%'],
      ['Chi bộ Bến Tre', '1', '200%'],
      ['Chi bộ Cầu', '4', '0%'],
      ['Chi bộ Đông', '4', '0%'],
    ]);
  });

  test('the ranking of units directly under the province shares ranks the same way', () => {
    const chart = admissionsTopic(ranked).ranking;
    const rank = chart?.table.columns.findIndex((c) => c.label === 'Hạng') ?? -1;
    expect(chart?.table.rows.map((row) => [row[0]?.text, row[rank]?.text])).toEqual([
      ['Chi bộ Ấp Bắc', '1'],
      ['Chi bộ Âu Cơ', '1'],
      ['Chi bộ Bến Tre', '1'],
      ['Chi bộ Cầu', '4'],
      ['Chi bộ Đông', '4'],
    ]);
    expect(chart?.note).toContain(
      'Xếp hạng 5 đảng bộ trực thuộc có chỉ tiêu kết nạp từ 5 đảng viên trở lên năm 2025',
    );
    expect(chart?.note).toContain(
      'Không xếp hạng vì chỉ tiêu dưới 5 đảng viên: Chi bộ Nhỏ (kết nạp 11, chỉ tiêu 2).',
    );
  });

  test('the page states how many units the ranking covers and its rule', () => {
    expect(admissionsTopic(ranked).grassrootsNote).toBe(
      'Xếp hạng 5 tổ chức cơ sở đảng có chỉ tiêu kết nạp từ 5 đảng viên trở lên năm 2025; đơn vị có cùng tỷ lệ đạt chỉ tiêu như ghi trong bảng (đã làm tròn) thì cùng hạng, ghi theo thứ tự tên. ' +
        'Đơn vị có chỉ tiêu dưới 5 đảng viên không xếp hạng, vì với chỉ tiêu nhỏ, kết nạp thêm hay bớt một người đã làm tỷ lệ đạt chỉ tiêu thay đổi từ 25% trở lên; đơn vị không có chỉ tiêu kết nạp cũng không xếp hạng.',
    );
  });

  test('units with a tiny target are listed apart with how they fared', () => {
    const small = admissionsTopic(ranked).smallTargets;
    expect(small?.summary).toBe(
      'Trong 1 tổ chức cơ sở đảng có chỉ tiêu kết nạp dưới 5 đảng viên (không xếp hạng), tất cả đều đạt hoặc vượt chỉ tiêu.',
    );
    expect(texts(small?.table?.rows)).toEqual([['Chi bộ Nhỏ', 'Đảng bộ tỉnh Mẫu', '11', '2', '550%']]);
  });

  test('the summary names the highest and lowest of the ranking, not a tiny target', () => {
    expect(topicNarrative(ranked, 'admissions').join('\n')).toContain(
      'Không tính 1 tổ chức có chỉ tiêu dưới 5 đảng viên, tỷ lệ đạt chỉ tiêu cao nhất ở Chi bộ Ấp Bắc, Chi bộ Âu Cơ và Chi bộ Bến Tre (cùng đạt 200%), thấp nhất ở Chi bộ Cầu và Chi bộ Đông (cùng chưa kết nạp được đảng viên nào).',
    );
  });

  test('a long ranking lists the best and the worst, and says how many more share the rank where a table stops', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `G${String(i + 1).padStart(2, '0')}`);
    const loaded = await loadFiles({
      'units.csv': ['id,name,parent_id,level', 'P,Đảng bộ tỉnh Mẫu,,province']
        .concat(names.map((id) => `${id},Chi bộ ${id},P,grassroots`))
        .join('\n'),
      // G01–G13 admit 13 down to 1 of a target of 5; G14–G25 admit no one.
      'admissions.csv': ['unit_id,year,admitted,target']
        .concat(names.map((id, i) => `${id},2025,${Math.max(13 - i, 0)},5`))
        .join('\n'),
    });
    if (!loaded.province) throw new Error('files must be valid');
    const [top, bottom] = admissionsTopic(loaded.province).grassroots;
    expect(texts(top?.table.rows)?.map((row) => row[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(top?.more).toBeUndefined();
    expect(texts(bottom?.table.rows)?.map((row) => [row[0], row[1]])).toEqual(
      names.slice(13, 23).map((id) => [`Chi bộ ${id}`, '14']),
    );
    expect(bottom?.more).toBe(
      'Ngoài các đơn vị trong bảng, còn 2 tổ chức cơ sở đảng khác cùng hạng 14 (chưa kết nạp được đảng viên nào), xếp theo tên sau các đơn vị trên.',
    );
  });
});
