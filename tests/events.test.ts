import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { eventFigures } from '../src/model/events.ts';
import type { Province } from '../src/model/province.ts';
import { eventList } from '../src/present/event-list.ts';
import { eventView } from '../src/present/event-page.ts';
import { changeParts, unitChanges } from '../src/present/unit-changes.ts';
import { unitView } from '../src/present/unit-view.ts';
import { formatProblem } from '../src/problems.ts';
import { buildSite, type BuiltSite } from './e2e/harness.ts';
import { fixture, loadFiles } from './helpers.ts';

let province: Province;
let members: { unit_id: string; year: number; members: number }[];
beforeAll(async () => {
  const loaded = await load(fixture('restructuring'));
  if (!loaded.province) throw new Error('the restructuring fixture must be valid');
  province = loaded.province;
  members = loaded.data.members;
});

const count = (eventId: string, unitId: string) =>
  eventFigures(province, eventId).counts.find((c) => c.unitId === unitId);

describe('before and after each event', () => {
  test.each([
    // event, committee, directly subordinate units before, after
    ['TN-2011-CQDDT', 'TN', 46, 36],
    ['TN-2011-CQDDT', 'TN.CQDDT', undefined, 11],
    ['TN-2011-CQCQ', 'TN', 36, 27],
    ['TN-2011-CQCQ', 'TN.CQCQ', undefined, 10],
    ['TN-2015-HN', 'TN', 27, 26],
    ['TN-2016-GT', 'TN', 26, 25],
    ['KDN-2018-DC', 'KDN', 2, 3],
    ['KDN-2018-DC', 'TN', 25, 24],
  ])('%s: %s goes from %s to %s directly subordinate units', (eventId, unitId, before, after) => {
    expect(count(eventId, unitId)).toEqual({ unitId, before, after });
  });

  test('members and cells covered are the moved units’ latest figures up to the event year', () => {
    const dt = members.filter((r) => r.unit_id.startsWith('TN.DT') && r.year === 2011);
    expect(dt).toHaveLength(11);
    const covered = eventFigures(province, 'TN-2011-CQDDT').covered;
    expect(covered).toEqual({
      units: 11,
      members: dt.reduce((s, r) => s + r.members, 0),
      membersReporting: 11,
      cells: 11, // each moved unit is itself a chi bộ
      cellsReporting: 11,
      years: [2011, 2011],
    });
    // The merged wards have no 2015 row (merged on 01/07/2015): their 2014 figures count.
    const merged = eventFigures(province, 'TN-2015-HN').covered;
    const wards = members.filter((r) => ['TN.P08', 'TN.P09'].includes(r.unit_id) && r.year === 2014);
    expect(merged.members).toBe(wards.reduce((s, r) => s + r.members, 0));
    expect(merged.years).toEqual([2014, 2014]);
  });

  test('the event view says what happened in Vietnamese, with the new committee’s sizes', () => {
    const view = eventView(province, 'TN-2011-CQCQ');
    expect(view.narrative).toEqual([
      'Ngày 17/08/2011, theo văn bản số 03-KH/BTCTU, thí điểm thành lập Đảng bộ Cơ quan chính quyền quận Thốt Nốt trực thuộc Đảng bộ quận Thốt Nốt, tiếp nhận 10 tổ chức đảng trước đây trực thuộc Đảng bộ quận Thốt Nốt.',
      'Sau khi thành lập Đảng bộ Cơ quan chính quyền quận Thốt Nốt, số tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt giảm từ 36 xuống 27. Đảng bộ Cơ quan chính quyền quận Thốt Nốt có 10 tổ chức đảng trực thuộc.',
      expect.stringMatching(
        /^Các tổ chức đảng trong đợt sắp xếp này có tổng cộng \d+ đảng viên và 10 chi bộ \(số liệu năm 2011\)\.$/,
      ),
      'Cấp ủy của Đảng bộ Cơ quan chính quyền quận Thốt Nốt: Ban Chấp hành 11 ủy viên, Ban Thường vụ 3 ủy viên và Ủy ban Kiểm tra 3 ủy viên.',
    ]);
    expect(view.facts).toContainEqual({ label: 'Trạng thái', value: 'Thí điểm', path: undefined });
    expect(view.facts).toContainEqual({
      label: 'Đơn vị cấp trên',
      value: 'Đảng bộ quận Thốt Nốt',
      path: 'don-vi/tn/',
    });
  });

  test.each([
    [
      'TN-2015-HN',
      'hợp nhất Đảng bộ phường Tân Hưng và Đảng bộ phường Thuận Hưng thành Đảng bộ phường Hưng Thuận',
    ],
    ['TN-2016-GT', 'giải thể Chi bộ Công ty Cổ phần Thủy sản Thốt Nốt (trực thuộc Đảng bộ quận Thốt Nốt)'],
    [
      'KDN-2018-DC',
      'điều chuyển Chi bộ Điện lực Thốt Nốt từ Đảng bộ quận Thốt Nốt về trực thuộc Đảng bộ Khối Doanh nghiệp thành phố',
    ],
  ])('%s is told as “%s”', (eventId, phrase) => {
    expect(eventView(province, eventId).narrative[0]).toContain(phrase);
  });

  test('the timeline lists events newest first, grouped by year, day and decision, same-day events in reverse file order', () => {
    const list = eventList(province);
    const ids = (g: (typeof list.years)[number]) =>
      g.days.flatMap((d) => d.decisions.flatMap((c) => c.items.map((i) => i.id)));
    expect(list.years.map((g) => [g.year, ids(g)])).toEqual([
      [2018, ['KDN-2018-DC']],
      [2016, ['TN-2016-GT']],
      [2015, ['TN-2015-HN']],
      [2011, ['TN-2011-CQCQ', 'TN-2011-CQDDT']],
    ]);
    const pilot = list.years.at(-1)?.days[0];
    expect(pilot?.heading).toBe('Ngày 17/08/2011: 2 sự kiện');
    expect(pilot?.decisions.map((d) => [d.heading, d.open])).toEqual([
      ['Quyết định 03-KH/BTCTU (2 sự kiện)', true],
    ]);
    // Two events on a day are no large reorganization.
    expect(pilot?.summary).toBeUndefined();
    expect(list.kinds.map((k) => k.value)).toEqual(['pilot_committee', 'merge', 'dissolve', 'transfer']);
    expect(list.statuses).toEqual([
      { value: 'pilot', label: 'Thí điểm', count: 2 },
      { value: 'official', label: 'Chính thức', count: 3 },
    ]);
  });

  test('the unit filter offers today’s committees, each with the events that concern it', () => {
    const { units } = eventList(province);
    // By name: Khối Doanh nghiệp, quận Thốt Nốt, thành phố Cần Thơ (every event is in the city).
    expect(units.map((u) => [u.value, u.count])).toEqual([
      ['KDN', 1],
      ['TN', 5],
      ['CT', 5],
    ]);
  });

  test.each([
    [
      'TN.P08',
      'Hợp nhất cùng Đảng bộ phường Thuận Hưng thành Đảng bộ phường Hưng Thuận ngày 01/07/2015',
      'sap-xep/tn-2015-hn/',
    ],
    ['TN.S13', 'Giải thể ngày 15/03/2016', 'sap-xep/tn-2016-gt/'],
    [
      'TN.S14',
      'Chuyển từ trực thuộc Đảng bộ quận Thốt Nốt sang trực thuộc Đảng bộ Khối Doanh nghiệp thành phố ngày 10/01/2018',
      'sap-xep/kdn-2018-dc/',
    ],
    [
      'TN.CQCQ',
      'Thành lập thí điểm ngày 17/08/2011, trực thuộc Đảng bộ quận Thốt Nốt',
      'sap-xep/tn-2011-cqcq/',
    ],
  ])('the page of %s says “%s” and links the event', (unitId, text, path) => {
    expect(unitChanges(province, unitId)).toEqual([{ text, event: { label: expect.any(String), path } }]);
  });
});

