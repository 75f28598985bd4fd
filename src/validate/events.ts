import type { Dataset } from '../read/dataset.ts';
import type { RestructuringRow, RestructuringUnitRow } from '../read/schemas.ts';
import {
  compareMoments,
  createsResult,
  justBefore,
  type Moment,
  type ParentChange,
  type Tree,
} from '../model/tree.ts';
import { levelAt } from '../model/organizations.ts';
import { LEVEL_RANK } from '../model/units.ts';
import { error, warning, type Problem } from '../problems.ts';
import { formatDate } from './calendar.ts';
import { cellProblems } from './structure.ts';

/** `2011-08-17` → `17/08/2011`, as the office writes dates. */

/**
 * Checks that restructuring events replay into a sound tree. structure.ts has already checked
 * that every id exists and the units.csv tree is whole; here each unit's chain of changes must
 * join up (the parent an event moves a unit from is the parent it had then), no unit may be
 * moved outside its lifetime, and the tree around every event must keep one root and no cycle.
 */
export function checkEvents(data: Dataset, tree: Tree): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const events = new Map<string, RestructuringRow>();
  for (const event of data.restructurings) if (!events.has(event.id)) events.set(event.id, event);
  const listedBy = groupListed(data);
  const eventName = (id: string) => {
    const event = events.get(id);
    return event ? `${id} ngày ${formatDate(event.date)}` : id;
  };
  // A created unit's change sits on the event's own row; a listed unit's on its row.
  const keyOf = (change: ParentChange) =>
    change.file === 'restructurings.csv' ? 'result_unit_id' : 'unit_id';

  for (const [unitId, unit] of tree.units) {
    const changes = tree.changes(unitId);
    let previous: ParentChange | undefined;
    for (const change of changes) {
      if (change.role === 'creates') {
        // Creation comes first; a unit moved before it is flagged by the lifetime check below.
        previous = change;
        continue;
      }
      if (previous?.role === 'ends') {
        report(error, change.file, change.line, 'unit_id', unitId, {
          code: 'moved-after-dissolution',
          message: `đơn vị ${unitId} đã kết thúc hoạt động theo sự kiện ${eventName(previous.eventId)}, nên không thể sắp xếp tiếp ngày ${formatDate(change.date)}`,
          english: 'unit moved after it was dissolved',
          fix: 'Kiểm tra ngày của hai sự kiện, hoặc bỏ đơn vị khỏi một trong hai sự kiện.',
        });
        continue;
      }
      if (!tree.existsAt(unitId, justBefore(change))) {
        const dissolved = tree.dissolved(unitId);
        const gone = dissolved !== undefined && dissolved <= change.date;
        // Ended by this very event, but units.csv says long before: reorganization.ts names
        // the gap once (date-gap).
        if (gone && change.role === 'ends') continue;
        report(error, change.file, change.line, 'unit_id', unitId, {
          code: gone ? 'moved-after-dissolution' : 'moved-before-establishment',
          message: gone
            ? `đơn vị ${unitId} đã giải thể ngày ${formatDate(dissolved)} (units.csv dòng ${unit.line}), trước sự kiện ${eventName(change.eventId)}`
            : `đơn vị ${unitId} thành lập ngày ${formatDate(tree.established(unitId))}, sau sự kiện ${eventName(change.eventId)}`,
          english: gone ? 'unit moved after it was dissolved' : 'unit moved before it was established',
          fix: 'Sửa ngày thành lập, giải thể trong units.csv hoặc ngày của sự kiện.',
        });
        continue;
      }
      // Both levels as they were just before the event: either may have changed since.
      const then = justBefore(change);
      const before = change.before === undefined ? undefined : tree.units.get(change.before);
      if (before && LEVEL_RANK[levelAt(tree, before, then)] <= LEVEL_RANK[levelAt(tree, unit, then)]) {
        report(error, change.file, change.line, 'previous_parent_id', change.before, {
          code: 'parent-level',
          message: `đơn vị cấp trên trước ${change.before} không ở cấp cao hơn đơn vị ${unitId}`,
          english: 'a previous parent must be at a higher level than the unit',
          fix: 'Sửa mã đơn vị cấp trên trước (previous_parent_id), hoặc mã đơn vị cấp trên của sự kiện.',
        });
      }
      if (previous !== undefined && previous.after !== change.before) {
        report(error, change.file, change.line, 'previous_parent_id', change.before, {
          code: 'wrong-previous-parent',
          message: `sau sự kiện ${eventName(previous.eventId)}, đơn vị ${unitId} trực thuộc ${previous.after ?? ''}, nhưng dòng này ghi đơn vị cấp trên trước là ${change.before}`,
          english: `the unit's parent at that date was ${previous.after ?? ''}, not ${change.before}`,
          fix: `Ghi ${previous.after ?? ''} vào cột Đơn vị cấp trên trước (previous_parent_id), hoặc sửa sự kiện trước đó.`,
        });
      }
      previous = change;
    }
    if (previous === undefined) continue;
    if (previous.after !== undefined && previous.after !== unit.parentId) {
      report(error, previous.file, previous.line, keyOf(previous), unitId, {
        code: 'parent-now-differs',
        message: `sau sự kiện ${eventName(previous.eventId)}, đơn vị ${unitId} trực thuộc ${previous.after}, nhưng units.csv dòng ${unit.line} ghi đơn vị cấp trên hiện nay là ${unit.parentId ?? '(trống)'} và không có sự kiện nào sau đó điều chuyển đơn vị`,
        english: `after its last event the unit sits under ${previous.after}, but units.csv says ${unit.parentId ?? 'nothing'}`,
        fix: `Sửa mã đơn vị cấp trên của ${unitId} trong units.csv, hoặc thêm sự kiện điều chuyển (transfer) ghi lại lần chuyển sau đó.`,
      });
    } else if (previous.role === 'ends' && previous.before !== unit.parentId) {
      report(error, previous.file, previous.line, 'previous_parent_id', previous.before, {
        code: 'wrong-previous-parent',
        message: `units.csv dòng ${unit.line} ghi đơn vị ${unitId} trực thuộc ${unit.parentId ?? '(trống)'}, nhưng dòng này ghi đơn vị cấp trên trước khi kết thúc hoạt động là ${previous.before ?? ''}`,
        english: `the unit's parent was ${unit.parentId ?? 'nothing'}, not ${previous.before ?? ''}`,
        fix: 'Với đơn vị đã giải thể, units.csv ghi đơn vị cấp trên cuối cùng của nó; sửa một trong hai cho khớp.',
      });
    }
  }

  checkShapes(data, tree, report);

  for (const event of events.values()) {
    const written = event.result_unit_id === undefined ? undefined : tree.units.get(event.result_unit_id);
    if (!written || !createsResult(event, listedBy.get(event.id) ?? [])) continue;
    const start = tree.changes(written.id).find((c) => c.role === 'creates');
    if (start && start.eventId !== event.id) {
      report(error, 'restructurings.csv', event.line, 'result_unit_id', written.id, {
        code: 'created-twice',
        message: `đơn vị ${written.id} đã được thành lập theo sự kiện ${eventName(start.eventId)}, nên sự kiện này không thể thành lập mới đơn vị đó`,
        english: 'the result unit was already created by an earlier event',
        fix: `Nếu ${written.id} chỉ tiếp nhận thêm đơn vị, hãy liệt kê ${written.id} trong restructuring_units.csv của sự kiện này; nếu là đơn vị mới, đặt mã mới cho nó trong units.csv.`,
      });
      continue;
    }
    // A merger's new unit may record its first day within the tolerance; a larger gap is an
    // error of its own (reorganization.ts).
    if (
      event.kind !== 'merge' &&
      event.effective_date === undefined &&
      written.established !== undefined &&
      written.established !== event.date
    ) {
      report(warning, 'restructurings.csv', event.line, 'date', formatDate(event.date), {
        code: 'established-differs',
        message: `đơn vị sau sắp xếp ${written.id} có ngày thành lập ${formatDate(written.established)} (units.csv dòng ${written.line}), khác ngày của sự kiện; trang web tính sự kiện có hiệu lực từ ngày thành lập này`,
        english:
          "the result unit's established date differs from the event date; the event takes effect on the established date",
        fix: `Sửa một trong hai ngày cho khớp; nếu ${written.id} đã có từ trước và chỉ tiếp nhận thêm đơn vị, hãy liệt kê nó trong restructuring_units.csv của sự kiện này.`,
      });
    }
  }
  return problems;
}

