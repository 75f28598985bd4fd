/**
 * Step 2b (`--reorganize YEAR`): the 2025 reorganization on top of the earlier restructurings.
 * In February the Đảng bộ Khối are replaced by the Đảng bộ các cơ quan Đảng tỉnh and the Đảng bộ
 * Ủy ban nhân dân tỉnh; on 01/07 every district-level committee ends (dissolved 30/06, within the
 * contract's 31 days), its communes merge about 3 to 1 into commune and ward committees directly
 * under the province (cấp trên cơ sở; a township carries on as one, changing level and name), and
 * its other units move to one of those or to the UBND committee. With `mergeProvinces` the
 * province is formed on 01/07 from two roots, each holding half of the districts until then.
 */
import {
  decision,
  eventId,
  inOrder,
  withoutBody,
  type Listed,
  type PilotCommittee,
  type Restructuring,
} from './events.ts';
import type { Committee } from './figures.ts';
import { TERRITORIAL } from './grassroots-types.ts';
import { placeName } from './names.ts';
import type { Random } from './random.ts';
import { pad, ROOT, type District, type Grassroots } from './structure.ts';

/** The two roots a province formed from two had until the merger. */
export const FORMER_ROOTS = [`${ROOT}.A`, `${ROOT}.B`] as const;

/** A district-level committee the reorganization creates under today's province. */
export interface NewCommittee {
  readonly id: string;
  readonly name: string;
  readonly type?: 'commune' | 'ward';
  readonly established: string;
}

export interface Reorganized {
  /** Every event, the earlier ones first, by date then id. */
  readonly events: readonly Restructuring[];
  readonly committees: readonly NewCommittee[];
  /** Committees whose rows the figures step sums in the reorganization's year and after. */
  readonly summed: readonly Committee[];
}

export interface ReorganizeOptions {
  readonly year: number;
  readonly mergeProvinces: boolean;
}

/** Where a district sat before the reorganization: with two former provinces, alternately. */
export const rootOf = (districtIndex: number, mergeProvinces: boolean): string =>
  mergeProvinces ? (FORMER_ROOTS[districtIndex % 2] as string) : ROOT;

/** About three: two to four communes for each new commune committee; never one left alone. */
function groups<T>(random: Random, items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length;) {
    const size = random.int(2, 4);
    out.push(items.slice(i, i + size));
    i += size;
  }
  const last = out.at(-1);
  if (out.length > 1 && last?.length === 1) out.splice(-2, 2, [...(out.at(-2) ?? []), ...last]);
  return out;
}

