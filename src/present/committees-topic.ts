/**
 * The `/cap-uy/` page: the committees in office across the province, by level, each unit's
 * composition beside the share over all committees of its level, and how many commune and ward
 * secretaries also chair the people's committee (contract v2 B).
 */
import { columnLabel } from '../model/labels.ts';
import type { Province } from '../model/province.ts';
import { committeesAt, type Committee } from '../model/terms.ts';
import { byName, PAGE_LEVELS, yearEnd, type Unit } from '../model/units.ts';
import type { Level } from '../read/schema.ts';
import { committeesSchema, LEVELS, UNIT_TYPES } from '../read/schemas.ts';
import { formedText, ofCommittee, yesNoText } from './committee-view.ts';
import { formatNumber, formatPercent } from './format.ts';
import { unitPath } from './links.ts';
import { perProvince } from './memo.ts';
import { FULL_TABLE_LIMIT } from './subordinates.ts';
import { COMPOSITION, termText, type CompositionKey } from './narrative/committees.ts';
import { column, count, countWithShare, PARTIAL_MARK, text, type TableView } from './table.ts';
import { capitalize, listVi, paragraph, paragraphs, sentence, shareOf, SMALL_BASE } from './wording.ts';

/** Units whose committee is a đảng ủy xã, phường, thị trấn (grassroots before 2025, cấp trên cơ sở since). */
const LOCAL = new Set<string>(['commune', 'ward', 'township']);

export interface InOffice {
  readonly unit: Unit;
  readonly committee: Committee;
}

/** The organizations of a level with a committee, as sentences and captions name them. */
const ORGANIZATIONS: Readonly<Partial<Record<Level, string>>> = {
  district: 'đảng bộ cấp trên cơ sở',
  grassroots: 'tổ chức cơ sở đảng',
};

/** A trait summed over the committees of a level that reported it. */
export interface Pooled {
  readonly count: number;
  /** Members of the committees that reported it. */
  readonly of: number;
  /** How many committees reported it, of how many of the level. */
  readonly reported: number;
  readonly committees: number;
}

export interface LevelGroup {
  readonly level: Level;
  /** `cấp trên cơ sở`. */
  readonly label: string;
  /** `Các đảng bộ cấp trên cơ sở`: the heading over its table. */
  readonly heading: string;
  readonly committees: readonly InOffice[];
  /** Each trait over all committees of the level that reported it. */
  readonly pooled: Readonly<Record<CompositionKey, Pooled | undefined>>;
  /**
   * Sortable, one row per unit; undefined for the province's own committee, shown in the
   * overview, and for more units than a page lists (their committees are on their own pages).
   */
  readonly table: TableView | undefined;
  /** Why a level with committees has no table: too many units to list. */
  readonly note: string | undefined;
}

export interface CommitteesTopic {
  /** The year whose committees in office are shown: the data's latest. */
  readonly year: number | undefined;
  readonly summary: readonly string[];
  /** One row per level: the pooled composition. */
  readonly overview: TableView;
  readonly groups: readonly LevelGroup[];
  /** `Bí thư đồng thời là chủ tịch Ủy ban nhân dân ở 3/4 đảng ủy xã, phường (75%).` */
  readonly secretaryAsChair: string | undefined;
}

/**
 * The committee of each unit in office at the end of `year`: its term has begun and not ended.
 * Without statistics (no year), each unit's latest committee. Only units with a page of their
 * own: a cell's chi ủy is not a committee this page compares.
 */
function inOffice(province: Province, year: number | undefined): InOffice[] {
  const list: InOffice[] = [];
  for (const [unitId, committees] of province.terms.committees) {
    const unit = province.tree.units.get(unitId);
    if (!unit || !PAGE_LEVELS.has(unit.level)) continue;
    if (year === undefined) {
      const latest = committees.at(-1);
      if (latest) list.push({ unit, committee: latest });
      continue;
    }
    if (!province.tree.existsAt(unitId, yearEnd(year))) continue;
    const { current } = committeesAt(province.terms, unitId, year);
    if (current && current.end >= year) list.push({ unit, committee: current });
  }
  return list.sort((a, b) => byName(a.unit, b.unit));
}

function pooledOf(committees: readonly InOffice[]): LevelGroup['pooled'] {
  const pooled = {} as Record<CompositionKey, Pooled | undefined>;
  for (const { key } of COMPOSITION) {
    const reported = committees.filter((c) => c.committee[key] !== undefined);
    pooled[key] =
      reported.length === 0
        ? undefined
        : {
            count: reported.reduce((sum, c) => sum + (c.committee[key] ?? 0), 0),
            of: reported.reduce((sum, c) => sum + c.committee.executive_committee, 0),
            reported: reported.length,
            committees: committees.length,
          };
  }
  return pooled;
}

const pooledShare = (p: Pooled | undefined): number | undefined =>
  p === undefined || p.of === 0 ? undefined : p.count / p.of;

