import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { crosswalkRows } from '../src/present/crosswalk.ts';
import { eventList } from '../src/present/event-list.ts';
import { eventView } from '../src/present/event-page.ts';
import { unitChanges } from '../src/present/unit-changes.ts';
import { unitIndex } from '../src/present/unit-index.ts';
import { unitView } from '../src/present/unit-view.ts';
import { unitNarrative } from '../src/present/narrative/unit.ts';
import { fixture, loadFiles } from './helpers.ts';

/**
 * tests/fixtures/renames, after the city of Huế: the province "Đảng bộ tỉnh Sông" became
 * "Đảng bộ thành phố Sông" on 01/01/2025, the same day the old district-level "Đảng bộ thành phố
 * Sông" became "Đảng bộ quận Bến", which ended on 01/07/2025.
 */
const loaded = await load(fixture('renames'));
if (!loaded.province) throw new Error('the renames fixture must load');
const province = loaded.province;
const fact = (eventId: string, label: string) =>
  eventView(province, eventId).facts.find((f) => f.label === label);

describe('event pages name units as they were called then, and say what they are called now', () => {
  test('a 2020 event names the old city and the province by their names of 2020, then their later names', () => {
    expect(eventView(province, 'C1').narrative).toEqual([
      'Ngày 01/05/2020, theo văn bản số 05-QĐ/TU, điều chuyển Đảng bộ xã Bình từ Đảng bộ thành phố Sông về trực thuộc Đảng bộ huyện Núi.',
      'Sau khi điều chuyển, số tổ chức đảng trực thuộc Đảng bộ huyện Núi tăng từ 0 lên 1; số tổ chức đảng trực thuộc Đảng bộ thành phố Sông giảm từ 2 xuống 1.',
      expect.any(String),
      'Đảng bộ thành phố Sông sau đổi tên thành Đảng bộ quận Bến.',
    ]);
  });

  test.each([
    ['R1', 'Đảng bộ tỉnh Sông đổi tên thành Đảng bộ thành phố Sông'],
    ['R2', 'Đảng bộ thành phố Sông đổi tên thành Đảng bộ quận Bến'],
  ])('the rename %s says "X đổi tên thành Y" with the names of that moment', (eventId, words) => {
    const [first, second] = eventView(province, eventId).narrative;
    expect(first).toContain(`, ${words}.`);
    expect(second).toBe('Tên mới có hiệu lực từ ngày 01/01/2025.');
  });

  test.each([
    // event, fact, value
    ['C1', 'Đơn vị cấp trên', 'Đảng bộ huyện Núi'],
    ['R1', 'Đơn vị sau sắp xếp', 'Đảng bộ thành phố Sông'],
    ['R2', 'Đơn vị cấp trên', 'Đảng bộ thành phố Sông'],
    ['R2', 'Đơn vị sau sắp xếp', 'Đảng bộ quận Bến'],
    ['T1', 'Đơn vị cấp trên', 'Đảng bộ thành phố Sông'],
  ])('%s: "%s" is %s', (eventId, label, value) => {
    expect(fact(eventId, label)?.value).toBe(value);
  });

  test('the units table gives a renamed unit its name before, its later name, and "đổi tên thành"', () => {
    const [row] = eventView(province, 'R1').units?.rows ?? [];
    expect(row?.[0]?.text).toBe('Đảng bộ tỉnh Sông (nay là Đảng bộ thành phố Sông)');
    expect(row?.[3]?.text).toBe('đổi tên thành Đảng bộ thành phố Sông');
    const [moved] = eventView(province, 'C1').units?.rows ?? [];
    expect(moved?.[2]?.text).toBe('Đảng bộ thành phố Sông (sau là Đảng bộ quận Bến)');
  });

  test('the event list labels each event’s committee with its name then and its name now', () => {
    const items = eventList(province).years.flatMap((y) =>
      y.days.flatMap((d) => d.decisions.flatMap((g) => g.items)),
    );
    const parent = (id: string) => items.find((i) => i.id === id)?.parent.label;
    expect(parent('R1')).toBe('Đảng bộ thành phố Sông');
    expect(parent('C1')).toBe('Đảng bộ huyện Núi');
    expect(parent('R2')).toBe('Đảng bộ thành phố Sông');
  });
});

