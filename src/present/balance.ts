/**
 * The membership balance per year: members at the start, movements, members at the end, and
 * whether `cuối năm = đầu năm + kết nạp + chuyển đến − chuyển đi − từ trần − đưa ra khỏi Đảng`.
 */
import type { Province } from '../model/province.ts';
import { unitYears } from './unit-years.ts';
import { NOT_REPORTED, formatSigned } from './format.ts';
import { column, count, text, type Cell, type TableView } from './table.ts';

const MOVEMENTS = ['transferred_in', 'transferred_out', 'deceased', 'removed'] as const;

function check(terms: readonly (number | undefined)[], end: number | undefined): Cell {
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
  const gap = end - (start + admitted + tin - tout - deceased - removed);
  return { text: gap === 0 ? 'Khớp' : `Lệch ${formatSigned(gap)}`, path: undefined, sort: gap };
}

/** `undefined` when the unit never reported a movement: the members chart already says the rest. */
export function balanceView(province: Province, unitId: string): TableView | undefined {
  const { members, admissions } = province;
  const years = unitYears(province, unitId);
  const at = (y: number) => members.rollup.at(unitId, y)?.values;
  if (!years.some((y) => MOVEMENTS.some((m) => at(y)?.[m] !== undefined))) return undefined;
  return {
    caption: 'Biến động đảng viên trong năm (— là chưa có số liệu; đối chiếu chỉ khi đủ mọi số)',
    columns: [
      column('Năm', false),
      column('Đầu năm'),
      column('Kết nạp'),
      column('Chuyển đến'),
      column('Chuyển đi'),
      column('Từ trần'),
      column('Đưa ra khỏi Đảng'),
      column('Cuối năm'),
      column('Đối chiếu'),
    ],
    rows: years.map((y) => {
      const now = at(y);
      const terms = [
        at(y - 1)?.members,
        admissions.rollup.at(unitId, y)?.values.admitted,
        now?.transferred_in,
        now?.transferred_out,
        now?.deceased,
        now?.removed,
      ];
      return [text(String(y)), ...terms.map(count), count(now?.members), check(terms, now?.members)];
    }),
  };
}