type Report = ReturnType<typeof cellProblems>;

function groupListed(data: Dataset): Map<string, RestructuringUnitRow[]> {
  const listedBy = new Map<string, RestructuringUnitRow[]>();
  for (const row of data.restructuringUnits) {
    const list = listedBy.get(row.restructuring_id) ?? [];
    list.push(row);
    listedBy.set(row.restructuring_id, list);
  }
  return listedBy;
}

/**
 * The tree just before and just after every event, walked up from the units the event touches:
 * each must reach the root through units that exist then. Walking only from touched units keeps
 * the check linear in the events' size.
 */
function checkShapes(data: Dataset, tree: Tree, report: Report): void {
  // Provinces merged into today's were roots in their time (contract v2 A.1): any root will do.
  const roots = new Set([...tree.units.values()].filter((u) => u.parentId === undefined).map((u) => u.id));
  const seenProblems = new Set<string>();
  const listedBy = groupListed(data);

  for (const event of data.restructurings) {
    const moment = tree.moment(event.id);
    if (!moment) continue;
    const listed = (listedBy.get(event.id) ?? []).filter((row) => tree.units.has(row.unit_id));
    // Where to point for a unit: its own row when listed, else the event's row.
    const starts: { id: string; file: string; line: number; key: string }[] = [
      ...(event.parent_id === undefined
        ? []
        : [{ id: event.parent_id, file: 'restructurings.csv', line: event.line, key: 'parent_id' }]),
      ...(event.result_unit_id === undefined
        ? []
        : [
            { id: event.result_unit_id, file: 'restructurings.csv', line: event.line, key: 'result_unit_id' },
          ]),
      ...listed.map((row) => ({
        id: row.unit_id,
        file: 'restructuring_units.csv',
        line: row.line,
        key: 'unit_id',
      })),
    ];
    // Children an ended unit leaves behind are checkDissolutions' (dissolution.ts): one error
    // on the ended unit, not one per child.
    for (const [when, phase] of [
      [justBefore(moment), 'trước'],
      [moment, 'sau'],
    ] as const) {
      for (const start of starts) {
        if (!tree.existsAt(start.id, when)) continue;
        const found = walkUp(tree, start.id, when, roots);
        if (!found) continue;
        // A unit still under a parent that had ended before this event was left behind by that
        // end: checkDissolutions names it once, on the ended unit.
        if (phase === 'trước' && leftBehindBefore(tree, found, when)) continue;
        const key = `${event.id}\u0000${found.kind}\u0000${found.path.join('>')}`;
        if (seenProblems.has(key)) continue;
        seenProblems.add(key);
        const at = `${phase} sự kiện ${event.id} ngày ${formatDate(event.date)}`;
        if (found.kind === 'cycle') {
          report(error, start.file, start.line, start.key, start.id, {
            code: 'cycle-at-event',
            message: `${at}, các đơn vị cấp trên tạo thành vòng lặp: ${found.path.join(' → ')}`,
            english: 'the replayed tree has a cycle at this event',
            fix: 'Kiểm tra đơn vị cấp trên trước (previous_parent_id) và đơn vị sau sắp xếp của các sự kiện liên quan.',
          });
        } else {
          const [child = start.id, parent] = found.path.slice(-2);
          const reason =
            parent === undefined
              ? `đơn vị ${child} không có đơn vị cấp trên`
              : `đơn vị ${child} trực thuộc ${parent}, nhưng ${parent} ${detail(tree, parent, when)}`;
          report(error, start.file, start.line, start.key, start.id, {
            code: 'two-roots-at-event',
            message: `${at}, ${reason}, nên cây tổ chức có hai gốc`,
            english: 'the replayed tree has two roots at this event',
            fix:
              child === start.id
                ? 'Sửa ngày thành lập, giải thể trong units.csv, hoặc đơn vị cấp trên trong sự kiện.'
                : `Ghi ngày giải thể cho ${child} trong units.csv, hoặc điều chuyển nó (sự kiện transfer) trước khi ${parent ?? ''} kết thúc hoạt động.`,
          });
        }
      }
    }
  }
}

