/**
 * A table as pages render it: every cell already formatted for vi-VN, plus the raw value a
 * sortable column orders by. The first cell of a row is its header (`<th scope="row">`).
 */
import { NOT_REPORTED, formatNumber, formatPercent, formatSigned } from './format.ts';

export interface Cell {
  readonly text: string;
  /** Site-relative link target (pages add `BASE_URL`), for unit names. */
  readonly path: string | undefined;
  /** What a sortable numeric column orders by; `undefined` = not reported, sorted last. */
  readonly sort: number | undefined;
}

export interface Column {
  readonly label: string;
  /** Right-aligned, ordered by `Cell.sort` rather than by text. */
  readonly numeric: boolean;
}

export interface TableView {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly Cell[])[];
}

export const text = (value: string | undefined, path?: string): Cell => ({
  text: value ?? NOT_REPORTED,
  path,
  sort: undefined,
});

export const count = (value: number | undefined): Cell => ({
  text: formatNumber(value),
  path: undefined,
  sort: value,
});

/** `ratio` is a fraction; the sort key keeps full precision. */
export const percent = (value: number | undefined): Cell => ({
  text: formatPercent(value),
  path: undefined,
  sort: value,
});

export const signed = (value: number | undefined): Cell => ({
  text: formatSigned(value),
  path: undefined,
  sort: value,
});

/** `42 (33,6%)`: a count with its share, sorted by the count. */
export const countWithShare = (value: number | undefined, share: number | undefined): Cell => ({
  text:
    value === undefined
      ? NOT_REPORTED
      : share === undefined
        ? formatNumber(value)
        : `${formatNumber(value)} (${formatPercent(share)})`,
  path: undefined,
  sort: value,
});

export const column = (label: string, numeric = true): Column => ({ label, numeric });
