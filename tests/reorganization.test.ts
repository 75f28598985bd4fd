import { describe, expect, test } from 'vitest';
import { levelAt } from '../src/model/organizations.ts';
import { buildTree, type Tree } from '../src/model/tree.ts';
import { toUnit } from '../src/model/units.ts';
import { readDataset } from '../src/read/dataset.ts';
import { formatProblem } from '../src/problems.ts';
import { dataDir, loadFiles } from './helpers.ts';

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
  'restructuring_units.csv': `${LISTED}M,X,D,grassroots,Đảng bộ phường Tứ Hạ\nM,Y,D,,\n`,
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

const summarize = (problems: readonly { severity: string; code: string; file: string; line?: number }[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}`);

const TREE = [
  'id,name,parent_id,level,type,established,dissolved',
  'P,Đảng bộ tỉnh Mẫu,,province,,,',
  'D,Đảng bộ huyện Một,P,district,,,',
];
const withTree = (...rows: string[]) => [...TREE, ...rows].join('\n');

describe('a reorganization that holds together builds without a word', () => {
  test.each([
    ['two provinces merged into a new one, old units recording their last day', PROVINCES],
    ['a commune turned commune committee, absorbing a neighbour', COMMUNE_COMMITTEE],
    [
      'a merged commune whose dissolved date is the day before the merger (the issue’s case)',
      {
        'units.csv': withTree('G1,Xã Một,D,grassroots,,,30/06/2025', 'G2,Xã Hai,D,grassroots,,,'),
        'restructurings.csv': `${EVENTS}M,01/07/2025,,merge,Hợp nhất,D,G2\n`,
        'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\n`,
      },
    ],
  ])('%s', async (_name, files) => {
    const { problems, province } = await loadFiles(files);
    expect(summarize(problems)).toEqual([]);
    expect(province?.root.id).toBe(files === PROVINCES ? 'N' : 'P');
  });
});

