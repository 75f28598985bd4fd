import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { TableView } from '../src/present/table.ts';
import { admissionsTopic, cellsTopic, membersTopic } from '../src/present/topic-views.ts';
import { unitIndex } from '../src/present/unit-index.ts';
import { pageUnits, unitView, type UnitView } from '../src/present/unit-view.ts';
import { unitOwnYears } from '../src/present/unit-years.ts';
import { buildSite, type BuiltSite } from './e2e/harness.ts';
import { fixture } from './helpers.ts';

const loaded = await load(fixture('basic'));
if (!loaded.province) throw new Error('the basic fixture must load');
const province = loaded.province;

const texts = (table: TableView | undefined) => table?.rows.map((row) => row.map((cell) => cell.text));
const keyFigure = (view: UnitView, label: string) => view.keyFigures.find((f) => f.label === label)?.value;
const chartRow = (view: UnitView, chartId: string, year: string) =>
  texts(view.charts.find((c) => c.id === chartId)?.table)?.find((row) => row[0] === year);

describe('unit view models carry the right figures', () => {
  test.each([
    ['D1', 'Đảng viên', '141'],
    ['P', 'Đảng viên', '1.381'],
    ['P', 'Tổ chức cơ sở đảng', '4'],
    ['D1', 'Chi bộ trực thuộc', '2'],
    ['G3', 'Kết nạp năm 2021', '36'],
  ])('%s key figure "%s" is %s', (unitId, label, value) => {
    expect(keyFigure(unitView(province, unitId), label)).toBe(value);
  });

  test.each([
    ['P', 'dang-vien', '2020', ['2020', '1.415']],
    ['D1', 'dang-vien', '2021', ['2021', '141']],
    // G2 reported no target in 2021: 7 admitted against 5 would overstate the district.
    ['D1', 'ket-nap', '2021', ['2021', '7', '5*', '—']],
    ['G1', 'ket-nap', '2020', ['2020', '4', '5', '80%']],
    ['G4', 'chi-bo', '2020', ['2020', '—']],
  ])('%s chart %s, year %s, reads %j', (unitId, chartId, year, row) => {
    expect(chartRow(unitView(province, unitId), chartId, year)).toEqual(row);
  });

  test('breakdowns give count and share of members, and name the breakdowns never reported', () => {
    const composition = unitView(province, 'D1').composition;
    expect(composition?.year).toBe(2021);
    // G2 reported no probationary members in 2021: marked as a partial sum, and no share of all 141 members.
    expect(texts(composition?.latest)).toEqual([
      ['Nữ', '52', '37%'],
      ['Đảng viên dự bị', '6*', '—'],
    ]);
    expect(texts(composition?.byYear)?.[0]).toEqual(['2020', '135', '49 (36%)', '6 (4,4%)']);
    expect(composition?.missing).toContain('dân tộc thiểu số');
  });

  test.each([
    ['G1', ['2021', '120', '6', '1', '1', '1', '0', '125', 'Khớp']],
    ['G3', ['2021', '1.200', '36', '12', '6', '2', '0', '1.240', 'Khớp']],
    ['G1', ['2020', '—', '4', '1', '2', '1', '0', '120', '—']],
  ])('the membership balance of %s reads %j', (unitId, row) => {
    expect(texts(unitView(province, unitId).balance)).toContainEqual(row);
  });

  test('a unit that never reported a movement has no balance table', () => {
    expect(unitView(province, 'G4').balance).toBeUndefined();
  });

  test('a grassroots unit shows its own rating by year, with the glossary label', () => {
    expect(texts(unitView(province, 'G1').quality.ownRatings)).toEqual([
      ['2020', 'Hoàn thành tốt nhiệm vụ'],
      ['2021', 'Hoàn thành xuất sắc nhiệm vụ'],
    ]);
    expect(texts(unitView(province, 'G2').quality.ownRatings)).toEqual([
      ['2020', 'Hoàn thành nhiệm vụ'],
      ['2021', '—'],
    ]);
  });

  test('a district counts its grassroots organizations per rating', () => {
    // 2021: G1 excellent, G2 not rated.
    expect(texts(unitView(province, 'D1').quality.grassrootsRatings)).toEqual([
      ['2020', '2', '0', '1', '1', '0', '0'],
      ['2021', '2', '1', '0', '0', '0', '1'],
    ]);
  });

  test('subordinate units are sorted by Vietnamese name and link to their pages', () => {
    const table = unitView(province, 'P').subordinates?.table;
    expect(table?.rows.map((row) => [row[0]?.text, row[0]?.path])).toEqual([
      ['Đảng bộ Công ty Điện lực', 'don-vi/g4/'],
      ['Đảng bộ huyện Hai', 'don-vi/d2/'],
      ['Đảng bộ huyện Một', 'don-vi/d1/'],
    ]);
    // The grassroots column adds up to the province's count.
    const column = table?.columns.findIndex((c) => c.label === 'Tổ chức cơ sở đảng') ?? -1;
    expect(table?.rows.reduce((sum, row) => sum + (row[column]?.sort ?? 0), 0)).toBe(4);
  });

  test('breadcrumbs lead up the tree to the province', () => {
    expect(unitView(province, 'G1').breadcrumbs.map((b) => b.path)).toEqual(['don-vi/p/', 'don-vi/d1/']);
  });
});

