/**
 * Step 5: committees and term targets (contract v2 B), after the figures so a target can be set
 * against the admissions actually drawn. Draws from a stream of its own: the other files stay
 * byte for byte what they were before committees were generated.
 */
import { reportYears } from '../../model/terms.ts';
import type { CsvCell } from './csv-writer.ts';
import type { PilotCommittee } from './events.ts';
import type { FigureRow } from './figures.ts';
import { TERRITORIAL } from './grassroots-types.ts';
import type { Random } from './random.ts';
import type { NewCommittee } from './reorganization.ts';
import type { District, Grassroots } from './structure.ts';

/** What kind of committee a unit has, which decides its size and composition. */
export type CommitteeKind =
  | 'province'
  | 'district'
  /** A commune, ward or township as a grassroots organization (đảng bộ xã, phường, thị trấn). */
  | 'territorial'
  /** A commune or ward committee at cấp trên cơ sở level, as formed by the 2025 reorganization. */
  | 'commune'
  /** Any other đảng bộ cơ sở. */
  | 'grassroots'
  /** A chi bộ cơ sở: a handful of members in its chi ủy. */
  | 'cell';

/** One stretch of a unit's life with one kind of committee; dates are `YYYY-MM-DD`. */
export interface Phase {
  readonly kind: CommitteeKind;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** The committee was appointed on this date rather than elected. */
  readonly appointed?: string | undefined;
}

export interface TermUnit {
  readonly id: string;
  readonly phases: readonly Phase[];
  /** The committee's congress resolution sets term targets (province, districts, a few communes). */
  readonly targets: boolean;
}

/**
 * Every unit that has a committee of its own, with the stretches of its life: the province (or
 * the two it was formed from), districts and blocs, the committees the reorganization formed, and
 * the grassroots units; a township that carried on as a commune committee has two stretches.
 */
export function termUnits(province: {
  readonly root: string;
  readonly formerRoots: readonly string[];
  /** The year the reorganization took effect on 01/07, if any. */
  readonly reorganized: number | undefined;
  /** `--merge-provinces`: the root was formed on 01/07 of the reorganization's year. */
  readonly merged: boolean;
  readonly districts: readonly District[];
  readonly pilots: readonly PilotCommittee[];
  readonly committees: readonly NewCommittee[];
  readonly units: readonly Grassroots[];
}): TermUnit[] {
  const { reorganized: year } = province;
  const effective = year === undefined ? undefined : `${year}-07-01`;
  const out: TermUnit[] = [];
  const single = (id: string, phase: Phase, targets: boolean) => out.push({ id, phases: [phase], targets });
  single(province.root, { kind: 'province', from: province.merged ? effective : undefined }, true);
  for (const id of province.merged ? province.formerRoots : []) {
    single(id, { kind: 'province', to: `${year}-06-30` }, true);
  }
  for (const d of [...province.districts, ...province.pilots]) {
    single(d.id, { kind: 'district', from: d.established, to: d.dissolved }, true);
  }
  province.committees.forEach((c, i) => {
    const commune = c.type !== undefined;
    // Targets for the province's own committees and one commune in ten: a sample, as in a report.
    const phase = { kind: commune ? ('commune' as const) : ('district' as const), from: c.established };
    single(c.id, commune ? { ...phase, appointed: c.established } : phase, !commune || i % 10 === 0);
  });
  for (const u of province.units) {
    const kind = TERRITORIAL.has(u.type) ? 'territorial' : u.cells > 0 ? 'grassroots' : 'cell';
    if (u.level === 'district' && effective !== undefined) {
      out.push({
        id: u.id,
        phases: [
          { kind, from: u.established, to: `${year}-06-30` },
          { kind: 'commune', from: effective, appointed: effective },
        ],
        targets: false,
      });
    } else {
      single(u.id, { kind, from: u.established, to: u.dissolved }, false);
    }
  }
  return out;
}

export const COMMITTEE_COLUMNS = [
  'unit_id',
  'term',
  'congress_date',
  'appointed',
  'executive_committee',
  'standing_committee',
  'inspection_committee',
  'women',
  'under_40',
  'ethnic_minority',
  'higher_education',
  'theory_advanced',
  'first_time',
  'secretary_as_chair',
] as const;

export const TARGET_COLUMNS = ['unit_id', 'term', 'measure', 'target', 'source'] as const;

/** The term in office in `year` and the one before it: what unit pages and `/nhiem-ky/` show. */
export function termsFor(lastYear: number): string[] {
  const start = 2020 + Math.floor((lastYear - 2020) / 5) * 5;
  return [`${start - 5}-${start}`, `${start}-${start + 5}`];
}

