import { columnLabel } from '../model/labels.ts';
import type { Dataset } from '../read/dataset.ts';
import { admissionsSchema, CELL_RATING_COLUMNS, cellsSchema, membersSchema } from '../read/schemas.ts';
import { partsOf } from '../read/schema.ts';
import type { Province, Statistics } from '../model/province.ts';
import { isAboveAt, listedCells } from '../model/organizations.ts';
import { membersMoved } from '../model/comparable.ts';
import { findMismatches, type Figures } from '../model/rollup.ts';
import { yearEnd } from '../model/units.ts';
import { warning, type Problem } from '../problems.ts';
import { formatDate } from './calendar.ts';
import { cellProblems } from './structure.ts';

const fmt = new Intl.NumberFormat('vi-VN');

/** Files whose breakdowns (schema `partOf`) can never exceed their whole. */
const WITH_PARTS = [membersSchema, admissionsSchema, cellsSchema] as const;

/**
 * Warnings: the data is usable, but figures disagree with each other. Each one is listed on
 * the data-quality page so the office can correct the source spreadsheet.
 */
export function checkConsistency(data: Dataset, province: Province): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const { tree } = province;

  const rowsByFile = {
    'members.csv': data.members,
    'admissions.csv': data.admissions,
    'cells.csv': data.cells,
  } as const;

  for (const schema of WITH_PARTS) {
    const parts: readonly { key: string; of: string }[] = partsOf(schema);
    for (const row of rowsByFile[schema.file] as unknown as readonly (Figures<string> & { line: number })[]) {
      for (const { key: part, of: total } of parts) {
        const whole = row[total];
        if (whole === undefined) continue;
        const value = row[part];
        if (value !== undefined && value > whole) {
          report(warning, schema.file, row.line, part, value, {
            code: 'part-exceeds-total',
            message: `"${columnLabel(schema, part)}" (${fmt.format(value)}) lớn hơn "${columnLabel(schema, total)}" (${fmt.format(whole)})`,
            english: `${part} is larger than ${total}`,
            fix: 'Kiểm tra lại hai ô này: một phần không thể lớn hơn tổng.',
          });
        }
      }
    }
  }
  for (const row of data.cells) {
    const { secretary_as_head: heads, residential_cells: residential } = row;
    if (heads !== undefined && residential !== undefined && heads > residential) {
      report(warning, 'cells.csv', row.line, 'secretary_as_head', heads, {
        code: 'part-exceeds-total',
        message: `số chi bộ có bí thư kiêm trưởng thôn, tổ trưởng (${fmt.format(heads)}) lớn hơn số chi bộ thôn, tổ dân phố (${fmt.format(residential)})`,
        english: 'secretary_as_head is larger than residential_cells',
        fix: 'Kiểm tra lại hai ô này.',
      });
    }
    const rated = CELL_RATING_COLUMNS.map((k) => row[k]);
    if (rated.every((v) => v !== undefined)) {
      const sum = rated.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (sum !== row.cells) {
        report(warning, 'cells.csv', row.line, 'cells_excellent', sum, {
          code: 'ratings-sum',
          message: `tổng số chi bộ được xếp loại (${fmt.format(sum)}) khác số chi bộ trực thuộc (${fmt.format(row.cells)})`,
          english: 'cell ratings do not add up to cells',
          fix: 'Kiểm tra số chi bộ ở từng mức xếp loại.',
        });
      }
    }
  }

  // Membership balance: members(y) = members(y−1) + admitted + in − out − deceased − removed,
  // plus the members that came or went with units moved by restructurings (contract v2 A.6):
  // those are neither admissions nor transfers. A unit formed during the year starts from them.
  for (const row of data.members) {
    const moved = membersMoved(province, row.unit_id, row.year);
    const existed = tree.existsAt(row.unit_id, yearEnd(row.year - 1));
    const previous = existed
      ? province.members.rows.get(row.unit_id)?.get(row.year - 1)?.members
      : moved
        ? 0
        : undefined;
    const admitted = province.admissions.rows.get(row.unit_id)?.get(row.year)?.admitted;
    const terms = [
      previous,
      admitted,
      row.transferred_in,
      row.transferred_out,
      row.deceased,
      row.removed,
      moved,
    ];
    if (terms.some((t) => t === undefined)) continue;
    const [prev = 0, adm = 0, tin = 0, tout = 0, dec = 0, rem = 0, mov = 0] = terms;
    const expected = prev + mov + adm + tin - tout - dec - rem;
    if (expected !== row.members) {
      const restructured =
        mov === 0
          ? ''
          : mov > 0
            ? ` + ${fmt.format(mov)} chuyển về do sắp xếp tổ chức`
            : ` − ${fmt.format(-mov)} chuyển đi do sắp xếp tổ chức`;
      report(warning, 'members.csv', row.line, 'members', row.members, {
        code: 'balance',
        message: `không khớp biến động: ${fmt.format(prev)} (năm ${row.year - 1})${restructured} + ${fmt.format(adm)} kết nạp + ${fmt.format(tin)} chuyển đến − ${fmt.format(tout)} chuyển đi − ${fmt.format(dec)} từ trần − ${fmt.format(rem)} đưa ra khỏi Đảng = ${fmt.format(expected)}, chênh ${fmt.format(row.members - expected)}`,
        english: `membership balance gives ${expected}`,
        fix: 'Kiểm tra tổng số đảng viên năm này và năm trước, số kết nạp (admissions.csv) và các cột biến động.',
      });
    }
  }

  for (const [file, rows] of Object.entries(rowsByFile)) {
    for (const row of rows) {
      const end = yearEnd(row.year);
      const dissolved = tree.dissolved(row.unit_id);
      const established = tree.established(row.unit_id);
      if (dissolved !== undefined && dissolved <= end) {
        report(warning, file, row.line, 'year', row.year, {
          code: 'after-dissolution',
          message: `đơn vị ${row.unit_id} đã giải thể ngày ${formatDate(dissolved)}, nhưng vẫn có số liệu tính đến 31/12/${row.year}`,
          english: 'statistics dated after the unit was dissolved',
          fix: 'Xóa dòng này, hoặc sửa ngày giải thể trong units.csv.',
        });
      } else if (established !== undefined && established > end) {
        report(warning, file, row.line, 'year', row.year, {
          code: 'before-establishment',
          message: `đơn vị ${row.unit_id} thành lập ngày ${formatDate(established)}, sau thời điểm của số liệu (31/12/${row.year})`,
          english: 'statistics dated before the unit was established',
          fix: 'Xóa dòng này, hoặc sửa ngày thành lập trong units.csv.',
        });
      }
    }
  }

  // A committee with cells directly under it that units.csv does not list one by one (since 2025 a
  // commune committee's village cells, counted in cells.csv) has members its listed children do
  // not report: less in their sum than in its own figure is expected there, not a mismatch.
  // Cells units.csv lists under each cells.csv row's unit that year, for this and the check below.
  const listedOf = new Map(data.cells.map((row) => [row, listedCells(tree, row.unit_id, yearEnd(row.year))]));
  const unlistedCells = new Set(
    data.cells
      .filter((row) => {
        const unit = tree.units.get(row.unit_id);
        return (
          unit !== undefined &&
          isAboveAt(tree, unit, yearEnd(row.year)) &&
          row.cells > (listedOf.get(row) ?? 0)
        );
      })
      .map((row) => `${row.unit_id}\u0000${row.year}`),
  );
  for (const [schema, stats] of [
    [membersSchema, province.members],
    [admissionsSchema, province.admissions],
    [cellsSchema, province.cells],
  ] as const) {
    const { rows, rollup, additive } = stats as unknown as Statistics<
      string,
      Figures<string> & { line: number }
    >;
    for (const m of findMismatches(tree, rows, rollup, additive)) {
      if (m.sum < m.reported && unlistedCells.has(`${m.unitId}\u0000${m.year}`)) continue;
      report(warning, schema.file, m.line, m.metric, m.reported, {
        code: 'rollup-mismatch',
        message: `"${columnLabel(schema, m.metric)}" năm ${m.year} của ${m.unitId} là ${fmt.format(m.reported)}, nhưng cộng các đơn vị trực thuộc được ${fmt.format(m.sum)} (chênh ${fmt.format(m.reported - m.sum)})`,
        english: `reported ${m.metric} differs from the sum of its children (${m.sum})`,
        fix: 'Trang web dùng số báo cáo của đơn vị; hãy đối chiếu với số của các đơn vị trực thuộc.',
      });
    }
  }

  // Cells listed one by one in units.csv must agree with the count in cells.csv.
  for (const row of data.cells) {
    const listed = listedOf.get(row) ?? 0;
    if (listed > 0 && listed !== row.cells) {
      report(warning, 'cells.csv', row.line, 'cells', row.cells, {
        code: 'listed-cells',
        message: `units.csv liệt kê ${fmt.format(listed)} chi bộ trực thuộc ${row.unit_id} tại 31/12/${row.year}, khác số ${fmt.format(row.cells)} ở đây`,
        english: 'listed cells disagree with cells',
        fix: 'Bổ sung hoặc đánh dấu giải thể các chi bộ trong units.csv, hoặc sửa số chi bộ.',
      });
    }
  }
  return problems;
}
