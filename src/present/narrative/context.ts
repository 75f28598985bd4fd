/**
 * What every paragraph of a written summary starts from: the unit, its years, and a reader that
 * gives each total with the grassroots organizations it covers. Totals of a unit that did not
 * report its own figure are sums over those that did; two such sums are compared (change on the
 * year before, shares, target achievement) only when they cover the same organizations, or all.
 */
import { complete, readingOf, type Reading, type Scope } from '../../model/coverage.ts';
import type { Province, Statistics } from '../../model/province.ts';
import type { Figures } from '../../model/rollup.ts';
import { yearEnd, type Unit } from '../../model/units.ts';
import type { Names } from '../event-words.ts';
import { formatNumber } from '../format.ts';
import { pageNames } from '../unit-names.ts';
import { unitLastYear } from '../unit-years.ts';
import { listVi, sentence } from '../wording.ts';
import type { Before } from '../year-before.ts';

export type Topic = 'members' | 'admissions' | 'cells';

export type Stats<K extends string> = Statistics<K, Figures<K>>;

/** Reads one metric of one statistics file for a unit, with the scope of its total. */
export class Reader {
  private readonly province: Province;

  constructor(province: Province) {
    this.province = province;
  }

  value<K extends string>(stats: Stats<K>, unitId: string, year: number, metric: K): number | undefined {
    return stats.rollup.at(unitId, year)?.values[metric];
  }

  reading<K extends string>(stats: Stats<K>, unit: Unit, year: number, metric: K): Reading | undefined {
    return readingOf(this.province, stats, unit, year, metric);
  }
}

/** `Số đảng viên trên là tổng của 3/4 tổ chức cơ sở đảng đã có số liệu năm 2021.` */
export function coverageNote(what: string, reading: Reading | undefined, year: number): string | undefined {
  if (!reading || complete(reading.scope)) return undefined;
  const { count, total } = reading.scope;
  return sentence(
    `${what} trên là tổng của ${formatNumber(count)}/${formatNumber(total)} tổ chức cơ sở đảng đã có số liệu năm ${year}`,
  );
}

export const coveredOf = (s: Scope): string => `${formatNumber(s.count)}/${formatNumber(s.total)}`;

/** Why two totals cannot be compared: `năm 2021 mới có số liệu của 2/3 tổ chức cơ sở đảng`. */
export function differentScopes(scopes: readonly (readonly [number, Scope])[]): string {
  const partial = scopes.filter(([, s]) => !complete(s));
  const counts = new Set(partial.map(([, s]) => coveredOf(s)));
  if (partial.length === scopes.length && counts.size === 1) {
    return 'số liệu các năm không phải của cùng những tổ chức cơ sở đảng';
  }
  const words = partial.map(([year, s]) => `năm ${year} mới có số liệu của ${coveredOf(s)}`);
  return `${listVi(words)} tổ chức cơ sở đảng`;
}

/** `Theo số liệu của 3/4 tổ chức cơ sở đảng, ` before a figure that covers only some of them. */
export const scopePrefix = (s: Scope): string =>
  complete(s) ? '' : `theo số liệu của ${coveredOf(s)} tổ chức cơ sở đảng, `;

export interface Context {
  readonly province: Province;
  readonly read: Reader;
  readonly unit: Unit;
  /** The unit's name on its page: as it was called when it ended, else today's (unit-names.ts). */
  readonly name: string;
  /** Other units as the page names them. */
  readonly names: Names;
  /** The year the figures stand at: the data's latest, or the unit's last before dissolution. */
  readonly year: number;
  /** The year before, when the unit existed at its end and the data covers it. */
  readonly previous: number | undefined;
  /** Years of the data during which the unit existed at year end. */
  readonly years: readonly number[];
}

export function contextFor(province: Province, unit: Unit): Context | undefined {
  const last = unitLastYear(province, unit.id);
  const years = province.years.filter(
    (y) => last !== undefined && y <= last && province.tree.existsAt(unit.id, yearEnd(y)),
  );
  const year = years.at(-1);
  if (year === undefined) return undefined;
  const previous = years.includes(year - 1) ? year - 1 : undefined;
  const names = pageNames(province, unit.id);
  return { province, read: new Reader(province), unit, name: names(unit.id), names, year, previous, years };
}

/**
 * For a unit reshaped by a restructuring (year-before.ts), the change on the year before as the
 * topic pages give it, to follow `So với năm 2024, quy đổi theo tổ chức hiện nay, `: `số đảng
 * viên tăng 39 người (2,7%)`; or a sentence saying why it cannot be given. `undefined` for a unit
 * that was not reshaped, whose change is said on its reported figures, and where this year's sum
 * misses some organizations.
 */
export function reshapedChange(
  c: Context,
  what: string,
  now: Reading,
  before: Before,
  words: (now: number, before: number) => string,
): { readonly clause: string } | { readonly gap: string } | undefined {
  if (!before.comparable || !before.reading) return undefined;
  if (before.value === undefined) {
    return {
      gap: sentence(
        `${what} năm ${c.year - 1} quy đổi theo tổ chức hiện nay mới tính trên ${coveredOf(before.reading.scope)} tổ chức cơ sở đảng, nên chưa so sánh được với năm ${c.year}`,
      ),
    };
  }
  if (!complete(now.scope)) return undefined;
  return { clause: `${what} ${words(now.value, before.value)}` };
}

/** The sentences for reshapedChange's results: the clauses in one, then the gaps. */
export function reshapedSentences(
  c: Context,
  changes: readonly ReturnType<typeof reshapedChange>[],
): (string | undefined)[] {
  const clauses = changes.flatMap((x) => (x && 'clause' in x ? [x.clause] : []));
  return [
    clauses.length === 0
      ? undefined
      : sentence(`So với năm ${c.year - 1}, quy đổi theo tổ chức hiện nay, ${listVi(clauses)}`),
    ...changes.flatMap((x) => (x && 'gap' in x ? [x.gap] : [])),
  ];
}
