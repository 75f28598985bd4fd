/**
 * The page of one restructuring event (`/sap-xep/<id>/`): facts, narrative, before/after chart
 * and the units it moved. Figures come from src/model/events.ts; here they are worded in Vietnamese.
 */
import { eventFigures, type EventFigures, type InvolvedUnit } from '../model/events.ts';
import { labelOf } from '../model/labels.ts';
import type { Province, RestructuringEvent } from '../model/province.ts';
import { LEVELS, type EventKind } from '../read/schemas.ts';
import { buildChart, type ChartSpec } from './charts.ts';
import {
  endsActivity,
  eventDateText,
  eventNames,
  laterName,
  namesAt,
  namesakeMarks,
  shownKind,
  shownKindLabel,
  shownStatusLabel,
  statusLabel,
  unitLinkThen,
  withMark,
  type Names,
} from './event-words.ts';
import { formatDate, formatNumber } from './format.ts';
import type { Link } from './links.ts';
import { perProvinceKey } from './memo.ts';
import { column, count, levelColumn, signed, text, type TableView } from './table.ts';
import { capitalize, listVi } from './wording.ts';

export interface Fact {
  readonly label: string;
  readonly value: string;
  readonly path: string | undefined;
}

export interface EventView {
  readonly id: string;
  readonly title: string;
  readonly kind: EventKind;
  readonly kindLabel: string;
  readonly statusLabel: string | undefined;
  /** `17/08/2011`, `24/06/2025 (hiệu lực từ 01/07/2025)`. */
  readonly date: string;
  /** What happened, when, under which decision, to whom: label and value, some linked. */
  readonly facts: readonly Fact[];
  /** Plain-text paragraphs, escaped by the page. */
  readonly narrative: readonly string[];
  /** Directly subordinate units before and after, as a bar chart with the same figures in a table. */
  readonly chart: ChartSpec | undefined;
  /** Units the event lists: where they were, where they went, their latest figures. */
  readonly units: TableView | undefined;
  readonly note: string | undefined;
}

/** Names when few, a count when many: a sentence should not list eleven chi bộ. */
export function some(names: Names, ids: readonly string[]): string {
  return ids.length <= 4 ? listVi(ids.map(names)) : `${formatNumber(ids.length)} tổ chức đảng`;
}

/** `giảm từ 46 xuống 36`, `tăng từ 2 lên 3`, `không thay đổi (27)`. */
export function trend(before: number, after: number): string {
  if (after < before) return `giảm từ ${formatNumber(before)} xuống ${formatNumber(after)}`;
  if (after > before) return `tăng từ ${formatNumber(before)} lên ${formatNumber(after)}`;
  return `không thay đổi (${formatNumber(after)})`;
}

/** The listed units grouped by the parent they left, in first-seen order. */
export function byOrigin(units: readonly InvolvedUnit[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const u of units) {
    const key = u.from ?? '';
    groups.set(key, [...(groups.get(key) ?? []), u.unitId]);
  }
  return [...groups];
}

