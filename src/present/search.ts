/**
 * Search (Pagefind) ignores accents by itself (`Bình` ~ `binh`), but `đ`/`Đ` is a letter of its own,
 * not `d` plus a mark, so `dong` would not find `Đông`. Unit pages therefore give the indexer their
 * name once more without any diacritics: `Đảng bộ phường Đông` → `Dang bo phuong Dong`.
 */
export const withoutDiacritics = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');

/** What the search index holds for one unit page: its name, and a line about it under the result. */
export interface SearchRecord {
  /** From the site root (`/don-vi/g1/`): the search page's Pagefind `baseUrl` adds BASE_PATH. */
  readonly url: string;
  /** The name as written and without diacritics: the only searchable text of a unit page. */
  readonly content: string;
  readonly meta: { readonly title: string; readonly mo_ta: string };
}

interface RecordSource {
  readonly name: string;
  readonly level: string;
  readonly type: string | undefined;
  readonly established: string | undefined;
  readonly dissolved: string | undefined;
  readonly asOf: string | undefined;
}

/**
 * The record is made from the unit's view model, not read back from its HTML, so indexing costs
 * no file reads; `mo_ta` is the same sentence the page prints under its heading (UnitReport).
 */
export function searchRecord(path: string, view: RecordSource): SearchRecord {
  const about =
    `Cấp: ${view.level}` +
    (view.type ? `; loại hình: ${view.type}` : '') +
    (view.established ? `; thành lập ${view.established}` : '') +
    (view.dissolved ? `; giải thể ${view.dissolved}` : '') +
    (view.asOf ? `. Số liệu tính đến ${view.asOf}` : '') +
    '.';
  return {
    url: `/${path.replace(/^\//, '')}`,
    content: `${view.name} ${withoutDiacritics(view.name)}`,
    meta: { title: view.name, mo_ta: about },
  };
}