describe('a unit’s page and the unit index list its former names', () => {
  test.each([
    [
      'P',
      [
        'Tên trước đây: Đảng bộ tỉnh Sông (đến 31/12/2024); từ ngày 01/01/2025 đổi tên thành Đảng bộ thành phố Sông',
      ],
    ],
    [
      'D',
      [
        'Tên trước đây: Đảng bộ thành phố Sông (đến 31/12/2024); từ ngày 01/01/2025 đổi tên thành Đảng bộ quận Bến',
        // A district-level committee ends its activity; only grassroots organizations are dissolved.
        'Kết thúc hoạt động ngày 01/07/2025',
      ],
    ],
    // Moved out of the old city in 2020: named as it was called then, not as the ended district.
    ['B', ['Chuyển từ trực thuộc Đảng bộ thành phố Sông sang trực thuộc Đảng bộ huyện Núi ngày 01/05/2020']],
  ])('%s: %j', (unitId, lines) => {
    expect(unitChanges(province, unitId).map((c) => c.text)).toEqual(lines);
  });

  test('the index notes former names, so a reader who knows the old name finds the unit', () => {
    const notes = new Map(
      unitIndex(province)
        .groups.flatMap((g) => [g.heading, ...g.units])
        .map((e) => [e.link.label, e.note]),
    );
    // The note stands in parentheses after the name: none inside it.
    expect(notes.get('Đảng bộ thành phố Sông')).toBe('tên trước đây: Đảng bộ tỉnh Sông, đến 31/12/2024');
    expect(notes.get('Đảng bộ quận Bến')).toMatch(
      /^tên trước đây: Đảng bộ thành phố Sông, đến 31\/12\/2024; đã kết thúc hoạt động /,
    );
  });
});

test('the crosswalk gives the old name and old parent as they were just before the event', () => {
  const rows = crosswalkRows(province);
  expect(rows.find((r) => r[0] === 'B')?.slice(0, 3)).toEqual([
    'B',
    'Đảng bộ xã Bình',
    'Đảng bộ thành phố Sông',
  ]);
  expect(rows.find((r) => r[0] === 'D')?.slice(1, 3)).toEqual(['Đảng bộ quận Bến', 'Đảng bộ thành phố Sông']);
});

/**
 * After Phú Bài (Huế, 2025): the old ward "Đảng bộ phường Phú" (W) merged with the commune
 * "Đảng bộ xã Thủy" (C) into a new ward of the same name (N). Neither page may read as if the
 * ward merged into itself.
 */
