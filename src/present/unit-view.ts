import { labelOf } from '../model/labels.ts';
import { LEVELS } from '../read/schemas.ts';
import { comparable, readingOf, type Reading } from '../model/coverage.ts';
import { isAbove } from '../model/organizations.ts';
import type { Province, Statistics } from '../model/province.ts';
import type { Figures } from '../model/rollup.ts';
import { byName, collator, slug, yearEnd, type Unit } from '../model/units.ts';
import { formatDate, formatNumber, formatPercent, formatSigned } from './format.ts';
import { shareOf, SMALL_BASE } from './wording.ts';
import { balanceView } from './balance.ts';
import { committeeCharts, unitCharts, type ChartSpec } from './charts.ts';
import { compositionView, type CompositionView } from './composition.ts';
import { lineageOf } from '../model/lineage.ts';
import { endedOn, unitChanges, type UnitChange } from './unit-changes.ts';
import { eventDateText, unitLink, unitLinkThen } from './event-words.ts';
import { endingOf, namesakeOf, newOne, oldOne, pageAncestors, pageNames } from './unit-names.ts';
import { unitLastYear } from './unit-years.ts';
import { unitNarrative } from './narrative/unit.ts';
import { qualityView, type QualityView } from './quality.ts';
import { hasPage, unitsWithPage, type Link } from './links.ts';
import { subordinatesView, typeName, type SubordinatesView } from './subordinates.ts';
import { against, figureBefore, type Before } from './year-before.ts';
import { coveredOf } from './narrative/context.ts';
import type { TableView } from './table.ts';
import {
  committeeView,
  memberQualityView,
  type CommitteeView,
  type MemberQualityView,
} from './committee-view.ts';

export interface KeyFigure {
  readonly label: string;
  readonly value: string;
  /** Change on the year before, already worded, e.g. `+12 so với năm 2023`. */
  readonly change: string | undefined;
  readonly note: string | undefined;
}

/** What a unit page says under its name; also what a search result shows for it. */
export interface UnitHeading {
  readonly id: string;
  readonly name: string;
  /**
   * `Cấp: Cơ sở; loại hình: Xã; thành lập 01/01/2020. Số liệu tính đến 31/12/2024.` The date is
   * the data's latest year, never the build clock.
   */
  readonly about: string;
  /** True for a unit that no longer exists (merged, dissolved). */
  readonly ended: boolean;
}

export interface UnitView extends UnitHeading {
  readonly breadcrumbs: readonly Link[];
  readonly keyFigures: readonly KeyFigure[];
  /** The written summary ("Tóm tắt"): plain-text paragraphs, escaped by the page. */
  readonly narrative: readonly string[];
  /** Trend charts over all years (members, admissions against target, cells), each with its table. */
  readonly charts: readonly ChartSpec[];
  readonly composition: CompositionView | undefined;
  /** Membership balance per year; undefined when no movement was ever reported. */
  readonly balance: TableView | undefined;
  readonly quality: QualityView;
  /** The committee in office and the previous term's (contract v2 B); undefined without one. */
  readonly committee: CommitteeView | undefined;
  /** Members by quality rating and badges awarded; undefined without those figures. */
  readonly memberQuality: MemberQualityView | undefined;
  /** Directly subordinate units at the end of the last year, sortable; undefined when none. */
  readonly subordinates: SubordinatesView | undefined;
  readonly events: readonly Link[];
  /** How restructurings created, moved, merged or dissolved this unit, oldest first. */
  readonly changes: readonly UnitChange[];
  /** The units it was merged into, then the units merged into it; each list absent when empty. */
  readonly lineage: readonly LineageLine[];
}

/** `Đơn vị kế tục là` followed by the linked unit; `Các tổ chức đảng đã hợp nhất vào A:` by several. */
export interface LineageLine {
  readonly lead: string;
  readonly units: readonly Link[];
  /** What follows the units: ` đã hợp nhất vào A` after a single predecessor. */
  readonly tail: string;
}

export const levelLabel = (unit: Unit): string => labelOf(LEVELS, unit.level);

/** The nearest ancestor with a page: subcommittees and cells are shown on their grassroots page. */
export function pageUnitFor(province: Province, unit: Unit): Unit {
  let current: Unit | undefined = unit;
  while (current && !hasPage(province, current)) {
    current = current.parentId === undefined ? undefined : province.tree.units.get(current.parentId);
  }
  return current ?? province.root;
}