/**
 * `tính trên 2/29 cấp ủy có số liệu` where only some committees of the level reported the trait
 * (appointed committees have no first-time members): a share over them is not the level's.
 */
const coverageOf = (p: Pooled | undefined): string | undefined =>
  p === undefined || p.reported === p.committees
    ? undefined
    : `tính trên ${formatNumber(p.reported)}/${formatNumber(p.committees)} cấp ủy có số liệu`;

/** `31%`, `31% (tính trên 2/29 cấp ủy có số liệu)`; undefined without a share. */
function pooledWords(p: Pooled | undefined): string | undefined {
  const share = pooledShare(p);
  if (share === undefined) return undefined;
  const coverage = coverageOf(p);
  return coverage === undefined ? formatPercent(share) : `${formatPercent(share)} (${coverage})`;
}

const traitLabel = (key: keyof Committee): string => columnLabel(committeesSchema, key);

/**
 * The traits of `pooled` whose share only some committees reported, grouped by how many did
 * (`tính trên 2/29 cấp ủy có số liệu`): said once under a table whose cells or headers carry
 * PARTIAL_MARK, since in every cell it made the table too wide to read.
 */
function partialTraits(pooled: LevelGroup['pooled']): [labels: string, coverage: string][] {
  const traits = new Map<string, string[]>();
  for (const { key, label } of COMPOSITION) {
    const coverage = coverageOf(pooled[key]);
    if (coverage === undefined || pooledShare(pooled[key]) === undefined) continue;
    traits.set(coverage, [...(traits.get(coverage) ?? []), label]);
  }
  return [...traits].map(([coverage, labels]) => [listVi(labels), coverage]);
}

/** `* Cấp trên cơ sở: tỷ lệ …; Cơ sở: …` under a table with marked shares. */
const noteOf = (parts: readonly string[]): string | undefined =>
  parts.length === 0 ? undefined : `${PARTIAL_MARK} ${parts.join('; ')}.`;

/** The mark on a share that only some committees reported. */
const markedIfPartial = (p: Pooled | undefined): string => (coverageOf(p) === undefined ? '' : PARTIAL_MARK);

function unitTable(
  organizations: string,
  committees: readonly InOffice[],
  pooled: LevelGroup['pooled'],
  province: Province,
): TableView {
  const chair = committees.some((c) => c.committee.secretary_as_chair !== undefined);
  // A committee under SMALL_BASE members has counts only (ofCommittee): the caption says so.
  const small = committees.filter((c) => c.committee.executive_committee < SMALL_BASE).length;
  const under = `cấp ủy dưới ${formatNumber(SMALL_BASE)} ủy viên`;
  const shares =
    small === 0
      ? 'tỷ lệ trên số ủy viên Ban Chấp hành'
      : small === committees.length
        ? `số ủy viên; ${under} không tính tỷ lệ`
        : `tỷ lệ trên số ủy viên Ban Chấp hành; ${under} chỉ ghi số người`;
  return {
    caption: `Cấp ủy các ${organizations} nhiệm kỳ hiện tại (${shares}; trong ngoặc ở đầu cột: tỷ lệ chung của các cấp ủy này)`,
    columns: [
      column('Đơn vị', false),
      { ...column('Nhiệm kỳ', false), nowrap: true },
      column('Hình thức', false),
      column('Ban Chấp hành'),
      column('Ban Thường vụ'),
      column('Ủy ban Kiểm tra'),
      ...COMPOSITION.map(({ key }) => {
        const share = pooledShare(pooled[key]);
        return column(
          share === undefined
            ? traitLabel(key)
            : `${traitLabel(key)} (chung ${formatPercent(share)}${markedIfPartial(pooled[key])})`,
        );
      }),
      ...(chair ? [column(traitLabel('secretary_as_chair'), false)] : []),
    ],
    note: noteOf(partialTraits(pooled).map(([traits, coverage]) => `Tỷ lệ ${traits} ở đầu cột ${coverage}`)),
    rows: committees.map(({ unit, committee: c }) => [
      text(unit.name, unitPath(province, unit)),
      text(termText(c)),
      text(formedText(c)),
      count(c.executive_committee),
      count(c.standing_committee),
      count(c.inspection_committee),
      ...COMPOSITION.map(({ key }) => ofCommittee(c, c[key])),
      ...(chair ? [text(yesNoText(c.secretary_as_chair))] : []),
    ]),
  };
}

/** `… ở 3/4 đảng ủy xã, phường`; undefined when no commune or ward reported the model. */
function secretaryAsChair(committees: readonly InOffice[]): string | undefined {
  const local = committees.filter((c) => c.unit.type !== undefined && LOCAL.has(c.unit.type));
  const reported = local.filter((c) => c.committee.secretary_as_chair !== undefined);
  if (reported.length === 0) return undefined;
  const yes = reported.filter((c) => c.committee.secretary_as_chair === 'yes').length;
  const kinds = UNIT_TYPES.filter((t) => local.some((c) => c.unit.type === t.value)).map((t) => t.label);
  const share = shareOf(yes, reported.length);
  const unknown = local.length - reported.length;
  return paragraph([
    sentence(
      `Bí thư đồng thời là chủ tịch Ủy ban nhân dân ở ${formatNumber(yes)}/${formatNumber(reported.length)} đảng ủy ${kinds.join(', ')}${share === undefined ? '' : ` (${share})`}`,
    ),
    unknown > 0 ? sentence(`Còn ${formatNumber(unknown)} đảng ủy chưa có số liệu về mô hình này`) : undefined,
  ]);
}

