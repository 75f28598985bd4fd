/**
 * Checks of a reorganization across roots, levels, names and dates (contract v2 A.1–A.4): each
 * new way the files can contradict each other has one check here, on the row that says it.
 */
import type { Dataset } from '../read/dataset.ts';
import { LEVELS, type RestructuringRow } from '../read/schemas.ts';
import { labelOf } from '../model/labels.ts';
import { levelAt } from '../model/organizations.ts';
import {
  DATE_TOLERANCE_DAYS,
  daysBetween,
  justBefore,
  roleOf,
  createsResult,
  withinTolerance,
  type Moment,
  type Tree,
} from '../model/tree.ts';
import { LEVEL_RANK, type Unit } from '../model/units.ts';
import { error, warning, type Problem } from '../problems.ts';
import { formatDate } from './calendar.ts';
import { cellProblems } from './structure.ts';

type Report = ReturnType<typeof cellProblems>;

const levelLabel = (level: string) => labelOf(LEVELS, level);

export function checkReorganization(data: Dataset, tree: Tree): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const events = new Map<string, RestructuringRow>();
  for (const event of data.restructurings) if (!events.has(event.id)) events.set(event.id, event);
  checkRoots(tree, events, report);
  checkMergeCycles(data, events, report);
  checkDateGaps(data, tree, events, report);
  checkLevels(data, tree, report);
  checkNames(data, tree, events, report);
  for (const event of events.values()) {
    if (event.effective_date === undefined || event.effective_date >= event.date) continue;
    report(warning, 'restructurings.csv', event.line, 'effective_date', formatDate(event.effective_date), {
      code: 'effective-before-date',
      message: `ngày hiệu lực ${formatDate(event.effective_date)} trước ngày ban hành quyết định ${formatDate(event.date)}; trang web vẫn tính sự kiện có hiệu lực từ ngày ${formatDate(event.effective_date)}`,
      english: 'effective_date is before the decision date',
      fix: 'Kiểm tra hai ngày (có thể ghi đảo cột Ngày và Ngày hiệu lực); nếu quyết định có hiệu lực hồi tố thì giữ nguyên.',
    });
  }
  return problems;
}

/** The merge event that ended a unit, if a merge did. */
function endingMerge(tree: Tree, events: ReadonlyMap<string, RestructuringRow>, id: string) {
  const end = tree.changes(id).find((c) => c.role === 'ends');
  const event = end && events.get(end.eventId);
  return event?.kind === 'merge' ? event : undefined;
}

/**
 * Every root but today's was merged, directly or through a chain of mergers, into it (A.1):
 * otherwise its history would hang beside the province the site publishes.
 */
function checkRoots(tree: Tree, events: ReadonlyMap<string, RestructuringRow>, report: Report): void {
  const roots = [...tree.units.values()]
    .filter((u) => u.parentId === undefined)
    .sort((a, b) => a.line - b.line);
  // More than one alive today is an error of structure.ts, reported before the tree is built.
  const today = roots.find((u) => tree.endedAt(u.id) === undefined);
  if (today === undefined) return;
  for (const root of roots) {
    if (tree.endedAt(root.id) === undefined) continue;
    // Follow the mergers from this root; the chain must end in today's root.
    const seen = new Set<string>();
    let current: string | undefined = root.id;
    while (current !== undefined && current !== today.id && !seen.has(current)) {
      seen.add(current);
      current = endingMerge(tree, events, current)?.result_unit_id;
    }
    if (current === today.id) continue;
    const first = endingMerge(tree, events, root.id);
    report(error, 'units.csv', root.line, 'dissolved', root.dissolved && formatDate(root.dissolved), {
      code: 'root-not-merged',
      message: `đơn vị gốc "${root.name}" đã kết thúc hoạt động nhưng ${first ? `chuỗi hợp nhất từ sự kiện ${first.id} không dẫn đến` : 'không được hợp nhất (trực tiếp hoặc qua các lần hợp nhất) vào'} đơn vị gốc hiện nay "${today.name}"; số liệu của nó sẽ không nối được vào tổ chức hiện nay`,
      english: "an ended root is not merged, directly or through a chain of mergers, into today's root",
      fix: `Ghi sự kiện hợp nhất (merge) có đơn vị sau sắp xếp là ${today.id} (hoặc một đơn vị đã hợp nhất vào ${today.id}) và liệt kê ${root.id} trong restructuring_units.csv của sự kiện đó.`,
    });
  }
}

