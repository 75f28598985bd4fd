import type { UnitHeading } from './unit-view.ts';

/**
 * Search (Pagefind) ignores accents by itself (`Bình` ~ `binh`), but `đ`/`Đ` is a letter of its own,
 * not `d` plus a mark, so `dong` would not find `Đông`. Unit records therefore give the indexer the
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

/** The record is made from the unit's heading, not read back from its built HTML: no file reads. */
export function searchRecord(path: string, heading: UnitHeading): SearchRecord {
  return {
    url: `/${path.replace(/^\//, '')}`,
    content: `${heading.name} ${withoutDiacritics(heading.name)}`,
    meta: { title: heading.name, mo_ta: heading.about },
  };
}