/** `names` as eventNames gives them; `renamedTo` names a unit once the event applied. */
export function whatHappened(
  figures: EventFigures,
  names: Names,
  renamedTo: Names,
  endsActivity = false,
): { sentence: string; action: string } {
  const { event } = figures;
  const when = `Ngày ${formatDate(event.date)}${event.decision ? `, theo văn bản số ${event.decision}` : ''}`;
  const parent = names(event.parent_id);
  const result = names(event.result_unit_id);
  const moved = figures.units.filter((u) => u.role === 'moves');
  const ended = figures.units.filter((u) => u.role === 'ends').map((u) => u.unitId);
  // `, tiếp nhận 11 tổ chức đảng trước đây trực thuộc Đảng bộ quận Thốt Nốt`
  const receives =
    moved.length === 0
      ? ''
      : `, tiếp nhận ${listVi(byOrigin(moved).map(([from, ids]) => `${some(names, ids)} trước đây trực thuộc ${names(from)}`))}`;
  switch (event.kind) {
    case 'pilot_committee':
      return {
        sentence: `${when}, thí điểm thành lập ${result} trực thuộc ${parent}${receives}.`,
        action: `thành lập ${result}`,
      };
    case 'establish':
      return {
        sentence: `${when}, thành lập ${result} trực thuộc ${parent}${receives}.`,
        action: `thành lập ${result}`,
      };
    case 'merge':
      return figures.createsResult
        ? {
            sentence: `${when}, hợp nhất ${listVi(ended.map(names))} thành ${result}, trực thuộc ${parent}${receives}.`,
            action: 'hợp nhất',
          }
        : {
            sentence: `${when}, sáp nhập ${listVi(ended.map(names))} vào ${result}, trực thuộc ${parent}${receives}.`,
            action: 'sáp nhập',
          };
    case 'dissolve': {
      if (!endsActivity) {
        return {
          sentence: `${when}, giải thể ${some(names, ended)} (trực thuộc ${parent}).`,
          action: 'giải thể',
        };
      }
      // A committee ends its activity on the day the decision gives, often later than the decision.
      const from = figures.moment.date === event.date ? '' : ` từ ngày ${formatDate(figures.moment.date)}`;
      return {
        sentence: `${when}, ${some(names, ended)} (trực thuộc ${parent}) kết thúc hoạt động${from}.`,
        action: `${some(names, ended)} kết thúc hoạt động`,
      };
    }
    case 'transfer': {
      const to = names(event.result_unit_id ?? event.parent_id);
      const groups = byOrigin(moved).map(([from, ids]) => `${some(names, ids)} từ ${names(from)}`);
      return {
        sentence: `${when}, điều chuyển ${groups.join('; ')} về trực thuộc ${to}.`,
        action: 'điều chuyển',
      };
    }
    case 'rename':
      return {
        sentence: `${when}, ${listVi(event.units.map((u) => `${names(u.unit_id)} đổi tên thành ${renamedTo(u.unit_id)}`))}.`,
        action: 'đổi tên',
      };
  }
}

export function coverage(figures: EventFigures): string | undefined {
  const { covered } = figures;
  if (covered.units === 0) return undefined;
  const subject =
    covered.units === 1 ? 'tổ chức đảng trong đợt sắp xếp này' : 'các tổ chức đảng trong đợt sắp xếp này';
  if (covered.members === undefined && covered.cells === undefined) {
    return `Chưa có số liệu đảng viên và chi bộ của ${subject}.`;
  }
  const parts = [
    ...(covered.members === undefined ? [] : [`${formatNumber(covered.members)} đảng viên`]),
    ...(covered.cells === undefined ? [] : [`${formatNumber(covered.cells)} chi bộ`]),
  ];
  const [from, to] = covered.years ?? [];
  const years =
    from === undefined
      ? ''
      : from === to
        ? ` (số liệu năm ${from})`
        : ` (số liệu gần nhất của từng đơn vị, năm ${from}–${to})`;
  const missing = covered.units - covered.membersReporting;
  const gap =
    covered.members !== undefined && missing > 0
      ? ` ${formatNumber(missing)} đơn vị chưa có số liệu đảng viên, không tính vào tổng này.`
      : '';
  return `${capitalize(subject)} có ${covered.units === 1 ? '' : 'tổng cộng '}${listVi(parts)}${years}.${gap}`;
}

export function committeeSizes(event: RestructuringEvent): string[] {
  const sizes: [string, number | undefined][] = [
    ['Ban Chấp hành', event.executive_committee],
    ['Ban Thường vụ', event.standing_committee],
    ['Ủy ban Kiểm tra', event.inspection_committee],
  ];
  return sizes.flatMap(([label, n]) => (n === undefined ? [] : [`${label} ${formatNumber(n)} ủy viên`]));
}

/**
 * `Đảng bộ tỉnh Thừa Thiên Huế nay là Đảng bộ thành phố Huế.`: the narrative names units as they
 * were then, this says what they are called today (or were called when they ended).
 */
export function todaysNames(province: Province, figures: EventFigures, names: Names): string | undefined {
  const { event } = figures;
  const ids = new Set([
    event.parent_id,
    event.result_unit_id,
    ...event.units.flatMap((u) => [u.previous_parent_id, u.unit_id]),
    ...figures.units.flatMap((u) => [u.from, u.to]),
  ]);
  const now = namesAt(province, figures.moment);
  const lines = [...ids].flatMap((id) => {
    const later = laterName(province, id, now(id));
    if (later === undefined) return [];
    return [`${names(id)} ${later.today ? 'nay là' : 'sau đổi tên thành'} ${later.name}`];
  });
  return lines.length === 0 ? undefined : `${capitalize(lines.join('; '))}.`;
}

