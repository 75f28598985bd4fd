/**
 * The membership balance per year: members at the start, movements, members at the end, and
 * whether `cuối năm = đầu năm + kết nạp + chuyển đến − chuyển đi − từ trần − đưa ra khỏi Đảng`.
 */
import { membersMoved } from '../model/comparable.ts';
import type { Province } from '../model/province.ts';
import { unitOwnYears } from './unit-years.ts';
import { NOT_REPORTED, formatSigned } from './format.ts';
import { column, count, signed, text, type Cell, type TableView } from './table.ts';

const MOVEMENTS = ['transferred_in', 'transferred_out', 'deceased', 'removed'] as const;

function check(terms: readonly (number | undefined)[], end: number | undefined, moved = 0): Cell {
  const [start, admitted, tin, tout, deceased, removed] = terms;
  if (
    end === undefined ||
    start === undefined ||
    admitted === undefined ||
    tin === undefined ||
    tout === undefined ||
    deceased === undefined ||
    removed === undefined
  ) {
    return { text: NOT_REPORTED, path: undefined, sort: undefined };
  }
  const gap = end - (start + moved + admitted + tin - tout - deceased - removed);
  return { text: gap === 0 ? 'Khớp' : `Lệch ${formatSigned(gap)}`, path: undefined, sort: gap };
}

/** `undefined` when the unit never reported a movement: the members chart already says the rest. */
export function balanceView(province: Province, unitId: string): TableView | undefined {
  const { members, admissions } = province;
  const years = unitOwnYears(province, unitId);
  const at = (y: number) => members.rollup.at(unitId, y)?.values;
  if (!years.some((y) => MOVEMENTS.some((m) => at(y)?.[m] !== undefined))) return undefined;
  // Members that came or went with units moved by restructurings (A.6) get their own column,
  // only where some year has them: a v1 table stays as it was.
  const moved = years.map((y) => (province.years.includes(y - 1) ? membersMoved(province, unitId, y) : 0));
  const restructured = moved.some((m) => m !== undefined && m !== 0);
  return {
    caption: 'Biến động đảng viên trong năm (— là chưa có số liệu; đối chiếu chỉ khi đủ mọi số)',
    columns: [
      column('Năm', false),
      column('Đầu năm'),
      ...(restructured ? [column('Chuyển về (+) hoặc đi (−) do sắp xếp tổ chức')] : []),
      column('Kết nạp'),
      column('Chuyển đến'),
      column('Chuyển đi'),
      column('Từ trần'),
      column('Đưa ra khỏi Đảng'),
      column('Cuối năm'),
      column('Đối chiếu'),
    ],
    rows: years.map((y, i) => {
      const now = at(y);
      const shift = moved[i];
      const formed = shift !== undefined && shift > 0 && at(y - 1) === undefined;
      const terms = [
        formed ? 0 : at(y - 1)?.members,
        admissions.rollup.at(unitId, y)?.values.admitted,
        now?.transferred_in,
        now?.transferred_out,
        now?.deceased,
        now?.removed,
      ];
      const [start, ...rest] = terms.map(count);
      return [
        text(String(y)),
        ...(start ? [start] : []),
        ...(restructured ? [signed(shift)] : []),
        ...rest,
        count(now?.members),
        shift === undefined ? check([undefined], undefined) : check(terms, now?.members, shift),
      ];
    }),
  };
}
