/** The opening paragraph of a summary and the notes around it: life dates, restructurings, gaps. */
import { comparable } from '../../model/coverage.ts';
import { isAbove, levelAt, listedCells } from '../../model/organizations.ts';
import { justBefore, type Moment, type ParentChange } from '../../model/tree.ts';
import type { Province, RestructuringEvent } from '../../model/province.ts';
import { PAGE_LEVELS, yearEnd, type Unit } from '../../model/units.ts';
import { formatDate, formatNumber } from '../format.ts';
import {
  changeWords,
  fromToWords,
  listVi,
  paragraph,
  sentence,
  withoutFinalStop,
  yearsVi,
} from '../wording.ts';
import { cellCount } from './cells.ts';
import {
  coverageNote,
  reshapedChange,
  reshapedSentences,
  type Context,
  type Stats,
  type Topic,
} from './context.ts';
import { memberChange } from './members.ts';
import { SHOWN_KINDS, eventDateText, namesAt, shownKind, thenAndNow } from '../event-words.ts';
import { endedOn } from '../unit-changes.ts';
import { figureBefore } from '../year-before.ts';
import { endWords, pageNames } from '../unit-names.ts';

/**
 * The change that made a grassroots organization a cell (a pilot committee took it over, or a
 * `previous_level` row says so): the last moment its level went from one with a page to one
 * without. `undefined` for a unit that has its own level today.
 */
function becameCell(c: Context): ParentChange | undefined {
  const { tree } = c.province;
  const { unit } = c;
  if (PAGE_LEVELS.has(unit.level)) return undefined;
  const paged = (when: Moment) => PAGE_LEVELS.has(levelAt(tree, unit, when));
  return tree.changes(unit.id).findLast((change) => !paged(change) && paged(justBefore(change)));
}

/** `Từ ngày 17/08/2011, Chi bộ A chuyển từ tổ chức cơ sở đảng trực thuộc B thành chi bộ trực thuộc C.` */
function cellNote(c: Context): string | undefined {
  const change = becameCell(c);
  if (!change) return undefined;
  const { province } = c;
  const then = namesAt(province, change);
  const before = namesAt(province, justBefore(change));
  const parentThen = change.after ?? province.tree.parentAt(c.unit.id, change);
  const from =
    change.before === undefined ? '' : ` trực thuộc ${thenAndNow(province, change.before, before)}`;
  const into = parentThen === undefined ? '' : ` trực thuộc ${thenAndNow(province, parentThen, then)}`;
  return paragraph([
    sentence(
      `Từ ngày ${formatDate(change.date)}, ${c.name} chuyển từ tổ chức cơ sở đảng${from} thành chi bộ${into}`,
    ),
    // Its own figures stop where its committee's start counting it (unit-years.ts).
    c.year < (province.lastYear ?? c.year) && parentThen !== undefined
      ? sentence(
          `Từ năm ${c.year + 1}, số liệu của ${c.name} được tính trong số liệu của ${then(parentThen)}`,
        )
      : undefined,
  ]);
}