/** A merged into B and B merged into A: no unit can be its own successor (A.5 follows these). */
function checkMergeCycles(
  data: Dataset,
  events: ReadonlyMap<string, RestructuringRow>,
  report: Report,
): void {
  const next = new Map<string, { to: string; line: number; eventId: string }[]>();
  for (const row of data.restructuringUnits) {
    const event = events.get(row.restructuring_id);
    if (event?.kind !== 'merge' || event.result_unit_id === undefined) continue;
    if (roleOf(event, row.unit_id) !== 'ends') continue;
    const list = next.get(row.unit_id) ?? [];
    list.push({ to: event.result_unit_id, line: row.line, eventId: event.id });
    next.set(row.unit_id, list);
  }
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (id: string, path: string[]): void => {
    if (done.has(id)) return;
    const at = path.indexOf(id);
    if (at >= 0) {
      const cycle = [...path.slice(at), id];
      const key = [...cycle.slice(0, -1)].sort().join('>');
      const edge = next.get(path.at(-1) ?? '')?.find((e) => e.to === id);
      if (!reported.has(key) && edge) {
        reported.add(key);
        report(error, 'restructuring_units.csv', edge.line, 'unit_id', path.at(-1), {
          code: 'merge-cycle',
          message: `các sự kiện hợp nhất tạo thành vòng lặp: ${cycle.join(' → ')} (mỗi mũi tên là "hợp nhất vào"), nên một đơn vị vừa là đơn vị trước vừa là đơn vị sau của chính nó`,
          english: 'merger events form a cycle',
          fix: `Kiểm tra đơn vị sau sắp xếp (result_unit_id) của sự kiện ${edge.eventId} và của các sự kiện hợp nhất trước đó.`,
        });
      }
      return;
    }
    for (const edge of next.get(id) ?? []) visit(edge.to, [...path, id]);
    done.add(id);
  };
  for (const id of next.keys()) visit(id, []);
}

/**
 * A unit a merger or dissolution ends may record its last day, and a merger's new unit its
 * first, within 31 days of the event (A.4); a larger gap means one of the dates is wrong.
 */
function checkDateGaps(
  data: Dataset,
  tree: Tree,
  events: ReadonlyMap<string, RestructuringRow>,
  report: Report,
): void {
  const gap = (written: string, at: Moment, event: RestructuringRow) =>
    `cách ngày hiệu lực ${formatDate(at.date)} của sự kiện ${event.id} ${Math.abs(daysBetween(at.date, written))} ngày (chỉ được lệch tối đa ${DATE_TOLERANCE_DAYS} ngày)`;
  for (const row of data.restructuringUnits) {
    const event = events.get(row.restructuring_id);
    const unit = tree.units.get(row.unit_id);
    const at = tree.moment(row.restructuring_id);
    if (!event || !at || unit?.dissolved === undefined || roleOf(event, unit.id) !== 'ends') continue;
    if (withinTolerance(unit.dissolved, at.date)) continue;
    report(error, 'units.csv', unit.line, 'dissolved', formatDate(unit.dissolved), {
      code: 'date-gap',
      message: `sự kiện ${event.id} kết thúc hoạt động của đơn vị ${unit.id}, nhưng ngày giải thể ${gap(unit.dissolved, at, event)}`,
      english: `the dissolved date is more than ${DATE_TOLERANCE_DAYS} days from the event that ends the unit`,
      fix: `Ghi ngày giải thể là ngày cuối cùng đơn vị hoạt động (thường là ngày trước ngày hiệu lực), để trống để dùng ngày của sự kiện, hoặc sửa ngày (Ngày hiệu lực) của sự kiện ${event.id}.`,
    });
  }
  const listed = new Map<string, (typeof data.restructuringUnits)[number][]>();
  for (const row of data.restructuringUnits) {
    listed.set(row.restructuring_id, [...(listed.get(row.restructuring_id) ?? []), row]);
  }
  for (const event of events.values()) {
    const result = event.result_unit_id === undefined ? undefined : tree.units.get(event.result_unit_id);
    if (result?.established === undefined || !createsResult(event, listed.get(event.id) ?? [])) continue;
    // Without an effective date, other kinds take effect on `established` (events.ts warns).
    if (event.kind !== 'merge' && event.effective_date === undefined) continue;
    const at: Moment = { date: event.effective_date ?? event.date, step: 0 };
    if (withinTolerance(result.established, at.date)) continue;
    report(error, 'units.csv', result.line, 'established', formatDate(result.established), {
      code: 'date-gap',
      message: `đơn vị ${result.id} được thành lập theo sự kiện ${event.id}, nhưng ngày thành lập ${gap(result.established, at, event)}`,
      english: `the established date is more than ${DATE_TOLERANCE_DAYS} days from the event that creates the unit`,
      fix: `Ghi ngày thành lập là ngày đầu tiên đơn vị hoạt động, để trống để dùng ngày của sự kiện, hoặc sửa ngày (Ngày hiệu lực) của sự kiện ${event.id}.`,
    });
  }
}

/**
 * A level change must leave the tree sound on both sides of the event: the unit's parent
 * above it, its children below it (A.2). The parent it came from is checked with its move
 * (events.ts); the parent after the event and the children on both sides here.
 */
