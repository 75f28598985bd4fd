/**
 * The `/nhiem-ky/` page (chỉ tiêu nhiệm kỳ, tiến độ thực hiện): for the current and the previous
 * term, each unit's targets with their progress in words, a chart of the figure against the
 * target line with its table, and the units ranked by progress per measure. Also the one line a
 * unit page links here with.
 */
import { labelOf } from '../model/labels.ts';
import type { Province } from '../model/province.ts';
import {
  progressRatio,
  shareOf,
  shownTerms,
  termProgress,
  type TermProgress,
} from '../model/term-progress.ts';
import { termYears, type TermMeasure } from '../model/terms.ts';
import { LEVEL_RANK, collator, slug, type Unit } from '../model/units.ts';
import { TERM_MEASURES } from '../read/schemas.ts';
import { buildChart, type ChartSpec, type SeriesInput } from './charts.ts';
import { formatNumber, formatPercent } from './format.ts';
import { unitPath } from './links.ts';
import { perProvince } from './memo.ts';
import { progressSentences, stoppedNote, termName } from './narrative/terms.ts';
import { AS_SHOWN, rankByProgress } from './rankings.ts';
import { column, count, percentColumn, text, type Cell, type Column, type TableView } from './table.ts';
import { capitalize, listVi, sentence, yearsVi } from './wording.ts';

export interface TargetView {
  /** `Kết nạp cả nhiệm kỳ: 1.500 đảng viên`. */
  readonly heading: string;
  /** Undefined also where the unit's line says the one source of all its targets. */
  readonly source: string | undefined;
  readonly summary: string;
  /** Undefined before the term's first figures: the summary says so. */
  readonly chart: ChartSpec | undefined;
}

export interface UnitTargets {
  readonly name: string;
  /** The element id on `/nhiem-ky/` that unit pages link to. */
  readonly anchor: string;
  readonly path: string | undefined;
  /** The one source all the unit's targets here name. */
  readonly source: string | undefined;
  /** That the unit ended before the term did, said once for all its targets. */
  readonly note: string | undefined;
  readonly targets: readonly TargetView[];
}

/**
 * Targets whose term years have not begun: one table for the term instead of a section for each,
 * since there is nothing yet to say of them but the target.
 */
export interface PendingTargets {
  readonly id: string;
  readonly heading: string;
  /** Undefined where the term's status already says that no year has begun. */
  readonly sentence: string | undefined;
  readonly table: TableView;
}

export interface RankingView {
  readonly heading: string;
  readonly rule: string;
  readonly table: TableView;
  /** Units with that target but no figure yet, said apart. */
  readonly unranked: string | undefined;
}

export interface TermView {
  readonly term: string;
  /** `Nhiệm kỳ 2020–2025`. */
  readonly heading: string;
  readonly id: string;
  /** `Đã kết thúc …` / `Đang thực hiện: …`. */
  readonly status: string;
  /** Beside the term in the page's contents, so that a reader sees where progress is. */
  readonly contents: string;
  /** The units with a target whose term years have begun. */
  readonly units: readonly UnitTargets[];
  readonly pending: PendingTargets | undefined;
  readonly rankings: readonly RankingView[];
}

export interface TermsPage {
  readonly terms: readonly TermView[];
  /** The first progress sentences of the unit listed first (the province) that has figures. */
  readonly summary: string | undefined;
}

/** The page exists only where some unit has term targets (a v1 folder builds as before). */
export const hasTermTargets = (province: Province): boolean => province.terms.targets.size > 0;

const termId = (term: string): string => {
  const { start, end } = termYears(term);
  return `nhiem-ky-${start}-${end}`;
};

export const termAnchor = (unitId: string, term: string): string => `${termId(term)}-${slug(unitId)}`;

const measureLabel = (measure: TermMeasure): string => labelOf(TERM_MEASURES, measure);

const isShare = (measure: TermMeasure): boolean => measure.endsWith('_share');

