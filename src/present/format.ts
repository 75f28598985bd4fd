/** Everything a reader sees as a number or a date goes through here: vi-VN, `DD/MM/YYYY`. */

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

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
 * A non-negative number rounded to whole units of `1 / scale` as `Intl` does (half away from
 * zero); `undefined` where the binary value lies so near a half that only `Intl`'s exact
 * decimal rounding can tell, or where the number is too large for whole units.
 */
function rounded(value: number, scale: 1 | 10): number | undefined {
  const scaled = value * scale;
  // Far below 2^53, so that the fraction of `scaled` still tells a half from its neighbours.
  if (!(scaled >= 0) || scaled > 2 ** 40) return undefined;
  const fraction = scaled - Math.floor(scaled);
  if (Math.abs(fraction - 0.5) < 1e-6) return undefined;
  return Math.round(scaled);
}

const upToOneDecimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** Whole percent from what rounds to 10% up; below it one decimal, so small shares and changes differ. */
const WHOLE_FROM = 9.95;

/**
 * The one way the site writes a percentage, in tables, sentences, charts and tooltips alike, so
 * the same figure never reads `80%` in one place and `80,0%` in another. `ratio` is a fraction
 * (0.125 → `13%`, 0.028 → `2,8%`):
 * - from 10% up, whole percent: `80%`, `550%`, `1.235%`;
 * - under 10%, one decimal: `2,8%`, `0,5%` (shares of small groups and yearly changes, where a
 *   whole percent would hide the difference), with no trailing `,0`: `5%`, `0%`;
 * - near 100% one decimal unless exactly met, `99,6%`, `100,4%`: "đạt 100%" means met;
 * - above zero but under 0,05%: `dưới 0,1%`, never a `0%` that reads as none.
 * A page writes dozens: grouped by hand like integers.
 */
export function formatPercent(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return NOT_REPORTED;
  if (ratio < 0) return `-${formatPercent(-ratio)}`;
  const value = Math.abs(ratio) * 100; // -0 reads as 0
  const decimal = value < WHOLE_FROM || (value >= 99.5 && value < 100.5 && value !== 100);
  if (!decimal) {
    const whole = rounded(value, 1);
    return `${whole === undefined ? integer.format(value) : formatInteger(whole)}%`;
  }
  const t = rounded(value, 10);
  if (t === undefined) return `${upToOneDecimal.format(value)}%`;
  if (t === 0 && value > 0) return 'dưới 0,1%';
  const whole = formatInteger(Math.floor(t / 10));
  return t % 10 === 0 ? `${whole}%` : `${whole},${t % 10}%`;
}

const fixedDigits: Intl.NumberFormat[] = [];
const withDigits = (digits: number): Intl.NumberFormat =>
  (fixedDigits[digits] ??= new Intl.NumberFormat('vi-VN', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }));

/** Most decimals a percentage is ever given, however close to its target. */
const MAX_DIGITS = 3;

/**
 * A percentage with exactly `digits` decimals, for a column whose rows line up (`84,6%`,
 * `59,0%`); above zero but rounding to it, `dưới 0,1%`, never a `0,0%` that reads as none.
 */
export function formatPercentFixed(ratio: number | undefined, digits: number): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return NOT_REPORTED;
  if (ratio < 0) return `-${formatPercentFixed(-ratio, digits)}`;
  const value = Math.abs(ratio) * 100;
  const text = `${withDigits(digits).format(value)}%`;
  return value > 0 && /^0(,0*)?%$/.test(text) ? `dưới ${withDigits(digits).format(10 ** -digits)}%` : text;
}

/** True when a ratio short of `reference` prints as the reference does, at `digits` decimals. */
const readsAs = (ratio: number, reference: number | undefined, digits: number): boolean =>
  reference !== undefined &&
  ratio < reference &&
  formatPercentFixed(ratio, digits) === formatPercentFixed(reference, digits);

/**
 * Decimals for a column of percentages, the same in every row so that a reader compares like with
 * like (never one `100,4%` among whole percents): none; one where some value is under 10%, as
 * formatPercent gives it; and as many as keep a value short of its reference (its target, 100%
 * for a target achievement) from printing as the reference does: 84,57% against 85% reads
 * `84,6%`, never `85%` beside “Chưa đạt”. A value at or over its reference needs none: `90%`
 * beside a target of 90% reads as met, and is.
 */
export function percentDigits(
  values: readonly (number | undefined)[],
  reference: (i: number) => number | undefined = () => 1,
): number {
  const shown = values.flatMap((value, i) =>
    value === undefined || !Number.isFinite(value) ? [] : [{ value, reference: reference(i) }],
  );
  let digits = shown.some(({ value }) => value !== 0 && Math.abs(value) * 100 < WHOLE_FROM) ? 1 : 0;
  while (digits < MAX_DIGITS && shown.some(({ value, reference }) => readsAs(value, reference, digits))) {
    digits += 1;
  }
  return digits;
}

/**
 * A percentage said against its target (`Năm 2025, tỷ lệ này là 84,6%, chưa đạt chỉ tiêu 85%`):
 * as formatPercent, with the decimals that tell a share short of the target from the target.
 */
export function formatPercentAgainst(ratio: number | undefined, target: number): string {
  const text = formatPercent(ratio);
  if (ratio === undefined || !(ratio < target) || text !== formatPercent(target)) return text;
  let digits = 1;
  while (digits < MAX_DIGITS && readsAs(ratio, target, digits)) digits += 1;
  return formatPercentFixed(ratio, digits);
}

/** An average that need not be whole, to one decimal: `57,2`, `55`. */
export const formatDecimal = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? NOT_REPORTED : upToOneDecimal.format(value);

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