export function eventNarrative(province: Province, figures: EventFigures): string[] {
  const { event } = figures;
  const plain = eventNames(province, event);
  const mark = namesakeMarks(event, plain);
  const names: Names = (id) => withMark(plain(id), mark(id));
  const ending = endsActivity(province, event);
  const { sentence, action } = whatHappened(figures, names, namesAt(province, figures.moment), ending);
  const paragraphs = [sentence];
  if (event.kind === 'rename' && figures.moment.date !== event.date) {
    paragraphs.push(`Tên mới có hiệu lực từ ngày ${formatDate(figures.moment.date)}.`);
  } else if (figures.moment.date !== event.date && event.result_unit_id !== undefined) {
    paragraphs.push(
      `${names(event.result_unit_id)} thành lập ngày ${formatDate(figures.moment.date)}; số tổ chức đảng trước và sau sắp xếp tính theo ngày này.`,
    );
  }
  const changes = figures.counts.flatMap((c) =>
    c.before === undefined || c.after === undefined
      ? []
      : [`số tổ chức đảng trực thuộc ${names(c.unitId)} ${trend(c.before, c.after)}`],
  );
  const created = figures.counts.find((c) => c.unitId === event.result_unit_id && c.before === undefined);
  const after = [
    ...(changes.length > 0 ? [`Sau khi ${action}, ${changes.join('; ')}.`] : []),
    ...(created?.after
      ? [`${names(created.unitId)} có ${formatNumber(created.after)} tổ chức đảng trực thuộc.`]
      : []),
  ];
  if (after.length > 0) paragraphs.push(after.join(' '));
  const covered = coverage(figures);
  if (covered) paragraphs.push(covered);
  const sizes = committeeSizes(event);
  if (sizes.length > 0) {
    const whose = event.result_unit_id === undefined ? 'sau sắp xếp' : `của ${names(event.result_unit_id)}`;
    paragraphs.push(`Cấp ủy ${whose}: ${listVi(sizes)}.`);
  }
  // `ended` on a dissolution is the committee's end, said above; on a pilot, the pilot's.
  if (event.status === 'ended' && event.kind === 'pilot_committee') {
    paragraphs.push('Việc thí điểm này đã kết thúc.');
  }
  const today = todaysNames(province, figures, names);
  if (today) paragraphs.push(today);
  return paragraphs;
}

export const figuresOf = perProvinceKey('figuresOf', (province, eventId) => eventFigures(province, eventId));

export function beforeAfterChart(province: Province, figures: EventFigures): ChartSpec | undefined {
  // The event's parent always; other committees only where they had units to count, so a new
  // ward whose chi bộ are only counted in cells.csv does not show as "0 → 0".
  const rows = figures.counts.filter(
    (c) => c.unitId === figures.event.parent_id || (c.before ?? 0) > 0 || (c.after ?? 0) > 0,
  );
  const owner = province.tree.units.get(figures.event.parent_id ?? figures.event.result_unit_id ?? '');
  if (rows.length === 0 || !owner) return undefined;
  const names = eventNames(province, figures.event);
  const spec = buildChart({
    id: 'truoc-sau',
    title: `Số tổ chức đảng trực thuộc trước và sau sắp xếp (${formatDate(figures.event.date)})`,
    unit: 'tổ chức đảng',
    categoryHeader: 'Đơn vị',
    categories: rows.map((c) => unitLinkThen(province, c.unitId, names)),
    series: [
      { label: 'Trước sắp xếp', kind: 'bar', values: rows.map((c) => c.before) },
      { label: 'Sau sắp xếp', kind: 'bar', values: rows.map((c) => c.after) },
    ],
    horizontal: true,
    extra: [
      {
        column: column('Thay đổi'),
        cells: rows.map((c) =>
          signed(c.before === undefined || c.after === undefined ? undefined : c.after - c.before),
        ),
      },
    ],
    note: rows.some((c) => c.before === undefined || c.after === undefined)
      ? '“—” là đơn vị chưa thành lập (trước sắp xếp) hoặc đã kết thúc hoạt động (sau sắp xếp).'
      : undefined,
    owner,
  });
  // Embeds exist for a unit's trend charts only; this chart lives on the event page.
  return { ...spec, embedPath: undefined };
}