/** `1.500 đảng viên`, `90%`; beside the measure's label, which says when it is a yearly average. */
const targetFigure = (measure: TermMeasure, target: number): string =>
  isShare(measure) ? formatPercent(target / 100) : `${formatNumber(target)} đảng viên`;

/** Term years still to come or without figures, said under the chart (never drawn as zero). */
function chartNote(p: TermProgress): string | undefined {
  const future = p.years.filter((y) => !p.elapsed.includes(y));
  const notes = [
    p.missing.length > 0
      ? sentence(`Chưa có số liệu ${yearsVi(p.missing)}: biểu đồ để trống, bảng ghi “—” (không phải số 0)`)
      : undefined,
    future.length === 0
      ? undefined
      : p.stopped === undefined
        ? sentence(`${capitalize(yearsVi(future))} của nhiệm kỳ chưa có báo cáo`)
        : sentence(`Đơn vị không còn hoạt động ${yearsVi(future)}`),
  ].filter((n): n is string => n !== undefined);
  return notes.length === 0 ? undefined : notes.join(' ');
}

/** The figure of each term year against the target line; for a count, the running total. */
function progressChart(p: TermProgress, unit: Unit): ChartSpec | undefined {
  if (p.figures.length === 0) return undefined;
  const { measure, target, term } = p.target;
  const byYear = new Map(p.figures.map((f) => [f.year, f]));
  const categories = p.years.map((y) => ({ label: String(y), path: undefined }));
  const common = { categoryHeader: 'Năm', categories, owner: unit } as const;
  const line = (label: string, value: number): SeriesInput => ({
    label,
    kind: 'line',
    values: p.years.map(() => value),
    target: true,
  });
  const yearly = p.years.map((y) => byYear.get(y)?.part);
  const id = `${termAnchor(unit.id, term)}-${measure.replace(/_/g, '-')}`;
  const during = `${termName(term)} của ${unit.name}`;
  let chart: ChartSpec;
  if (p.kind === 'count') {
    let total = 0;
    const running = p.years.map((y) => {
      const figure = byYear.get(y);
      if (!figure) return undefined;
      total += figure.part;
      return total;
    });
    chart = buildChart({
      ...common,
      id,
      title: `Số đảng viên kết nạp lũy kế so với chỉ tiêu, ${during}`,
      unit: 'đảng viên',
      series: [
        { label: 'Kết nạp lũy kế', kind: 'bar', values: running },
        line('Chỉ tiêu cả nhiệm kỳ', target),
      ],
      extra: [{ column: column('Kết nạp trong năm'), cells: yearly.map(count) }],
      note: chartNote(p),
    });
  } else if (p.kind === 'yearly') {
    chart = buildChart({
      ...common,
      id,
      title: `Số đảng viên kết nạp mỗi năm so với chỉ tiêu bình quân, ${during}`,
      unit: 'đảng viên',
      series: [
        { label: 'Kết nạp trong năm', kind: 'bar', values: yearly },
        line('Chỉ tiêu bình quân mỗi năm', target),
      ],
      note: chartNote(p),
    });
  } else {
    const shares = p.years.map((y) => {
      const figure = byYear.get(y);
      return figure && shareOf(figure);
    });
    const counts: Cell[] = p.years.map((y) => {
      const figure = byYear.get(y);
      return text(figure && `${formatNumber(figure.part)}/${formatNumber(figure.whole)}`);
    });
    chart = buildChart({
      ...common,
      id,
      title: `${capitalize(measureLabel(measure))} so với chỉ tiêu, ${during}`,
      unit: 'tỷ lệ',
      format: 'percent',
      series: [
        { label: 'Tỷ lệ đạt được', kind: 'bar', values: shares },
        line('Chỉ tiêu hằng năm', target / 100),
      ],
      extra: [
        { column: column('Số lượng'), cells: counts },
        {
          column: column('Đạt chỉ tiêu', false),
          cells: p.years.map((y) =>
            text(byYear.has(y) ? (p.met.includes(y) ? 'Đạt' : 'Chưa đạt') : undefined),
          ),
        },
      ],
      note: chartNote(p),
    });
  }
  // Its image is drawn in the reader's browser; embeds are offered for the topic charts only.
  return { ...chart, embedPath: undefined };
}

