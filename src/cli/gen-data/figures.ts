/**
 * Step 3: statistics (members.csv, admissions.csv, cells.csv), unit by unit and year by year, then
 * each district-level committee's own rows as the sums of its children at year's end. Rows are
 * yielded as they are drawn, so a country's 1.5 million never sit in memory at once.
 */
import type { CsvCell } from './csv-writer.ts';
import { TERRITORIAL, type GrassrootsType } from './grassroots-types.ts';
import type { Random } from './random.ts';
import { parentIn, ROOT, type Grassroots } from './structure.ts';

/** Figures a committee's row sums from its children. */
const MEMBER_SUMS = [
  'members',
  'probationary',
  'women',
  'ethnic_minority',
  'religious',
  'age_under_30',
  'higher_education',
  'theory_advanced',
] as const;
const ADMISSION_SUMS = [
  'admitted',
  'target',
  'women',
  'youth_union',
  'ethnic_minority',
  'religious',
  'private_enterprise',
] as const;

/** Members by annual quality rating, then party badges awarded (contract v2 B). */
const RATINGS_AND_BADGES = [
  'members_excellent',
  'members_good',
  'members_complete',
  'members_incomplete',
  'badges',
] as const;

/** The four grades and badges as rated since 2018 (QĐ 132): earlier years have none. */
const FIRST_RATED_YEAR = 2018;

/** The columns after `unit_id` and `year`, in the order of a row's `values`. */
export const FIGURE_COLUMNS = {
  'members.csv': [
    ...MEMBER_SUMS,
    'transferred_in',
    'transferred_out',
    'deceased',
    'removed',
    ...RATINGS_AND_BADGES,
  ],
  'admissions.csv': ADMISSION_SUMS,
  'cells.csv': [
    'cells',
    'residential_cells',
    'secretary_as_head',
    'rating',
    'cells_excellent',
    'cells_good',
    'cells_complete',
    'cells_incomplete',
  ],
} as const;

export type FigureFile = keyof typeof FIGURE_COLUMNS;

export interface FigureRow {
  readonly file: FigureFile;
  readonly unit: string;
  readonly year: number;
  /** In the order of FIGURE_COLUMNS[file]; undefined is an empty cell. */
  readonly values: readonly CsvCell[];
}

/** A district-level committee with statistics from `from` to the last year. */
export interface Committee {
  readonly id: string;
  readonly from: number;
  /** A commune committee since 2025 reports the cells its merged communes brought (cells.csv). */
  readonly cells?: boolean;
}

const RATINGS = ['excellent', 'good', 'good', 'good', 'complete', 'complete', 'incomplete'] as const;

function firstMembers(random: Random, type: GrassrootsType, cells: number): number {
  if (TERRITORIAL.has(type)) return random.int(120, 650);
  return cells > 0 ? random.int(40, 180) : random.int(5, 45);
}

/**
 * A unit's members by rating (a few not rated: admitted during the year, exempted) and the badges
 * awarded. A committee's own row leaves them empty: the site adds them up from its units.
 */
function ratingsAndBadges(random: Random, members: number, year: number): (number | undefined)[] {
  if (year < FIRST_RATED_YEAR) return RATINGS_AND_BADGES.map(() => undefined);
  const rated = members - random.part(members, 0.05);
  const incomplete = random.part(rated, 0.007);
  const excellent = random.part(rated, 0.15);
  const complete = Math.min(rated - excellent - incomplete, random.part(rated, 0.075));
  return [
    excellent,
    rated - excellent - complete - incomplete,
    complete,
    incomplete,
    random.part(members, 0.025),
  ];
}

/** Running totals of a district-level committee's children, so its own row equals their sum. */
class Sums {
  private readonly byKey = new Map<string, number[]>();
  add(unit: string, year: number, values: readonly number[]) {
    const key = `${unit}\u0000${year}`;
    const sums = this.byKey.get(key);
    if (!sums) this.byKey.set(key, [...values]);
    else for (let i = 0; i < values.length; i++) sums[i] = (sums[i] ?? 0) + (values[i] ?? 0);
  }
  get(unit: string, year: number): readonly number[] | undefined {
    return this.byKey.get(`${unit}\u0000${year}`);
  }
}

/**
 * Every grassroots unit's rows (membership balanced year on year, breakdowns within totals),
 * then the committees' sums. Units directly under the province (any of `roots`) are not summed:
 * the province's total is the site's rollup. A commune ended by the reorganization draws one more
 * year that is not written but summed into the committee it was merged into, so that committee's
 * first year carries the members and cells the communes brought.
 */