describe('topic view models', () => {
  test('grassroots organizations are ranked by target achievement; no target or a target under 5 is not ranked', () => {
    const topic = admissionsTopic(province);
    const [ranking] = topic.grassroots;
    expect(texts(ranking?.table)?.map((row) => [row[0], row[1], row[5]])).toEqual([
      ['Đảng bộ xã An Bình', '1', '120%'],
      ['Đảng bộ phường Đông', '2', '90%'],
    ]);
    expect(texts(topic.smallTargets?.table)?.map((row) => [row[0], row[4]])).toEqual([
      ['Đảng bộ Công ty Điện lực', '50%'],
    ]);
  });

  test('districts are ranked by target achievement; a target under 5 and a target over only some organizations are not', () => {
    const topic = admissionsTopic(province);
    expect(topic.ranking?.data.labels).toEqual(['Đảng bộ huyện Hai']);
    expect(topic.ranking?.data.datasets[0]?.values).toEqual([90]);
    expect(topic.ranking?.note).toContain(
      'Không xếp hạng vì chỉ tiêu dưới 5 đảng viên: Đảng bộ Công ty Điện lực (kết nạp 2, chỉ tiêu 4).',
    );
    // D1's 7 admitted count G1 and G2, its target of 5 only G1.
    expect(topic.withoutTarget).toBe(
      'Không xếp hạng vì số kết nạp và chỉ tiêu kết nạp chưa cùng tính trên những tổ chức cơ sở đảng đã báo cáo: Đảng bộ huyện Một.',
    );
  });

  test('topic view models are computed once per province and shared', () => {
    expect(membersTopic(province)).toBe(membersTopic(province));
    expect(cellsTopic(province)).toBe(cellsTopic(province));
  });
});

/** Every string leaf of a view model; `null` is allowed only as a chart gap. */
function leaves(value: unknown, path: string, out: [string, unknown][]): [string, unknown][] {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  } else out.push([path, value]);
  return out;
}

describe('no view model shows undefined, NaN or null to a reader', () => {
  const models: [string, unknown][] = [
    ...pageUnits(province).map((u): [string, unknown] => [u.id, unitView(province, u.id)]),
    ['/dang-vien/', membersTopic(province)],
    ['/ket-nap/', admissionsTopic(province)],
    ['/chi-bo/', cellsTopic(province)],
  ];
  test.each(models)('%s', (_, model) => {
    for (const [path, leaf] of leaves(model, '', [])) {
      if (typeof leaf === 'string') expect(leaf, path).not.toMatch(/undefined|NaN|null|Infinity/);
      else if (typeof leaf === 'number') expect(Number.isFinite(leaf), path).toBe(true);
      else if (leaf === null)
        // A gap in a chart: no value, so no tooltip either.
        expect(path, 'null outside a chart series').toMatch(/\.datasets\[\d+\]\.(values|tooltips)\[\d+\]$/);
    }
  });
});

