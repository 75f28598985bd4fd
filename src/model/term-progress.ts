/**
 * Progress toward term targets (chỉ tiêu nhiệm kỳ, contract v2 B): for each target of a unit, the
 * term's years by the contract's rule, the years that have passed by the latest statistics, the
 * measure's figure in each of them and what the figures add up to. A year without figures is kept
 * apart, never counted as zero: a count sums the years that have figures, a share is judged on them.
 */
import { CELL_RATING_COLUMNS, MEMBER_RATING_COLUMNS } from '../read/schemas.ts';
import { grassrootsUnder } from './organizations.ts';
import type { Province } from './province.ts';
import { committeesAt, termYears, type TermMeasure, type TermTarget } from './terms.ts';
import { yearEnd } from './units.ts';

/** A measure's figure in one year: `part` of `whole` for a share, `part` alone for a count. */
export interface YearFigure {
  readonly year: number;
  readonly part: number;
  /** For shares: what the share is of (rated organizations, rated members, residential cells). */
  readonly whole: number | undefined;
}

interface Common {
  readonly target: TermTarget;
  /** Every year whose reports count toward the term. */
  readonly years: readonly number[];
  /** The term's years up to the latest year with statistics. */
  readonly elapsed: readonly number[];
  /** Elapsed years with a figure for the measure, and each figure. */
  readonly figures: readonly YearFigure[];
  /** Elapsed years without a figure. */
  readonly missing: readonly number[];
  /** No more years will come: the statistics reach the term's last year, or the unit ended. */
  readonly ended: boolean;
  /**
   * The unit's last year-end when it ended before the term's last year (the district committees
   * of 30/06/2025): its term stops there, with no year left to reach the target in.
   */
  readonly stopped: number | undefined;
}

/** `admitted_total`: admissions summed over the term against a number for the whole term. */
export interface CountProgress extends Common {
  readonly kind: 'count';
  readonly done: number;
  readonly remaining: number;
  readonly yearsLeft: number;
  /** Admissions needed in each remaining year, rounded up; 0 once the target is reached. */
  readonly pace: number | undefined;
  /** At least the target's share for the years elapsed (3/5 of it after 3 of 5 years). */
  readonly onPace: boolean;
}

/** `admitted_yearly`: the average of the years with figures against a number for each year. */
export interface YearlyProgress extends Common {
  readonly kind: 'yearly';
  readonly done: number;
  /** Over the years with figures; undefined before any. */
  readonly average: number | undefined;
  /** What each remaining year must admit for the whole term to average the target. */
  readonly pace: number | undefined;
  readonly yearsLeft: number;
  readonly onPace: boolean;
}

/** A `_share` measure: each year's share against a percentage to reach every year. */
export interface ShareProgress extends Common {
  readonly kind: 'share';
  /** The years whose share reached the target. */
  readonly met: readonly number[];
  readonly latest: YearFigure | undefined;
}

export type TermProgress = CountProgress | YearlyProgress | ShareProgress;

/** A share as a fraction (0.92); undefined where nothing was rated. */
export const shareOf = (figure: YearFigure): number | undefined =>
  figure.whole === undefined || figure.whole === 0 ? undefined : figure.part / figure.whole;

/** A share reaches a target given in percent (90 means 90 %), compared without rounding. */
export const meetsShare = (figure: YearFigure, targetPercent: number): boolean =>
  figure.whole !== undefined && figure.whole > 0 && figure.part * 100 >= targetPercent * figure.whole;

const sum = (values: readonly (number | undefined)[]): number | undefined =>
  values.some((v) => v !== undefined) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : undefined;

/** The measure's figure of `unitId` in `year`, or undefined when not reported. */
export function figureOf(
  province: Province,
  unitId: string,
  measure: TermMeasure,
  year: number,
): YearFigure | undefined {
  const rated = (good: number | undefined, all: number | undefined) =>
    good === undefined || all === undefined || all === 0 ? undefined : { year, part: good, whole: all };
  switch (measure) {
    case 'admitted_total':
    case 'admitted_yearly': {
      // The unit's rolled-up figure, the one its pages show.
      const admitted = province.admissions.rollup.at(unitId, year)?.values.admitted;
      return admitted === undefined ? undefined : { year, part: admitted, whole: undefined };
    }
    case 'grassroots_good_share': {
      let good = 0;
      let all = 0;
      for (const unit of grassrootsUnder(province.tree, unitId, yearEnd(year))) {
        const rating = province.cells.rows.get(unit.id)?.get(year)?.rating;
        if (rating === undefined) continue;
        all += 1;
        if (rating === 'excellent' || rating === 'good') good += 1;
      }
      return rated(good, all);
    }
    case 'cells_good_share': {
      const v = province.cells.rollup.at(unitId, year)?.values;
      if (!v) return undefined;
      const good = sum([v.cells_excellent, v.cells_good]);
      return rated(good, sum(CELL_RATING_COLUMNS.map((k) => v[k])));
    }
    case 'members_good_share': {
      const v = province.members.rollup.at(unitId, year)?.values;
      if (!v) return undefined;
      const good = sum([v.members_excellent, v.members_good]);
      return rated(good, sum(MEMBER_RATING_COLUMNS.map((k) => v[k])));
    }
    case 'secretary_as_head_share': {
      const v = province.cells.rollup.at(unitId, year)?.values;
      return rated(v?.secretary_as_head, v?.residential_cells);
    }
  }
}