/** The province first, then units by level and name. */
const byLevelAndName = (root: string) => (a: Unit, b: Unit) =>
  Number(b.id === root) - Number(a.id === root) ||
  LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
  collator.compare(a.name, b.name);

/**
 * A ranking's two figure columns, bare so that a phone's narrow table keeps room for names: the
 * target, and what is done so far (a sum, a yearly average, or the latest year's share); their
 * cells for each of `progress`, in its order.
 */
function rankingFigures(
  measure: TermMeasure,
  progress: readonly TermProgress[],
): {
  readonly columns: readonly [Column, Column];
  readonly cells: readonly (readonly [Cell, Cell])[];
} {
  if (isShare(measure)) {
    // Each latest share beside its target, one precision down the column (format.ts percentDigits).
    const latest = progress.map((p) => (p.kind === 'share' && p.latest ? shareOf(p.latest) : undefined));
    const shares = percentColumn(latest, (i) => {
      const p = progress[i];
      return p && p.target.target / 100;
    });
    const targets = percentColumn(progress.map((p) => p.target.target / 100));
    return {
      columns: [column('Chỉ tiêu hằng năm'), column('Năm gần nhất')],
      cells: progress.map((_, i) => [targets[i] ?? text(undefined), shares[i] ?? text(undefined)]),
    };
  }
  const yearly = measure === 'admitted_yearly';
  return {
    columns: [
      column(yearly ? 'Chỉ tiêu (đảng viên mỗi năm)' : 'Chỉ tiêu (đảng viên)'),
      column(yearly ? 'Bình quân đã kết nạp' : 'Đã kết nạp'),
    ],
    cells: progress.map((p) => [
      count(p.target.target),
      p.kind === 'yearly'
        ? { text: formatNumber(p.average && Math.round(p.average)), path: undefined, sort: p.average }
        : count(p.kind === 'count' ? p.done : undefined),
    ]),
  };
}

function ranking(
  province: Province,
  term: string,
  measure: TermMeasure,
  progress: readonly TermProgress[],
): RankingView | undefined {
  const rows = progress.flatMap((p) => {
    const unit = province.tree.units.get(p.target.unitId);
    // Without a figure a count's 0 would rank as a result.
    const ratio = p.figures.length === 0 ? undefined : progressRatio(p);
    return unit && ratio ? [{ unit, progress: p, name: unit.name, ...ratio }] : [];
  });
  if (rows.length < 2) return undefined;
  const ranked = rankByProgress(rows);
  const figures = rankingFigures(
    measure,
    ranked.map((r) => r.progress),
  );
  const unranked = progress
    .filter((p) => !rows.some((r) => r.progress === p))
    .flatMap((p) => province.tree.units.get(p.target.unitId)?.name ?? []);
  const basis = isShare(measure)
    ? 'theo tỷ lệ năm gần nhất có số liệu so với chỉ tiêu'
    : measure === 'admitted_yearly'
      ? 'theo số kết nạp bình quân mỗi năm so với chỉ tiêu'
      : // "đến nay" only while the term runs: an ended term's figures are its whole.
        `theo tỷ lệ đạt chỉ tiêu cả nhiệm kỳ${termEnded(province, term) ? '' : ' đến nay'}`;
  return {
    heading: `Xếp hạng: ${measureLabel(measure)}`,
    rule: sentence(
      `Xếp hạng ${formatNumber(ranked.length)} đơn vị có chỉ tiêu ${measureLabel(measure)} trong ${termName(term)}, ${basis}; ` +
        `đơn vị có cùng tỷ lệ ${AS_SHOWN} thì cùng hạng, ghi theo thứ tự tên`,
    ),
    table: {
      caption: `Xếp hạng tiến độ thực hiện chỉ tiêu ${measureLabel(measure)}, ${termName(term)}`,
      columns: [column('Hạng'), column('Đơn vị', false), ...figures.columns, column('Tỷ lệ đạt chỉ tiêu')],
      rows: ranked.map((r, i) => [
        count(r.rank),
        text(r.name, `nhiem-ky/#${termAnchor(r.unit.id, term)}`),
        ...(figures.cells[i] ?? [text(undefined), text(undefined)]),
        { text: r.shown, path: undefined, sort: r.done / r.goal },
      ]),
    },
    unranked:
      unranked.length === 0 ? undefined : sentence(`Chưa xếp hạng vì chưa có số liệu: ${listVi(unranked)}`),
  };
}

