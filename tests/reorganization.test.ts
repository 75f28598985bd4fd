import { describe, expect, test } from 'vitest';
import { levelAt } from '../src/model/organizations.ts';
import { buildTree, type Tree } from '../src/model/tree.ts';
import { toUnit } from '../src/model/units.ts';
import { readDataset } from '../src/read/dataset.ts';
import { dataDir } from './helpers.ts';

/**
 * The tree across a reorganization (contract v2 A.1–A.4), read from CSV as an office writes it
 * and replayed without validation: each case is one mechanism.
 */
const EVENTS = 'id,date,effective_date,kind,title,parent_id,result_unit_id\n';
const LISTED = 'restructuring_id,unit_id,previous_parent_id,previous_level,previous_name\n';

async function treeOf(files: Record<string, string>): Promise<Tree> {
  const { data } = await readDataset(dataDir(files));
  return buildTree(data.units.map(toUnit), data);
}

/** Two provinces merged on 01/07/2025 into a new one; each old commune recorded its last day. */
const PROVINCES = {
  'units.csv': [
    'id,name,parent_id,level,type,established,dissolved',
    'A,Đảng bộ tỉnh An,,province,,,30/06/2025',
    'B,Đảng bộ tỉnh Bình,,province,,,30/06/2025',
    'N,Đảng bộ tỉnh Mới,,province,,01/07/2025,',
    'A1,Đảng bộ huyện An Một,N,district,,,',
    'B1,Đảng bộ huyện Bình Một,N,district,,,',
  ].join('\n'),
  'restructurings.csv': `${EVENTS}M,20/06/2025,01/07/2025,merge,Hợp nhất hai tỉnh,,N\nT,20/06/2025,01/07/2025,transfer,Chuyển các huyện,N,\n`,
  'restructuring_units.csv': `${LISTED}M,A,,,\nM,B,,,\nT,A1,A,,\nT,B1,B,,\n`,
};

describe('several roots over time, one today (A.1)', () => {
  test.each([
    // date, roots then
    ['2025-06-30', ['A', 'B']],
    ['2025-07-01', ['N']],
    ['2026-01-01', ['N']],
  ])('the roots on %s are %j', async (date, roots) => {
    const tree = await treeOf(PROVINCES);
    expect(tree.rootsAt(date).map((u) => u.id)).toEqual(roots);
  });

  test.each([
    ['A1', '2025-06-30', 'A'],
    ['A1', '2025-07-01', 'N'],
    ['B1', '2025-06-30', 'B'],
    ['B1', '2025-07-01', 'N'],
  ])('%s on %s sits under %s', async (unit, date, parent) => {
    const tree = await treeOf(PROVINCES);
    expect(tree.parentAt(unit, date)).toBe(parent);
  });

  test('an absorbed province ends while the one it merges into carries on as a root', async () => {
    const tree = await treeOf({
      'units.csv': [
        'id,name,parent_id,level,type,established,dissolved',
        'A,Đảng bộ tỉnh An,,province,,,',
        'B,Đảng bộ tỉnh Bình,,province,,,30/06/2025',
      ].join('\n'),
      'restructurings.csv': `${EVENTS}M,01/07/2025,,merge,Sáp nhập tỉnh Bình vào tỉnh An,,A\n`,
      'restructuring_units.csv': `${LISTED}M,A,,,\nM,B,,,\n`,
    });
    expect(tree.rootsAt('2025-06-30').map((u) => u.id)).toEqual(['A', 'B']);
    expect(tree.rootsAt('2025-07-01').map((u) => u.id)).toEqual(['A']);
    expect(tree.changes('A')).toEqual([]);
    expect(tree.changes('B').map((c) => c.role)).toEqual(['ends']);
  });
});

/**
 * A commune turned into a commune committee (cấp trên cơ sở) directly under the province on
 * 01/07/2025, absorbing a neighbour; its cell moves up with it.
 */