function change(now: number | undefined, before: number | undefined, year: number): string | undefined {
  if (now === undefined || before === undefined) return undefined;
  const diff = now - before;
  // The card shows the figure itself: from a small base the change alone says enough.
  const pct = before < SMALL_BASE ? '' : ` (${formatPercent(Math.abs(diff) / before)})`;
  return diff === 0
    ? `không đổi so với năm ${year - 1}`
    : `${formatSigned(diff)}${pct} so với năm ${year - 1}`;
}

/** `+39 (2,7%) so với năm 2024 (số quy đổi theo tổ chức hiện nay: 1.450)`. */
const comparableChange = (now: number, before: number, year: number): string | undefined =>
  `${change(now, before, year) ?? ''} (số quy đổi theo tổ chức hiện nay: ${formatNumber(before)})`;

/**
 * The change on the year before under a card: on the reported figures, or for a reshaped unit on
 * the comparable ones, or why there is none when those miss some organizations.
 */
function changeFrom(now: Reading | undefined, before: Before, year: number): string | undefined {
  const pair = against(now, before);
  if (!before.comparable) return pair && change(pair[0].value, pair[1].value, year);
  if (before.value === undefined && before.reading) {
    return `chưa so sánh được với năm ${year - 1}: số quy đổi theo tổ chức hiện nay mới tính trên ${coveredOf(before.reading.scope)} tổ chức cơ sở đảng`;
  }
  return pair && comparableChange(pair[0].value, pair[1].value, year);
}

/**
 * Under the admissions card: `đạt 120,0% chỉ tiêu (10)`; where a percent misleads (nothing
 * admitted, a target below SMALL_BASE) `vượt chỉ tiêu (2)`, `chưa đạt chỉ tiêu (10)`.
 */
function targetNote(admitted: number, target: number): string {
  if (target === 0) return 'chỉ tiêu: 0';
  const given = `chỉ tiêu (${formatNumber(target)})`;
  const achieved = admitted === 0 ? undefined : shareOf(admitted, target);
  if (achieved !== undefined) return `đạt ${achieved} ${given}`;
  return `${admitted > target ? 'vượt' : admitted === target ? 'đạt' : 'chưa đạt'} ${given}`;
}

const unitOf = (province: Province, unitId: string): Unit => {
  const unit = province.tree.units.get(unitId);
  if (!unit) throw new Error(`unknown unit ${unitId}`);
  return unit;
};

/** Cheap (no figures): the search index asks it of every unit before any page renders. */
export function unitHeading(province: Province, unitId: string): UnitHeading {
  const unit = unitOf(province, unitId);
  const type = typeName(unit);
  const established = unit.established && formatDate(province.tree.established(unitId));
  const dissolved = endedOn(province, unitId);
  // An ended unit's figures stand at its own last year, not the site's.
  const year = unitLastYear(province, unitId);
  return {
    id: unit.id,
    name: pageNames(province, unitId)(unitId),
    about:
      `Cấp: ${levelLabel(unit)}` +
      (type ? `; loại hình: ${type}` : '') +
      (established ? `; thành lập ngày ${established}` : '') +
      (dissolved ? `; ${endingOf(province, unitId).verb} ngày ${formatDate(dissolved)}` : '') +
      (year === undefined ? '' : `. Số liệu tính đến ${formatDate(yearEnd(year))}`) +
      '.',
    ended: province.tree.endedAt(unitId) !== undefined,
  };
}

