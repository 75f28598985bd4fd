/** The make-up of a unit's members: women, ethnic minority, religious, age, education, theory, probationary. */
import type { MemberMetric, Province } from '../model/province.ts';
import { unitOwnYears } from './unit-years.ts';
import { comparable, readingOf } from '../model/coverage.ts';
import { columnLabel } from '../model/labels.ts';
import { partsOf } from '../read/schema.ts';
import { membersSchema } from '../read/schemas.ts';
import { ratio } from './format.ts';
import { listVi } from './wording.ts';
import { column, counted, countWithShare, missingFrom, percent, text, type TableView } from './table.ts';

/**
 * The parts of members.csv a composition shows (the schema's breakdowns of `members`), with the
 * schema's headers; probationary members last, as a status rather than a trait of members.
 */
export const BREAKDOWNS = partsOf(membersSchema)
  .map(({ key }) => key)
  .sort((a, b) => Number(a === 'probationary') - Number(b === 'probationary'))
  .map((key) => ({ key, label: columnLabel(membersSchema, key) }));

export interface CompositionView {
  /** The unit's latest year with a members figure. */
  readonly year: number;
  /** One row per reported breakdown: count and share of members in `year`. */
  readonly latest: TableView;
  /** Years down, breakdowns across: `42 (33,6%)`. */
  readonly byYear: TableView;
  /** Breakdowns never reported for this unit, named so a reader knows they are missing, not zero. */
  readonly missing: string | undefined;
}

export function compositionView(province: Province, unitId: string): CompositionView | undefined {
  const unit = province.tree.units.get(unitId);
  if (!unit) return undefined;
  const reading = (year: number, key: MemberMetric) => readingOf(province, province.members, unit, year, key);
  // A share is only given where the part and the total cover the same organizations.
  const share = (year: number, key: MemberMetric) => {
    const pair = comparable(reading(year, key), reading(year, 'members'));
    return pair && ratio(pair[0].value, pair[1].value);
  };
  /** A part, marked where its sum leaves out some organizations, with its share where comparable. */
  const part = (year: number, key: MemberMetric) => {
    const r = reading(year, key);
    return countWithShare(r?.value, share(year, key), missingFrom(r));
  };
  const figures = unitOwnYears(province, unitId).map((y) => ({
    year: y,
    values: province.members.rollup.at(unitId, y)?.values,
  }));
  const reported = BREAKDOWNS.filter((b) => figures.some((f) => f.values?.[b.key] !== undefined));
  const latest = figures.findLast((f) => f.values?.members !== undefined);
  if (reported.length === 0 || !latest?.values) return undefined;
  const missing = BREAKDOWNS.filter((b) => !reported.includes(b)).map((b) => b.label.toLowerCase());
  return {
    year: latest.year,
    latest: {
      caption: `Cơ cấu đảng viên năm ${latest.year} (tỷ lệ trên tổng số đảng viên)`,
      columns: [column('Thành phần', false), column('Số đảng viên'), column('Tỷ lệ')],
      rows: reported.map((b) => [
        text(b.label),
        counted(reading(latest.year, b.key)),
        percent(share(latest.year, b.key)),
      ]),
    },
    byYear: {
      caption: 'Cơ cấu đảng viên qua các năm: số đảng viên (tỷ lệ trên tổng số)',
      columns: [column('Năm', false), column('Tổng số'), ...reported.map((b) => column(b.label))],
      rows: figures.map(({ year }) => [
        text(String(year)),
        counted(reading(year, 'members')),
        ...reported.map((b) => part(year, b.key)),
      ]),
    },
    missing: missing.length === 0 ? undefined : `Chưa có số liệu về: ${listVi(missing)}.`,
  };
}