const COMMUNE_COMMITTEE = {
  'units.csv': [
    'id,name,parent_id,level,type,established,dissolved',
    'P,Thành phố Huế,,province,,,',
    'D,Đảng bộ thị xã Hương Trà,P,district,,,30/06/2025',
    'X,Đảng bộ phường Hương Trà,P,district,ward,,',
    'Y,Đảng bộ xã Hương Vân,D,grassroots,commune,,30/06/2025',
    'C,Chi bộ thôn 1,X,cell,,,',
  ].join('\n'),
  'restructurings.csv': `${EVENTS}M,16/06/2025,01/07/2025,merge,Thành lập Đảng bộ phường Hương Trà,P,X\n`,
  'restructuring_units.csv': `${LISTED}M,X,D,grassroots,Đảng bộ phường Tứ Hạ\nM,Y,,,\n`,
};

describe('levels and names over time (A.2, A.3)', () => {
  test.each([
    // unit, date, level, name, parent
    ['X', '2025-06-30', 'grassroots', 'Đảng bộ phường Tứ Hạ', 'D'],
    ['X', '2025-07-01', 'district', 'Đảng bộ phường Hương Trà', 'P'],
    ['C', '2025-06-30', 'cell', 'Chi bộ thôn 1', 'X'],
  ])('%s on %s: level %s, name %s, under %s', async (unit, date, level, name, parent) => {
    const tree = await treeOf(COMMUNE_COMMITTEE);
    expect([tree.levelAt(unit, date), tree.nameAt(unit, date), tree.parentAt(unit, date)]).toEqual([
      level,
      name,
      parent,
    ]);
  });

  test('the result unit listed in restructuring_units.csv carries on: its row records where it was, and never ends it', async () => {
    const tree = await treeOf(COMMUNE_COMMITTEE);
    expect(tree.existsAt('X', '2025-07-01')).toBe(true);
    expect(tree.endedAt('X')).toBeUndefined();
    expect(tree.changes('X').map((c) => [c.role, c.before, c.after])).toEqual([['continues', 'D', 'P']]);
    expect(tree.levelChanges('X')).toMatchObject([
      { before: 'grassroots', after: 'district', date: '2025-07-01' },
    ]);
  });

  test('grassroots organizations are counted by the level of their date: the commune before, its cell after', async () => {
    const tree = await treeOf(COMMUNE_COMMITTEE);
    const x = tree.units.get('X');
    if (!x) throw new Error('X is in units.csv');
    expect(levelAt(tree, x, '2025-06-30')).toBe('grassroots');
    expect(levelAt(tree, x, '2025-07-01')).toBe('district');
  });

  test.each([
    // a rename, then with a level change; date, name, level
    ['rename', '', '2024-12-31', 'Đảng bộ tỉnh Thừa Thiên Huế', 'province'],
    ['rename', '', '2025-01-01', 'Đảng bộ thành phố Huế', 'province'],
    ['rename with a level change', 'district', '2024-12-31', 'Đảng bộ tỉnh Thừa Thiên Huế', 'district'],
    ['rename with a level change', 'district', '2025-01-01', 'Đảng bộ thành phố Huế', 'province'],
  ])(
    'a %s (previous level %j): on %s the unit is %s, at level %s',
    async (_name, previousLevel, date, name, level) => {
      const tree = await treeOf({
        'units.csv': 'id,name,parent_id,level\nH,Đảng bộ thành phố Huế,,province\n',
        'restructurings.csv': `${EVENTS}R,30/11/2024,01/01/2025,rename,Thành phố Huế trực thuộc Trung ương,,\n`,
        'restructuring_units.csv': `${LISTED}R,H,,${previousLevel},Đảng bộ tỉnh Thừa Thiên Huế\n`,
      });
      expect([tree.nameAt('H', date), tree.levelAt('H', date)]).toEqual([name, level]);
      expect(tree.changes('H')).toEqual([]);
    },
  );

  test('a rename under a committee keeps the unit where it is', async () => {
    const tree = await treeOf({
      'units.csv':
        'id,name,parent_id,level\nP,Tỉnh,,province\nD,Huyện,P,district\nG,Đảng bộ xã Mới,D,grassroots\n',
      'restructurings.csv': `${EVENTS}R,01/03/2024,,rename,Đổi tên xã,D,\n`,
      'restructuring_units.csv': `${LISTED}R,G,,,Đảng bộ xã Cũ\n`,
    });
    expect([tree.parentAt('G', '2024-02-29'), tree.parentAt('G', '2024-03-01')]).toEqual(['D', 'D']);
    expect([tree.nameAt('G', '2024-02-29'), tree.nameAt('G', '2024-03-01')]).toEqual([
      'Đảng bộ xã Cũ',
      'Đảng bộ xã Mới',
    ]);
  });
});