/** True when the data reach the term's last year. */
function termEnded(province: Province, term: string): boolean {
  const last = province.terms.yearsOf(province.root.id, term).at(-1);
  return last !== undefined && last <= (province.lastYear ?? -Infinity);
}

/** `Đang thực hiện: sau 3/5 năm (2021–2023 có báo cáo)`, `Đã kết thúc`, `Chưa có năm nào có báo cáo`. */
function termStatus(province: Province, term: string): string {
  const years = province.terms.yearsOf(province.root.id, term);
  const last = province.lastYear ?? -Infinity;
  const elapsed = years.filter((y) => y <= last).length;
  if (elapsed === years.length) return `Nhiệm kỳ đã kết thúc; số liệu đến hết năm ${years.at(-1)}.`;
  if (elapsed === 0) return `Nhiệm kỳ tính từ năm ${years[0]}; chưa có số liệu của năm nào trong nhiệm kỳ.`;
  return `Đang thực hiện: sau ${elapsed}/${years.length} năm, số liệu đến hết năm ${last}.`;
}

/** The one value all of `values` share, undefined where they differ or there is none. */
function sameOf<T>(values: readonly T[]): T | undefined {
  const [first] = values;
  return values.every((v) => v === first) ? first : undefined;
}

/** A unit's section: its source and its end said once where all its targets share them. */
function unitTargets(
  province: Province,
  term: string,
  unit: Unit,
  progress: readonly TermProgress[],
): UnitTargets {
  const source = sameOf(progress.map((p) => p.target.source));
  const note = sameOf(progress.map((p) => stoppedNote(province, p, unit.name)));
  return {
    name: unit.name,
    anchor: termAnchor(unit.id, term),
    path: unitPath(province, unit),
    source,
    note,
    targets: progress.map((p) => ({
      heading: `${capitalize(measureLabel(p.target.measure))}: ${targetFigure(p.target.measure, p.target.target)}`,
      source: source === undefined ? p.target.source : undefined,
      summary: progressSentences(province, p, unit.name, note !== undefined),
      chart: progressChart(p, unit),
    })),
  };
}

const pendingId = (term: string): string => `${termId(term)}-chua-bat-dau`;

/** The targets of units whose term years have not begun, one row each. */
function pendingTargets(
  province: Province,
  term: string,
  pending: readonly { readonly unit: Unit; readonly progress: TermProgress }[],
  allPending: boolean,
): PendingTargets | undefined {
  if (pending.length === 0) return undefined;
  const firstYears = [...new Set(pending.map(({ progress }) => progress.years[0] ?? 0))].sort(
    (a, b) => a - b,
  );
  const units = new Set(pending.map(({ unit }) => unit.id)).size;
  return {
    id: pendingId(term),
    heading: allPending ? 'Chỉ tiêu đề ra' : 'Chỉ tiêu chưa có số liệu',
    sentence: allPending
      ? undefined
      : sentence(
          `${formatNumber(units)} đơn vị dưới đây có nhiệm kỳ tính từ năm ${listVi(firstYears.map(String))}, nên chưa có số liệu để tính tiến độ`,
        ),
    table: {
      caption: `Chỉ tiêu ${termName(term)} chưa có số liệu thực hiện`,
      columns: [
        column('Đơn vị', false),
        column('Nội dung chỉ tiêu', false),
        column('Mức'),
        column('Văn bản', false),
      ],
      rows: pending.map(({ unit, progress: { target } }, i) => [
        text(unit.name, unitPath(province, unit)),
        text(capitalize(measureLabel(target.measure))),
        text(targetFigure(target.measure, target.target)),
        // A unit's resolution said once, as official tables do: the rows after it `Như trên`.
        text(
          target.source !== undefined &&
            pending[i - 1]?.unit === unit &&
            pending[i - 1]?.progress.target.source === target.source
            ? 'Như trên'
            : target.source,
        ),
      ]),
    },
  };
}