describe('the built fixture site', () => {
  let site: BuiltSite | undefined;
  const page = (path: string) => {
    if (!site) throw new Error('the fixture site was not built');
    return readFileSync(join(site.dir, path, 'index.html'), 'utf8');
  };

  // Built once for the file, with the real CLI, under tests/.output/ (see the e2e harness).
  beforeAll(async () => {
    site = await buildSite('basic', {}, { inProcess: true });
  }, 300_000);
  afterAll(() => site?.remove());

  test.each([
    ['', ['1.381', '1.415', 'Đảng bộ huyện Một', 'Số liệu tính đến 31/12/2021', 'href="/sap-xep/"']],
    ['don-vi/d1', ['141', '80%', 'href="/nhung/d1/dang-vien/"', 'href="/don-vi/g1/"']],
    ['ket-nap', ['Xếp hạng', '120%', 'Đảng bộ xã An Bình', 'Số liệu tính đến 31/12/2021']],
    ['dang-vien', ['1.415', '37%']],
    ['chi-bo', ['Hoàn thành xuất sắc nhiệm vụ']],
    ['nhung/d1/ket-nap', ['80%', 'Nguồn:', 'Số liệu tính đến 31/12/2021']],
  ])('/%s/ shows %j', (path, expected) => {
    const html = page(path);
    for (const figure of expected) expect(html).toContain(figure);
  });

  test('charts are data next to a labelled canvas and a table, loaded by one external module', () => {
    const html = page('don-vi/d1');
    expect(html).toMatch(
      /<canvas role="img" aria-label="Số đảng viên của Đảng bộ huyện Một qua các năm[^"]*"/,
    );
    expect(html).toContain('<script type="application/json" data-chart>');
    const modules = [...html.matchAll(/<script type="module"([^>]*)>/g)].map((m) => m[1]);
    expect(modules.length).toBeGreaterThan(0);
    for (const attributes of modules) expect(attributes).toMatch(/src="\/_astro\/[^"]+\.js"/);
    expect(html).toContain('<th scope="col"');
    expect(html).toContain('<th scope="row"');
  });

  test('embed pages carry no navigation', () => {
    const html = page('nhung/p/dang-vien');
    expect(html).not.toContain('Điều hướng chính');
    expect(html).toContain('<canvas');
  });

  test('grassroots units get no embed pages', () => {
    expect(readdirSync(join(site?.dir ?? '', 'nhung')).sort()).toEqual(['d1', 'd2', 'p']);
  });

  test('no built page reads undefined, NaN or null', () => {
    const pages = [
      '',
      'don-vi/p',
      'don-vi/d1',
      'don-vi/d2',
      'don-vi/g1',
      'don-vi/g2',
      'don-vi/g3',
      'don-vi/g4',
    ];
    for (const path of [...pages, 'dang-vien', 'ket-nap', 'chi-bo']) {
      // Chart data may hold null (a gap); the rest of the page may not.
      const visible = page(path).replace(/<script type="application\/json" data-chart>.*?<\/script>/gs, '');
      expect(visible, path).not.toMatch(/undefined|NaN|\bnull\b/);
    }
  });
});

const reorganized = await load(fixture('restructuring'));
if (!reorganized.province) throw new Error('the restructuring fixture must load');
const thotNot = reorganized.province;

describe('pages for every unit that ever had one (the restructuring fixture)', () => {
  const years = (view: UnitView) =>
    texts(view.charts.find((c) => c.id === 'dang-vien')?.table)?.map((row) => row[0]);

  test('a grassroots unit that a pilot committee later took over as a cell keeps its page', () => {
    const ids = pageUnits(thotNot).map((u) => u.id);
    // Chi bộ Văn phòng Quận ủy: chi bộ cơ sở under the district until 17/08/2011, a cell since.
    expect(ids).toContain('TN.DT01');
    expect(unitView(thotNot, 'TN.DT01').breadcrumbs.at(-1)?.path).toBe('don-vi/tn.cqddt/');
  });

  test.each([
    // unit, as-of date on its page, last year of its members chart
    ['TN.P08', 'Số liệu tính đến 31/12/2014', '2014'], // merged 01/07/2015
    ['TN.S13', 'Số liệu tính đến 31/12/2015', '2015'], // dissolved 15/03/2016
    ['TN.P10', 'Số liệu tính đến 31/12/2019', '2019'], // still here: the data's last year
  ])('%s states its figures at its own last year and lists no later year', (unitId, asOf, last) => {
    const view = unitView(thotNot, unitId);
    expect(view.about).toContain(asOf);
    expect(years(view)?.at(-1)).toBe(last);
  });

  test('an ended unit links the unit it was merged into; the result lists its predecessors', () => {
    expect(unitView(thotNot, 'TN.P08').lineage).toEqual([
      {
        lead: 'Đơn vị kế tục là',
        units: [{ label: 'Đảng bộ phường Hưng Thuận', path: 'don-vi/tn.p10/' }],
        tail: '',
      },
    ]);
    expect(unitView(thotNot, 'TN.P10').lineage).toEqual([
      {
        lead: 'Các tổ chức đảng đã hợp nhất vào Đảng bộ phường Hưng Thuận:',
        units: [
          { label: 'Đảng bộ phường Tân Hưng', path: 'don-vi/tn.p08/' },
          { label: 'Đảng bộ phường Thuận Hưng', path: 'don-vi/tn.p09/' },
        ],
        tail: '',
      },
    ]);
    expect(unitView(thotNot, 'TN.S13').lineage).toEqual([]);
  });

  test('the unit index says which unit an ended one was merged into', () => {
    const notes = new Map(
      unitIndex(thotNot).groups.flatMap((g) => g.units.map((u) => [u.link.label, u.note] as const)),
    );
    expect(notes.get('Đảng bộ phường Tân Hưng')).toBe('đã hợp nhất vào Đảng bộ phường Hưng Thuận 01/07/2015');
    expect(notes.get('Chi bộ Công ty Cổ phần Thủy sản Thốt Nốt')).toBe('đã giải thể 15/03/2016');
  });
});

