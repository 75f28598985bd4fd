/** The opening paragraph of a summary and the notes around it: life dates, restructurings, gaps. */
import { comparable } from '../../model/coverage.ts';
import { isAbove, listedCells } from '../../model/organizations.ts';
import type { Province, RestructuringEvent } from '../../model/province.ts';
import { yearEnd, type Unit } from '../../model/units.ts';
import { EVENT_KINDS } from '../../read/schemas.ts';
import { formatDate, formatNumber } from '../format.ts';
import { fromToWords, listVi, paragraph, sentence, withoutFinalStop, yearsVi } from '../wording.ts';
import { cellCount } from './cells.ts';
import { coverageNote, type Context, type Stats, type Topic } from './context.ts';
import { comparableMemberChange, memberChange } from './members.ts';
import { endedOn } from '../unit-changes.ts';

export function lifeNotes(c: Context): string | undefined {
  const { tree } = c.province;
  const established = tree.established(c.unit.id);
  const dissolved = endedOn(c.province, c.unit.id);
  // An event of the narrative's year that created the unit already says when (restructuring()).
  const announced = (c.province.eventsByUnit.get(c.unit.id) ?? []).some(
    (e) => e.result_unit_id === c.unit.id && e.date === established && e.date.startsWith(`${c.year}-`),
  );
  return paragraph([
    established === undefined || announced
      ? undefined
      : sentence(`${c.unit.name} được thành lập ngày ${formatDate(established)}`),
    dissolved === undefined
      ? undefined
      : sentence(
          `${c.unit.name} đã giải thể ngày ${formatDate(dissolved)}; số liệu trên là số liệu đến ngày ${formatDate(yearEnd(c.year))}`,
        ),
  ]);
}

/** Totals, what they cover, and change on the year before. */
export function overview(c: Context, options: { members: boolean; cells: boolean }): string {
  const { province, read, unit, year, previous } = c;
  const members = options.members ? read.reading(province.members, unit, year, 'members') : undefined;
  const cells = options.cells ? cellCount(c, year) : undefined;
  const organizations = isAbove(unit) ? province.organizations(unit.id, year).grassroots : undefined;

  const items: string[] = [];
  // A 2025 commune committee may have only cells directly under it: "0 tổ chức cơ sở đảng với 55
  // chi bộ" would read as missing organizations.
  if (organizations !== undefined && (organizations > 0 || !cells?.value)) {
    items.push(`${formatNumber(organizations)} tổ chức cơ sở đảng`);
  }
  // A chi bộ cơ sở has no cells of its own: "0 chi bộ trực thuộc" would read as missing cells.
  if (cells && (isAbove(unit) || cells.value > 0)) {
    items.push(`${formatNumber(cells.value)} chi bộ trực thuộc`);
  }
  if (members) items.push(`${formatNumber(members.value)} đảng viên`);
  const [first, ...rest] = items;
  const totals =
    first === undefined
      ? undefined
      : sentence(
          `Tính đến ngày ${formatDate(yearEnd(year))}, ${unit.name} có ${first}${rest.length > 0 ? ` với ${listVi(rest)}` : ''}`,
        );

  const changes: (string | undefined)[] = [];
  if (previous !== undefined) {
    if (organizations !== undefined) {
      const before = province.organizations(unit.id, previous).grassroots;
      if (before !== organizations) {
        changes.push(
          sentence(`Số tổ chức cơ sở đảng ${fromToWords(organizations, before)} so với năm ${previous}`),
        );
      }
    }
    const cellsBefore = cells && cellCount(c, previous);
    const cellPair = comparable(cells, cellsBefore);
    if (cellPair && cellPair[0].value !== cellPair[1].value) {
      changes.push(
        sentence(
          `Số chi bộ trực thuộc ${fromToWords(cellPair[0].value, cellPair[1].value)} so với năm ${previous}`,
        ),
      );
    }
    if (members) changes.push(memberChange(c, members, previous));
  }
  if (members) changes.push(comparableMemberChange(c, members));
  return paragraph([
    totals,
    coverageNote('Số chi bộ trực thuộc', cells, year),
    coverageNote('Số đảng viên', members, year),
    ...changes,
  ]);
}