export function unitView(province: Province, unitId: string): UnitView {
  const unit = unitOf(province, unitId);
  const year = unitLastYear(province, unitId);
  const { members, admissions, cells } = province;

  // Named as they were when the unit ended, today's name after a unit renamed since (contract v2 A.3).
  const names = pageNames(province, unitId);
  const breadcrumbs = pageAncestors(province, unitId).map((id) => unitLinkThen(province, id, names));

  const keyFigures: KeyFigure[] = [];
  if (year !== undefined) {
    // Totals that sum only the units that reported are compared only over the same units.
    const read = <K extends string>(stats: Statistics<K, Figures<K>>, y: number, metric: K) =>
      readingOf(province, stats, unit, y, metric);
    // A unit reshaped during the year is compared on the organization it has now, as the topic
    // pages compare it (year-before.ts), never on the figure it reported then.
    const figure = <K extends string>(stats: Statistics<K, Figures<K>>, metric: K) => {
      const now = read(stats, year, metric);
      const before = figureBefore(province, stats, metric, unit, year);
      return { now, before, change: changeFrom(now, before, year) };
    };
    const m = figure(members, 'members');
    if (isAbove(unit)) {
      const orgs = province.organizations(unitId, year).grassroots;
      const orgsPrev = province.organizations(unitId, year - 1).grassroots;
      const reshaped = m.before.comparable ? m.before.reading?.scope.total : undefined;
      keyFigures.push({
        label: 'Tổ chức cơ sở đảng',
        value: formatNumber(orgs),
        change:
          reshaped === undefined
            ? change(orgs, province.years.includes(year - 1) ? orgsPrev : undefined, year)
            : comparableChange(orgs, reshaped, year),
        note: undefined,
      });
    }
    const c = figure(cells, 'cells');
    const probationary = read(members, year, 'probationary');
    const a = figure(admissions, 'admitted');
    const target = comparable(a.now, read(admissions, year, 'target'));
    keyFigures.push(
      { label: 'Chi bộ trực thuộc', value: formatNumber(c.now?.value), change: c.change, note: undefined },
      {
        label: 'Đảng viên',
        value: formatNumber(m.now?.value),
        change: m.change,
        note:
          comparable(probationary, m.now) && `trong đó ${formatNumber(probationary?.value)} đảng viên dự bị`,
      },
      {
        label: `Kết nạp năm ${year}`,
        value: formatNumber(a.now?.value),
        change: a.change,
        note: target && targetNote(target[0].value, target[1].value),
      },
    );
  }

  return {
    ...unitHeading(province, unitId),
    breadcrumbs,
    keyFigures,
    narrative: unitNarrative(province, unitId),
    charts: isAbove(unit) ? committeeCharts(province, unitId) : unitCharts(province, unitId),
    composition: compositionView(province, unitId),
    balance: balanceView(province, unitId),
    quality: qualityView(province, unitId),
    committee: committeeView(province, unitId),
    memberQuality: memberQualityView(province, unitId),
    subordinates: subordinatesView(province, unitId),
    changes: unitChanges(province, unitId),
    lineage: lineageLines(province, unit.id, names(unit.id)),
    events: (province.eventsByUnit.get(unitId) ?? []).map((e) => ({
      label: `${eventDateText(e)}: ${e.title}`,
      path: `sap-xep/${slug(e.id)}/`,
    })),
  };
}

/**
 * A merged unit links its successor, a merge's result its predecessors (contract v2 A.5). A
 * namesake is marked "(mới)" or "(cũ)": the old ward of Phú Bài went into the new one.
 */
function lineageLines(province: Province, unitId: string, name: string): LineageLine[] {
  const { successors, predecessors } = lineageOf(province);
  const links = (ids: readonly string[], mark: (label: string) => string) =>
    ids
      .filter((id, i) => ids.indexOf(id) === i)
      .map((id) => {
        const link = unitLink(province, id);
        return namesakeOf(province, unitId, id) ? { ...link, label: mark(link.label) } : link;
      })
      .sort((a, b) => collator.compare(a.label, b.label));
  const into = links(
    successors(unitId).map((step) => step.unitId),
    newOne,
  );
  const from = links(
    predecessors(unitId).map((step) => step.unitId),
    oldOne,
  );
  return [
    ...(into.length === 1 ? [{ lead: 'Đơn vị kế tục là', units: into, tail: '' }] : []),
    ...(into.length > 1 ? [{ lead: 'Các đơn vị kế tục:', units: into, tail: '' }] : []),
    ...(from.length === 1 ? [{ lead: '', units: from, tail: ` đã hợp nhất vào ${name}` }] : []),
    ...(from.length > 1
      ? [{ lead: `Các tổ chức đảng đã hợp nhất vào ${name}:`, units: from, tail: '' }]
      : []),
  ];
}

/**
 * Units that get a page, by name: every unit that was a province, cấp trên cơ sở or grassroots
 * unit at some date, including those that ended or became cells (links.ts unitsWithPage).
 */
export function pageUnits(province: Province): Unit[] {
  const ids = unitsWithPage(province);
  return [...province.tree.units.values()].filter((u) => ids.has(u.id)).sort(byName);
}