const UNITS = [
  'id,name,parent_id,level,established,dissolved',
  'P,Đảng bộ tỉnh Mẫu,,province,,',
  'D1,Đảng bộ huyện Một,P,district,,',
  'D2,Đảng bộ huyện Hai,P,district,,',
  'G1,Đảng bộ xã An,D1,grassroots,,',
  'G2,Đảng bộ xã Bình,D1,grassroots,,',
  'G3,Đảng bộ xã Cũ,D2,grassroots,,',
];
const withUnits = (...extra: string[]) => [...UNITS, ...extra].join('\n');
const EVENTS = 'id,date,kind,title,parent_id,result_unit_id\n';
const LISTED = 'restructuring_id,unit_id,previous_parent_id\n';
const summarize = (problems: readonly { severity: string; code: string; file: string; line?: number }[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}`);

describe('event checks: errors stop the build and name file and line', () => {
  test.each([
    [
      'a move from a parent the unit did not have then (the earlier event put it elsewhere)',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Một,D1,\nE2,01/01/2021,transfer,Về huyện Hai,D2,\n`,
        // E2 says G3 left the province; after E1 it was under D1.
        'restructuring_units.csv': `${LISTED}E1,G3,D2\nE2,G3,P\n`,
      },
      ['error wrong-previous-parent restructuring_units.csv:3'],
    ],
    [
      'a dissolution from a parent units.csv does not give the unit',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,dissolve,Giải thể,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,\n`,
      },
      ['error wrong-previous-parent restructuring_units.csv:2'],
    ],
    [
      'a move whose destination units.csv does not show as the parent now',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Một,D1,\n`,
        'restructuring_units.csv': `${LISTED}E1,G3,D2\n`,
      },
      ['error parent-now-differs restructuring_units.csv:2'],
    ],
    [
      'a unit moved after an event dissolved it',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,dissolve,Giải thể,D1,\nE2,01/01/2021,transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,\nE2,G1,D1\n`,
      },
      ['error moved-after-dissolution restructuring_units.csv:3'],
    ],
    [
      'a unit moved after its dissolution date in units.csv',
      {
        'units.csv': withUnits('G4,Chi bộ Cũ,D2,grassroots,,30/06/2019'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G4,D1\n`,
      },
      ['error moved-after-dissolution restructuring_units.csv:2'],
    ],
    [
      'a unit moved before it was established',
      {
        'units.csv': withUnits('G4,Chi bộ Mới,D2,grassroots,01/01/2022,'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G4,D1\n`,
      },
      ['error moved-before-establishment restructuring_units.csv:2'],
    ],
    [
      'a unit moved under a committee that does not exist yet (a second root)',
      {
        'units.csv': withUnits('D3,Đảng bộ huyện Mới,P,district,01/01/2021,', 'G4,Chi bộ,D3,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Mới,D3,\n`,
        'restructuring_units.csv': `${LISTED}E1,G4,D1\n`,
      },
      ['error two-roots-at-event restructuring_units.csv:2'],
    ],
    [
      'a dissolution that leaves its chi bộ under nothing, named once on the row that ends the unit',
      {
        'units.csv': withUnits('C1,Chi bộ thôn 1,G1,cell,,'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,dissolve,Giải thể,D1,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,\n`,
      },
      ['error dissolved-with-living-units restructuring_units.csv:2'],
    ],
    [
      'previous parents that point at each other (a cycle)',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Huyện Một về tỉnh,P,\nE2,01/01/2020,transfer,Huyện Hai về tỉnh,P,\n`,
        'restructuring_units.csv': `${LISTED}E1,D1,D2\nE2,D2,D1\n`,
      },
      [
        'error cycle-at-event restructuring_units.csv:2',
        'error parent-level restructuring_units.csv:2',
        'error parent-level restructuring_units.csv:3',
      ],
    ],
    [
      "an ended unit whose dissolved date in units.csv is more than 31 days after its event's date (contract v2 A.4)",
      {
        'units.csv': withUnits().replace(
          'G2,Đảng bộ xã Bình,D1,grassroots,,',
          'G2,Đảng bộ xã Bình,D1,grassroots,,30/06/2020',
        ),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,dissolve,Giải thể,D1,\n`,
        'restructuring_units.csv': `${LISTED}E1,G2,\n`,
      },
      ['error date-gap units.csv:6'],
    ],
    [
      'a unit created by two events',
      {
        'units.csv': withUnits('G4,Đảng bộ Mới,D1,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,establish,Thành lập,D1,G4\nE2,01/01/2021,establish,Thành lập lại,D1,G4\n`,
      },
      ['error created-twice restructurings.csv:3'],
    ],
  ])('%s', async (_name, files, expected) => {
    const { problems, province: p } = await loadFiles(files);
    expect(p).toBeUndefined();
    expect(summarize(problems.filter((x) => x.severity === 'error'))).toEqual(expected);
  });

  test('a message names file, line, column, key and value, in Vietnamese with the English meaning', async () => {
    const { problems } = await loadFiles({
      'units.csv': withUnits(),
      'restructurings.csv': `${EVENTS}E1,01/01/2020,transfer,Về huyện Một,D1,\nE2,01/01/2021,transfer,Về huyện Hai,D2,\n`,
      'restructuring_units.csv': `${LISTED}E1,G3,D2\nE2,G3,P\n`,
    });
    expect(problems.map(formatProblem)).toEqual([
      'restructuring_units.csv:3:3 cột previous_parent_id: "P" sau sự kiện E1 ngày 01/01/2020, đơn vị G3 trực thuộc D1, nhưng dòng này ghi đơn vị cấp trên trước là P (the unit\'s parent at that date was D1, not P). Cách sửa: Ghi D1 vào cột Đơn vị cấp trên trước (previous_parent_id), hoặc sửa sự kiện trước đó.',
    ]);
  });
});