describe('a unit merged into a namesake is told apart from it', async () => {
  const { province: namesake } = await loadFiles({
    'units.csv': [
      'id,name,parent_id,level,type,established,dissolved',
      'P,Đảng bộ thành phố Mẫu,,province,,,',
      'D,Đảng bộ thị xã Một,P,district,,,',
      'W,Đảng bộ phường Phú,D,grassroots,ward,,',
      'C,Đảng bộ xã Thủy,D,grassroots,commune,,',
      'N,Đảng bộ phường Phú,P,district,ward,2025-07-01,',
      'H,Đảng bộ huyện Hai,P,district,,,',
      'X,Đảng bộ xã Hai,P,district,commune,2025-07-01,',
    ].join('\n'),
    'restructurings.csv': [
      'id,date,effective_date,kind,title,parent_id,result_unit_id,status',
      'M,2025-06-24,2025-07-01,merge,"Hợp nhất phường Phú, xã Thủy thành Đảng bộ phường Phú",P,N,official',
      'E,2025-06-24,2025-07-01,dissolve,Kết thúc hoạt động Đảng bộ thị xã Một,P,,official',
      'K,2025-06-24,2025-07-01,merge,Đảng bộ huyện Hai kết thúc hoạt động; thành lập Đảng bộ xã Hai,P,X,official',
    ].join('\n'),
    'restructuring_units.csv': 'restructuring_id,unit_id,previous_parent_id\nM,W,D\nM,C,D\nE,D,P\nK,H,P\n',
    'members.csv': 'unit_id,year,members\nW,2024,300\nC,2024,200\nN,2025,510\nH,2024,90\nX,2025,95\n',
  });
  if (!namesake) throw new Error('the namesake data must load');

  test.each([
    ['W', 'Hợp nhất cùng Đảng bộ xã Thủy thành Đảng bộ phường Phú (mới) ngày 01/07/2025'],
    ['C', 'Hợp nhất cùng Đảng bộ phường Phú (cũ) thành Đảng bộ phường Phú (mới) ngày 01/07/2025'],
    [
      'N',
      'Thành lập ngày 01/07/2025 trên cơ sở hợp nhất Đảng bộ phường Phú (cũ) và Đảng bộ xã Thủy, trực thuộc Đảng bộ thành phố Mẫu',
    ],
    // One unit carried on as a new one: nothing to merge it "with".
    ['H', 'Hợp nhất vào Đảng bộ xã Hai ngày 01/07/2025'],
    ['X', 'Thành lập ngày 01/07/2025 trên cơ sở Đảng bộ huyện Hai, trực thuộc Đảng bộ thành phố Mẫu'],
  ])('the change line of %s says “%s”', (unitId, line) => {
    expect(unitChanges(namesake, unitId).map((c) => c.text)).toEqual([line]);
  });

  test.each([
    ['W', [{ lead: 'Đơn vị kế tục là', labels: ['Đảng bộ phường Phú (mới)'], tail: '' }]],
    ['C', [{ lead: 'Đơn vị kế tục là', labels: ['Đảng bộ phường Phú'], tail: '' }]],
    [
      'N',
      [
        {
          lead: 'Các tổ chức đảng đã hợp nhất vào Đảng bộ phường Phú:',
          labels: ['Đảng bộ phường Phú (cũ)', 'Đảng bộ xã Thủy'],
          tail: '',
        },
      ],
    ],
  ])(
    '%s links its successor or predecessors, a namesake marked, no colon before one name',
    (unitId, lines) => {
      const lineage = unitView(namesake, unitId).lineage.map((l) => ({
        lead: l.lead,
        labels: l.units.map((u) => u.label),
        tail: l.tail,
      }));
      expect(lineage).toEqual(lines);
    },
  );

  test('the event page tells the old ward from the new one', () => {
    const view = eventView(namesake, 'M');
    expect(view.narrative[0]).toBe(
      'Ngày 24/06/2025, hợp nhất Đảng bộ phường Phú (cũ) và Đảng bộ xã Thủy thành Đảng bộ phường Phú (mới), trực thuộc Đảng bộ thành phố Mẫu.',
    );
    expect(view.units?.rows.map((r) => [r[0]?.text, r[3]?.text])).toEqual([
      ['Đảng bộ phường Phú (cũ)', 'hợp nhất vào Đảng bộ phường Phú (mới)'],
      ['Đảng bộ xã Thủy', 'hợp nhất vào Đảng bộ phường Phú (mới)'],
    ]);
  });

  test('the summary and the unit index name the new ward as the new one', () => {
    expect(unitNarrative(namesake, 'W').join('\n')).toContain(
      'Đảng bộ phường Phú đã hợp nhất vào Đảng bộ phường Phú (mới) ngày 01/07/2025;',
    );
    const notes = new Map(
      unitIndex(namesake)
        .groups.flatMap((g) => [g.heading, ...g.units])
        .map((e) => [e.link.path, e.note]),
    );
    expect(notes.get('don-vi/w/')).toBe('đã hợp nhất vào Đảng bộ phường Phú mới 01/07/2025');
    expect(notes.get('don-vi/c/')).toBe('đã hợp nhất vào Đảng bộ phường Phú 01/07/2025');
  });
});
