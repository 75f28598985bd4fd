/**
 * The years a unit's page speaks of. A unit that ended stands at its own last year: a district
 * committee that ended on 30/06/2025 has figures "tính đến 31/12/2024", and its tables and charts
 * are not padded with years in which it no longer existed. Years before a unit was formed stay,
 * since its predecessors' figures (quy đổi theo tổ chức hiện nay) may fill them.
 */
import type { Province } from '../model/province.ts';
import { PAGE_LEVELS, yearEnd } from '../model/units.ts';
import { perProvinceKey } from './memo.ts';

/** The last year of the data at whose end the unit existed; `undefined` when there is none. */
export const unitLastYear = perProvinceKey('unitLastYear', (province, unitId): number | undefined => {
  const { tree } = province;
  const unit = tree.units.get(unitId);
  // A grassroots organization that became a cell (a pilot committee took it over) stands at its
  // last own figures: since then its committee usually reports for it.
  if (unit && !PAGE_LEVELS.has(unit.level)) {
    const own = [province.members, province.admissions, province.cells].flatMap((s) => [
      ...(s.rows.get(unitId)?.keys() ?? []),
    ]);
    return province.years.findLast((y) => own.includes(y) && tree.existsAt(unitId, yearEnd(y)));
  }
  if (tree.endedAt(unitId) === undefined) return province.lastYear;
  return province.years.findLast((y) => tree.existsAt(unitId, yearEnd(y)));
});

/** The data's years up to the unit's last year. */
export function unitYears(province: Province, unitId: string): readonly number[] {
  const last = unitLastYear(province, unitId);
  if (last === province.lastYear) return province.years;
  return last === undefined ? [] : province.years.filter((y) => y <= last);
}

/**
 * The years of the unit's own figures: unitYears from the first year at whose end it existed. A
 * committee formed in 2025 has no own figure for 2015–2024; those years are not "missing" and
 * its tables do not list them (its charts still may, for the figures quy đổi).
 */
export function unitOwnYears(province: Province, unitId: string): readonly number[] {
  const { tree } = province;
  const years = unitYears(province, unitId);
  const first = years.findIndex((y) => tree.existsAt(unitId, yearEnd(y)));
  return first === -1 ? [] : years.slice(first);
}
