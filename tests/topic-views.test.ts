import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import { topicNarrative } from '../src/present/narrative/topics.ts';
import { admissionsTopic, cellsTopic, membersTopic } from '../src/present/topic-views.ts';
import { fixture } from './helpers.ts';

// reorganization: X formed 01/07/2025 from A1 + A2 (members 2024: 410 + 305), with S1, S2
// (42 + 21) moved under it; B1 (510) absorbed B2 (205); districts D1, D2 ended the same day.
// X has 790 members in 2025, B1 723.
// reorganization-partial: the same without A2's 2024 row, so X's comparable 2024 figure covers
// 3 of its 4 grassroots organizations.
let province: Province;
let partial: Province;
beforeAll(async () => {
  const loaded = await Promise.all(
    ['reorganization', 'reorganization-partial'].map((name) => load(fixture(name))),
  );
  [province, partial] = loaded.map((l) => {
    if (!l.province) throw new Error('fixtures must be valid');
    return l.province;
  }) as [Province, Province];
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
      ['Đảng bộ xã An Bình', '790', '778*', '+12*'],
      ['Đảng bộ xã Tây Sơn', '723', '715*', '+8*'],
    ]);
    expect(membersTopic(province).byUnit?.note).toContain(
      '* Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số đảng viên năm 2024 là số quy đổi theo tổ chức hiện nay',
    );
  });

  test('a province without restructurings has no mark, no year-before column and no ended units', async () => {
    const basic = (await load(fixture('basic'))).province;
    if (!basic) throw new Error('fixture must be valid');
    const topic = membersTopic(basic);
    expect(topic.byUnit?.table.columns.map((c) => c.label)).not.toContain('Đảng viên năm 2020');
    expect(topic.byUnit?.table.rows.flat().some((cell) => cell.text.endsWith('*'))).toBe(false);
    expect(topic.byUnit?.note).toBeUndefined();
    expect(topic.ended).toEqual([]);
  });

  test('the change sorts by its number, not by the marked text', () => {
    const rows = membersTopic(province).byUnit?.table.rows;
    expect(rows?.map((row) => row[3]?.sort)).toEqual([12, 8]);
  });

  test('admissions are set against the comparable members of the year before, marked', () => {
    const rows = admissionsTopic(province).byUnit?.table.rows;
    // X admitted 15 in 2025 against 778 members in 2024, counted on today's organization.
    expect(rows?.[0]?.at(-1)?.text).toBe('1,9%*');
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
      ['Đảng bộ xã Tây Sơn', '723', '715*', '+8*'],
    ]);
    expect(topic.byUnit?.note).toContain(
      'Chưa so sánh được với năm 2024 số đảng viên quy đổi của Đảng bộ xã An Bình (mới tính trên 3/4 tổ chức cơ sở đảng), nên không ghi tăng, giảm.',
    );
    expect(topicNarrative(partial, 'members').join('\n')).toContain(
      'Số đảng viên năm 2024 quy đổi theo tổ chức hiện nay của Đảng bộ xã An Bình mới tính trên 3/4 tổ chức cơ sở đảng, nên chưa so sánh được với năm 2025.',
    );
  });
});