function termView(province: Province, term: string): TermView {
  const units = [...province.terms.targets.keys()]
    .flatMap((id) => province.tree.units.get(id) ?? [])
    .filter((unit) => province.terms.targets.get(unit.id)?.some((t) => t.term === term))
    .sort(byLevelAndName(province.root.id));
  const progressOf = units.map((unit) => ({
    unit,
    progress: (province.terms.targets.get(unit.id) ?? [])
      .filter((t) => t.term === term)
      .map((target) => termProgress(province, target)),
  }));
  const pending = progressOf.flatMap(({ unit, progress }) =>
    progress.filter((p) => p.elapsed.length === 0).map((p) => ({ unit, progress: p })),
  );
  const progressByMeasure = new Map<TermMeasure, TermProgress[]>();
  for (const { unit, progress } of progressOf) {
    if (unit.id === province.root.id) continue;
    for (const p of progress) {
      if (p.elapsed.length === 0) continue;
      const list = progressByMeasure.get(p.target.measure) ?? [];
      list.push(p);
      progressByMeasure.set(p.target.measure, list);
    }
  }
  const begun = progressOf.flatMap(({ unit, progress }) => {
    const shown = progress.filter((p) => p.elapsed.length > 0);
    return shown.length === 0 ? [] : [unitTargets(province, term, unit, shown)];
  });
  const rankings = TERM_MEASURES.flatMap(({ value }) => {
    const list = progressByMeasure.get(value);
    return (list && ranking(province, term, value, list)) ?? [];
  });
  return {
    term,
    heading: capitalize(termName(term)),
    id: termId(term),
    status: termStatus(province, term),
    contents: begun.length === 0 ? 'chỉ tiêu đề ra, chưa có số liệu' : 'tiến độ thực hiện chỉ tiêu',
    units: begun,
    pending: pendingTargets(province, term, pending, begun.length === 0),
    rankings,
  };
}

export const termsPage = perProvince('termsPage', (province): TermsPage => {
  const terms = shownTerms(province).map((term) => termView(province, term));
  const firstWithFigures = (units: (t: TermView) => readonly UnitTargets[]) =>
    terms.flatMap((t) => units(t).flatMap((u) => u.targets.find((target) => target.chart)?.summary ?? []))[0];
  // The province's progress if it has any, in whichever term; else the first unit's.
  const summary =
    firstWithFigures((t) => t.units.filter((u) => u.anchor === termAnchor(province.root.id, t.term))) ??
    firstWithFigures((t) => t.units.slice(0, 1));
  return { terms, summary };
});

/**
 * The line a unit page links to its targets on `/nhiem-ky/` with: the first term shown (current
 * first) in which its targets have begun, so that the link leads to progress; else the table of
 * targets not begun; undefined without targets.
 */
export function termLink(province: Province, unitId: string): { path: string; label: string } | undefined {
  const targets = province.terms.targets.get(unitId);
  if (!targets) return undefined;
  const terms = shownTerms(province).filter((t) => targets.some((target) => target.term === t));
  const begun = terms.find((t) =>
    targets.some((target) => target.term === t && termProgress(province, target).elapsed.length > 0),
  );
  if (begun !== undefined) {
    return {
      path: `nhiem-ky/#${termAnchor(unitId, begun)}`,
      label: `Chỉ tiêu ${termName(begun)} và tiến độ thực hiện`,
    };
  }
  const [first] = terms;
  return first === undefined
    ? undefined
    : { path: `nhiem-ky/#${pendingId(first)}`, label: `Chỉ tiêu ${termName(first)}` };
}