/** `Đảng bộ tỉnh Mẫu`, `12 tổ chức cơ sở đảng`. */
const groupName = (province: Province, g: LevelGroup): string => {
  const organizations = ORGANIZATIONS[g.level];
  return organizations === undefined
    ? province.root.name
    : `${formatNumber(g.committees.length)} ${organizations}`;
};

export const committeesTopic = perProvince('committeesTopic', (province): CommitteesTopic => {
  const year = province.lastYear;
  const all = inOffice(province, year);
  const groups: LevelGroup[] = LEVELS.flatMap(({ value, label }) => {
    const committees = all.filter((c) => c.unit.level === value);
    if (committees.length === 0) return [];
    const pooled = pooledOf(committees);
    const organizations = ORGANIZATIONS[value];
    // Like a unit's subordinates: a page of tens of thousands of rows would not load on a phone.
    const tooMany = committees.length > FULL_TABLE_LIMIT;
    return [
      {
        level: value,
        label,
        heading: capitalize(organizations === undefined ? label : `các ${organizations}`),
        committees,
        pooled,
        table:
          organizations === undefined || tooMany
            ? undefined
            : unitTable(organizations, committees, pooled, province),
        note:
          organizations !== undefined && tooMany
            ? `${formatNumber(committees.length)} ${organizations} có số liệu cấp ủy, quá nhiều để liệt kê trên một trang: cơ cấu chung của các cấp ủy này ở bảng trên, cấp ủy của từng đơn vị ở trang của đơn vị đó.`
            : undefined,
      },
    ];
  });
  const overview: TableView = {
    caption:
      'Cơ cấu chung của Ban Chấp hành các cấp ủy nhiệm kỳ hiện tại, theo cấp (tỷ lệ trên số ủy viên Ban Chấp hành có số liệu)',
    columns: [
      column('Cấp', false),
      column('Số cấp ủy'),
      column('Ủy viên Ban Chấp hành'),
      ...COMPOSITION.map(({ key }) => column(traitLabel(key))),
    ],
    rows: groups.map((g) => [
      text(capitalize(g.label)),
      count(g.committees.length),
      count(g.committees.reduce((sum, c) => sum + c.committee.executive_committee, 0)),
      ...COMPOSITION.map(({ key }) => {
        const p = g.pooled[key];
        const share = pooledShare(p);
        const cell = countWithShare(p?.count, share);
        return share === undefined ? cell : { ...cell, text: `${cell.text}${markedIfPartial(p)}` };
      }),
    ]),
    note: noteOf(
      groups.flatMap((g) =>
        partialTraits(g.pooled).map(
          ([traits, coverage]) => `${capitalize(g.label)}: tỷ lệ ${traits} ${coverage}`,
        ),
      ),
    ),
  };
  const chair = secretaryAsChair(all);
  const appointed = all.filter((c) => c.committee.appointed === 'yes').length;
  const shares = groups.map((g) => {
    const named = COMPOSITION.flatMap(({ key, label }) => {
      const words = pooledWords(g.pooled[key]);
      return words === undefined ? [] : [`${label} ${words}`];
    });
    const organizations = ORGANIZATIONS[g.level];
    const whose =
      organizations === undefined
        ? `Trong Ban Chấp hành ${province.root.name}`
        : `Tính chung Ban Chấp hành các ${organizations}`;
    return named.length === 0 ? undefined : sentence(`${whose}, tỷ lệ ủy viên ${named.join(', ')}`);
  });
  if (groups.length === 0) {
    // committees.csv holds only terms that have ended, or committees of cells.
    const none = `Chưa có số liệu cấp ủy nhiệm kỳ hiện tại${year === undefined ? '' : ` (năm ${year})`} của tổ chức đảng nào từ cấp cơ sở trở lên.`;
    return { year, summary: [none], overview, groups, secretaryAsChair: undefined };
  }
  const summary = paragraphs([
    sentence(
      `${year === undefined ? 'Hiện có' : `Năm ${year} có`} số liệu cấp ủy nhiệm kỳ hiện tại của ${listVi(groups.map((g) => groupName(province, g)))}` +
        (appointed > 0 ? `; ${formatNumber(appointed)} cấp ủy được chỉ định, không qua đại hội` : ''),
    ),
    paragraph(shares),
    chair ?? '',
  ]);
  return { year, summary, overview, groups, secretaryAsChair: chair };
});