const namesOfTheTime = await load(fixture('names-of-the-time'));
if (!namesOfTheTime.province) throw new Error('the names-of-the-time fixture must load');
const sông = namesOfTheTime.province;

describe('an ended unit names itself and the units above it as they were called when it ended', () => {
  const crumbs = (view: UnitView) => view.breadcrumbs.map((b) => [b.label, b.path]);

  test.each([
    // Dissolved 30/06/2023, before both renames of 01/01/2025: the city was a province then, and
    // the district was called what the city is called today.
    [
      'G1',
      'Đảng bộ xã Cũ',
      [
        ['Đảng bộ tỉnh Sông (nay là Đảng bộ thành phố Sông)', 'don-vi/p/'],
        ['Đảng bộ thành phố Sông (sau là Đảng bộ quận Bến)', 'don-vi/d/'],
      ],
    ],
    // Merged 01/07/2025, after the renames: the names of then are today's.
    [
      'G2',
      'Đảng bộ phường An',
      [
        ['Đảng bộ thành phố Sông', 'don-vi/p/'],
        ['Đảng bộ quận Bến', 'don-vi/d/'],
      ],
    ],
    ['D', 'Đảng bộ quận Bến', [['Đảng bộ thành phố Sông', 'don-vi/p/']]],
    // Today's units keep today's names and today's place.
    ['G3', 'Đảng bộ phường Mới', [['Đảng bộ thành phố Sông', 'don-vi/p/']]],
    [
      'G5',
      'Chi bộ Văn phòng Quận ủy',
      [
        ['Đảng bộ thành phố Sông', 'don-vi/p/'],
        ['Đảng bộ Cơ quan quận Bến', 'don-vi/q/'],
      ],
    ],
  ])('%s is "%s" under %j', (unitId, name, expected) => {
    const view = unitView(sông, unitId);
    expect(view.name).toBe(name);
    expect(crumbs(view)).toEqual(expected);
  });

  test.each([
    ['G1', 'Cấp: cơ sở; loại hình: xã; giải thể ngày 30/06/2023. Số liệu tính đến 31/12/2022.'],
    ['G2', 'Cấp: cơ sở; loại hình: phường; hợp nhất ngày 01/07/2025. Số liệu tính đến 31/12/2024.'],
    ['D', 'Cấp: cấp trên cơ sở; kết thúc hoạt động ngày 01/07/2025. Số liệu tính đến 31/12/2024.'],
    ['G3', 'Cấp: cơ sở; loại hình: phường; thành lập ngày 01/07/2025. Số liệu tính đến 31/12/2025.'],
    // Became a cell in 2023 and reported nothing since: its page stands at its last own year.
    ['G5', 'Cấp: chi bộ. Số liệu tính đến 31/12/2022.'],
  ])('%s says how it ended: "%s"', (unitId, about) => {
    expect(unitView(sông, unitId).about).toBe(about);
  });

  test('a unit that became a cell and reported nothing since shows no later years', () => {
    const years = texts(unitView(sông, 'G5').charts.find((c) => c.id === 'dang-vien')?.table)?.map(
      (row) => row[0],
    );
    expect(years?.at(-1)).toBe('2022');
  });
});

/**
 * The reorganization fixture: X, a commune committee formed on 01/07/2025 from A1 and A2, has its
 * own figures from 2025 only; its charts keep 2023–2024 for the figures quy đổi.
 */