function checkLevels(data: Dataset, tree: Tree, report: Report): void {
  const rows = new Map(
    data.restructuringUnits.map((row) => [`${row.restructuring_id}\u0000${row.unit_id}`, row]),
  );
  for (const unit of tree.units.values()) {
    for (const change of tree.levelChanges(unit.id)) {
      const row = rows.get(`${change.eventId}\u0000${unit.id}`);
      if (!row) continue;
      const point = (make: typeof error, body: Parameters<Report>[5]) =>
        report(make, 'restructuring_units.csv', row.line, 'previous_level', levelLabel(change.before), body);
      if (change.before === change.after) {
        point(warning, {
          code: 'level-unchanged',
          message: `cấp trước "${levelLabel(change.before)}" trùng với cấp của đơn vị ${unit.id} sau sự kiện ${change.eventId}, nên sự kiện không thay đổi cấp`,
          english: 'previous_level equals the level the unit has after the event',
          fix: 'Để trống cột Cấp trước nếu sự kiện không thay đổi cấp của đơn vị; nếu có, ghi cấp trước khi sắp xếp.',
        });
        continue;
      }
      const moment: Moment = change;
      const conflict =
        levelConflict(tree, unit, change.before, justBefore(moment), 'trước', false) ??
        levelConflict(tree, unit, change.after, moment, 'sau', true);
      if (conflict) {
        point(error, {
          code: 'level-change-conflict',
          message: `${conflict} (sự kiện ${change.eventId} ngày ${formatDate(change.date)})`,
          english: 'the level change leaves a parent at the same or a lower level than its child',
          fix: 'Kiểm tra cột Cấp trước, cấp trong units.csv và đơn vị cấp trên trước (previous_parent_id) của các đơn vị liên quan.',
        });
      }
    }
  }
}

/** What is wrong with `unit` at level `level` at `when`, if anything. */
function levelConflict(
  tree: Tree,
  unit: Unit,
  level: Unit['level'],
  when: Moment,
  phase: string,
  withParent: boolean,
): string | undefined {
  const parentId = tree.parentAt(unit.id, when);
  const parent = parentId === undefined ? undefined : tree.units.get(parentId);
  if (parent && withParent && LEVEL_RANK[levelAt(tree, parent, when)] <= LEVEL_RANK[level]) {
    return `${phase} sắp xếp, ${unit.id} ở cấp "${levelLabel(level)}" nhưng đơn vị cấp trên ${parent.id} ở cấp "${levelLabel(levelAt(tree, parent, when))}", không cao hơn`;
  }
  for (const child of tree.childrenAt(unit.id, when)) {
    const childLevel = levelAt(tree, child, when);
    if (LEVEL_RANK[childLevel] >= LEVEL_RANK[level]) {
      return `${phase} sắp xếp, ${unit.id} ở cấp "${levelLabel(level)}" nhưng đơn vị trực thuộc ${child.id} ở cấp "${levelLabel(childLevel)}", không thấp hơn`;
    }
  }
  return undefined;
}

/** A rename says what the unit was called before, and that name differs from the new one (A.3). */
function checkNames(
  data: Dataset,
  tree: Tree,
  events: ReadonlyMap<string, RestructuringRow>,
  report: Report,
): void {
  const renamed = new Set<string>();
  for (const row of data.restructuringUnits) {
    const event = events.get(row.restructuring_id);
    const at = tree.moment(row.restructuring_id);
    if (!event || !at || !tree.units.has(row.unit_id)) continue;
    if (event.kind === 'rename') renamed.add(event.id);
    if (row.previous_name === undefined) {
      if (event.kind !== 'rename') continue;
      report(warning, 'restructuring_units.csv', row.line, 'previous_name', '', {
        code: 'rename-without-previous-name',
        message: `sự kiện đổi tên ${event.id} không ghi tên trước của đơn vị ${row.unit_id}; trang web không thể nêu tên cũ`,
        english: 'a rename without previous_name',
        fix: 'Ghi tên của đơn vị trước khi đổi vào cột Tên trước (previous_name).',
      });
    } else if (row.previous_name === tree.nameAt(row.unit_id, at)) {
      report(warning, 'restructuring_units.csv', row.line, 'previous_name', row.previous_name, {
        code: 'name-unchanged',
        message: `tên trước trùng với tên của đơn vị ${row.unit_id} sau sự kiện ${event.id}, nên sự kiện không đổi tên`,
        english: 'previous_name equals the name the unit has after the event',
        fix: 'Ghi tên cũ của đơn vị vào cột Tên trước; nếu sự kiện không đổi tên thì để trống cột này.',
      });
    }
  }
  for (const event of events.values()) {
    if (event.kind !== 'rename' || renamed.has(event.id)) continue;
    report(warning, 'restructurings.csv', event.line, 'kind', 'rename', {
      code: 'rename-without-previous-name',
      message: `sự kiện đổi tên ${event.id} không liệt kê đơn vị nào trong restructuring_units.csv, nên không biết đơn vị nào đổi tên và tên trước là gì`,
      english: 'a rename that lists no unit',
      fix: 'Thêm vào restructuring_units.csv một dòng cho đơn vị được đổi tên, ghi tên trước khi đổi ở cột Tên trước (previous_name).',
    });
  }
}
