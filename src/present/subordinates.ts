/** The units directly under a unit, with their figures: the sortable table on unit pages and `/`. */
import type { Province } from '../model/province.ts';
import { PAGE_LEVELS, slug, yearEnd, type Unit } from '../model/units.ts';
import { LEVELS } from '../read/schemas.ts';
import { ratio } from './format.ts';
import { perProvinceKey } from './memo.ts';
import { column, count, percent, signed, text, type TableView } from './table.ts';

/** Raw figures of one subordinate unit in one year; `undefined` = not reported. */
export interface SubordinateFigures {
  readonly unit: Unit;
  readonly path: string | undefined;
  readonly level: string;
  /** Grassroots organizations it counts for: those under it, or 1 for a grassroots unit itself. */
  readonly grassroots: number;
  readonly cells: number | undefined;
  readonly residentialCells: number | undefined;
  readonly secretaryAsHead: number | undefined;
  readonly members: number | undefined;
  readonly membersBefore: number | undefined;
  readonly women: number | undefined;
  readonly probationary: number | undefined;
  readonly admitted: number | undefined;
  readonly target: number | undefined;
}

export const unitPagePath = (unit: Unit): string | undefined =>
  PAGE_LEVELS.has(unit.level) ? `don-vi/${slug(unit.id)}/` : undefined;

const ABOVE_GRASSROOTS: ReadonlySet<string> = new Set(['province', 'district']);

const levelName = (unit: Unit): string => LEVELS.find((l) => l.value === unit.level)?.label ?? unit.level;

function computeFigures(province: Province, unitId: string): SubordinateFigures[] {
  const year = province.lastYear;
  if (year === undefined) return [];
  return province.tree.childrenAt(unitId, yearEnd(year)).map((unit) => {
    const m = province.members.rollup.at(unit.id, year)?.values;
    const a = province.admissions.rollup.at(unit.id, year)?.values;
    const c = province.cells.rollup.at(unit.id, year)?.values;
    return {
      unit,
      path: unitPagePath(unit),
      level: levelName(unit),
      // Anything below district level is one organization itself (as organizationCounter counts it),
      // so the column adds up to the parent's count.
      grassroots: ABOVE_GRASSROOTS.has(unit.level) ? province.organizations(unit.id, year).grassroots : 1,
      cells: c?.cells,
      residentialCells: c?.residential_cells,
      secretaryAsHead: c?.secretary_as_head,
      members: m?.members,
      membersBefore: province.members.rollup.at(unit.id, year - 1)?.values.members,
      women: m?.women,
      probationary: m?.probationary,
      admitted: a?.admitted,
      target: a?.target,
    };
  });
}

const sharedFigures = perProvinceKey(computeFigures);

/**
 * Figures of the units under `unitId` in the tree at the end of the last year, sorted by name
 * (Intl.Collator 'vi'). Kept for the province and districts, whose tables `/`, their own pages
 * and the topic pages share; a grassroots unit's table is asked for once, so it is not kept.
 */
export function subordinateFigures(province: Province, unitId: string): SubordinateFigures[] {
  const level = province.tree.units.get(unitId)?.level;
  return level !== undefined && ABOVE_GRASSROOTS.has(level)
    ? sharedFigures(province, unitId)
    : computeFigures(province, unitId);
}

const change = (now: number | undefined, before: number | undefined) =>
  now === undefined || before === undefined ? undefined : now - before;

/** The subordinate units table; `undefined` when the unit has none. */
export function subordinateTable(province: Province, unitId: string): TableView | undefined {
  const rows = subordinateFigures(province, unitId);
  const year = province.lastYear;
  const unit = province.tree.units.get(unitId);
  if (rows.length === 0 || year === undefined || !unit) return undefined;
  const withGrassroots = rows.some((r) => ABOVE_GRASSROOTS.has(r.unit.level));
  return {
    caption: `Các tổ chức đảng trực thuộc ${unit.name} năm ${year}`,
    columns: [
      column('Đơn vị', false),
      column('Cấp', false),
      ...(withGrassroots ? [column('Tổ chức cơ sở đảng')] : []),
      column('Chi bộ trực thuộc'),
      column('Đảng viên'),
      column(`Tăng, giảm so với năm ${year - 1}`),
      column('Kết nạp'),
      column('Chỉ tiêu kết nạp'),
      column('Đạt chỉ tiêu'),
    ],
    rows: rows.map((r) => [
      text(r.unit.name, r.path),
      text(r.level),
      ...(withGrassroots ? [count(r.grassroots)] : []),
      count(r.cells),
      count(r.members),
      signed(change(r.members, r.membersBefore)),
      count(r.admitted),
      count(r.target),
      percent(ratio(r.admitted, r.target)),
    ]),
  };
}