/** How a unit's target stands after the years whose statistics there are. */
export function termProgress(province: Province, target: TermTarget): TermProgress {
  const { tree } = province;
  const years = province.terms.yearsOf(target.unitId, target.term);
  const lastOfData = province.lastYear ?? -Infinity;
  const lastOfUnit =
    tree.endedAt(target.unitId) === undefined
      ? lastOfData
      : (province.years.findLast((y) => tree.existsAt(target.unitId, yearEnd(y))) ?? -Infinity);
  const elapsed = years.filter((y) => y <= lastOfUnit);
  const stopped = lastOfUnit < lastOfData && elapsed.length < years.length ? lastOfUnit : undefined;
  const figures: YearFigure[] = [];
  const missing: number[] = [];
  for (const year of elapsed) {
    const figure = figureOf(province, target.unitId, target.measure, year);
    if (figure) figures.push(figure);
    else missing.push(year);
  }
  const common: Common = {
    target,
    years,
    elapsed,
    figures,
    missing,
    ended: elapsed.length === years.length || stopped !== undefined,
    stopped,
  };
  const done = figures.reduce((s, f) => s + f.part, 0);
  const yearsLeft = common.ended ? 0 : years.length - elapsed.length;
  if (target.measure === 'admitted_total') {
    const remaining = Math.max(0, target.target - done);
    return {
      ...common,
      kind: 'count',
      done,
      remaining,
      yearsLeft,
      pace: yearsLeft === 0 ? undefined : Math.ceil(remaining / yearsLeft),
      // done / target ≥ elapsed / years, without rounding.
      onPace: done * years.length >= target.target * elapsed.length,
    };
  }
  if (target.measure === 'admitted_yearly') {
    const average = figures.length === 0 ? undefined : done / figures.length;
    // The years without figures are unknown: what the remaining years need is over the known ones.
    const needed = target.target * (figures.length + yearsLeft) - done;
    return {
      ...common,
      kind: 'yearly',
      done,
      average,
      yearsLeft,
      pace: yearsLeft === 0 ? undefined : Math.max(0, Math.ceil(needed / yearsLeft)),
      onPace: average !== undefined && average >= target.target,
    };
  }
  return {
    ...common,
    kind: 'share',
    met: figures.filter((f) => meetsShare(f, target.target)).map((f) => f.year),
    latest: figures.at(-1),
  };
}

/**
 * How far a target is reached, as a fraction to rank by: a count's done of its target, a yearly
 * average of its target, the latest share of the target share. Undefined with no figure yet or a
 * target of 0.
 */
export function progressRatio(
  progress: TermProgress,
): { readonly done: number; readonly goal: number } | undefined {
  const { target } = progress.target;
  if (target === 0) return undefined;
  switch (progress.kind) {
    case 'count':
      return { done: progress.done, goal: target };
    case 'yearly':
      return progress.figures.length === 0
        ? undefined
        : { done: progress.done, goal: target * progress.figures.length };
    case 'share':
      return progress.latest?.whole === undefined
        ? undefined
        : { done: progress.latest.part * 100, goal: target * progress.latest.whole };
  }
}

/**
 * The terms `/nhiem-ky/` shows, current first: the province's committee in office in the latest
 * year and the one before it; without committees of the province, the latest term with targets
 * begun by then and the one before it.
 */
export function shownTerms(province: Province): string[] {
  const year = province.lastYear ?? -Infinity;
  const { current, previous } = committeesAt(province.terms, province.root.id, year);
  if (current) return [current.term, ...(previous ? [previous.term] : [])];
  const terms = [...new Set([...province.terms.targets.values()].flat().map((t) => t.term))].sort(
    (a, b) => termYears(a).start - termYears(b).start,
  );
  const begun = terms.filter((t) => termYears(t).start <= year);
  const shown = begun.length > 0 ? begun.slice(-2) : terms.slice(0, 1);
  return shown.reverse();
}

/**
 * A unit's progress toward its target for `measure` in the latest term with a year elapsed, else
 * in its first term (not begun yet); undefined without such a target.
 */
export function latestProgress(
  province: Province,
  unitId: string,
  measure: TermMeasure,
): TermProgress | undefined {
  const progress = (province.terms.targets.get(unitId) ?? [])
    .filter((t) => t.measure === measure)
    .map((t) => termProgress(province, t));
  return progress.findLast((p) => p.elapsed.length > 0) ?? progress[0];
}
