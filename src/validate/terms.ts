/**
 * Committees and term targets (contract v2 B): terms that read as years in order and do not
 * overlap, congresses held within their term, committee counts within the committee, targets
 * that fit their measure, and members' ratings within the members.
 */
import { columnLabel, labelOf } from '../model/labels.ts';
import type { Province } from '../model/province.ts';
import { termYears, type TermMeasure } from '../model/terms.ts';
import type { Dataset } from '../read/dataset.ts';
import { partsOf } from '../read/schema.ts';
import {
  CELL_RATING_COLUMNS,
  committeesSchema,
  MEMBER_RATING_COLUMNS,
  membersSchema,
  SHARE_MEASURES,
  TERM_MEASURES,
} from '../read/schemas.ts';
import { targetValue } from '../read/values.ts';
import { error, warning, type Problem } from '../problems.ts';
import { formatDate } from './calendar.ts';
import { cellProblems } from './structure.ts';

const fmt = new Intl.NumberFormat('vi-VN');

export function checkTerms(data: Dataset): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const committeeFile = committeesSchema.file;

  const ordered = (file: string, line: number, term: string): boolean => {
    const { start, end } = termYears(term);
    if (end > start) return true;
    report(error, file, line, 'term', term, {
      code: 'term-order',
      message: `năm cuối nhiệm kỳ (${end}) phải sau năm đầu (${start})`,
      english: 'the term must end after it starts',
      fix: 'Ghi năm đầu trước, năm cuối sau, ví dụ 2020-2025.',
    });
    return false;
  };

  const termsOf = new Map<string, { term: string; line: number }[]>();
  for (const row of data.committees) {
    if (!ordered(committeeFile, row.line, row.term)) continue;
    const { start, end } = termYears(row.term);
    const earlier = termsOf.get(row.unit_id) ?? [];
    const same = earlier.find((t) => t.term === row.term);
    // Terms meet at a congress year (2020-2025, then 2025-2030): only a shared inner year overlaps.
    const overlapping = earlier.find((t) => {
      const other = termYears(t.term);
      return t.term !== row.term && start < other.end && other.start < end;
    });
    if (same) {
      report(error, committeeFile, row.line, 'term', row.term, {
        code: 'duplicate-row',
        message: `đơn vị ${row.unit_id} đã có cấp ủy nhiệm kỳ ${row.term} ở dòng ${same.line}`,
        english: 'duplicate (unit_id, term)',
        fix: 'Mỗi đơn vị chỉ có một dòng cho mỗi nhiệm kỳ: xóa dòng lặp hoặc sửa nhiệm kỳ.',
      });
    } else if (overlapping) {
      report(error, committeeFile, row.line, 'term', row.term, {
        code: 'overlapping-terms',
        message: `nhiệm kỳ ${row.term} trùng thời gian với nhiệm kỳ ${overlapping.term} của cùng đơn vị ${row.unit_id} ở dòng ${overlapping.line}`,
        english: 'overlapping terms of one unit',
        fix: 'Kiểm tra năm đầu, năm cuối của hai nhiệm kỳ: nhiệm kỳ sau bắt đầu từ năm cuối của nhiệm kỳ trước trở đi (ví dụ 2020-2025 rồi 2025-2030).',
      });
    }
    earlier.push({ term: row.term, line: row.line });
    termsOf.set(row.unit_id, earlier);

    // A congress may come early in its first year (the contract then counts that year), never
    // before the term or after it.
    const held = row.congress_date;
    if (held !== undefined && (held < `${start}-01-01` || held > `${end}-12-31`)) {
      report(error, committeeFile, row.line, 'congress_date', formatDate(held), {
        code: 'congress-outside-term',
        message: `ngày đại hội ${formatDate(held)} nằm ngoài nhiệm kỳ ${row.term}`,
        english: 'the congress date is outside its term',
        fix: `Ngày đại hội (hoặc ngày chỉ định) phải trong các năm từ ${start} đến ${end}: kiểm tra lại ngày hoặc nhiệm kỳ.`,
      });
    }

    for (const { key, of } of partsOf(committeesSchema)) {
      const part = row[key];
      const whole = row[of];
      if (part !== undefined && whole !== undefined && part > whole) {
        report(error, committeeFile, row.line, key, part, {
          code: 'part-exceeds-committee',
          message: `"${columnLabel(committeesSchema, key)}" (${fmt.format(part)}) lớn hơn "${columnLabel(committeesSchema, of)}" (${fmt.format(whole)})`,
          english: `${key} is larger than ${of}`,
          fix: 'Kiểm tra lại hai ô này: số ủy viên của một nhóm không thể lớn hơn số ủy viên Ban Chấp hành.',
        });
      }
    }
  }

  const targets = new Map<string, number>();
  for (const row of data.termTargets) {
    if (!ordered('term_targets.csv', row.line, row.term)) continue;
    const key = `${row.unit_id}\u0000${row.term}\u0000${row.measure}`;
    const first = targets.get(key);
    if (first !== undefined) {
      report(error, 'term_targets.csv', row.line, 'measure', row.measure, {
        code: 'duplicate-row',
        message: `đơn vị ${row.unit_id} đã có chỉ tiêu này cho nhiệm kỳ ${row.term} ở dòng ${first}`,
        english: 'duplicate (unit_id, term, measure)',
        fix: 'Mỗi đơn vị chỉ có một dòng cho mỗi chỉ tiêu của một nhiệm kỳ: xóa dòng lặp hoặc sửa chỉ tiêu.',
      });
      continue;
    }
    targets.set(key, row.line);
    const { value, percent } = targetValue(row.target);
    if (SHARE_MEASURES.has(row.measure)) {
      if (value > 100) {
        report(error, 'term_targets.csv', row.line, 'target', row.target, {
          code: 'share-out-of-range',
          message: `chỉ tiêu ${row.measure} là tỷ lệ phần trăm, phải từ 0 đến 100%`,
          english: 'a share target must be between 0 and 100 %',
          fix: 'Ghi tỷ lệ phần trăm, ví dụ 90% hoặc 90,5%; nếu nghị quyết đề ra một số lượng thì chọn chỉ tiêu không phải tỷ lệ.',
        });
      }
    } else if (percent || !Number.isInteger(value)) {
      report(error, 'term_targets.csv', row.line, 'target', row.target, {
        code: 'target-not-count',
        message: `chỉ tiêu ${row.measure} là một số lượng, không phải tỷ lệ phần trăm hay số thập phân`,
        english: 'a whole-number measure needs a whole-number target',
        fix: 'Ghi số nguyên, ví dụ 500; nếu nghị quyết đề ra một tỷ lệ thì chọn chỉ tiêu tỷ lệ (tên kết thúc bằng _share).',
      });
    }
  }

  for (const row of data.members) {
    const rated = MEMBER_RATING_COLUMNS.map((key) => row[key]);
    if (rated.every((v) => v === undefined)) continue;
    const sum = rated.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum > row.members) {
      report(
        warning,
        membersSchema.file,
        row.line,
        MEMBER_RATING_COLUMNS.find((k) => row[k] !== undefined) ?? 'members_excellent',
        sum,
        {
          code: 'ratings-sum',
          message: `tổng số đảng viên được xếp loại (${fmt.format(sum)}) lớn hơn tổng số đảng viên (${fmt.format(row.members)})`,
          english: 'member ratings add up to more than the members',
          fix: 'Kiểm tra số đảng viên ở từng mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV).',
        },
      );
    }
  }
  return problems;
}