export function lifeNotes(c: Context): string | undefined {
  const { tree } = c.province;
  const established = tree.established(c.unit.id);
  const dissolved = endedOn(c.province, c.unit.id);
  // An event of the narrative's year that created the unit already says when (restructuring()).
  const announced = (c.province.eventsByUnit.get(c.unit.id) ?? []).some(
    (e) => e.result_unit_id === c.unit.id && e.date === established && e.date.startsWith(`${c.year}-`),
  );
  return paragraph([
    cellNote(c),
    established === undefined || announced
      ? undefined
      : sentence(`${c.name} được thành lập ngày ${formatDate(established)}`),
    dissolved === undefined
      ? undefined
      : sentence(
          `${c.name} ${endWords(c.province, c.unit.id)} ngày ${formatDate(dissolved)}; số liệu trên là số liệu đến ngày ${formatDate(yearEnd(c.year))}`,
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
  // A 2025 commune committee may have only cells directly under it, and a district may report only
  // its totals: "0 tổ chức cơ sở đảng với 2.870 đảng viên" would read as missing organizations.
  if (organizations !== undefined && organizations > 0) {
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
          `Tính đến ngày ${formatDate(yearEnd(year))}, ${c.name} có ${first}${rest.length > 0 ? ` với ${listVi(rest)}` : ''}`,
        );

  const changes: (string | undefined)[] = [];
  // A unit reshaped during the year is compared on the organization it has now (year-before.ts),
  // in one sentence; the others on their reported figures.
  const cellsBefore = figureBefore(province, province.cells, 'cells', unit, year);
  const membersBefore = figureBefore(province, province.members, 'members', unit, year);
  // The grassroots organizations the comparable figures of the year before add up.
  const organizationsBefore = membersBefore.comparable ? membersBefore.reading?.scope.total : undefined;
  changes.push(
    ...reshapedSentences(c, [
      organizations !== undefined &&
      organizationsBefore !== undefined &&
      organizationsBefore !== organizations
        ? { clause: `số tổ chức cơ sở đảng ${fromToWords(organizations, organizationsBefore)}` }
        : undefined,
      cells && reshapedChange(c, 'số chi bộ trực thuộc', cells, cellsBefore, fromToWords),
      members && reshapedChange(c, 'số đảng viên', members, membersBefore, changeWords),
    ]),
  );
  if (previous !== undefined) {
    if (organizations !== undefined && organizationsBefore === undefined) {
      const before = province.organizations(unit.id, previous).grassroots;
      if (before !== organizations) {
        changes.push(
          sentence(`Số tổ chức cơ sở đảng ${fromToWords(organizations, before)} so với năm ${previous}`),
        );
      }
    }
    const cellPair = cellsBefore.comparable ? undefined : comparable(cells, cellCount(c, previous));
    if (cellPair && cellPair[0].value !== cellPair[1].value) {
      changes.push(
        sentence(
          `Số chi bộ trực thuộc ${fromToWords(cellPair[0].value, cellPair[1].value)} so với năm ${previous}`,
        ),
      );
    }
    if (members) changes.push(memberChange(c, members, membersBefore));
  }
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
  // The province's summary sends the reader to /sap-xep/, which lists every event of the year
  // (transfers between committees under it too): it counts what that page lists. Another unit's
  // counts the events its own page lists.
  const root = unit.id === province.root.id;
  const events = (root ? province.events : (province.eventsByUnit.get(unit.id) ?? [])).filter(
    (e: RestructuringEvent) => e.date.startsWith(`${year}-`),
  );
  if (events.length > 0 && events.length <= LISTED_EVENTS) {
    const list = events.map((e) => `${withoutFinalStop(e.title)} (ngày ${eventDateText(e, false)})`);
    sentences.push(sentence(`Sắp xếp, kiện toàn tổ chức trong năm ${year}: ${list.join('; ')}`));
  } else if (events.length > LISTED_EVENTS) {
    // A reorganization is dozens of events on a few days: counted by kind, each on /sap-xep/.
    const byKind = new Map<string, number>();
    for (const e of events) {
      const kind = shownKind(province, e);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    const kinds = SHOWN_KINDS.filter((k) => byKind.has(k.value)).map(
      (k) => `${formatNumber(byKind.get(k.value) ?? 0)} ${k.label}`,
    );
    sentences.push(
      sentence(
        `Năm ${year} có ${formatNumber(events.length)} sự kiện sắp xếp, kiện toàn tổ chức (${listVi(kinds)}), liệt kê ở ${root ? 'trang Sắp xếp' : 'mục “Sắp xếp, kiện toàn tổ chức” dưới đây'}`,
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
          `Số tổ chức đảng trực thuộc ${c.name} ${fromToWords(now, before)} so với cuối năm ${previous}`,
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
  // A unit that is a cell today (it became one) has no cells of its own to count.
  if (
    topics.includes('cells') &&
    PAGE_LEVELS.has(unit.level) &&
    (isAbove(unit) || listedCells(province.tree, unit.id, yearEnd(c.year)) === 0)
  ) {
    check(province.cells, 'cells', 'chi bộ trực thuộc');
  }
  return paragraph(sentences);
}

export function noFigures(province: Province, unit: Unit): string {
  const name = pageNames(province, unit.id)(unit.id);
  const established = province.tree.established(unit.id);
  const dissolved = endedOn(province, unit.id);
  if (dissolved !== undefined && province.years.length > 0) {
    return sentence(
      `${name} ${endWords(province, unit.id)} ngày ${formatDate(dissolved)}; chưa có số liệu thống kê khi đơn vị còn hoạt động`,
    );
  }
  if (established !== undefined && province.years.length > 0) {
    return sentence(
      `${name} được thành lập ngày ${formatDate(established)}; chưa có số liệu thống kê từ ngày thành lập`,
    );
  }
  return sentence(`Chưa có số liệu thống kê của ${name}`);
}