export function* figureRows(
  random: Random,
  /** A stream of its own for ratings and badges, so the other figures do not depend on them. */
  ratings: Random,
  units: readonly Grassroots[],
  committees: readonly Committee[],
  lastYear: number,
  roots: ReadonlySet<string> = new Set([ROOT]),
): Generator<FigureRow> {
  const memberSums = new Sums();
  const admissionSums = new Sums();
  const cellSums = new Sums();
  // Members at the end of each unit's last year: a merge's new unit starts from its communes'.
  const lastMembers = new Map<string, number>();
  for (const u of units) {
    const shares = {
      women: 0.2 + random.next() * 0.3,
      ethnic: random.next() < 0.7 ? random.next() * 0.05 : random.next() * 0.4,
      religious: random.next() * 0.08,
      young: 0.05 + random.next() * 0.15,
      educated: TERRITORIAL.has(u.type) ? 0.2 + random.next() * 0.3 : 0.6 + random.next() * 0.35,
      theory: 0.01 + random.next() * 0.08,
      growth: 0.01 + random.next() * 0.03,
    };
    let members = firstMembers(random, u.type, u.cells);
    let cells = u.cells;
    let admittedBefore = 0;
    const end = u.carriedInto === undefined ? u.to : u.to + 1;
    for (let year = u.from; year <= end; year++) {
      const carried = year > u.to;
      const parent = carried ? (u.carriedInto as string) : parentIn(u, year);
      const admitted = random.part(members, shares.growth);
      let tin = random.part(members, 0.02);
      const dec = random.part(members, 0.012);
      const rem = random.part(members, 0.002);
      let tout = random.part(members, 0.02);
      if (year === u.from) {
        tin = 0;
        tout = 0;
        // The members the merged communes brought are the new unit's start (contract v2 A.6:
        // they are not admissions), so its first year balances against them.
        const brought = (u.mergedFrom ?? []).reduce((sum, id) => sum + (lastMembers.get(id) ?? 0), 0);
        if (brought > 0) members = Math.max(3, brought + admitted - dec - rem);
      } else {
        // Keep at least a handful of members: out-transfers are what gives way.
        tout = Math.min(tout, members + admitted + tin - dec - rem - 3);
        if (tout < 0) {
          tin -= tout;
          tout = 0;
        }
        members = members + admitted + tin - tout - dec - rem;
      }
      if (year === u.to) lastMembers.set(u.id, members);
      const probationary = Math.min(members, admitted + admittedBefore);
      admittedBefore = admitted;
      const figures = [
        members,
        probationary,
        random.part(members, shares.women),
        random.part(members, shares.ethnic),
        random.part(members, shares.religious),
        random.part(members, shares.young),
        random.part(members, shares.educated),
        random.part(members, shares.theory),
      ];
      if (!carried) {
        const rated = ratingsAndBadges(ratings, members, year);
        yield { file: 'members.csv', unit: u.id, year, values: [...figures, tin, tout, dec, rem, ...rated] };
      }
      if (!roots.has(parent)) memberSums.add(parent, year, figures);
      const target = Math.max(1, Math.round(admitted * (0.8 + random.next() * 0.4)));
      const admissionFigures = [
        admitted,
        target,
        random.part(admitted, 0.45),
        random.part(admitted, 0.6),
        random.part(admitted, shares.ethnic),
        random.part(admitted, shares.religious),
        u.type === 'enterprise' ? random.part(admitted, 0.7) : 0,
      ];
      if (!carried) yield { file: 'admissions.csv', unit: u.id, year, values: admissionFigures };
      if (!roots.has(parent)) admissionSums.add(parent, year, admissionFigures);

      // Listed cells stay as listed, so units.csv and cells.csv agree every year.
      if (cells > 0 && u.listed === 'none' && year > u.from && random.next() < 0.1) {
        cells = Math.max(1, cells + (random.next() < 0.5 ? -1 : 1));
      }
      const residential = TERRITORIAL.has(u.type) ? random.part(cells, 0.8) : 0;
      const heads = random.part(residential, 0.5);
      const excellent = random.part(cells, 0.2);
      const good = Math.min(cells - excellent, random.part(cells, 0.65));
      const incomplete = Math.min(cells - excellent - good, random.part(cells, 0.03));
      const rating = random.pick(RATINGS);
      const complete = cells - excellent - good - incomplete;
      if (carried) {
        cellSums.add(parent, year, [cells, residential, heads, excellent, good, complete, incomplete]);
        continue;
      }
      yield {
        file: 'cells.csv',
        unit: u.id,
        year,
        values: [cells, residential, heads, rating, excellent, good, complete, incomplete],
      };
    }
  }
  for (const { id, from, cells } of committees) {
    for (let year = from; year <= lastYear; year++) {
      const m = memberSums.get(id, year);
      if (m)
        yield {
          file: 'members.csv',
          unit: id,
          year,
          values: [...m, ...FIGURE_COLUMNS['members.csv'].slice(m.length).map(() => undefined)],
        };
      const a = admissionSums.get(id, year);
      if (a) yield { file: 'admissions.csv', unit: id, year, values: a };
      const c = cells ? cellSums.get(id, year) : undefined;
      if (c) {
        const [count, residential, heads, ...rated] = c;
        yield {
          file: 'cells.csv',
          unit: id,
          year,
          values: [count, residential, heads, random.pick(RATINGS), ...rated],
        };
      }
    }
  }
}