describe('event checks: warnings let the build go on', () => {
  test.each([
    [
      "a new unit whose established date in units.csv differs from its event's date",
      {
        'units.csv': withUnits('G4,Đảng bộ Mới,D1,grassroots,01/03/2020,'),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,establish,Thành lập,D1,G4\n`,
      },
      ['warning established-differs restructurings.csv:2'],
    ],
    [
      'statistics of a unit after the merge that ended it, reported once',
      {
        'units.csv': withUnits(),
        'restructurings.csv': `${EVENTS}E1,01/01/2020,merge,Sáp nhập,D1,G1\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,\nE1,G2,\n`,
        'members.csv': 'unit_id,year,members\nG2,2019,10\nG2,2020,10\n',
      },
      ['warning after-dissolution members.csv:3'],
    ],
  ])('%s', async (_name, files, expected) => {
    const { problems, province: p } = await loadFiles(files);
    expect(p).toBeDefined();
    expect(summarize(problems)).toEqual(expected);
  });
});

describe('the fixture site', () => {
  let site: BuiltSite;
  const page = (path: string) => readFileSync(join(site.dir, path, 'index.html'), 'utf8');
  const text = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  beforeAll(async () => {
    // Under a sub-path, so that a link written without href() fails. Vitest puts BASE_URL='/' in
    // the environment the build inherits, and Astro would take it over the base: set it too.
    site = await buildSite('restructuring', { BASE_PATH: '/thong-ke/', BASE_URL: '/thong-ke/' });
  }, 300_000);
  afterAll(() => site.remove());

  test('the pilot pages show 46 → 36 and 36 → 27 and link the units involved', () => {
    const first = page('sap-xep/tn-2011-cqddt');
    expect(text(first)).toContain('số tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt giảm từ 46 xuống 36');
    expect(first).toContain('href="/thong-ke/don-vi/tn/"');
    expect(first).toContain('href="/thong-ke/don-vi/tn.cqddt/"');
    const second = page('sap-xep/tn-2011-cqcq');
    expect(text(second)).toContain('giảm từ 36 xuống 27');
    expect(text(second)).toMatch(/Đảng bộ quận Thốt Nốt 36 27 −9/);
    expect(text(second)).toContain('Ban Chấp hành 11 ủy viên');
  });

  test('the merge page links the merged wards and the new one', () => {
    const html = page('sap-xep/tn-2015-hn');
    for (const id of ['tn.p08', 'tn.p09', 'tn.p10']) expect(html).toContain(`href="/thong-ke/don-vi/${id}/"`);
    expect(text(html)).toContain('01/07/2015');
  });

  test('the timeline lists every event with kind and status, filterable by an external script', () => {
    const html = page('sap-xep');
    expect(html.match(/<li data-kind="/g)).toHaveLength(5);
    expect(html).toContain('data-kind="merge" data-status="official"');
    expect(text(html)).toContain('Tổ chức đảng trực thuộc Đảng bộ quận Thốt Nốt: 46 → 36');
    // No JavaScript: the form stays hidden and every event is shown. With it, a bundled module.
    expect(html).toMatch(/<form[^>]*data-event-filter[^>]*hidden/);
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/src="\/thong-ke\/_astro\/[^"]+\.js"/);
  });

  test('unit pages link their events and say how a unit ended', () => {
    const district = page('don-vi/tn');
    for (const id of ['tn-2011-cqddt', 'tn-2011-cqcq', 'tn-2015-hn', 'tn-2016-gt', 'kdn-2018-dc']) {
      expect(district).toContain(`href="/thong-ke/sap-xep/${id}/"`);
    }
    const merged = page('don-vi/tn.p08');
    expect(text(merged)).toContain(
      'Hợp nhất cùng Đảng bộ phường Thuận Hưng thành Đảng bộ phường Hưng Thuận ngày 01/07/2015',
    );
    expect(merged).toContain('href="/thong-ke/sap-xep/tn-2015-hn/"');
    expect(page('don-vi/kdn')).toContain('href="/thong-ke/sap-xep/kdn-2018-dc/"');
  });

  test('an ended unit has a page with its own as-of date, its successor and no year after its end', () => {
    // A link ends where the sentence's full stop begins: text() leaves a space before it.
    const merged = text(page('don-vi/tn.p08')).replace(/ ([.,])/g, '$1');
    expect(merged).toContain('Số liệu tính đến 31/12/2014');
    expect(merged).toContain('Đơn vị kế tục là Đảng bộ phường Hưng Thuận.');
    expect(page('don-vi/tn.p08')).not.toMatch(/<th scope="row"[^>]*>2015<\/th>/);
    expect(text(page('don-vi/tn.p10')).replace(/ ([.,])/g, '$1')).toContain(
      'Các tổ chức đảng đã hợp nhất vào Đảng bộ phường Hưng Thuận: Đảng bộ phường Tân Hưng, Đảng bộ phường Thuận Hưng.',
    );
    // A chi bộ cơ sở until the 2011 pilot, a cell since: its page stays.
    expect(text(page('don-vi/tn.dt01'))).toContain('Chi bộ Văn phòng Quận ủy');
  });

  test('/du-lieu/ offers the crosswalk old → new and explains its columns', () => {
    const html = page('du-lieu');
    expect(html).toContain('href="/thong-ke/du-lieu/doi-chieu-don-vi.csv"');
    expect(text(html)).toContain('Mã đơn vị hiện nay');
    const csv = readFileSync(join(site.dir, 'du-lieu', 'doi-chieu-don-vi.csv'), 'utf8');
    expect(csv).toContain('TN.P08,Đảng bộ phường Tân Hưng,Đảng bộ quận Thốt Nốt,TN.P10,');
  });
});

/**
 * The 2025 reorganization ended the district committees ("kết thúc hoạt động"); only grassroots
 * organizations are dissolved ("giải thể"). D1 ends with no status given, D2 with status `ended`;
 * both decisions were taken on 24/06/2025 and applied on 01/07/2025.
 */
describe('a committee ends its activity, a grassroots organization is dissolved', async () => {
  const { province: ended } = await loadFiles({
    'units.csv': [
      'id,name,parent_id,level,type,established,dissolved',
      'P,Đảng bộ tỉnh Mẫu,,province,,,',
      'D1,Đảng bộ huyện Một,P,district,,,',
      'D2,Đảng bộ huyện Hai,P,district,,,',
      'G1,Đảng bộ xã An,D1,grassroots,commune,,',
      'G2,Đảng bộ xã Bình,D2,grassroots,commune,,',
    ].join('\n'),
    'restructurings.csv': [
      'id,date,effective_date,kind,title,parent_id,result_unit_id,status',
      'G,2024-03-01,,dissolve,Giải thể Đảng bộ xã An,D1,,official',
      'H,2024-03-02,,dissolve,Giải thể Đảng bộ xã Bình,D2,,',
      'E1,2025-06-24,2025-07-01,dissolve,Kết thúc hoạt động Đảng bộ huyện Một,P,,',
      'E2,2025-06-24,2025-07-01,dissolve,Kết thúc hoạt động Đảng bộ huyện Hai,P,,ended',
    ].join('\n'),
    'restructuring_units.csv':
      'restructuring_id,unit_id,previous_parent_id\nG,G1,D1\nH,G2,D2\nE1,D1,P\nE2,D2,P\n',
    'members.csv': 'unit_id,year,members\nG1,2023,100\nG2,2023,80\n',
  });
  if (!ended) throw new Error('the data must load');
  const items = () =>
    new Map(
      eventList(ended)
        .years.flatMap((y) => y.days.flatMap((d) => d.decisions.flatMap((g) => g.items)))
        .map((i) => [i.id, i]),
    );

  test.each([
    // event, kind on the timeline, its label, status beside it, effective date
    ['G', 'dissolve', 'Giải thể', 'Chính thức', undefined],
    ['H', 'dissolve', 'Giải thể', 'Chưa ghi trạng thái', undefined],
    ['E1', 'end_activity', 'Kết thúc hoạt động', 'Chưa ghi trạng thái', '01/07/2025'],
    // "Kết thúc hoạt động · Kết thúc" would say it twice.
    ['E2', 'end_activity', 'Kết thúc hoạt động', undefined, '01/07/2025'],
  ])('the timeline shows %s as %s (%s · %s), effective %s', (id, kind, label, status, effective) => {
    const item = items().get(id);
    expect([item?.kind, item?.kindLabel, item?.statusLabel, item?.effective]).toEqual([
      kind,
      label,
      status,
      effective,
    ]);
  });

  test('the kind filter counts committees that ended apart from dissolutions', () => {
    expect(eventList(ended).kinds).toEqual([
      { value: 'end_activity', label: 'Kết thúc hoạt động', count: 2 },
      { value: 'dissolve', label: 'Giải thể', count: 2 },
    ]);
  });

  test.each([
    ['D1', 'Kết thúc hoạt động ngày 01/07/2025'],
    ['D2', 'Kết thúc hoạt động ngày 01/07/2025'],
    ['G1', 'Giải thể ngày 01/03/2024'],
  ])('the page of %s says “%s”, the line itself linking the event', (unitId, text) => {
    const [change] = unitChanges(ended, unitId);
    expect(change?.text).toBe(text);
    // The title ("Kết thúc hoạt động Đảng bộ huyện Một") would only repeat it.
    expect(change?.event.label).toBe(text);
  });

  test('the event page says the committee ended its activity, from the day the decision applied', () => {
    const view = eventView(ended, 'E1');
    expect([view.kindLabel, view.date]).toEqual([
      'Kết thúc hoạt động',
      '24/06/2025 (hiệu lực từ 01/07/2025)',
    ]);
    expect(view.narrative[0]).toBe(
      'Ngày 24/06/2025, Đảng bộ huyện Một (trực thuộc Đảng bộ tỉnh Mẫu) kết thúc hoạt động từ ngày 01/07/2025.',
    );
    expect(view.narrative.join(' ')).not.toContain('thí điểm');
  });

  test('the province lists each event with its decision date and the day it applied', () => {
    expect(unitView(ended, 'D1').events.map((e) => e.label)).toEqual([
      '01/03/2024: Giải thể Đảng bộ xã An',
      expect.any(String),
    ]);
    expect(unitView(ended, 'P').events.map((e) => e.label)).toEqual([
      '24/06/2025 (hiệu lực từ 01/07/2025): Kết thúc hoạt động Đảng bộ huyện Một',
      '24/06/2025 (hiệu lực từ 01/07/2025): Kết thúc hoạt động Đảng bộ huyện Hai',
    ]);
  });
});

describe('a unit’s change line never nests parentheses nor repeats the event’s title', () => {
  const event = (label: string) => ({ label, path: 'sap-xep/x/' });
  test.each([
    // line, the link's label, what the page writes (the link in brackets)
    ['Giải thể ngày 01/03/2024', 'Giải thể ngày 01/03/2024', '[Giải thể ngày 01/03/2024].'],
    [
      'Chuyển từ trực thuộc A sang trực thuộc B ngày 01/07/2025',
      'Chuyển 9 tổ chức cơ sở đảng từ A về B',
      'Chuyển từ trực thuộc A sang trực thuộc B ngày 01/07/2025 ([Chuyển 9 tổ chức cơ sở đảng từ A về B]).',
    ],
    [
      'Tiếp tục trực thuộc B sau sắp xếp ngày 01/01/2025',
      'Tỉnh A trở thành B (thành phố trực thuộc trung ương)',
      'Tiếp tục trực thuộc B sau sắp xếp ngày 01/01/2025 — [Tỉnh A trở thành B (thành phố trực thuộc trung ương)].',
    ],
  ])('%s', (text, label, written) => {
    const parts = changeParts({ text, event: event(label) });
    expect(`${parts.lead}[${parts.event.label}]${parts.tail}`).toBe(written);
  });
});