/** Where each measure's figures come from: a target is measurable when one of these rows has one. */
const MEASURED_BY: Readonly<Record<TermMeasure, (data: Dataset) => readonly { unit_id: string }[]>> = {
  admitted_total: (d) => d.admissions,
  admitted_yearly: (d) => d.admissions,
  grassroots_good_share: (d) => d.cells.filter((r) => r.rating !== undefined),
  cells_good_share: (d) => d.cells.filter((r) => CELL_RATING_COLUMNS.some((k) => r[k] !== undefined)),
  members_good_share: (d) => d.members.filter((r) => MEMBER_RATING_COLUMNS.some((k) => r[k] !== undefined)),
  secretary_as_head_share: (d) => d.cells.filter((r) => r.secretary_as_head !== undefined),
};

/** Where to find each measure's figures, for the fix. */
const WHERE: Readonly<Record<TermMeasure, string>> = {
  admitted_total: 'cột admitted (Số kết nạp) của admissions.csv',
  admitted_yearly: 'cột admitted (Số kết nạp) của admissions.csv',
  grassroots_good_share: 'cột rating (Xếp loại) của cells.csv',
  cells_good_share: 'các cột cells_excellent … cells_incomplete (Chi bộ HTXSNV … KHTNV) của cells.csv',
  members_good_share:
    'các cột members_excellent … members_incomplete (Đảng viên HTXSNV … KHTNV) của members.csv',
  secretary_as_head_share: 'cột secretary_as_head (Bí thư kiêm trưởng thôn, tổ trưởng) của cells.csv',
};

/**
 * A target no figure can ever measure (a warning: the file is sound, the progress just cannot be
 * shown): neither the unit nor any unit that was ever under it has a figure for the measure in
 * any year. "Ever under it" follows every parent a unit had, so a commune merged in 2025 still
 * counts toward the district it left; the check only speaks when nothing at all could count.
 */
export function checkTargetData(data: Dataset, province: Province): Problem[] {
  const problems: Problem[] = [];
  if (data.termTargets.length === 0) return problems;
  const report = cellProblems(data, problems);
  const { tree } = province;
  const parentsEver = (id: string): string[] => {
    const parents = new Set<string>();
    const now = tree.units.get(id)?.parentId;
    if (now !== undefined) parents.add(now);
    for (const change of tree.changes(id)) {
      if (change.before !== undefined) parents.add(change.before);
      if (change.after !== undefined) parents.add(change.after);
    }
    return [...parents];
  };
  const measured = new Map<TermMeasure, Set<string>>();
  for (const row of data.termTargets) {
    if (measured.has(row.measure)) continue;
    const covered = new Set<string>();
    const pending = MEASURED_BY[row.measure](data).map((r) => r.unit_id);
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (covered.has(id)) continue;
      covered.add(id);
      pending.push(...parentsEver(id));
    }
    measured.set(row.measure, covered);
  }
  for (const row of data.termTargets) {
    if (measured.get(row.measure)?.has(row.unit_id)) continue;
    const name = tree.units.get(row.unit_id)?.name ?? row.unit_id;
    report(warning, 'term_targets.csv', row.line, 'measure', row.measure, {
      code: 'target-without-data',
      message: `chỉ tiêu "${labelOf(TERM_MEASURES, row.measure)}" của ${name} không có số liệu nào để đo: cả đơn vị lẫn các đơn vị trực thuộc đều chưa có số liệu này ở năm nào`,
      english: 'a target for a measure that has no data',
      fix: `Nhập số liệu vào ${WHERE[row.measure]} cho đơn vị này hoặc các đơn vị trực thuộc; nếu chưa thu thập số liệu này thì xóa dòng chỉ tiêu, hoặc để nguyên và bỏ qua cảnh báo này.`,
    });
  }
  return problems;
}
