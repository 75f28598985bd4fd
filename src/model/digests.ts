/**
 * Content digests of the model, so that a rebuild renders only the unit pages whose inputs changed
 * without first computing every page to find out. A unit page shows its own record and rows, the
 * rollups, structure and ratings of everything that was ever under it, the restructurings it took
 * part in (with the names of the units involved), its ancestors' names, its own committees and the
 * years covered; its digest covers exactly that, as a Merkle hash up the tree: a change in one
 * grassroots organization changes its own digest and those of the units above it, and of the units
 * it was merged into (their comparable figures sum it, contract v2 A.5), nothing else.
 *
 * tests/digests.test.ts edits data at random and checks that every page whose digest stayed the
 * same computes the same view: a view that starts reading something new must be covered here.
 */
import { createHash } from 'node:crypto';
import { eventFigures } from './events.ts';
import { lineageOf } from './lineage.ts';
import { involvedUnits, type Province, type Statistics } from './province.ts';
import { shownTerms } from './term-progress.ts';
import { justBefore } from './tree.ts';
import type { Unit } from './units.ts';

/** Text parts go in as they are (a unit's rows are long, and JSON would escape their separators). */
function hash(...parts: (string | object | undefined)[]): string {
  const digest = createHash('sha256');
  for (const part of parts)
    digest.update(typeof part === 'string' ? part : `${JSON.stringify(part)}`).update('\u0000');
  return digest.digest('base64');
}

/**
 * A row's values without its line number (a row added above another changes no page of the
 * other's unit), as text: a unit's statistics are hundreds of values, and building arrays of them
 * for JSON was most of the digests' time. Each column keeps its place, so `5` and `"5"` cannot be
 * confused.
 */
function rowValues(row: object): string {
  let text = '';
  for (const key in row) {
    if (key === 'line') continue;
    // A read row holds only text and numbers (RowOf); the type here is any row of Statistics.
    const value = row[key as keyof typeof row] as string | number | undefined;
    text += value === undefined ? '\u0002' : `${String(value)}\u0001`;
  }
  return text;
}

function ownRows(stats: Statistics<string, object>, unitId: string): string {
  let text = '';
  for (const row of stats.rows.get(unitId)?.values() ?? []) text += `${rowValues(row)}\u0003`;
  return text;
}

/** The unit's units.csv row (a page shows a date only when it is filled in there) and its dates. */
const record = (province: Province, unit: Unit): unknown[] => [
  unit.id,
  unit.name,
  unit.level,
  unit.type,
  unit.parentId,
  unit.established,
  unit.dissolved,
  province.tree.established(unit.id),
  province.tree.dissolved(unit.id),
];

/** The units a unit was ever directly under (now, and before or after each restructuring). */
function parentsEver(province: Province, unit: Unit): Set<string> {
  const parents = new Set<string>();
  if (unit.parentId !== undefined) parents.add(unit.parentId);
  for (const change of province.tree.changes(unit.id)) {
    if (change.before !== undefined) parents.add(change.before);
    if (change.after !== undefined) parents.add(change.after);
  }
  return parents;
}

/** Unit id → digest of everything its page is made from (besides editors' text and the site frame). */
export function pageDigests(province: Province): (unitId: string) => string {
  const { tree } = province;
  const chain = (id: string | undefined): unknown[] => {
    const records: unknown[] = [];
    for (let unit = id === undefined ? undefined : tree.units.get(id); unit;) {
      records.push(record(province, unit));
      unit = unit.parentId === undefined ? undefined : tree.units.get(unit.parentId);
    }
    return records;
  };
  // An event's page link, title and wording name every unit involved and the page each one is on.
  const eventDigests = new Map(
    province.events.map((e) => [
      e.id,
      hash(rowValues(e), e.units.map(rowValues), tree.moment(e.id), [...involvedUnits(e)].map(chain)),
    ]),
  );
  const children = new Map<string, string[]>();
  for (const unit of tree.units.values()) {
    for (const parent of parentsEver(province, unit)) {
      const list = children.get(parent) ?? [];
      list.push(unit.id);
      children.set(parent, list);
    }
  }
  const lineage = lineageOf(province);
  const subtrees = new Map<string, string>();
  const subtree = (id: string): string => {
    const known = subtrees.get(id);
    if (known !== undefined) return known;
    const unit = tree.units.get(id);
    // Validated data has no unit under itself at any date; the mark ends a cycle all the same.
    subtrees.set(id, id);
    const digest = hash(
      unit && record(province, unit),
      ownRows(province.members, id),
      ownRows(province.admissions, id),
      ownRows(province.cells, id),
      tree.changes(id).map((c) => [c.eventId, c.date, c.step, c.before, c.after]),
      (province.eventsByUnit.get(id) ?? []).map((e) => eventDigests.get(e.id)),
      (children.get(id) ?? []).sort().map(subtree),
      // Comparable figures sum the units merged into this one; an ended unit links its successor.
      lineage.predecessors(id).map((link) => subtree(link.unitId)),
      lineage.successors(id).map((link) => chain(link.unitId)),
    );
    subtrees.set(id, digest);
    return digest;
  };
  // Its own committees (contract v2 B): a unit page shows no other unit's. It links its targets on
  // /nhiem-ky/ (by the terms shown); the province's summary says its progress, counted over years
  // its congress date decides.
  const terms = shownTerms(province);
  const termsOf = (unitId: string) => [
    terms,
    (province.terms.targets.get(unitId) ?? []).map(({ line: _, ...t }) => t),
    (province.terms.committees.get(unitId) ?? []).map(rowValues),
  ];
  return (unitId) => hash(subtree(unitId), chain(unitId), province.years, termsOf(unitId));
}

/**
 * Event id → digest of everything its page (`/sap-xep/<id>/`) shows besides the site frame: the
 * event's rows, when it took effect, its figures (committees' units before and after, the latest
 * figures of the units it lists up to its year) and how each unit it names is named and linked.
 * The figures are the page's own (model/events.ts), not a hash of every figure under the units:
 * a figure of a later year, or of a unit the event does not count, leaves the page as it is.
 * `paged` says which units have a page of their own (the page links those).
 */
export function eventPageDigests(
  province: Province,
  paged: (unitId: string) => boolean,
): (eventId: string) => string {
  const { tree } = province;
  return (eventId) => {
    const { event, moment, createsResult, counts, units, covered } = eventFigures(province, eventId);
    const before = justBefore(moment);
    const named = new Set([
      ...involvedUnits(event),
      ...counts.map((c) => c.unitId),
      ...units.flatMap((u) => [u.from ?? [], u.to ?? []].flat()),
    ]);
    const naming = [...named].sort().map((id) => {
      const unit = tree.units.get(id);
      return [
        id,
        unit?.name,
        unit?.level,
        tree.nameAt(id, before),
        tree.nameAt(id, moment),
        tree.endedAt(id) === undefined,
        paged(id),
      ];
    });
    // The moment's date only: its step moves whenever an earlier event is added or removed.
    return hash(
      rowValues(event),
      event.units.map(rowValues),
      moment.date,
      [createsResult, counts, units, covered],
      naming,
      province.root.name,
    );
  };
}
