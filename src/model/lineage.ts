/**
 * Who was merged into whom. A merge ends the units it lists and carries them on in its result
 * unit (a new unit, or one of the listed units that continues: an absorption). Chains of merges
 * (three communes into one in 2015, that one into a ward in 2025) and merges of roots (a
 * province formed from two) are followed to the end, so a unit's history can be read along the
 * units that became it. Indexed once per province; every page asks it.
 */
import type { Province } from './province.ts';
import { roleOf } from './tree.ts';
import { sharedWeakMap } from './shared.ts';

export interface LineageLink {
  /** The other unit: the predecessor (merged into this one) or the successor (this one merged into). */
  readonly unitId: string;
  readonly eventId: string;
  /** When the merge took effect, as the tree applies it. */
  readonly date: string;
}

export interface Lineage {
  /** Units a merge ended into this one, oldest merge first. */
  readonly predecessors: (unitId: string) => readonly LineageLink[];
  /** The unit this one was merged into (at most one: a unit ends once). */
  readonly successors: (unitId: string) => readonly LineageLink[];
  /** Every unit merged into this one, through chains of merges; nearest first. */
  readonly allPredecessors: (unitId: string) => readonly string[];
  /** The unit that carries this one on today: itself while it exists, else the end of its merges;
   * `undefined` for a unit that ended without successor (dissolved). */
  readonly heir: (unitId: string) => string | undefined;
}

const lineages = sharedWeakMap<Province, Lineage>('lineage');

export function lineageOf(province: Province): Lineage {
  const known = lineages.get(province);
  if (known) return known;
  const before = new Map<string, LineageLink[]>();
  const after = new Map<string, LineageLink[]>();
  const add = (index: Map<string, LineageLink[]>, id: string, link: LineageLink) => {
    const list = index.get(id) ?? [];
    list.push(link);
    index.set(id, list);
  };
  const { tree } = province;
  for (const event of province.events) {
    const result = event.result_unit_id;
    if (event.kind !== 'merge' || result === undefined) continue;
    const date = tree.moment(event.id)?.date ?? event.date;
    for (const row of event.units) {
      if (roleOf(event, row.unit_id) !== 'ends') continue;
      add(before, result, { unitId: row.unit_id, eventId: event.id, date });
      add(after, row.unit_id, { unitId: result, eventId: event.id, date });
    }
  }
  const closure = new Map<string, string[]>();
  const allPredecessors = (unitId: string): string[] => {
    let list = closure.get(unitId);
    if (list) return list;
    list = [];
    // Breadth first, with a seen set: a cycle through events is a validation error, never a hang.
    const seen = new Set([unitId]);
    const queue = [unitId];
    for (let i = 0; i < queue.length; i++) {
      for (const link of before.get(queue[i] ?? '') ?? []) {
        if (seen.has(link.unitId)) continue;
        seen.add(link.unitId);
        list.push(link.unitId);
        queue.push(link.unitId);
      }
    }
    closure.set(unitId, list);
    return list;
  };
  const heirs = new Map<string, string | undefined>();
  const heir = (unitId: string): string | undefined => {
    if (heirs.has(unitId)) return heirs.get(unitId);
    let current: string | undefined = unitId;
    const seen = new Set<string>();
    while (current !== undefined && tree.endedAt(current) !== undefined && !seen.has(current)) {
      seen.add(current);
      current = after.get(current)?.[0]?.unitId;
    }
    const found =
      current !== undefined && tree.units.has(current) && !seen.has(current) ? current : undefined;
    heirs.set(unitId, found);
    return found;
  };
  const lineage: Lineage = {
    predecessors: (id) => before.get(id) ?? [],
    successors: (id) => after.get(id) ?? [],
    allPredecessors,
    heir,
  };
  lineages.set(province, lineage);
  return lineage;
}

/** Direct predecessors of a unit: the units a merge ended into it. */
export const predecessors = (province: Province, unitId: string): readonly LineageLink[] =>
  lineageOf(province).predecessors(unitId);

/** Direct successor of a unit: the unit a merge ended it into. */
export const successors = (province: Province, unitId: string): readonly LineageLink[] =>
  lineageOf(province).successors(unitId);
