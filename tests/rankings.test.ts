import { describe, expect, test } from 'vitest';
import { lowest, rankByAchievement, rankByProgress, sharedRankBeyond } from '../src/present/rankings.ts';

const unit = (name: string, admitted: number, target: number) => ({ name, admitted, target });

describe('rankings by target achievement', () => {
  test.each([
    {
      case: 'equal rates share a rank and the next rank skips (1, 2, 2, 4)',
      units: [unit('D', 5, 10), unit('C', 6, 6), unit('B', 10, 10), unit('A', 14, 7)],
      expected: [
        ['A', 1],
        ['B', 2],
        ['C', 2],
        ['D', 4],
      ],
    },
    {
      case: 'equal rates from different figures tie exactly (8/10 and 12/15)',
      units: [unit('Y', 12, 15), unit('X', 8, 10), unit('Z', 9, 10)],
      expected: [
        ['Z', 1],
        ['X', 2],
        ['Y', 2],
      ],
    },
    {
      case: 'ties are ordered by Vietnamese collation, not by code point',
      units: [unit('Chi bộ Bến Tre', 5, 5), unit('Chi bộ Âu Cơ', 5, 5), unit('Chi bộ Ấp Bắc', 5, 5)],
      expected: [
        ['Chi bộ Ấp Bắc', 1],
        ['Chi bộ Âu Cơ', 1],
        ['Chi bộ Bến Tre', 1],
      ],
    },
    {
      // 17/16 = 106,25% and 18/17 = 105,9%: different fractions, the same 106% in the table.
      case: 'rates that read the same in the table share a rank, in name order',
      units: [unit('Đông', 17, 16), unit('Bắc', 18, 17), unit('Tây', 21, 20)],
      expected: [
        ['Bắc', 1],
        ['Đông', 1],
        ['Tây', 3],
      ],
    },
    {
      // 299/300 = 99,7% did not meet its target: it must not read 100% and tie with one that did.
      case: 'a rate just short of 100% is told apart from a met target, and the whole column gets its decimal',
      units: [unit('Nam', 299, 300), unit('Bắc', 30, 30), unit('Tây', 318, 300)],
      expected: [
        ['Tây', 1],
        ['Bắc', 2],
        ['Nam', 3],
      ],
    },
    {
      case: 'a target under 5 is not ranked, however high the rate',
      units: [unit('Nhỏ', 11, 2), unit('Lớn', 6, 5)],
      expected: [['Lớn', 1]],
    },
  ])('$case', ({ units, expected }) => {
    expect(rankByAchievement(units).ranked.map((r) => [r.name, r.rank])).toEqual(expected);
  });

  test('each ranked unit carries its rate as the table shows it, one precision for all', () => {
    const { ranked } = rankByAchievement([unit('Nam', 299, 300), unit('Bắc', 30, 30), unit('Tây', 318, 300)]);
    expect(ranked.map((r) => r.shown)).toEqual(['106,0%', '100,0%', '99,7%']);
  });

  test('units with a tiny target are kept apart, by name', () => {
    const { apart } = rankByAchievement([unit('Bình', 0, 4), unit('An', 3, 1), unit('Cường', 9, 9)]);
    expect(apart.map((u) => u.name)).toEqual(['An', 'Bình']);
  });

  test('the lowest are listed worst first, units sharing a rank in name order', () => {
    const { ranked } = rankByAchievement([
      unit('Đông', 0, 5),
      unit('Bắc', 0, 6),
      unit('Tây', 3, 6),
      unit('Nam', 6, 6),
    ]);
    expect(lowest(ranked, 3).map((r) => [r.name, r.rank])).toEqual([
      ['Bắc', 3],
      ['Đông', 3],
      ['Tây', 2],
    ]);
  });

  test('a list that stops inside a shared rank says how many more share it', () => {
    const { ranked } = rankByAchievement(['A', 'B', 'C', 'D'].map((name) => unit(name, 0, 5)));
    expect(sharedRankBeyond(ranked, ranked.slice(0, 2), 'tổ chức cơ sở đảng')).toBe(
      'Ngoài các đơn vị trong bảng, còn 2 tổ chức cơ sở đảng khác cùng hạng 1 (chưa kết nạp được đảng viên nào), xếp theo tên sau các đơn vị trên.',
    );
    expect(sharedRankBeyond(ranked, ranked, 'tổ chức cơ sở đảng')).toBeUndefined();
  });
});

describe('rankings by progress toward a term target', () => {
  const progress = (name: string, done: number, goal: number) => ({ name, done, goal });

  test.each([
    {
      case: 'equal fractions from different figures share a rank, in Vietnamese name order (1, 2, 2)',
      units: [progress('Hương Trà', 30, 40), progress('Phong Điền', 90, 100), progress('A Lưới', 300, 400)],
      expected: [
        ['Phong Điền', 1],
        ['A Lưới', 2],
        ['Hương Trà', 2],
      ],
    },
    {
      // 89/90 and 178/180 both read 98,9%; 897/900 reads 99,7%, not a 100% that would mean met.
      case: 'progress that reads the same shares a rank; with the decimal the column needs, different progress does not',
      units: [progress('Hương Thủy', 89, 90), progress('Hương Trà', 178, 180), progress('A Lưới', 897, 900)],
      expected: [
        ['A Lưới', 1],
        ['Hương Thủy', 2],
        ['Hương Trà', 2],
      ],
    },
    {
      case: 'a unit past its target ranks above one that met it exactly',
      units: [progress('Đông', 50, 50), progress('Bắc', 51, 50)],
      expected: [
        ['Bắc', 1],
        ['Đông', 2],
      ],
    },
  ])('$case', ({ units, expected }) => {
    expect(rankByProgress(units).map((r) => [r.name, r.rank])).toEqual(expected);
  });
});