export function reorganize(
  random: Random,
  input: {
    readonly districts: readonly District[];
    readonly pilots: readonly PilotCommittee[];
    /** Every grassroots unit; those still alive are moved, merged or ended here. */
    readonly units: readonly Grassroots[];
    readonly events: readonly Restructuring[];
  },
  { year, mergeProvinces }: ReorganizeOptions,
): Reorganized {
  // Until the merger, what sat directly under the province sat under the first former root.
  const context = {
    random,
    events: input.events.map((e) =>
      mergeProvinces && e.parent === ROOT ? { ...e, parent: FORMER_ROOTS[0] } : e,
    ),
  };
  if (mergeProvinces) for (const u of input.units) if (u.parent === ROOT) u.parent = FORMER_ROOTS[0];
  const push = (event: Omit<Restructuring, 'id' | 'decision' | 'status'>) =>
    context.events.push({
      id: eventId(context),
      decision: decision(context, year),
      status: 'official',
      ...event,
    });
  const alive = input.units.filter((u) => u.dissolved === undefined);
  const under = new Map<string, Grassroots[]>();
  for (const u of alive) under.set(u.parent, [...(under.get(u.parent) ?? []), u]);
  const move = (u: Grassroots, to: string): Listed => {
    const from = u.parent;
    u.reorganizedFrom = from;
    u.reorganizedIn = year;
    u.parent = to;
    return { unit: u.id, previous: from };
  };
  const committees: NewCommittee[] = [];
  const summed: Committee[] = [];
  const blocRoot = rootOf(0, mergeProvinces);

  // February: the blocs end; the Party-agency bloc's units go to the new Party-agency committee.
  const february = `${year}-02-${pad(random.int(1, 14), 2)}`;
  for (const [id, name, takes] of [
    ['CQD', 'Đảng bộ các cơ quan Đảng tỉnh', (k: PilotCommittee) => k.name.includes('cơ quan Đảng')],
    ['UBND', 'Đảng bộ Ủy ban nhân dân tỉnh', (k: PilotCommittee) => !k.name.includes('cơ quan Đảng')],
  ] as const) {
    const moved = input.pilots.filter(takes).flatMap((k) => (under.get(k.id) ?? []).map((u) => move(u, id)));
    committees.push({ id, name, established: february });
    summed.push({ id, from: year });
    push({
      date: february,
      kind: 'establish',
      title: `Thành lập ${name}`,
      parent: blocRoot,
      result: id,
      units: moved,
    });
  }
  for (const bloc of input.pilots) {
    bloc.dissolved = february;
    push({
      date: february,
      kind: 'dissolve',
      title: `Kết thúc hoạt động ${bloc.name}`,
      parent: blocRoot,
      units: [{ unit: bloc.id }],
    });
  }

  const effective = `${year}-07-01`;
  const lastDay = `${year}-06-30`;
  if (mergeProvinces) {
    // Dated before the districts' decisions, so it applies first on 01/07: the new root exists
    // before the commune committees are formed under it.
    push({
      date: `${year}-06-0${random.int(1, 9)}`,
      effective,
      kind: 'merge',
      title: 'Hợp nhất Đảng bộ tỉnh Mô Phỏng A và Đảng bộ tỉnh Mô Phỏng B thành Đảng bộ tỉnh Mô Phỏng',
      parent: '',
      result: ROOT,
      units: FORMER_ROOTS.map((unit) => ({ unit })),
    });
    const moved = [
      ...FORMER_ROOTS.flatMap((r) => under.get(r) ?? []).map((u) => move(u, ROOT)),
      ...['CQD', 'UBND'].map((unit) => ({ unit, previous: blocRoot })),
    ];
    push({
      date: `${year}-06-09`,
      effective,
      kind: 'transfer',
      title: 'Chuyển các tổ chức đảng trực thuộc hai Tỉnh ủy về Đảng bộ tỉnh Mô Phỏng',
      parent: ROOT,
      units: moved,
    });
  }

  // 01/07: every district ends; its communes merge, its other units move.
  const names = new Set<string>();
  const nameOf = new Map<string, string>([['UBND', 'Đảng bộ Ủy ban nhân dân tỉnh']]);
  let serial = 0;
  input.districts.forEach((district, index) => {
    const date = `${year}-06-${pad(random.int(10, 28), 2)}`;
    const own = under.get(district.id) ?? [];
    const results: string[] = [];
    for (const group of groups(
      random,
      own.filter((u) => TERRITORIAL.has(u.type)),
    )) {
      const township = group.find((u) => u.type === 'township');
      let result: string;
      const listed: Listed[] = [];
      if (township) {
        // The township carries on as the commune committee: a level and a name change.
        const previousName = township.name;
        township.name = previousName.replace(/^(Đảng|Chi) bộ thị trấn/, 'Đảng bộ xã');
        township.level = 'district';
        township.type = 'commune';
        township.carriedInto = township.id;
        township.to = year - 1;
        listed.push({ ...move(township, ROOT), previousLevel: 'grassroots', previousName });
        result = township.id;
        nameOf.set(result, township.name);
      } else {
        const type = group.filter((u) => u.type === 'ward').length * 2 > group.length ? 'ward' : 'commune';
        // Two syllables make ~5,000 names and a country has ~8,000 new communes: then " số N".
        const draw = () => `Đảng bộ ${type === 'ward' ? 'phường' : 'xã'} ${placeName(random)}`;
        let name = draw();
        for (let n = 2; names.has(name); n++) {
          name = n < 6 ? draw() : `${name.replace(/ số \d+$/, '')} số ${n}`;
        }
        names.add(name);
        result = `XP${pad(++serial, 4)}`;
        committees.push({ id: result, name, type, established: effective });
        nameOf.set(result, name);
      }
      summed.push({ id: result, from: year, cells: true });
      results.push(result);
      for (const old of group) {
        if (old === township) continue;
        old.dissolved = lastDay;
        old.to = year - 1;
        old.carriedInto = result;
        listed.push({ unit: old.id, previous: district.id });
      }
      const resultName = township?.name ?? nameOf.get(result) ?? result;
      push({
        date,
        effective,
        kind: 'merge',
        title: `Hợp nhất ${group.map((u) => withoutBody(u.name)).join(', ')} thành ${withoutBody(resultName)}`,
        parent: ROOT,
        result,
        units: listed,
      });
    }

    // Agencies and public services go to the UBND committee or a new commune; the rest to a commune.
    const receiving = new Map<string, Listed[]>();
    for (const u of own.filter((x) => !TERRITORIAL.has(x.type))) {
      const toProvince =
        results.length === 0 || ((u.type === 'agency' || u.type === 'public_service') && random.next() < 0.4);
      const to = toProvince ? 'UBND' : (results[random.int(0, results.length - 1)] as string);
      receiving.set(to, [...(receiving.get(to) ?? []), move(u, to)]);
    }
    for (const [to, moved] of receiving) {
      push({
        date,
        effective,
        kind: 'transfer',
        title: `Điều chuyển ${moved.length} tổ chức cơ sở đảng từ ${district.name} về ${nameOf.get(to) ?? to}`,
        parent: to,
        units: moved,
      });
    }
    district.dissolved = lastDay;
    push({
      date,
      effective,
      kind: 'dissolve',
      title: `Kết thúc hoạt động ${district.name}`,
      parent: rootOf(index, mergeProvinces),
      units: [{ unit: district.id }],
    });
  });

  const events = context.events.sort(inOrder);
  return { events, committees, summed };
}