/** Past this many events in a year a summary counts them by kind instead of naming each. */
const LISTED_EVENTS = 5;

/** Restructurings of the year and the change in directly subordinate organizations. */
export function restructuring(c: Context): string {
  const { province, unit, year, previous } = c;
  const sentences: string[] = [];
  const events = (province.eventsByUnit.get(unit.id) ?? []).filter((e: RestructuringEvent) =>
    e.date.startsWith(`${year}-`),
  );
  if (events.length > 0 && events.length <= LISTED_EVENTS) {
    const list = events.map((e) => `${withoutFinalStop(e.title)} (ngày ${formatDate(e.date)})`);
    sentences.push(sentence(`Sắp xếp, kiện toàn tổ chức trong năm ${year}: ${list.join('; ')}`));
  } else if (events.length > LISTED_EVENTS) {
    // A reorganization is dozens of events on a few days: counted by kind, each on /sap-xep/.
    const byKind = new Map<string, number>();
    for (const e of events) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    const kinds = EVENT_KINDS.filter((k) => byKind.has(k.value)).map(
      (k) => `${formatNumber(byKind.get(k.value) ?? 0)} ${k.label}`,
    );
    sentences.push(
      sentence(
        `Năm ${year} có ${formatNumber(events.length)} sự kiện sắp xếp, kiện toàn tổ chức (${listVi(kinds)}), liệt kê ở trang Sắp xếp`,
      ),
    );
  }
  if (isAbove(unit) && previous !== undefined) {
    const counts = province.organizations(unit.id, year);
    const countsBefore = province.organizations(unit.id, previous);
    const now = counts.direct;
    const before = countsBefore.direct;
    // Where every subordinate is a grassroots organization the overview already said it.
    const same = now === counts.grassroots && before === countsBefore.grassroots;
    if (now !== before && !same) {
      sentences.push(
        sentence(
          `Số tổ chức đảng trực thuộc ${unit.name} ${fromToWords(now, before)} so với cuối năm ${previous}`,
        ),
      );
    }
  }
  return paragraph(sentences);
}

/** `Chưa có số liệu kết nạp năm 2023.` for every topic and year without a figure. */
export function missing(c: Context, topics: readonly Topic[]): string {
  const { province, read, unit } = c;
  const sentences: string[] = [];
  const check = <K extends string>(stats: Stats<K>, metric: K, label: string) => {
    const years = c.years.filter((y) => read.value(stats, unit.id, y, metric) === undefined);
    if (years.length > 0) sentences.push(sentence(`Chưa có số liệu ${label} ${yearsVi(years)}`));
  };
  if (topics.includes('members')) check(province.members, 'members', 'đảng viên');
  if (topics.includes('admissions')) check(province.admissions, 'admitted', 'kết nạp');
  if (
    topics.includes('cells') &&
    (isAbove(unit) || listedCells(province.tree, unit.id, yearEnd(c.year)) === 0)
  ) {
    check(province.cells, 'cells', 'chi bộ trực thuộc');
  }
  return paragraph(sentences);
}

export function noFigures(province: Province, unit: Unit): string {
  const established = province.tree.established(unit.id);
  const dissolved = endedOn(province, unit.id);
  if (dissolved !== undefined && province.years.length > 0) {
    return sentence(
      `${unit.name} đã giải thể ngày ${formatDate(dissolved)}; chưa có số liệu thống kê khi đơn vị còn hoạt động`,
    );
  }
  if (established !== undefined && province.years.length > 0) {
    return sentence(
      `${unit.name} được thành lập ngày ${formatDate(established)}; chưa có số liệu thống kê từ ngày thành lập`,
    );
  }
  return sentence(`Chưa có số liệu thống kê của ${unit.name}`);
}