function leftBehindBefore(tree: Tree, found: Broken, when: Moment): boolean {
  const parent = found.kind === 'root' ? found.path.at(-1) : undefined;
  const ended = parent === undefined || found.path.length < 2 ? undefined : tree.endedAt(parent);
  return ended !== undefined && compareMoments(ended, when) <= 0;
}

function detail(tree: Tree, id: string, when: Moment): string {
  const established = tree.established(id);
  if (established !== undefined && established > when.date) {
    return `thành lập ngày ${formatDate(established)}, sau thời điểm đó`;
  }
  return `đã kết thúc hoạt động ngày ${formatDate(tree.dissolved(id))}`;
}

interface Broken {
  readonly kind: 'cycle' | 'root';
  /** From the start unit up to the unit where the walk broke off. */
  readonly path: readonly string[];
}

function walkUp(tree: Tree, start: string, when: Moment, roots: ReadonlySet<string>): Broken | undefined {
  const path = [start];
  const seen = new Set(path);
  let current = start;
  for (;;) {
    if (roots.has(current)) return undefined;
    const parent = tree.parentAt(current, when);
    if (parent === undefined) return { kind: 'root', path };
    if (seen.has(parent)) return { kind: 'cycle', path: [...path.slice(path.indexOf(parent)), parent] };
    if (!tree.existsAt(parent, when)) return { kind: 'root', path: [...path, parent] };
    path.push(parent);
    seen.add(parent);
    current = parent;
  }
}
