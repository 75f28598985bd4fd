/**
 * Step 1: the province's committees and grassroots units as they are at the start, before any
 * restructuring; a few đảng bộ cơ sở list their cells one by one.
 */
import { pickType, TERRITORIAL, type GrassrootsType } from './grassroots-types.ts';
import { GrassrootsNames, placeName } from './names.ts';
import type { Random } from './random.ts';

export const ROOT = 'TINH';

/** Years of statistics, `first` to `last`; statistics stand at 31 December. */
export interface Years {
  readonly first: number;
  readonly last: number;
}

export interface District {
  readonly id: string;
  readonly name: string;
  /** Short place name, for the names of the units under it. */
  readonly place: string;
  readonly established?: string;
  /** Set by the 2025 reorganization, which ends every district-level committee. */
  dissolved?: string;
}

/** Mutable: the restructurings step moves, dissolves and marks units taking part. */
export interface Grassroots {
  readonly id: string;
  name: string;
  /** A township that becomes a commune committee in the reorganization turns into a commune. */
  type: GrassrootsType;
  /** Parent now (units.csv). */
  parent: string;
  /** Parent before `movedIn` (year of a transfer or pilot); undefined if never moved. */
  previousParent?: string;
  movedIn?: number;
  established?: string;
  dissolved?: string;
  /** First and last year with statistics. */
  from: number;
  to: number;
  /** 0 for a chi bộ cơ sở, else the đảng bộ cơ sở's chi bộ trực thuộc in the first year. */
  cells: number;
  /** Cells listed one by one in units.csv (kept constant so the counts agree every year). */
  listed: 'none' | 'cells' | 'subcommittee';
  /** The units a merge ended into this one: its first year starts from their members. */
  mergedFrom?: readonly string[];
  /** Taking part in a restructuring already: each unit takes part in at most one. */
  busy: boolean;
  /**
   * The 2025 reorganization (reorganization.ts), which may touch a unit a second time: the year
   * it moved and the parent it left, so earlier years still sum under the old parent.
   */
  reorganizedIn?: number;
  reorganizedFrom?: string;
  /** The new commune committee an ended commune's members, admissions and cells go to. */
  carriedInto?: string;
  /** A township that carries on as the new commune committee rises to cấp trên cơ sở. */
  level?: 'district';
}

/** The unit's parent at the end of `year`, through at most a move and the reorganization. */
export function parentIn(u: Grassroots, year: number): string {
  if (u.reorganizedIn !== undefined && year >= u.reorganizedIn) return u.parent;
  const before = u.reorganizedFrom ?? u.parent;
  return u.movedIn !== undefined && year < u.movedIn ? (u.previousParent as string) : before;
}

export interface Structure {
  readonly districts: readonly District[];
  /** The units there from the start, in id order; restructurings create the others. */
  readonly grassroots: readonly Grassroots[];
  /** The start's units by their parent then (not updated when units move). */
  readonly byParent: ReadonlyMap<string, readonly Grassroots[]>;
  /** Makes the units restructurings create, numbered after these. */
  readonly founder: Founder;
}

export interface StructureOptions {
  /** Grassroots units in the end, those restructurings create included. */
  readonly total: number;
  /** How many of `total` the restructurings will create. */
  readonly createdLater: number;
  readonly years: Years;
  /**
   * Communes and wards then never list their cells: the reorganization ends them, and cells
   * listed under an ended unit would have no parent.
   */
  readonly reorganize?: boolean;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));

function firstCells(random: Random, type: GrassrootsType): number {
  if (TERRITORIAL.has(type)) return random.int(6, 28);
  return random.next() < 0.3 ? random.int(3, 9) : 0;
}

/** Numbers grassroots units CS00001, CS00002 … and names them, from the start to the last event. */
export class Founder {
  private serial = 0;
  private readonly random: Random;
  private readonly names: GrassrootsNames;
  private readonly lastYear: number;
  constructor(random: Random, lastYear: number) {
    this.random = random;
    this.names = new GrassrootsNames(random);
    this.lastYear = lastYear;
  }
  /** A unit under `district` with statistics from `from` to the last year. */
  found(type: GrassrootsType, district: District, from: number): Grassroots {
    const cells = firstCells(this.random, type);
    return {
      id: `CS${pad(++this.serial, 5)}`,
      name: this.names.unique(type, district, cells),
      type,
      parent: district.id,
      from,
      to: this.lastYear,
      cells,
      listed: 'none',
      busy: false,
    };
  }
}

/**
 * A unit free to take part in an event (each takes part in at most one), drawn from `pool`
 * (all units, or one district's); `filter` narrows the kind. Random probes, then a scan, so
 * it stays fast on 52,000 units and still finds the last candidate. Marks it busy.
 */
export function choose(
  random: Random,
  pool: readonly Grassroots[],
  filter: (u: Grassroots) => boolean,
): Grassroots | undefined {
  const fits = (u: Grassroots | undefined): u is Grassroots => u !== undefined && !u.busy && filter(u);
  let found: Grassroots | undefined;
  for (let attempt = 0; attempt < 50 && !found; attempt++) {
    const unit = pool[random.int(0, pool.length - 1)];
    if (fits(unit)) found = unit;
  }
  found ??= pool.find(fits);
  if (found) found.busy = true;
  return found;
}

/** About one district-level committee per hundred units, between 5 and 700. */
export function buildStructure(random: Random, options: StructureOptions): Structure {
  const { total, years } = options;
  const districtCount = clamp(Math.round(total / 100), 5, 700);
  const districts: District[] = [];
  for (let i = 1; i <= districtCount; i++) {
    const place = placeName(random);
    const kind = i <= 2 ? 'thành phố' : i <= 4 ? 'thị xã' : 'huyện';
    districts.push({ id: `H${pad(i, 3)}`, name: `Đảng bộ ${kind} ${place}`, place });
  }

  const founder = new Founder(random, years.last);
  const base = total - options.createdLater;
  const grassroots: Grassroots[] = [];
  // A few units sit directly under the province; they never take part in a restructuring.
  const directUnderRoot = Math.min(3, Math.floor(base / 100) + 1);
  const rootPlace: District = { id: ROOT, name: '', place: 'tỉnh' };
  for (let i = 0; i < base; i++) {
    if (i < directUnderRoot) {
      const unit = founder.found(i === 0 ? 'armed_forces' : 'agency', rootPlace, years.first);
      unit.busy = true;
      grassroots.push(unit);
      continue;
    }
    const district = districts[i % districtCount] as District;
    grassroots.push(founder.found(pickType(random), district, years.first));
  }
  const byParent = new Map<string, Grassroots[]>();
  for (const unit of grassroots) {
    const list = byParent.get(unit.parent) ?? [];
    list.push(unit);
    byParent.set(unit.parent, list);
  }
  // A few đảng bộ cơ sở list their cells one by one; one of them through a đảng bộ bộ phận.
  for (let i = 0; i < Math.max(2, Math.round(total / 2000)); i++) {
    const unit = choose(
      random,
      grassroots,
      (u) => u.cells > 0 && !(options.reorganize === true && TERRITORIAL.has(u.type)),
    );
    if (!unit) break;
    unit.listed = i === 0 ? 'subcommittee' : 'cells';
  }
  return { districts, grassroots, byParent, founder };
}
