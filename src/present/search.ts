import type { Province } from '../model/province.ts';
import type { Unit } from '../model/units.ts';
import type { UnitType } from '../read/schemas.ts';
import { pageUnits, type UnitHeading } from './unit-view.ts';

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

/** Kinds of place in the order an example is looked for, by type or by the word in the name. */
const PLACES: readonly (readonly [UnitType | undefined, string])[] = [
  ['commune', 'xã'],
  ['ward', 'phường'],
  ['township', 'thị trấn'],
  [undefined, 'đặc khu'],
];

/** `Đảng bộ xã ` / `Chi bộ phường ` …: the words before a place name, which a reader need not type. */
const BEFORE_PLACE = /^(?:đảng bộ|chi bộ)\s+(xã|phường|thị trấn|đặc khu)\s+/iu;

/**
 * The search box's example, from the data so that trying it finds something: the first of
 * today's communes by name (then wards, townships, special zones; known by their type or, for
 * those above grassroots level since 2025, by their name), else the first unit of today; its
 * place name written the quick way, lower case without diacritics: `Đảng bộ xã An Bình` → `an binh`.
 */
export function searchExample(province: Province): string {
  const today = pageUnits(province).filter(
    (u) => u.id !== province.root.id && province.tree.endedAt(u.id) === undefined,
  );
  const isPlace =
    ([type, word]: (typeof PLACES)[number]) =>
    (u: Unit) =>
      (type !== undefined && u.type === type) || BEFORE_PLACE.exec(u.name)?.[1]?.toLowerCase() === word;
  const unit = PLACES.map((place) => today.find(isPlace(place))).find((u) => u !== undefined) ?? today[0];
  const name = unit?.name ?? province.root.name;
  return withoutDiacritics(name.replace(BEFORE_PLACE, '') || name).toLowerCase();
}

/** What the search index holds for one unit page: its name, and a line about it under the result. */
export interface SearchRecord {
  /** From the site root (`/don-vi/g1/`): the search page's Pagefind `baseUrl` adds BASE_PATH. */
  readonly url: string;
  /** The name as written and without diacritics: the only searchable text of a unit page. */
  readonly content: string;
  readonly meta: { readonly title: string; readonly mo_ta: string };
  /**
   * Whether the unit exists today. The search page asks for today's units first, then for those
   * that ended, so after a reorganization the new commune committee comes before the three old
   * communes of the same name (Pagefind offers no weight for records made without HTML).
   */
  readonly filters: { readonly [SEARCH_STATUS]: [SearchStatus] };
}

/** The filter the search page splits results by, and its two values. */
export const SEARCH_STATUS = 'tinh_trang';
export type SearchStatus = 'hien-nay' | 'da-ket-thuc';

/** The record is made from the unit's heading, not read back from its built HTML: no file reads. */
export function searchRecord(
  path: string,
  heading: UnitHeading,
  /** Names the unit had before a rename: a reader who knows the old name finds it too. */
  formerNames: readonly string[] = [],
): SearchRecord {
  const names = [heading.name, ...formerNames];
  return {
    url: `/${path.replace(/^\//, '')}`,
    content: names.map((name) => `${name} ${withoutDiacritics(name)}`).join(' '),
    meta: { title: heading.name, mo_ta: heading.about },
    filters: { [SEARCH_STATUS]: [heading.ended ? 'da-ket-thuc' : 'hien-nay'] },
  };
}

/**
 * Records per part of the search index. Pagefind cannot update an index, so the index is made of
 * parts the search page merges: after a rename only the part holding that unit is made again (a
 * whole index of 52,000 units took about 20 s). A province (1,500 units) has one part.
 */
export const SEARCH_PART_SIZE = 4000;

export const searchPartCount = (records: number, partSize: number = SEARCH_PART_SIZE): number =>
  Math.max(1, Math.ceil(records / partSize));

/**
 * `THONG_KE_SEARCH_PART_SIZE` (records per part; tests cut small sites into many parts), or the
 * default. Anything but a whole number is refused: "4.000", as 4000 is written in Vietnamese,
 * would read as 4 and make a country's index of 13,000 parts.
 */
export function searchPartSizeFrom(env: NodeJS.ProcessEnv): number {
  const setting = env['THONG_KE_SEARCH_PART_SIZE']?.trim();
  if (!setting) return SEARCH_PART_SIZE;
  if (!/^[1-9]\d*$/.test(setting)) {
    throw new Error(
      `Biến môi trường THONG_KE_SEARCH_PART_SIZE="${setting}" không hợp lệ: cần một số nguyên dương viết liền, không có dấu chấm hay dấu phẩy (ví dụ 4000). Sửa hoặc bỏ biến này rồi chạy lại "npm run build".`,
    );
  }
  return Number(setting);
}

/**
 * The part a unit's record goes to: a hash of its id (FNV-1a), so that a unit stays in its part
 * from one build to the next however many units are added or removed elsewhere, as long as the
 * number of parts is the same.
 */
export function searchPart(unitId: string, parts: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i += 1) {
    hash ^= unitId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % parts;
}

export interface SearchParts {
  /** How many parts the records were cut into (a part's key depends on it). */
  readonly count: number;
  /** Records by part number, in part order; a part no unit falls in is absent (Pagefind's search cannot merge an empty index). */
  readonly records: ReadonlyMap<number, readonly SearchRecord[]>;
}

/** The records of the unit pages, cut into the parts of the search index. */
export function searchParts(
  records: readonly { readonly unitId: string; readonly record: SearchRecord }[],
  partSize: number = SEARCH_PART_SIZE,
): SearchParts {
  const count = searchPartCount(records.length, partSize);
  const parts = new Map<number, SearchRecord[]>();
  for (const { unitId, record } of records) {
    const part = searchPart(unitId, count);
    const list = parts.get(part);
    if (list) list.push(record);
    else parts.set(part, [record]);
  }
  return { count, records: new Map([...parts].sort(([a], [b]) => a - b)) };
}