describe('effective date and the 31-day tolerance (A.4)', () => {
  const units = (dissolved: string) =>
    [
      'id,name,parent_id,level,type,established,dissolved',
      'P,Tỉnh,,province,,,',
      'D,Huyện,P,district,,,',
      `G1,Đảng bộ xã Một,D,grassroots,,,${dissolved}`,
      'G2,Đảng bộ xã Hai,D,grassroots,,,',
    ].join('\n');

  test.each([
    // decision date, effective date, the day G1 is gone
    ['01/07/2025', '', '2025-07-01'],
    ['20/06/2025', '01/07/2025', '2025-07-01'],
  ])('a merge decided %s, effective %j, changes the tree on %s', async (date, effective, gone) => {
    const tree = await treeOf({
      'units.csv': units(''),
      'restructurings.csv': `${EVENTS}M,${date},${effective},merge,Hợp nhất,D,G2\n`,
      'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\n`,
    });
    expect(tree.moment('M')?.date).toBe(gone);
    const dayBefore = new Date(Date.parse(`${gone}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect([tree.existsAt('G1', dayBefore), tree.existsAt('G1', gone)]).toEqual([true, false]);
  });

  test.each([
    // units.csv dissolved, where the unit's end falls
    ['30/06/2025', '2025-07-01'], // the old unit's last day: the merger decides
    ['31/05/2025', '2025-07-01'], // 31 days before: still the merger
    ['30/05/2025', '2025-05-30'], // 32 days: units.csv wins, and validation reports the gap
    ['01/08/2025', '2025-07-01'], // 31 days after
    ['02/08/2025', '2025-08-02'], // 32 days after
  ])('a merged unit dissolved %s ends on %s', async (dissolved, end) => {
    const tree = await treeOf({
      'units.csv': units(dissolved),
      'restructurings.csv': `${EVENTS}M,20/06/2025,01/07/2025,merge,Hợp nhất,D,G2\n`,
      'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\n`,
    });
    expect(tree.endedAt('G1')?.date).toBe(end);
  });

  test('a merge’s new unit established within 31 days starts with the merger, so the merged units never hang under nothing', async () => {
    const tree = await treeOf({
      'units.csv': [
        'id,name,parent_id,level,type,established,dissolved',
        'P,Tỉnh,,province,,,',
        'D,Huyện,P,district,,,',
        'G1,Đảng bộ xã Một,D,grassroots,,,30/06/2025',
        'G2,Đảng bộ xã Hai,D,grassroots,,,30/06/2025',
        'N,Đảng bộ xã Mới,D,grassroots,,02/07/2025,',
        'C,Chi bộ thôn,N,cell,,,',
      ].join('\n'),
      'restructurings.csv': `${EVENTS}M,20/06/2025,01/07/2025,merge,Hợp nhất,D,N\nT,20/06/2025,01/07/2025,transfer,Chuyển chi bộ,N,\n`,
      'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\nT,C,G1,,\n`,
    });
    expect(tree.startedAt('N')?.date).toBe('2025-07-01');
    expect(tree.childrenAt('N', '2025-07-01').map((u) => u.id)).toEqual(['C']);
    expect(tree.childrenAt('D', '2025-07-01').map((u) => u.id)).toEqual(['N']);
  });
});
