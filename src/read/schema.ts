/**
 * The shape of a CSV file as the data contract describes it. One `FileSchema` per file drives
 * parsing, validation, the data dictionary page and the docs, so a column is described once.
 */

export type Level = 'province' | 'district' | 'grassroots' | 'subcommittee' | 'cell';

export interface EnumValue {
  readonly value: string;
  /** Vietnamese label, shown on pages and accepted in CSV with or without diacritics. */
  readonly label: string;
  /** Further spellings offices use (short forms, synonyms). */
  readonly aliases?: readonly string[];
}

/**
 * Every id and text column says how long a cell may be, every count column how large a figure
 * can plausibly be: the limits refuse a pasted page or a slipped finger at reading, and the data
 * dictionary shows them.
 */
export type ColumnKind =
  | { readonly type: 'id'; readonly maxLength: number }
  | { readonly type: 'text'; readonly maxLength: number }
  | { readonly type: 'count'; readonly max: number }
  | { readonly type: 'year' }
  | { readonly type: 'date' }
  /** A term of office `2020-2025`, kept in that form whatever dash or spaces the cell used. */
  | { readonly type: 'term' }
  /**
   * A whole number or a percentage (`90`, `90%`, `90,5%`), kept as `90`, `90%`, `90.5%`: whether
   * the office wrote `%` decides whether the figure may be a whole-number measure's target.
   */
  | { readonly type: 'target'; readonly max: number }
  | { readonly type: 'enum'; readonly values: readonly EnumValue[] };

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
  readonly required: boolean;
  /** One line for the data dictionary, in Vietnamese. */
  readonly doc: string;
  /** Other header spellings accepted (e.g. `unit_id` for `id` in units.csv). */
  readonly aliases?: readonly string[];
  /** The column this one counts a part of, which it can never exceed (`women` of `members`). */
  readonly partOf?: string;
}

export interface FileSchema {
  readonly file: string;
  readonly title: string;
  readonly doc: string;
  readonly required: boolean;
  readonly columns: readonly Column[];
}

type ValueOf<C extends Column> = C['kind'] extends { type: 'count' | 'year' }
  ? number
  : C['kind'] extends { type: 'enum'; values: readonly (infer V)[] }
    ? V extends { value: infer X }
      ? X
      : never
    : string;

/** The typed row a schema produces; optional columns may be `undefined` (not reported). */
export type RowOf<S extends FileSchema> = {
  readonly [C in S['columns'][number] as C['key']]: C['required'] extends true
    ? ValueOf<C>
    : ValueOf<C> | undefined;
} & { readonly line: number };

/**
 * Lower-case, strip Vietnamese diacritics and unify separators so that `Mã đơn vị`,
 * `ma don vi` and `ma_don_vi` compare equal.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_\-.,/()]+/g, ' ')
    .trim();
}

export function columnNames(column: Column): string[] {
  return [column.key, column.label, ...(column.aliases ?? [])].map(normalizeHeader);
}

/** Keys of a schema's count columns: the figures that can be summed, compared and charted. */
export type CountKey<S extends FileSchema> = Extract<
  S['columns'][number],
  { kind: { type: 'count' } }
>['key'];

export const countKeys = <S extends FileSchema>(schema: S): CountKey<S>[] =>
  schema.columns.filter((c) => c.kind.type === 'count').map((c) => c.key as CountKey<S>);

/** A schema's breakdowns: the count columns that each count a part of another column of the file. */
export const partsOf = <S extends FileSchema>(schema: S): { key: CountKey<S>; of: CountKey<S> }[] =>
  schema.columns.flatMap((c) => (c.partOf === undefined ? [] : [{ key: c.key, of: c.partOf }]));
