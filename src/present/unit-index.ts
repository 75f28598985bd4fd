import { isAbove } from '../model/organizations.ts';
import type { Province } from '../model/province.ts';
import { byName, type Unit } from '../model/units.ts';
import { formatDate } from './format.ts';
import { indexAnchor } from './subordinates.ts';
import { unitPath, type Link } from './links.ts';
import { namesOf } from './event-words.ts';
import { lineageOf } from '../model/lineage.ts';
import { endedOn, formerNames } from './unit-changes.ts';
import { endingOf, namesakeOf } from './unit-names.ts';
import { listVi } from './wording.ts';
import { levelLabel, pageUnits } from './unit-view.ts';

export interface UnitIndexEntry {
  readonly link: Link;
  /**
   * `đã giải thể 01/07/2023`, for units that no longer exist; `tên trước đây: …, đến 31/12/2024`
   * for renamed units, so a reader who knows only the old name finds them.
   */
  readonly note: string | undefined;
}

export interface UnitIndexGroup {
  /** The district (or the province, for units directly under it) the group belongs to. */
  readonly heading: UnitIndexEntry;
  /** The group's id in the page, which a very wide unit's page links to. */
  readonly anchor: string;
  readonly level: string;
  readonly units: readonly UnitIndexEntry[];
}

/** Every unit with a page, grouped under its district: the no-JavaScript way to find a unit. */
export interface UnitIndex {
  readonly total: number;
  readonly groups: readonly UnitIndexGroup[];
}

const entry = (province: Province, unit: Unit): UnitIndexEntry => {
  const dissolved = endedOn(province, unit.id);
  const into = lineageOf(province).successors(unit.id);
  const names = namesOf(province);
  const former = formerNames(province, unit.id);
  // The note sits in parentheses after the name: a former name's date is said without its own.
  const formerText = (f: (typeof former)[number]) => `${f.name}, đến ${f.until}`;
  const successor = (id: string) => `${names(id)}${namesakeOf(province, unit.id, id) ? ' mới' : ''}`;
  const notes = [
    ...(former.length === 0 ? [] : [`tên trước đây: ${former.map(formerText).join('; ')}`]),
    ...(dissolved === undefined
      ? []
      : into.length > 0
        ? [`đã hợp nhất vào ${listVi(into.map((step) => successor(step.unitId)))} ${formatDate(dissolved)}`]
        : [`đã ${endingOf(province, unit.id).verb} ${formatDate(dissolved)}`]),
  ];
  return {
    link: { label: unit.name, path: unitPath(province, unit) },
    note: notes.length === 0 ? undefined : notes.join('; '),
  };
};

export function unitIndex(province: Province): UnitIndex {
  const units = pageUnits(province);
  const rootId = province.root.id;
  // A grassroots unit's group is its nearest ancestor that is a district, else the province.
  const groupOf = (unit: Unit): string => {
    for (let p = unit.parentId; p !== undefined;) {
      const parent = province.tree.units.get(p);
      if (!parent) break;
      if (parent.level === 'district') return parent.id;
      p = parent.parentId;
    }
    return rootId;
  };
  const members = new Map<string, Unit[]>();
  for (const unit of units) {
    if (isAbove(unit)) continue;
    const key = groupOf(unit);
    const list = members.get(key);
    if (list) list.push(unit);
    else members.set(key, [unit]);
  }
  const districts = units.filter((u) => u.level === 'district').sort(byName);
  const groups: UnitIndexGroup[] = [province.root, ...districts].map((head) => ({
    heading: entry(province, head),
    anchor: indexAnchor(head),
    level: levelLabel(head),
    units: (members.get(head.id) ?? []).sort(byName).map((u) => entry(province, u)),
  }));
  return { total: units.length, groups };
}
