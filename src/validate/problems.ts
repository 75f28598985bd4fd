/**
 * Publishers' mistakes are data, not exceptions: every reader and check returns `Problem`s,
 * and the CLI prints them all at once so a whole spreadsheet can be fixed in one pass.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  /** Stable machine code, e.g. `not-a-count`; tests and the quality page group by it. */
  readonly code: string;
  readonly file: string;
  readonly line?: number;
  /** 1-based column number in the file, when the problem is about one cell. */
  readonly column?: number;
  /** The column's English key (the contract's name for it). */
  readonly key?: string;
  readonly value?: string;
  /** What is wrong, in Vietnamese. */
  readonly message: string;
  /** The same, briefly, in English, for the developers' logs. */
  readonly english: string;
  /** What to do about it, in Vietnamese. */
  readonly fix?: string;
}

export type ProblemInput = Omit<Problem, 'severity'>;

export const error = (p: ProblemInput): Problem => ({ severity: 'error', ...p });
export const warning = (p: ProblemInput): Problem => ({ severity: 'warning', ...p });

/** How much of a cell a message quotes: enough to find it, never a whole megabyte cell. */
export const EXCERPT_LENGTH = 60;
/** A message or fix quotes names and ids from the data; past this it is cut, as a safety net. */
const TEXT_LENGTH = 600;

// Characters that print as nothing, or reorder what follows (bidi controls), or break the line.
const CONTROLS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
// In a quoted cell, spaces other than the plain one matter too: "1 234" with a no-break space.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\u115f\u1160\u3164\uffa0]/u;

const codePoint = (char: string) =>
  `[U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;

/**
 * At most `max` characters of `text`, each invisible one written as its code point (`[U+200B]`),
 * then `…` if anything was left out. Reads only as far as it keeps, however long the text.
 */
function visibleExcerpt(text: string, max: number, invisible: RegExp): string {
  let out = '';
  let kept = 0;
  for (const char of text) {
    if (kept === max) return `${out}…`;
    out += char !== ' ' && invisible.test(char) ? codePoint(char) : char;
    kept += 1;
  }
  return out;
}

/** A cell's value as a message quotes it: a short excerpt with invisible characters made visible. */
export const excerpt = (value: string): string => visibleExcerpt(value, EXCERPT_LENGTH, INVISIBLE);

/** A message's own text, bounded, with control and bidi characters from quoted names made visible. */
export const boundedText = (text: string): string => visibleExcerpt(text, TEXT_LENGTH, CONTROLS);

/** `members.csv:17:3 cột members: "12a" không phải số nguyên không âm (…). Cách sửa: …` */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((part) => part !== undefined).join(':');
  const cell = p.key === undefined ? '' : ` cột ${p.key}`;
  const value = p.value === undefined ? '' : ` "${excerpt(p.value)}"`;
  const fix = p.fix === undefined ? '' : ` Cách sửa: ${boundedText(p.fix)}`;
  return `${where}${cell}:${value} ${boundedText(p.message)} (${boundedText(p.english)}).${fix}`;
}

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');

const collator = new Intl.Collator('vi', { numeric: true });

/** Errors first, then by file and line, so the printed list reads like the files. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      collator.compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Problems of one kind in one file that a bounded list leaves out. */
export interface Omitted {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly count: number;
}

/**
 * The first `perKind` problems of each kind (code) in each file, in the order given, and how
 * many of each kind were left out. 50,000 copies of one mistake say nothing the first few do
 * not; listing them all once printed 1.1 GB for one 200 MB file.
 */
export function sampleProblems(
  problems: readonly Problem[],
  perKind: number,
): { shown: Problem[]; omitted: Omitted[] } {
  const seen = new Map<string, number>();
  const omitted = new Map<string, Omitted>();
  const kept: Problem[] = [];
  for (const p of problems) {
    const key = `${p.severity}\u0000${p.code}\u0000${p.file}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count <= perKind) {
      kept.push(p);
    } else {
      const { severity, code, file } = p;
      omitted.set(key, { severity, code, file, count: count - perKind });
    }
  }
  return { shown: kept, omitted: [...omitted.values()] };
}

const counted = new Intl.NumberFormat('vi-VN');

/** `… và 49.980 lỗi tương tự (mã not-a-count trong members.csv)` */
export const omittedText = (o: Omitted): string =>
  `… và ${counted.format(o.count)} ${o.severity === 'error' ? 'lỗi' : 'cảnh báo'} tương tự (mã ${o.code} trong ${o.file})`;
