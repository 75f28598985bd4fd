import type { Dataset } from '../read/dataset.ts';
import { compareMoments, withinTolerance, type Tree } from '../model/tree.ts';
import type { Unit } from '../model/units.ts';
import { formatDate } from './calendar.ts';
import { error, type Problem } from '../problems.ts';
import { cellProblems } from './structure.ts';

/** How many of the units left behind a message names; the count says how many there are. */
const NAMED = 5;

/**
 * Every unit that has ever sat under each parent, by units.csv or by an event: the only units
 * an ended parent can leave behind.
 */
function formerChildren(tree: Tree): Map<string, Set<string>> {
  const children = new Map<string, Set<string>>();
  const add = (parent: string | undefined, child: string) => {
    if (parent === undefined) return;
    let set = children.get(parent);
    if (!set) children.set(parent, (set = new Set()));
    set.add(child);
  };
  for (const unit of tree.units.values()) {
    add(unit.parentId, unit.id);
    for (const change of tree.changes(unit.id)) {
      add(change.before, unit.id);
      add(change.after, unit.id);
    }
  }
  return children;
}

/**
 * The units that still hang under `parentId` once it has ended: they exist at the moment it
 * ends (or when they came into being, if later) and their parent then is the ended unit. A unit
 * that ends at the same moment (the same event, or the same units.csv date) or was moved away
 * before is not left behind. Nor is one moved away or ended by an event within 31 days of the
 * end (contract v2 A.4): a district committee that recorded 30/06/2025 as its last day hands its
 * communes to the new committees on 01/07/2025. This is the one place that decides how late a
 * move may come.
 */
export function leftBehind(tree: Tree, parentId: string, candidates: Iterable<string>): Unit[] {
  const ended = tree.endedAt(parentId);
  if (ended === undefined) return [];
  const found: Unit[] = [];
  for (const id of candidates) {
    const unit = tree.units.get(id);
    const started = tree.startedAt(id);
    const when = started !== undefined && compareMoments(started, ended) > 0 ? started : ended;
    if (!unit || !tree.existsAt(id, when) || tree.parentAt(id, when) !== parentId) continue;
    // Only an event takes a unit away in time: a units.csv date of its own is no handover.
    const away = tree.changes(id).find((c) => compareMoments(c, when) > 0 && c.after !== parentId);
    if (away === undefined || !withinTolerance(ended.date, away.date)) found.push(unit);
  }
  return found;
}

/**
 * A unit that ends (units.csv `dissolved`, or a merge or dissolution event) while units under
 * it live on leaves them under nothing: every sum above silently drops them, and a district's
 * 61 grassroots units vanish from the province's counts. One error on the ended unit's own
 * row names the cause once, instead of a warning for each total that no longer adds up.
 */
export function checkDissolutions(data: Dataset, tree: Tree): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const children = formerChildren(tree);
  for (const unit of tree.units.values()) {
    const ended = tree.dissolved(unit.id);
    const candidates = children.get(unit.id);
    if (ended === undefined || candidates === undefined) continue;
    const living = leftBehind(tree, unit.id, candidates);
    if (living.length === 0) continue;
    const ids = living.slice(0, NAMED).map((u) => u.id);
    const more = living.length > NAMED ? ` và ${living.length - NAMED} đơn vị khác` : '';
    const body = {
      code: 'dissolved-with-living-units',
      message: `đơn vị ${unit.id} kết thúc hoạt động ngày ${formatDate(ended)}, nhưng ${living.length} đơn vị trực thuộc vẫn hoạt động sau khi ${unit.id} kết thúc (${ids.join(', ')}${more}); số liệu của các đơn vị này sẽ không được cộng vào đơn vị cấp trên nào`,
      english: `unit ended while ${living.length} units under it live on`,
      fix: `Chuyển các đơn vị này sang đơn vị cấp trên mới trước ngày đó (sửa cột Mã đơn vị cấp trên trong units.csv và ghi sự kiện điều chuyển trong restructurings.csv, restructuring_units.csv), hoặc ghi ngày giải thể cho những đơn vị đã giải thể cùng ${unit.id}, hoặc sửa ngày kết thúc của ${unit.id} nếu gõ nhầm.`,
    };
    // Point at the date that ends it: units.csv when written there, else the event's row.
    const end = tree.changes(unit.id).find((c) => c.role === 'ends');
    if (unit.dissolved !== undefined || end === undefined) {
      report(error, 'units.csv', unit.line, 'dissolved', unit.dissolved && formatDate(unit.dissolved), body);
    } else {
      report(error, end.file, end.line, 'unit_id', unit.id, body);
    }
  }
  return problems;
}