/**
 * The phase a unit lived in during a term, if any: the latest one that existed at the end of a
 * year of the term, or on 30/06 of its last year (a reorganization takes effect on 01/07).
 */
function phaseIn(unit: TermUnit, term: string): Phase | undefined {
  const [start = 0, end = 0] = term.split('-').map(Number);
  const moments: string[] = [];
  for (let y = start; y < end; y++) moments.push(`${y}-12-31`);
  moments.push(`${end}-06-30`);
  const lived = (p: Phase) =>
    moments.some((m) => (p.from === undefined || p.from <= m) && (p.to === undefined || p.to >= m));
  return unit.phases.findLast(lived);
}

const SIZES: Readonly<Record<CommitteeKind, readonly [number, number]>> = {
  province: [50, 60],
  district: [33, 45],
  commune: [27, 41],
  territorial: [13, 19],
  grassroots: [7, 15],
  cell: [3, 7],
};

/** Shares of the committee (low, high) by kind: women, under 40, university, advanced theory. */
const SHARES: Readonly<Record<CommitteeKind, readonly (readonly [number, number])[]>> = {
  province: [[0.14, 0.2], [0.05, 0.09], [1, 1], [0.9, 0.98]],
  district: [[0.14, 0.26], [0.08, 0.16], [0.9, 1], [0.45, 0.65]],
  commune: [[0.16, 0.3], [0.12, 0.24], [0.9, 1], [0.2, 0.38]],
  territorial: [[0.15, 0.32], [0.15, 0.3], [0.72, 0.95], [0.04, 0.16]],
  grassroots: [[0.2, 0.45], [0.1, 0.3], [0.93, 1], [0.1, 0.4]],
  cell: [[0.15, 0.5], [0.1, 0.35], [0.9, 1], [0, 0.3]],
}; // prettier-ignore

/** Ủy ban Kiểm tra sizes; a chi bộ cơ sở has an inspection member, not a committee. */
const INSPECTION: Readonly<Record<CommitteeKind, readonly [number, number] | undefined>> = {
  province: [9, 11],
  district: [5, 9],
  commune: [5, 7],
  territorial: [3, 5],
  grassroots: [3, 5],
  cell: undefined,
};

const odd = (n: number) => (n % 2 === 0 ? n + 1 : n);

/** Ban Thường vụ: about 3 in 10 above grassroots; 3 or 5 in a đảng ủy of 9 or more; none below. */
function standingCommittee(random: Random, kind: CommitteeKind, executive: number): number | undefined {
  if (kind === 'province' || kind === 'district' || kind === 'commune') {
    return odd(Math.round(executive * (0.26 + 0.06 * random.next())));
  }
  if (kind === 'cell' || executive < 9) return undefined;
  return executive >= 15 ? 5 : 3;
}

function dayAfter(random: Random, from: string, days: number): string {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + random.int(0, days - 1));
  return date.toISOString().slice(0, 10);
}

/** The regular congress season of each level: grassroots first, then districts, the province last. */
function congressDate(random: Random, kind: CommitteeKind, year: number): string {
  if (kind === 'province') return dayAfter(random, `${year}-10-10`, 10);
  if (kind === 'district' || kind === 'commune') return dayAfter(random, `${year}-07-05`, 45);
  return dayAfter(random, `${year}-03-20`, 80);
}

export interface Committee {
  readonly unitId: string;
  readonly term: string;
  readonly congress: string;
  readonly kind: CommitteeKind;
}