describe('the years before a unit existed are neither missing nor zero', async () => {
  const { province: reorganized } = await load(fixture('reorganization'));
  if (!reorganized) throw new Error('the reorganization fixture must load');
  const view = unitView(reorganized, 'X');
  const firstColumn = (table: TableView | undefined) => table?.rows.map((r) => r[0]?.text);

  test.each([
    // unit, the years of its own figures (tables of ratings, composition, balance use them)
    ['X', [2025]], // formed 01/07/2025
    ['A1', [2023, 2024]], // merged into X on 01/07/2025
    ['B1', [2023, 2024, 2025]], // there all along
  ])('%s has its own figures for %j', (unitId, years) => {
    expect(unitOwnYears(reorganized, unitId)).toEqual(years);
  });

  test.each([['dang-vien'], ['ket-nap']])(
    'the %s chart keeps 2023–2024 and does not call them missing',
    (id) => {
      const chart = view.charts.find((c) => c.id === id);
      expect(chart?.data.labels).toEqual(['2023', '2024', '2025']);
      expect(chart?.note ?? '').not.toContain('Chưa có số liệu');
    },
  );

  test.each([
    ['composition by year', () => firstColumn(view.composition?.byYear)],
    ['membership balance', () => firstColumn(view.balance)],
  ])('the %s table starts with the unit’s first year', (_, rows) => {
    expect(rows()).toEqual(['2025']);
  });
});

describe('a unit reshaped by a restructuring is compared on its comparable figures, as the topic pages compare it', () => {
  // reorganization: X formed 01/07/2025 from A1 + A2 with S1, S2 moved under it (2024: 778 on
  // today's organization); B1 (510 in 2024) absorbed B2 (205): 715 on today's organization.
  let reorganized: Awaited<ReturnType<typeof load>>['province'];
  beforeAll(async () => {
    reorganized = (await load(fixture('reorganization'))).province;
  });
  const change = (unitId: string, label: string) => {
    if (!reorganized) throw new Error('the reorganization fixture must load');
    return unitView(reorganized, unitId).keyFigures.find((f) => f.label === label)?.change;
  };

  test.each([
    // Not the raw +213 (42%) on the 510 B1 reported alone.
    ['B1', 'Đảng viên', '+8 (1,1%) so với năm 2024 (số quy đổi theo tổ chức hiện nay: 715)'],
    ['X', 'Đảng viên', '+12 (1,5%) so với năm 2024 (số quy đổi theo tổ chức hiện nay: 778)'],
    ['X', 'Tổ chức cơ sở đảng', '−2 so với năm 2024 (số quy đổi theo tổ chức hiện nay: 4)'],
    // Only B1 reported admissions in 2024: B2's are missing from the comparable figure.
    [
      'B1',
      'Kết nạp năm 2025',
      'chưa so sánh được với năm 2024: số quy đổi theo tổ chức hiện nay mới tính trên 1/2 tổ chức cơ sở đảng',
    ],
  ])('%s key figure "%s" changes by %j', (unitId, label, expected) => {
    expect(change(unitId, label)).toBe(expected);
  });

  test('the province page’s table of subordinates gives the same change, marked, with the note', () => {
    if (!reorganized) throw new Error('the reorganization fixture must load');
    const table = unitView(reorganized, 'P').subordinates?.table;
    const at = table?.columns.findIndex((c) => c.label === 'Tăng, giảm so với năm 2024') ?? -1;
    expect(table?.rows.map((row) => [row[0]?.text, row[at]?.text, row[at]?.sort])).toEqual([
      ['Đảng bộ xã An Bình', '+12†', 12],
      ['Đảng bộ xã Tây Sơn', '+8†', 8],
    ]);
    expect(table?.note).toBe(
      '† Đơn vị hình thành hoặc thay đổi do sắp xếp tổ chức: số đảng viên năm 2024 là số quy đổi theo tổ chức hiện nay (cộng số liệu năm 2024 của các tổ chức nay thuộc đơn vị), không phải số đơn vị báo cáo năm đó.',
    );
  });

  test('a unit nothing was moved into or out of keeps its reported change and no mark', () => {
    const table = unitView(province, 'P').subordinates?.table;
    expect(table?.rows.some((row) => row.some((cell) => cell.text.includes('†')))).toBe(false);
    expect(table?.note).toBeUndefined();
  });
});
