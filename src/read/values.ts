import { findBidi, findInvisible } from './quote.ts';
import { normalizeHeader, type Column, type ColumnKind, type EnumValue } from './schema.ts';

/** Why a cell was refused, in the words of a `Problem`. */
export interface Refusal {
  readonly ok: false;
  readonly message: string;
  readonly english: string;
  readonly fix: string;
  /** The problem's code when it is not just "not a value of this kind" (`invalid-count`). */
  readonly code?: string;
}

export type Parsed = { readonly ok: true; readonly value: string | number | undefined } | Refusal;

const ID = /^[A-Za-z0-9._-]+$/;
// Thousands separators: `.`, a space, and the spaces spreadsheets write as one (no-break space in
// Excel's exports, narrow no-break and thin space in French-style number formats); never `,`.
const SEPARATORS = '. \u00a0\u202f\u2009';
const GROUPED = new RegExp(`^\\d{1,3}(?:([${SEPARATORS}])\\d{3})(?:\\1\\d{3})*$`);
const isSeparator = (char: string) => SEPARATORS.includes(char);
const vi = new Intl.NumberFormat('vi-VN');
/** `10.000.000`: numbers in messages as the publisher writes them. */
export const formatCount = (n: number): string => vi.format(n);
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
// The Communist Party of Vietnam was founded in 1930: earlier years are typing mistakes.
export const FIRST_YEAR = 1930;
export const LAST_YEAR = 2100;

const fail = (message: string, english: string, fix: string, code?: string): Refusal => ({
  ok: false,
  message,
  english,
  fix,
  ...(code === undefined ? {} : { code }),
});

/** `max`: the column's plausibility limit (see schemas.ts). */
export function parseCount(text: string, max: number = Number.MAX_SAFE_INTEGER): Parsed {
  const compact = text.replace(/^[+]/, '');
  if (/^\d+$/.test(compact) || GROUPED.test(compact)) {
    const value = Number(compact.replace(/\D/g, ''));
    if (!Number.isSafeInteger(value)) {
      return fail(
        `là số quá lớn: lớn hơn số lớn nhất lưu được chính xác (${formatCount(Number.MAX_SAFE_INTEGER)})`,
        'is too large to be stored exactly',
        'Kiểm tra lại ô này: có thể đã dán nhầm một mã hay một dãy số vào cột số liệu.',
        'too-large-count',
      );
    }
    if (value > max) {
      return fail(
        `là số quá lớn so với thực tế: cột này tối đa ${formatCount(max)}, số lớn hơn chắc chắn là gõ nhầm`,
        `is larger than ${max}, more than any real figure`,
        'Kiểm tra lại số này (gõ thừa chữ số, hoặc dán nhầm số của cột khác); nếu chưa có số liệu thì để trống.',
        'implausible-count',
      );
    }
    return { ok: true, value };
  }
  if (/^-\s*\d/.test(compact)) {
    return fail(
      'là số âm; số lượng không thể âm',
      'counts must not be negative',
      'Kiểm tra lại ô này; nếu chưa có số liệu thì để trống.',
    );
  }
  if (/^\d+[.,]\d+$/.test(compact)) {
    return fail(
      'không phải số nguyên không âm (có phần thập phân hoặc dấu phân cách hàng nghìn sai chỗ)',
      'must be a non-negative integer',
      'Ghi số nguyên, ví dụ 1234 hoặc 1.234; nếu chưa có số liệu thì để trống.',
    );
  }
  return fail(
    'không phải số nguyên không âm',
    'must be a non-negative integer',
    'Ghi số nguyên, ví dụ 1234 hoặc 1.234; nếu chưa có số liệu thì để trống.',
  );
}

