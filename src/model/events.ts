import type { Province, RestructuringEvent } from './province.ts';
import {
  compareMoments,
  createsResult,
  justBefore,
  placeAfter,
  roleOf,
  type Moment,
  type Role,
} from './tree.ts';
import { sharedWeakMap } from './shared.ts';

/** Directly subordinate units (tổ chức đảng trực thuộc) of one committee around an event. */
export interface SubordinateCount {
  readonly unitId: string;
  /** Just before the event; `undefined` when the unit did not exist yet. */
  readonly before: number | undefined;
  /** Right after it; `undefined` when the event ended the unit. */
  readonly after: number | undefined;
}

/** One unit the event lists, with the latest figures it had at or before the event's year. */
export interface InvolvedUnit {
  readonly unitId: string;
  readonly role: Role;
  readonly from: string | undefined;
  /** Parent after the event; `undefined` when the event ended the unit. */
  readonly to: string | undefined;
  readonly members: number | undefined;
  readonly membersYear: number | undefined;
  /** Chi bộ covered: a đảng bộ's chi bộ trực thuộc (cells.csv), or 1 for a unit that is itself
   * a chi bộ (a chi bộ trực thuộc, or a chi bộ cơ sở, whose cells.csv count is 0). */
  readonly cells: number | undefined;
  readonly cellsYear: number | undefined;
}

/** What the listed units bring into the change, summed; `reporting` says how many had a figure. */
export interface Covered {
  readonly units: number;
  readonly members: number | undefined;
  readonly membersReporting: number;
  readonly cells: number | undefined;
  readonly cellsReporting: number;
  /** Oldest and newest year of the figures summed. */
  readonly years: readonly [number, number] | undefined;
}

export interface EventFigures {
  readonly event: RestructuringEvent;
  /** When it takes effect; the date differs from `event.date` when units.csv dates the new unit. */
  readonly moment: Moment;
  /** True when the event brings its result unit into being. */
  readonly createsResult: boolean;
  /** The event's parent first, then the result unit, then other committees units left. */
  readonly counts: readonly SubordinateCount[];
  readonly units: readonly InvolvedUnit[];
  readonly covered: Covered;
}

/** Events in the order they take effect (date, then line in restructurings.csv), oldest first. */
export function orderedEvents(province: Province): RestructuringEvent[] {
  const at = (e: RestructuringEvent) => province.tree.moment(e.id) ?? { date: e.date, step: 0 };
  return [...province.events].sort((a, b) => compareMoments(at(a), at(b)));
}

function latest(
  province: Province,
  year: number,
  pick: (p: Province, y: number) => number | undefined,
): [number, number] | undefined {
  for (const y of [...province.years].reverse()) {
    if (y > year) continue;
    const value = pick(province, y);
    if (value !== undefined) return [value, y];
  }
  return undefined;
}

const indexes = sharedWeakMap<Province, Map<string, RestructuringEvent>>('events.indexes');
const computed = sharedWeakMap<Province, Map<string, EventFigures>>('events.figures');

/** Kept per province: the build's keys, the list of events and each event's page all ask. */
export function eventFigures(province: Province, eventId: string): EventFigures {
  let known = computed.get(province);
  if (!known) computed.set(province, (known = new Map<string, EventFigures>()));
  let figures = known.get(eventId);
  if (!figures) known.set(eventId, (figures = figuresOf(province, eventId)));
  return figures;
}

function figuresOf(province: Province, eventId: string): EventFigures {
  let index = indexes.get(province);
  if (!index) indexes.set(province, (index = new Map(province.events.map((e) => [e.id, e]))));
  const event = index.get(eventId);
  const moment = province.tree.moment(eventId);
  if (!event || !moment) throw new Error(`eventFigures: unknown event ${eventId}`);
  const { tree } = province;
  const before = justBefore(moment);
  const year = Number(moment.date.slice(0, 4));

  const units: InvolvedUnit[] = event.units
    .filter((row) => tree.units.has(row.unit_id))
    .map((row) => {
      const unit = tree.units.get(row.unit_id);
      const members = latest(province, year, (p, y) => p.members.rollup.at(row.unit_id, y)?.values.members);
      const cells =
        unit?.level === 'cell'
          ? undefined
          : latest(province, year, (p, y) => p.cells.rollup.at(row.unit_id, y)?.values.cells);
      return {
        unitId: row.unit_id,
        role: roleOf(event, row.unit_id),
        from: row.previous_parent_id ?? event.parent_id,
        to: placeAfter(event, row.unit_id),
        members: members?.[0],
        membersYear: members?.[1],
        cells: unit?.level === 'cell' || cells?.[0] === 0 ? 1 : cells?.[0],
        cellsYear: unit?.level === 'cell' ? undefined : cells?.[1],
      };
    });

  const committees = [
    ...(event.parent_id === undefined ? [] : [event.parent_id]),
    ...(event.result_unit_id === undefined ? [] : [event.result_unit_id]),
    ...units.flatMap((u) => (u.from === undefined ? [] : [u.from])),
    ...units.flatMap((u) => (u.to === undefined ? [] : [u.to])),
  ].filter((id, i, all) => all.indexOf(id) === i && !units.some((u) => u.unitId === id));
  const count = (id: string, when: Moment) =>
    tree.existsAt(id, when) ? tree.childCountAt(id, when) : undefined;
  const counts = committees.map((unitId) => ({
    unitId,
    before: count(unitId, before),
    after: count(unitId, moment),
  }));

  const sum = (values: readonly (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    return {
      total: known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0),
      reporting: known.length,
    };
  };
  const members = sum(units.map((u) => u.members));
  const cells = sum(units.map((u) => u.cells));
  const years = units
    .flatMap((u) => [u.membersYear, u.cellsYear])
    .filter((y): y is number => y !== undefined);
  return {
    event,
    moment,
    createsResult: createsResult(event, event.units),
    counts,
    units,
    covered: {
      units: units.length,
      members: members.total,
      membersReporting: members.reporting,
      cells: cells.total,
      cellsReporting: cells.reporting,
      years: years.length === 0 ? undefined : [Math.min(...years), Math.max(...years)],
    },
  };
}