export function unitsTable(province: Province, figures: EventFigures): TableView | undefined {
  if (figures.units.length === 0) return undefined;
  const names = eventNames(province, figures.event);
  const mark = namesakeMarks(figures.event, names);
  const link = (id: string) => {
    const plain = unitLinkThen(province, id, names);
    return { ...plain, label: withMark(plain.label, mark(id)) };
  };
  const renamedTo = namesAt(province, figures.moment);
  const renamed = new Set(
    figures.event.units.filter((u) => u.previous_name !== undefined).map((u) => u.unit_id),
  );
  const levelName = (id: string) => {
    const level = province.tree.units.get(id)?.level;
    return level && labelOf(LEVELS, level);
  };
  const outcome = (u: InvolvedUnit) => {
    if (renamed.has(u.unitId)) {
      const moved = u.to !== undefined && u.to !== u.from ? `, trực thuộc ${link(u.to).label}` : '';
      return text(`đổi tên thành ${renamedTo(u.unitId)}${moved}`);
    }
    if (u.to !== undefined) return text(`trực thuộc ${link(u.to).label}`, link(u.to).path);
    const into = figures.event.kind === 'merge' ? figures.event.result_unit_id : undefined;
    if (into !== undefined) return text(`hợp nhất vào ${link(into).label}`, link(into).path);
    return text(endsActivity(province, figures.event) ? 'kết thúc hoạt động' : 'giải thể');
  };
  const yearOf = (u: InvolvedUnit) => {
    const years = [u.membersYear, u.cellsYear].filter((y): y is number => y !== undefined);
    return text(years.length === 0 ? undefined : String(Math.max(...years)));
  };
  return {
    caption: `Các tổ chức đảng trong sự kiện (${formatNumber(figures.units.length)}); đảng viên và chi bộ theo số liệu gần nhất đến năm của sự kiện`,
    columns: [
      column('Tổ chức đảng', false),
      levelColumn('Cấp'),
      column('Trực thuộc trước sắp xếp', false),
      column('Sau sắp xếp', false),
      column('Đảng viên'),
      column('Chi bộ'),
      column('Năm số liệu', false),
    ],
    rows: figures.units.map((u) => {
      const unit = link(u.unitId);
      return [
        text(unit.label, unit.path),
        text(levelName(u.unitId)),
        u.from === undefined ? text(undefined) : text(link(u.from).label, link(u.from).path),
        outcome(u),
        count(u.members),
        count(u.cells),
        yearOf(u),
      ];
    }),
  };
}

/**
 * The committee an event is listed under: its parent as the event names it, else (a province's
 * own rename or merger) its result, by the name the event gave it.
 */
export function committeeLink(province: Province, event: RestructuringEvent): Link {
  if (event.parent_id !== undefined)
    return unitLinkThen(province, event.parent_id, eventNames(province, event));
  return unitLinkThen(province, event.result_unit_id, namesAt(province, province.tree.moment(event.id)));
}

export function eventView(province: Province, eventId: string): EventView {
  const figures = figuresOf(province, eventId);
  const { event } = figures;
  const after = namesAt(province, figures.moment);
  const parent = committeeLink(province, event);
  const result =
    event.result_unit_id === undefined ? undefined : unitLinkThen(province, event.result_unit_id, after);
  const fact = (label: string, value: string | undefined, path?: string): Fact[] =>
    value === undefined ? [] : [{ label, value, path }];
  const sizes = committeeSizes(event);
  const kindLabel = shownKindLabel(shownKind(province, event));
  return {
    id: event.id,
    title: event.title,
    kind: event.kind,
    kindLabel,
    statusLabel: shownStatusLabel(province, event),
    date: eventDateText(event),
    facts: [
      ...fact('Hình thức', kindLabel),
      ...fact('Trạng thái', statusLabel(event.status) ?? 'Chưa ghi'),
      ...fact('Ngày', formatDate(event.date)),
      ...(figures.moment.date === event.date ? [] : fact('Có hiệu lực từ', formatDate(figures.moment.date))),
      ...fact('Số văn bản', event.decision),
      ...fact('Đơn vị cấp trên', parent.label, parent.path),
      ...(result ? fact('Đơn vị sau sắp xếp', result.label, result.path) : []),
      ...(sizes.length > 0 ? fact('Cấp ủy', listVi(sizes)) : []),
    ],
    narrative: eventNarrative(province, figures),
    chart: beforeAfterChart(province, figures),
    units: unitsTable(province, figures),
    note: event.note,
  };
}
