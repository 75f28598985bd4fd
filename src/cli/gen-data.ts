/**
 * `npm run gen:data -- --units N --years Y --out DIR [--seed S]`: writes a synthetic province
 * that follows the data contract and is internally consistent (it validates with no errors and
 * no warnings), for benchmarks and tests at any scale. Same seed, same bytes: a small seeded
 * PRNG drives every choice and nothing reads the clock.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface GenerateOptions {
  /** Grassroots units in units.csv, those dissolved or created by restructurings included. */
  readonly units: number;
  /** Years of statistics, ending with `lastYear`. */
  readonly years: number;
  readonly out: string;
  readonly seed?: number;
  readonly lastYear?: number;
}

export interface GenerateResult {
  readonly districts: number;
  readonly grassroots: number;
  readonly cells: number;
  readonly events: number;
  /** Data rows per file (headers not counted). */
  readonly rows: Readonly<Record<string, number>>;
}

/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** `count` of `total` with a per-draw probability `share`, without drawing `total` times. */
  const part = (total: number, share: number) =>
    Math.max(0, Math.min(total, Math.round(total * share * (0.85 + 0.3 * next()))));
  return { next, int, pick, part };
}
type Random = ReturnType<typeof prng>;

/** Buffers CSV lines and writes them in ~1 MB chunks, so 500,000 rows never sit in one string. */
class CsvWriter {
  private readonly fd: number;
  private chunk: string[] = [];
  private size = 0;
  rows = 0;
  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.push(header.join(','));
  }
  private push(line: string) {
    this.chunk.push(line);
    this.size += line.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  row(cells: readonly (string | number | undefined)[]) {
    this.rows += 1;
    this.push(cells.map(csvCell).join(','));
  }
  private flush() {
    if (this.chunk.length > 0) writeSync(this.fd, `${this.chunk.join('\n')}\n`);
    this.chunk = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

const csvCell = (value: string | number | undefined): string => {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const SYLLABLES = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thạnh', 'Long', 'Tân', 'Phước', 'Hưng', 'Thủy', 'Sơn', 'Hải', 'Minh',
  'Quang', 'Trung', 'Đông', 'Tây', 'Nam', 'Bắc', 'Lộc', 'Thọ', 'Phong', 'Xuân', 'Vĩnh', 'Hiệp',
  'Thuận', 'Lợi', 'Thắng', 'Mỹ', 'Đức', 'Hương', 'Lạc', 'Khánh', 'Thành', 'Tiến', 'Hồng', 'Cát',
  'Kim', 'Ngọc', 'Thanh', 'Quý', 'Hà', 'Lâm', 'Điền', 'Định', 'Nghĩa', 'Tường', 'Vân', 'Trà', 'Yên',
]; // prettier-ignore

const AGENCIES = [
  'Văn phòng Huyện ủy', 'Cơ quan Ủy ban nhân dân', 'Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ',
  'Phòng Giáo dục và Đào tạo', 'Phòng Tài nguyên và Môi trường', 'Ban Tổ chức', 'Ủy ban Kiểm tra',
  'Mặt trận Tổ quốc', 'Chi cục Thuế', 'Kho bạc Nhà nước', 'Tòa án nhân dân', 'Viện Kiểm sát nhân dân',
]; // prettier-ignore
const SERVICES = [
  'Trường Trung học phổ thông',
  'Trung tâm Y tế',
  'Bệnh viện Đa khoa',
  'Trường Trung học cơ sở',
];
const ENTERPRISES = [
  'Công ty cổ phần',
  'Công ty TNHH',
  'Hợp tác xã',
  'Ngân hàng Chính sách xã hội chi nhánh',
];
const OTHERS = ['Hội Nông dân', 'Hội Cựu chiến binh', 'Hội Liên hiệp Phụ nữ', 'Huyện đoàn'];

type GrassrootsType =
  'commune' | 'ward' | 'township' | 'agency' | 'enterprise' | 'public_service' | 'armed_forces' | 'other';

/** Mix of grassroots types in a district, roughly as in provincial reports. */
const TYPE_WEIGHTS: readonly (readonly [GrassrootsType, number])[] = [
  ['commune', 34],
  ['ward', 8],
  ['township', 3],
  ['agency', 22],
  ['enterprise', 12],
  ['public_service', 14],
  ['armed_forces', 4],
  ['other', 3],
];
const TYPE_TOTAL = TYPE_WEIGHTS.reduce((a, [, w]) => a + w, 0);

function pickType(random: Random): GrassrootsType {
  let roll = random.next() * TYPE_TOTAL;
  for (const [type, weight] of TYPE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'other';
}

const TERRITORIAL = new Set<GrassrootsType>(['commune', 'ward', 'township']);

interface District {
  readonly id: string;
  readonly name: string;
  /** Short place name, for the names of the units under it. */
  readonly place: string;
  readonly established?: string;
}

interface Grassroots {
  readonly id: string;
  name: string;
  readonly type: GrassrootsType;
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
  /** Taking part in a restructuring already: each unit takes part in at most one. */
  busy: boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, n));

function placeName(random: Random): string {
  const first = random.pick(SYLLABLES);
  let second = random.pick(SYLLABLES);
  while (second === first) second = random.pick(SYLLABLES);
  return `${first} ${second}`;
}

function grassrootsName(random: Random, type: GrassrootsType, district: District, cells: number): string {
  const body = cells > 0 ? 'Đảng bộ' : 'Chi bộ';
  const place = placeName(random);
  switch (type) {
    case 'commune':
      return `${body} xã ${place}`;
    case 'ward':
      return `${body} phường ${place}`;
    case 'township':
      return `${body} thị trấn ${place}`;
    case 'agency':
      return `${body} ${random.pick(AGENCIES)} ${district.place}`;
    case 'public_service':
      return `${body} ${random.pick(SERVICES)} ${place}`;
    case 'enterprise':
      return `${body} ${random.pick(ENTERPRISES)} ${place}`;
    case 'armed_forces':
      return `${body} ${random.pick(['Công an', 'Ban Chỉ huy Quân sự'])} ${district.place}`;
    case 'other':
      return `${body} ${random.pick(OTHERS)} ${district.place}`;
  }
}

function firstCells(random: Random, type: GrassrootsType): number {
  if (TERRITORIAL.has(type)) return random.int(6, 28);
  return random.next() < 0.3 ? random.int(3, 9) : 0;
}

function firstMembers(random: Random, type: GrassrootsType, cells: number): number {
  if (TERRITORIAL.has(type)) return random.int(120, 650);
  return cells > 0 ? random.int(40, 180) : random.int(5, 45);
}

/** A date inside `year`, never 31 December: statistics are as of year's end, events before it. */
const dateIn = (random: Random, year: number) =>
  `${year}-${pad(random.int(1, 11), 2)}-${pad(random.int(1, 28), 2)}`;

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

export function generate(options: GenerateOptions): GenerateResult {
  const { units: total, years: yearCount } = options;
  if (!Number.isInteger(total) || total < 20) throw new Error('--units phải là số nguyên từ 20 trở lên');
  if (!Number.isInteger(yearCount) || yearCount < 1 || yearCount > 50) {
    throw new Error('--years phải là số nguyên từ 1 đến 50');
  }
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const lastYear = options.lastYear ?? 2024;
  const firstYear = lastYear - yearCount + 1;
  const eventYear = () => (yearCount >= 2 ? random.int(firstYear + 1, lastYear) : firstYear);
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });

  const ROOT = 'TINH';
  const districtCount = clamp(Math.round(total / 100), 5, 700);
  const districts: District[] = [];
  for (let i = 1; i <= districtCount; i++) {
    const place = placeName(random);
    const kind = i <= 2 ? 'thành phố' : i <= 4 ? 'thị xã' : 'huyện';
    districts.push({ id: `H${pad(i, 3)}`, name: `Đảng bộ ${kind} ${place}`, place });
  }

  // Restructurings create units too; the rest are there from the start.
  const merges = Math.max(1, Math.round(total / 200));
  const establishments = Math.max(1, Math.round(total / 1000));
  const base = total - merges - establishments;
  const grassroots: Grassroots[] = [];
  let serial = 0;
  const nextId = () => `CS${pad(++serial, 5)}`;
  // Names are unique within a parent, so a children table never shows two identical rows.
  const names = new Set<string>();
  const uniqueName = (type: GrassrootsType, district: District, cells: number) => {
    let name = grassrootsName(random, type, district, cells);
    for (let n = 2; names.has(`${district.id}\u0000${name}`); n++) {
      name =
        n < 6 ? grassrootsName(random, type, district, cells) : `${name.replace(/ số \d+$/, '')} số ${n}`;
    }
    names.add(`${district.id}\u0000${name}`);
    return name;
  };
  const newUnit = (type: GrassrootsType, district: District, from: number): Grassroots => {
    const cells = firstCells(random, type);
    return {
      id: nextId(),
      name: uniqueName(type, district, cells),
      type,
      parent: district.id,
      from,
      to: lastYear,
      cells,
      listed: 'none',
      busy: false,
    };
  };
  const directUnderRoot = Math.min(3, Math.floor(base / 100) + 1);
  const rootPlace: District = { id: ROOT, name: '', place: 'tỉnh' };
  for (let i = 0; i < base; i++) {
    if (i < directUnderRoot) {
      const unit = newUnit(i === 0 ? 'armed_forces' : 'agency', rootPlace, firstYear);
      unit.parent = ROOT;
      unit.busy = true;
      grassroots.push(unit);
      continue;
    }
    const district = districts[i % districtCount] as District;
    grassroots.push(newUnit(pickType(random), district, firstYear));
  }
  const districtOf = new Map(districts.map((d) => [d.id, d]));
  const byParent = new Map<string, Grassroots[]>();
  for (const unit of grassroots) {
    const list = byParent.get(unit.parent) ?? [];
    list.push(unit);
    byParent.set(unit.parent, list);
  }
  /**
   * A unit free to take part in an event (each takes part in at most one), drawn from `pool`
   * (all units, or one district's); `filter` narrows the kind. Random probes, then a scan, so
   * it stays fast on 52,000 units and still finds the last candidate.
   */
  const choose = (
    filter: (u: Grassroots) => boolean,
    pool: readonly Grassroots[] = grassroots,
  ): Grassroots | undefined => {
    const fits = (u: Grassroots | undefined): u is Grassroots => u !== undefined && !u.busy && filter(u);
    let found: Grassroots | undefined;
    for (let attempt = 0; attempt < 50 && !found; attempt++) {
      const unit = pool[random.int(0, pool.length - 1)];
      if (fits(unit)) found = unit;
    }
    found ??= pool.find(fits);
    if (found) found.busy = true;
    return found;
  };
  // A few đảng bộ cơ sở list their cells one by one; one of them through a đảng bộ bộ phận.
  const listedUnits: Grassroots[] = [];
  for (let i = 0; i < Math.max(2, Math.round(total / 2000)); i++) {
    const unit = choose((u) => u.cells > 0);
    if (!unit) break;
    unit.listed = i === 0 ? 'subcommittee' : 'cells';
    listedUnits.push(unit);
  }

  type Event = {
    id: string;
    date: string;
    kind: 'pilot_committee' | 'merge' | 'establish' | 'dissolve' | 'transfer';
    title: string;
    parent: string;
    result?: string;
    status?: 'pilot' | 'official' | 'ended';
    committees?: readonly [number, number, number];
    decision: string;
    units: { unit: string; previous?: string }[];
  };
  const events: Event[] = [];
  const eventId = () => `SX${pad(events.length + 1, 4)}`;
  const decision = (year: number) => `${random.int(1, 250)}-QĐ/TU năm ${year}`;

  // Pilot committees at the province: a new district-level committee takes over agencies' units.
  const pilotUnits: { id: string; name: string; established: string; from: number }[] = [];
  for (let i = 0; i < Math.max(1, Math.round(total / 5000)); i++) {
    const year = eventYear();
    const date = dateIn(random, year);
    const id = `K${pad(i + 1, 2)}`;
    const name = `Đảng bộ Khối cơ quan ${['chính quyền', 'Đảng', 'doanh nghiệp'][i % 3]} tỉnh${i >= 3 ? ` ${i + 1}` : ''}`;
    const moved: { unit: string; previous?: string }[] = [];
    for (let j = random.int(3, 8); j > 0; j--) {
      const unit = choose((u) => u.type === 'agency' || u.type === 'public_service');
      if (!unit) break;
      moved.push({ unit: unit.id, previous: unit.parent });
      unit.previousParent = unit.parent;
      unit.movedIn = year;
      unit.parent = id;
    }
    pilotUnits.push({ id, name, established: date, from: year });
    events.push({
      id: eventId(),
      date,
      kind: 'pilot_committee',
      title: `Thí điểm ${name}`,
      parent: ROOT,
      result: id,
      status: year < lastYear ? 'official' : 'pilot',
      committees: [random.int(9, 15), random.int(3, 5), random.int(3, 5)],
      decision: decision(year),
      units: moved,
    });
  }

  // Communes merged into a new one: both end on the decision's date, the new unit begins.
  const created: Grassroots[] = [];
  for (let i = 0; i < merges; i++) {
    const a = choose((u) => u.type === 'commune' && u.parent !== ROOT);
    const b = a && choose((u) => u.type === 'commune' && u.parent === a.parent, byParent.get(a.parent));
    const district = districtOf.get(a?.parent ?? '') ?? (districts[i % districtCount] as District);
    const year = eventYear();
    const date = dateIn(random, year);
    const unit = newUnit('commune', district, year);
    unit.established = date;
    unit.busy = true;
    created.push(unit);
    const listed = [a, b].filter((u): u is Grassroots => u !== undefined);
    for (const old of listed) {
      old.dissolved = date;
      old.to = year - 1;
    }
    events.push({
      id: eventId(),
      date,
      kind: 'merge',
      title: `Hợp nhất ${listed.map((u) => u.name.replace(/^(Đảng|Chi) bộ /, '')).join(' và ') || 'các xã'} thành ${unit.name.replace(/^(Đảng|Chi) bộ /, '')}`,
      parent: district.id,
      result: unit.id,
      status: 'official',
      decision: decision(year),
      units: listed.map((u) => ({ unit: u.id })),
    });
  }
  for (let i = 0; i < establishments; i++) {
    const district = districts[random.int(0, districtCount - 1)] as District;
    const year = eventYear();
    const date = dateIn(random, year);
    const unit = newUnit(random.pick(['enterprise', 'public_service'] as const), district, year);
    unit.established = date;
    unit.busy = true;
    created.push(unit);
    events.push({
      id: eventId(),
      date,
      kind: 'establish',
      title: `Thành lập ${unit.name}`,
      parent: district.id,
      result: unit.id,
      status: 'official',
      decision: decision(year),
      units: [],
    });
  }
  for (let i = 0; i < Math.max(1, Math.round(total / 600)); i++) {
    const unit = choose((u) => u.parent !== ROOT && !TERRITORIAL.has(u.type));
    if (!unit) break;
    const year = eventYear();
    const date = dateIn(random, year);
    unit.dissolved = date;
    unit.to = year - 1;
    events.push({
      id: eventId(),
      date,
      kind: 'dissolve',
      title: `Giải thể ${unit.name}`,
      parent: unit.parent,
      status: 'official',
      decision: decision(year),
      units: [{ unit: unit.id }],
    });
  }
  for (let i = 0; i < Math.max(1, Math.round(total / 400)); i++) {
    const first = choose((u) => u.parent !== ROOT && !TERRITORIAL.has(u.type));
    if (!first) break;
    const from = first.parent;
    let to = districts[random.int(0, districtCount - 1)] as District;
    while (to.id === from) to = districts[random.int(0, districtCount - 1)] as District;
    const moved = [first];
    for (let j = random.int(0, 2); j > 0; j--) {
      const more = choose((u) => u.parent === from && !TERRITORIAL.has(u.type), byParent.get(from));
      if (more) moved.push(more);
    }
    const year = eventYear();
    for (const unit of moved) {
      unit.previousParent = from;
      unit.movedIn = year;
      unit.parent = to.id;
    }
    events.push({
      id: eventId(),
      date: dateIn(random, year),
      kind: 'transfer',
      title: `Điều chuyển ${moved.length} tổ chức cơ sở đảng về ${to.name}`,
      parent: to.id,
      status: 'official',
      decision: decision(year),
      units: moved.map((u) => ({ unit: u.id, previous: from })),
    });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  const all = [...grassroots, ...created];

  // units.csv
  const unitsCsv = new CsvWriter(join(out, 'units.csv'), [
    'id',
    'name',
    'parent_id',
    'level',
    'type',
    'established',
    'dissolved',
  ]);
  unitsCsv.row([ROOT, 'Đảng bộ tỉnh Mô Phỏng', '', 'province', '', '', '']);
  for (const d of districts) unitsCsv.row([d.id, d.name, ROOT, 'district', '', d.established, '']);
  for (const k of pilotUnits) unitsCsv.row([k.id, k.name, ROOT, 'district', '', k.established, '']);
  let cellCount = 0;
  for (const u of all) {
    unitsCsv.row([u.id, u.name, u.parent, 'grassroots', u.type, u.established, u.dissolved]);
    if (u.listed === 'none') continue;
    let parentOfCells = u.id;
    if (u.listed === 'subcommittee') {
      parentOfCells = `${u.id}.BP1`;
      unitsCsv.row([parentOfCells, `Đảng bộ bộ phận số 1 (${u.name})`, u.id, 'subcommittee', '', '', '']);
    }
    for (let c = 1; c <= u.cells; c++) {
      cellCount += 1;
      unitsCsv.row([`${u.id}.CB${pad(c, 2)}`, `Chi bộ ${c} (${u.name})`, parentOfCells, 'cell', '', '', '']);
    }
  }
  unitsCsv.close();

  // Statistics, unit by unit; district-level rows are the sums of their children at year's end.
  const membersCsv = new CsvWriter(join(out, 'members.csv'), [
    'unit_id',
    'year',
    ...MEMBER_SUMS,
    'transferred_in',
    'transferred_out',
    'deceased',
    'removed',
  ]);
  const admissionsCsv = new CsvWriter(join(out, 'admissions.csv'), ['unit_id', 'year', ...ADMISSION_SUMS]);
  const cellsCsv = new CsvWriter(join(out, 'cells.csv'), [
    'unit_id',
    'year',
    'cells',
    'residential_cells',
    'secretary_as_head',
    'rating',
    'cells_excellent',
    'cells_good',
    'cells_complete',
    'cells_incomplete',
  ]);
  const memberSums = new Sums();
  const admissionSums = new Sums();
  const RATINGS = ['excellent', 'good', 'good', 'good', 'complete', 'complete', 'incomplete'] as const;
  for (const u of all) {
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
    for (let year = u.from; year <= u.to; year++) {
      const parent = u.movedIn !== undefined && year < u.movedIn ? (u.previousParent as string) : u.parent;
      const admitted = random.part(members, shares.growth);
      let tin = random.part(members, 0.02);
      const dec = random.part(members, 0.012);
      const rem = random.part(members, 0.002);
      let tout = random.part(members, 0.02);
      if (year === u.from) {
        tin = 0;
        tout = 0;
      } else {
        // Keep at least a handful of members: out-transfers are what gives way.
        tout = Math.min(tout, members + admitted + tin - dec - rem - 3);
        if (tout < 0) {
          tin -= tout;
          tout = 0;
        }
        members = members + admitted + tin - tout - dec - rem;
      }
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
      membersCsv.row([u.id, year, ...figures, tin, tout, dec, rem]);
      if (parent !== ROOT) memberSums.add(parent, year, figures);
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
      admissionsCsv.row([u.id, year, ...admissionFigures]);
      if (parent !== ROOT) admissionSums.add(parent, year, admissionFigures);

      if (cells > 0 && u.listed === 'none' && year > u.from && random.next() < 0.1) {
        cells = Math.max(1, cells + (random.next() < 0.5 ? -1 : 1));
      }
      const residential = TERRITORIAL.has(u.type) ? random.part(cells, 0.8) : 0;
      const heads = random.part(residential, 0.5);
      const excellent = random.part(cells, 0.2);
      const good = Math.min(cells - excellent, random.part(cells, 0.65));
      const incomplete = Math.min(cells - excellent - good, random.part(cells, 0.03));
      cellsCsv.row([
        u.id,
        year,
        cells,
        residential,
        heads,
        random.pick(RATINGS),
        excellent,
        good,
        cells - excellent - good - incomplete,
        incomplete,
      ]);
    }
  }
  const committees = [...districts.map((d) => ({ id: d.id, from: firstYear })), ...pilotUnits];
  for (const { id, from } of committees) {
    for (let year = from; year <= lastYear; year++) {
      const m = memberSums.get(id, year);
      if (m) membersCsv.row([id, year, ...m, undefined, undefined, undefined, undefined]);
      const a = admissionSums.get(id, year);
      if (a) admissionsCsv.row([id, year, ...a]);
    }
  }
  membersCsv.close();
  admissionsCsv.close();
  cellsCsv.close();

  const eventsCsv = new CsvWriter(join(out, 'restructurings.csv'), [
    'id',
    'date',
    'kind',
    'title',
    'parent_id',
    'result_unit_id',
    'status',
    'executive_committee',
    'standing_committee',
    'inspection_committee',
    'decision',
    'note',
  ]);
  const eventUnitsCsv = new CsvWriter(join(out, 'restructuring_units.csv'), [
    'restructuring_id',
    'unit_id',
    'previous_parent_id',
  ]);
  for (const e of events) {
    eventsCsv.row([
      e.id,
      e.date,
      e.kind,
      e.title,
      e.parent,
      e.result,
      e.status,
      ...(e.committees ?? [undefined, undefined, undefined]),
      e.decision,
      '',
    ]);
    for (const u of e.units) eventUnitsCsv.row([e.id, u.unit, u.previous]);
  }
  eventsCsv.close();
  eventUnitsCsv.close();

  const datasetCsv = new CsvWriter(join(out, 'dataset.csv'), ['publisher', 'demo', 'source', 'note']);
  datasetCsv.row([
    'Ban Tổ chức Tỉnh ủy (dữ liệu mô phỏng)',
    'yes',
    `Sinh tự động bằng npm run gen:data (seed ${seed})`,
    'Số liệu tổng hợp để thử nghiệm, không phải số liệu thật.',
  ]);
  datasetCsv.close();

  return {
    districts: districts.length + pilotUnits.length,
    grassroots: all.length,
    cells: cellCount,
    events: events.length,
    rows: {
      'units.csv': unitsCsv.rows,
      'members.csv': membersCsv.rows,
      'admissions.csv': admissionsCsv.rows,
      'cells.csv': cellsCsv.rows,
      'restructurings.csv': eventsCsv.rows,
      'restructuring_units.csv': eventUnitsCsv.rows,
    },
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '1500' },
      years: { type: 'string', default: '10' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (values.out === undefined) {
    process.stderr.write(
      'Cách dùng: npm run gen:data -- --units 1500 --years 10 --out /tmp/du-lieu [--seed 1]\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  try {
    const result = generate({
      units: Number(values.units),
      years: Number(values.years),
      out: values.out,
      seed: Number(values.seed),
    });
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Đã sinh ${result.grassroots} tổ chức cơ sở đảng, ${result.districts} đơn vị cấp trên cơ sở, ${result.events} sự kiện sắp xếp — ${rows} dòng vào ${resolve(values.out)} (${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
    );
  } catch (cause) {
    process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