export function parseYear(text: string): Parsed {
  if (/^\d{4}$/.test(text)) {
    const value = Number(text);
    if (value >= FIRST_YEAR && value <= LAST_YEAR) return { ok: true, value };
  }
  return fail(
    `không phải năm hợp lệ (4 chữ số, từ ${FIRST_YEAR} đến ${LAST_YEAR})`,
    'must be a four-digit year',
    'Ghi năm bằng 4 chữ số, ví dụ 2024.',
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Returns ISO `YYYY-MM-DD` so that dates compare as strings. */
export function parseDate(text: string): Parsed {
  const iso = ISO_DATE.exec(text);
  const vn = VN_DATE.exec(text);
  const parts = iso
    ? { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) }
    : vn
      ? { y: Number(vn[3]), m: Number(vn[2]), d: Number(vn[1]) }
      : undefined;
  if (parts && parts.y >= FIRST_YEAR && parts.y <= LAST_YEAR) {
    const probe = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
    if (probe.getUTCMonth() === parts.m - 1 && probe.getUTCDate() === parts.d) {
      return { ok: true, value: `${parts.y}-${pad(parts.m)}-${pad(parts.d)}` };
    }
    return fail(
      'không phải ngày có thật trên lịch',
      'is not a real calendar date',
      'Kiểm tra ngày và tháng, ví dụ 17/08/2011.',
    );
  }
  return fail(
    'không phải ngày hợp lệ',
    'must be a date YYYY-MM-DD or DD/MM/YYYY',
    'Ghi ngày theo dạng DD/MM/YYYY (ví dụ 17/08/2011) hoặc YYYY-MM-DD (2011-08-17).',
  );
}

const TERM = /^(\d{4})\s*[-\u2010-\u2015\u2212]\s*(\d{4})$/;

/** `2020-2025`, `2020–2025`, `2020 - 2025` all read as `2020-2025`; the order of the years is checked later. */
export function parseTerm(text: string): Parsed {
  const match = TERM.exec(text);
  const years = match ? [Number(match[1]), Number(match[2])] : [];
  if (years.length === 2 && years.every((y) => y >= FIRST_YEAR && y <= LAST_YEAR)) {
    return { ok: true, value: `${years[0]}-${years[1]}` };
  }
  return fail(
    `không phải nhiệm kỳ hợp lệ (năm đầu - năm cuối, mỗi năm 4 chữ số, từ ${FIRST_YEAR} đến ${LAST_YEAR})`,
    'must be a term such as 2020-2025',
    'Ghi nhiệm kỳ bằng năm đầu và năm cuối nối bằng gạch ngang, ví dụ 2020-2025.',
  );
}

/** The number and the `%` of a target kept by `parseTarget`. */
export function targetValue(text: string): { readonly value: number; readonly percent: boolean } {
  const percent = text.endsWith('%');
  return { value: Number((percent ? text.slice(0, -1) : text).replace(',', '.')), percent };
}

/**
 * A target is a whole number (grouped as counts are) or a percentage with a decimal comma, kept
 * as `1500`, `90%`, `90,5%`; `90,5` without `%` is kept too, for only its measure says whether it
 * is a share (90,5 %) or a mistake. The comma is kept so that the cleaned download reads back.
 */
export function parseTarget(text: string, max: number): Parsed {
  const percent = /^(\d{1,3})(?:[,.](\d{1,2}))?\s*%$/.exec(text) ?? /^(\d{1,3})[,](\d{1,2})$/.exec(text);
  if (percent) {
    const number = `${Number(percent[1])}${percent[2] === undefined ? '' : `,${percent[2]}`}`;
    return { ok: true, value: text.endsWith('%') ? `${number}%` : number };
  }
  if (/^-\s*\d/.test(text)) {
    return fail(
      'là số âm; chỉ tiêu không thể âm',
      'targets must not be negative',
      'Ghi chỉ tiêu là số nguyên (ví dụ 500) hoặc tỷ lệ phần trăm (ví dụ 90% hoặc 90,5%).',
    );
  }
  const count = parseCount(text, max);
  if (count.ok) return { ok: true, value: String(count.value) };
  return count.code === undefined
    ? fail(
        'không phải chỉ tiêu hợp lệ (số nguyên hoặc tỷ lệ phần trăm)',
        'must be a whole number or a percentage',
        'Ghi chỉ tiêu là số nguyên (ví dụ 500 hoặc 1.500) hoặc tỷ lệ phần trăm (ví dụ 90% hoặc 90,5%).',
      )
    : count;
}

export function parseId(text: string, maxLength: number): Parsed {
  if (ID.test(text)) {
    return text.length > maxLength ? tooLong(text.length, maxLength) : { ok: true, value: text };
  }
  return fail(
    'không phải mã hợp lệ (chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang)',
    'ids use letters, digits, ".", "_" and "-" only',
    'Bỏ dấu cách và chữ có dấu trong mã, ví dụ HT.TC hoặc HT_TC.',
  );
}

// Every spelling of every allowed value, normalized once per enum rather than once per cell:
// a 52,000-unit province has ~1.5 million enum cells (levels, types, ratings).
const spellings = new WeakMap<readonly EnumValue[], ReadonlyMap<string, string>>();
function spellingsOf(values: readonly EnumValue[]): ReadonlyMap<string, string> {
  let map = spellings.get(values);
  if (!map) {
    const names = new Map<string, string>();
    for (const v of values) {
      for (const name of [v.value, v.label, ...(v.aliases ?? [])].map(normalizeHeader)) {
        if (!names.has(name)) names.set(name, v.value);
      }
    }
    spellings.set(values, (map = names));
  }
  return map;
}

export function parseEnum(text: string, values: readonly EnumValue[]): Parsed {
  // Cells repeat the canonical value (`grassroots`, `good`) far more often than anything else.
  const value = spellingsOf(values).get(text) ?? spellingsOf(values).get(normalizeHeader(text));
  if (value !== undefined) return { ok: true, value };
  const allowed = values.map((v) => `${v.value} (${v.label})`).join(', ');
  return fail(
    'không phải giá trị được phép',
    `must be one of ${values.map((v) => v.value).join(', ')}`,
    `Dùng một trong các giá trị: ${allowed}.`,
  );
}

function tooLong(length: number, maxLength: number): Refusal {
  return fail(
    `dài ${formatCount(length)} ký tự, quá giới hạn ${formatCount(maxLength)} ký tự của cột này`,
    `is ${length} characters long, more than ${maxLength}`,
    `Sửa ô này cho ngắn lại, tối đa ${formatCount(maxLength)} ký tự; có thể cả một đoạn văn bản đã bị dán nhầm vào ô.`,
    'too-long',
  );
}

/** Text is taken as it is, but never longer than its column allows. */
function parseText(text: string, maxLength: number): Parsed {
  // Counting characters, not UTF-16 units, only for the rare cell that might be too long.
  const length = text.length > maxLength ? Array.from(text).length : text.length;
  return length > maxLength ? tooLong(length, maxLength) : { ok: true, value: text };
}

/**
 * Direction controls reorder what is printed after them (a page title, a line of the quality
 * report) while staying invisible: refused in every cell, whatever its kind.
 */
export function refuseBidi(text: string): Refusal | undefined {
  const bidi = findBidi(text);
  if (bidi === undefined) return undefined;
  return fail(
    `có ký tự điều khiển chiều viết <${bidi.code}> ở ký tự thứ ${bidi.position}: ký tự này không nhìn thấy được nhưng đảo thứ tự chữ khi hiển thị`,
    `contains the bidirectional control character ${bidi.code}`,
    'Xóa ký tự này: gõ lại ô bằng tay thay vì dán từ trang web hay tài liệu khác (tiếng Việt không bao giờ cần ký tự này).',
    'bidi-character',
  );
}

/** Why a cell that is not a value of its kind failed, when the reason cannot be seen on screen. */
function refuseInvisible(text: string): Refusal | undefined {
  const hidden = findInvisible(text, isSeparator);
  if (hidden === undefined) return undefined;
  return fail(
    `có ký tự ẩn <${hidden}> (không nhìn thấy được) nên không đọc được`,
    `contains the invisible character ${hidden}`,
    'Xóa ô rồi gõ lại bằng tay (ký tự ẩn thường đến từ việc dán từ trang web hoặc Word); nếu chưa có số liệu thì để trống.',
    'invisible-character',
  );
}

function parseByKind(text: string, kind: ColumnKind): Parsed {
  switch (kind.type) {
    case 'count':
      return parseCount(text, kind.max);
    case 'year':
      return parseYear(text);
    case 'date':
      return parseDate(text);
    case 'term':
      return parseTerm(text);
    case 'target':
      return parseTarget(text, kind.max);
    case 'id':
      return parseId(text, kind.maxLength);
    case 'enum':
      return parseEnum(text, kind.values);
    case 'text':
      return refuseBidi(text) ?? parseText(text, kind.maxLength);
  }
}

/** An empty cell is "not reported" (`undefined`), never zero. */
export function parseCell(raw: string, column: Column): Parsed {
  const text = raw.normalize('NFC').trim();
  if (text === '') return { ok: true, value: undefined };
  const parsed = parseByKind(text, column.kind);
  // No code, number, date or allowed value holds a hidden character, so only a cell already
  // refused is searched for one: the millions of good cells cost nothing more.
  return parsed.ok ? parsed : (refuseBidi(text) ?? refuseInvisible(text) ?? parsed);
}