describe('each new way to be inconsistent is named on its row', () => {
  test.each([
    [
      'two provinces alive today',
      { 'units.csv': withTree('Q,Đảng bộ tỉnh Khác,,province,,,') },
      ['error two-roots units.csv:4'],
    ],
    [
      'an old province that ended without a merger into today’s',
      { 'units.csv': withTree('Q,Đảng bộ tỉnh Cũ,,province,,,30/06/2025') },
      ['error root-not-merged units.csv:4'],
    ],
    [
      'an old province merged into another old one that also ended',
      {
        'units.csv': withTree('Q,Tỉnh Cũ,,province,,,', 'R,Tỉnh Cũ Hai,,province,,,30/06/2025'),
        'restructurings.csv': `${EVENTS}M,01/01/2020,,merge,Sáp nhập,,R\n`,
        'restructuring_units.csv': `${LISTED}M,Q,,,\nM,R,,,\n`,
      },
      ['error root-not-merged units.csv:4', 'error root-not-merged units.csv:5'],
    ],
    [
      'an empty parent_id on an event that is not about roots',
      {
        'units.csv': withTree('G1,Xã Một,D,grassroots,,,'),
        'restructurings.csv': `${EVENTS}T,01/07/2025,,transfer,Chuyển,,\n`,
        'restructuring_units.csv': `${LISTED}T,G1,D,,\n`,
      },
      ['error missing-value restructurings.csv:2'],
    ],
    [
      'A merged into B, then B merged into A',
      {
        'units.csv': withTree('A,Xã A,D,grassroots,,,', 'B,Xã B,D,grassroots,,,'),
        'restructurings.csv': `${EVENTS}M1,01/01/2020,,merge,A vào B,D,B\nM2,01/01/2021,,merge,B vào A,D,A\n`,
        'restructuring_units.csv': `${LISTED}M1,A,,,\nM1,B,,,\nM2,B,,,\nM2,A,,,\n`,
      },
      [
        'error merge-cycle restructuring_units.csv:4',
        'error moved-after-dissolution restructuring_units.csv:5',
      ],
    ],
    ...[
      ['31', '01/08/2025', []],
      ['32', '02/08/2025', ['error date-gap units.csv:5']],
    ].map(([days, established, expected]): [string, Record<string, string>, string[]] => [
      `a merger’s new unit established ${String(days)} days after the effective date`,
      {
        'units.csv': withTree('G1,Xã Một,D,grassroots,,,', `N,Xã Mới,D,grassroots,,${String(established)},`),
        'restructurings.csv': `${EVENTS}M,20/06/2025,01/07/2025,merge,Hợp nhất,D,N\n`,
        'restructuring_units.csv': `${LISTED}M,G1,,,\n`,
      },
      expected as string[],
    ]),
    [
      'a merged unit dissolved 32 days before the merger',
      {
        'units.csv': withTree('G1,Xã Một,D,grassroots,,,30/05/2025', 'G2,Xã Hai,D,grassroots,,,'),
        'restructurings.csv': `${EVENTS}M,01/07/2025,,merge,Hợp nhất,D,G2\n`,
        'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\n`,
      },
      ['error date-gap units.csv:4'],
    ],
    [
      'a level change its children cannot sit under (a chi bộ before, with a chi bộ under it)',
      {
        'units.csv': withTree('G1,Đảng bộ xã Một,D,grassroots,,,', 'C,Chi bộ thôn,G1,cell,,,'),
        'restructurings.csv': `${EVENTS}R,01/07/2025,,rename,Nâng cấp,D,\n`,
        'restructuring_units.csv': `${LISTED}R,G1,,cell,Chi bộ xã Một\n`,
      },
      ['error level-change-conflict restructuring_units.csv:2'],
    ],
    [
      'a previous level the parent before the event cannot hold (a cấp trên cơ sở under a district)',
      {
        'units.csv': withTree('X,Đảng bộ phường Mới,P,district,ward,,'),
        'restructurings.csv': `${EVENTS}T,01/07/2025,,transfer,Lên trực thuộc tỉnh,P,\n`,
        'restructuring_units.csv': `${LISTED}T,X,D,district,\n`,
      },
      ['error parent-level restructuring_units.csv:2', 'warning level-unchanged restructuring_units.csv:2'],
    ],
    [
      'a level change the parent after the event cannot hold',
      {
        'units.csv': withTree('G1,Đảng bộ xã Một,D,grassroots,,,', 'G2,Đảng bộ xã Hai,D,grassroots,,,'),
        'restructurings.csv': `${EVENTS}T,01/07/2025,,transfer,Chuyển,G1,\nT2,01/08/2025,,transfer,Về huyện,D,\n`,
        'restructuring_units.csv': `${LISTED}T,G2,D,cell,\nT2,G2,G1,,\n`,
      },
      // Both rows state it: G2 became a grassroots organization under one, and was moved from it.
      [
        'error level-change-conflict restructuring_units.csv:2',
        'error parent-level restructuring_units.csv:3',
      ],
    ],
  ])('%s', async (_name, files, expected) => {
    const { problems, province } = await loadFiles(files);
    expect(summarize(problems)).toEqual(expected);
    expect(province === undefined).toBe(expected.length > 0);
  });

  test.each([
    [
      'a rename without a previous name',
      `${LISTED}R,G1,,,\n`,
      'Đảng bộ xã Một',
      ['warning rename-without-previous-name restructuring_units.csv:2'],
    ],
    [
      'a rename that lists no unit',
      LISTED,
      'Đảng bộ xã Một',
      ['warning rename-without-previous-name restructurings.csv:2'],
    ],
    [
      'a previous name equal to the name after the rename',
      `${LISTED}R,G1,,,Đảng bộ xã Một\n`,
      'Đảng bộ xã Một',
      ['warning name-unchanged restructuring_units.csv:2'],
    ],
    [
      'a previous level equal to the level after the event',
      `${LISTED}R,G1,,grassroots,Xã Cũ\n`,
      'Đảng bộ xã Một',
      ['warning level-unchanged restructuring_units.csv:2'],
    ],
  ])('%s is a warning', async (_name, listed, name, expected) => {
    const { problems, province } = await loadFiles({
      'units.csv': withTree(`G1,${name},D,grassroots,,,`),
      'restructurings.csv': `${EVENTS}R,01/07/2025,,rename,Đổi tên,D,\n`,
      'restructuring_units.csv': listed,
    });
    expect(summarize(problems)).toEqual(expected);
    expect(province).toBeDefined();
  });

  test('an effective date before the decision date is a warning, in Vietnamese with file, line, column and what to do', async () => {
    const { problems } = await loadFiles({
      'units.csv': withTree('G1,Xã Một,D,grassroots,,,', 'G2,Xã Hai,D,grassroots,,,'),
      'restructurings.csv': `${EVENTS}M,01/07/2025,30/06/2025,merge,Hợp nhất,D,G2\n`,
      'restructuring_units.csv': `${LISTED}M,G1,,,\nM,G2,,,\n`,
    });
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^restructurings\.csv:2:3 cột effective_date: "30\/06\/2025" ngày hiệu lực 30\/06\/2025 trước ngày ban hành quyết định 01\/07\/2025.*Cách sửa: /,
      ),
    ]);
  });
});
