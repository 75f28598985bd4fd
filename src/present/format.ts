/** Everything a reader sees as a number or a date goes through here: vi-VN, `DD/MM/YYYY`. */

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** What a page shows where a figure was not reported: never `0`, never `undefined`. */
export const NOT_REPORTED = '—';

/**
 * Whole numbers (nearly every figure) are grouped by hand: the same text as `integer.format`
 * (`1.234.567`, `-1.234`), several times faster, and a page formats hundreds of them.
 */
function formatInteger(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return integer.format(value);
  const digits = String(Math.abs(value));
  const grouped = digits.length > 3 ? digits.replace(/\B(?=(\d{3})+$)/g, '.') : digits;
  return value < 0 ? `-${grouped}` : grouped;
}

export const formatNumber = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? NOT_REPORTED : formatInteger(value);

/**
 * A non-negative number rounded to one decimal as `Intl` does (half away from zero), in tenths;
 * `undefined` where the binary value lies so near a half that only `Intl`'s exact decimal
 * rounding can tell, or where the number is too large for whole tenths.
 */
function tenths(value: number): number | undefined {
  const scaled = value * 10;
  // Far below 2^53, so that the fraction of `scaled` still tells a half from its neighbours.
  if (!(scaled >= 0) || scaled > 2 ** 40) return undefined;
  const fraction = scaled - Math.floor(scaled);
  if (Math.abs(fraction - 0.5) < 1e-6) return undefined;
  return Math.round(scaled);
}

/**
 * `12,5%`, `120,0%`: the one way every page, table, card and sentence writes a percentage, so
 * `đạt 80,0%` reads the same in a summary and in its table. `ratio` is a fraction (0.125). A page
 * writes dozens: grouped by hand like integers.
 */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return NOT_REPORTED;
  const t = tenths(ratio * 100);
  return t === undefined
    ? `${decimal.format(ratio * 100)}%`
    : `${formatInteger(Math.floor(t / 10))},${t % 10}%`;
}

/** `+12` / `−3` / `0`, with a true minus sign. */
export function formatSigned(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NOT_REPORTED;
  if (value > 0) return `+${formatInteger(value)}`;
  if (value < 0) return `−${formatInteger(-value)}`;
  return '0';
}

/** ISO `2011-08-17` → `17/08/2011`. */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined) return NOT_REPORTED;
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export const ratio = (part: number | undefined, whole: number | undefined): number | undefined =>
  part === undefined || whole === undefined || whole === 0 ? undefined : part / whole;