/** committees.csv rows, unit by unit, for every term the unit lived in. */
export function* committeeRows(
  random: Random,
  units: readonly TermUnit[],
  terms: readonly string[],
  held: Committee[],
): Generator<CsvCell[]> {
  for (const unit of units) {
    for (const term of terms) {
      const phase = phaseIn(unit, term);
      if (!phase) continue;
      const start = Number(term.slice(0, 4));
      const { kind } = phase;
      // Formed after its level's congresses began: appointed on the day it was formed.
      const appointed =
        phase.appointed ??
        (phase.from !== undefined && phase.from > `${start}-03-01` ? phase.from : undefined);
      const congress = appointed ?? congressDate(random, kind, start);
      held.push({ unitId: unit.id, term, congress, kind });
      const [low, high] = SIZES[kind];
      const size = random.int(low, high);
      const executive = kind === 'cell' || kind === 'grassroots' ? Math.min(high, odd(size)) : size;
      const standing = standingCommittee(random, kind, executive);
      const inspectionSize = INSPECTION[kind];
      const inspection = inspectionSize && random.int(...inspectionSize);
      const share = ([a, b]: readonly [number, number]) =>
        Math.min(executive, Math.round(executive * (a + (b - a) * random.next())));
      const [women, young, educated, theory] = SHARES[kind].map(share);
      const ethnic = random.next() < 0.15 ? random.part(executive, 0.3) : 0;
      const firstTime =
        appointed !== undefined && kind === 'commune' ? undefined : random.part(executive, 0.33);
      const chairs =
        kind === 'commune' ? random.next() < 0.8 : kind === 'territorial' ? random.next() < 0.25 : undefined;
      yield [
        unit.id,
        term,
        congress,
        appointed === undefined ? 'no' : 'yes',
        executive,
        standing,
        inspection,
        women,
        young,
        ethnic,
        educated,
        theory,
        firstTime,
        chairs === undefined ? undefined : chairs ? 'yes' : 'no',
      ];
    }
  }
}

/** Admissions as they are written: each committee's own rows, and every grassroots row by year. */
export class AdmissionTally {
  private readonly byUnit = new Map<string, Map<number, number>>();
  private readonly all = new Map<number, number>();
  private readonly committees: ReadonlySet<string>;
  constructor(committees: ReadonlySet<string>) {
    this.committees = committees;
  }

  *watch(rows: Iterable<FigureRow>): Generator<FigureRow> {
    for (const row of rows) {
      if (row.file === 'admissions.csv') {
        const admitted = Number(row.values[0]);
        if (this.committees.has(row.unit)) {
          const years = this.byUnit.get(row.unit) ?? new Map<number, number>();
          years.set(row.year, admitted);
          this.byUnit.set(row.unit, years);
        } else {
          this.all.set(row.year, (this.all.get(row.year) ?? 0) + admitted);
        }
      }
      yield row;
    }
  }

  /** The last three years' admissions of a committee, or of the whole province for `undefined`. */
  latest(unitId: string | undefined): number[] {
    const years = unitId === undefined ? this.all : (this.byUnit.get(unitId) ?? new Map<number, number>());
    return [...years.entries()]
      .sort(([a], [b]) => a - b)
      .slice(-3)
      .map(([, admitted]) => admitted);
  }

  /** Admitted in a year: the committee's own row, or the whole province's for `undefined`. */
  admitted(unitId: string | undefined, year: number): number | undefined {
    return unitId === undefined ? this.all.get(year) : this.byUnit.get(unitId)?.get(year);
  }
}

/**
 * term_targets.csv rows: each target set from the unit's average yearly admissions over the years
 * the term counts, within ±15 %, so some units reach their targets and some fall behind.
 */
export function* targetRows(
  random: Random,
  units: readonly TermUnit[],
  held: readonly Committee[],
  tally: AdmissionTally,
  root: string,
): Generator<CsvCell[]> {
  const withTargets = new Set(units.filter((u) => u.targets).map((u) => u.id));
  for (const { unitId, term, congress, kind } of held) {
    if (!withTargets.has(unitId)) continue;
    const whose = unitId === root ? undefined : unitId;
    const years = reportYears(term, congress);
    const figures = years.map((y) => tally.admitted(whose, y)).filter((v) => v !== undefined);
    // A term just begun is set from the years before it; a committee with no units yet sets none.
    const base = figures.length > 0 ? figures : tally.latest(whose);
    if (base.length === 0) continue;
    const source = `Nghị quyết Đại hội đại biểu nhiệm kỳ ${term}`;
    const yearly = (base.reduce((a, b) => a + b, 0) / base.length) * (0.85 + 0.3 * random.next());
    const round = yearly >= 100 ? 10 : 1;
    const total = Math.max(1, Math.round((yearly * years.length) / round) * round);
    yield [unitId, term, 'admitted_total', total, source];
    if (random.next() < 0.5) yield [unitId, term, 'admitted_yearly', Math.max(1, Math.round(yearly)), source];
    yield [unitId, term, 'grassroots_good_share', '90%', source];
    yield [unitId, term, 'cells_good_share', '85%', source];
    // A commune committee's own rows sum its communes' members without their ratings.
    if (kind !== 'commune')
      yield [unitId, term, 'members_good_share', random.next() < 0.5 ? '90%' : '85%', source];
    if (random.next() < 0.5)
      yield [unitId, term, 'secretary_as_head_share', `${random.int(4, 7) * 10}%`, source];
  }
}
