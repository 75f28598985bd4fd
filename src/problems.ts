/**
 * Publishers' mistakes are data, not exceptions: every reader and check returns `Problem`s,
 * and the CLI prints them all at once so a whole spreadsheet can be fixed in one pass.
 */

export type Severity = 'error' | 'warning';

export interface Problem {
  readonly severity: Severity;
  /** Stable machine code, e.g. `not-a-count`; tests and the quality page group by it. */
  readonly code: string;
  /** The data file (`members.csv`), or the workbook (`du-lieu.xlsx`) when `sheet` is given. */
  readonly file: string;
  /** The sheet of the workbook `file` the problem is in; `line` is then its row number. */
  readonly sheet?: string;
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

/**
 * How a cell's text is quoted in a message. Messages go to the terminal, the build log and the
 * public data-quality report, so a quoted value must show what is really in the cell (a zero-width
 * space is why a "123" pasted from a web page is not a number), and must never carry megabytes or
 * reorder the line it is printed on.
 */

/** Quoted values keep this many characters; the rest is cut off with "…". */
export const EXCERPT_LENGTH = 60;
/** A message or fix quotes names and ids from the data; past this it is cut, as a safety net. */
const TEXT_LENGTH = 600;

/**
 * What cannot be seen on screen: controls, format characters (zero-width space, BOM, soft
 * hyphen, direction marks), every space but the ordinary one, and the blank fillers that render
 * as nothing.
 */
export const INVISIBLE = /(?! )[\p{Cc}\p{Cf}\p{Z}\u034f\u115f\u1160\u3164\uffa0]/gu;
/** In a message's own text, what prints as nothing, reorders what follows or breaks the line. */
const CONTROLS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `1<U+200B>23`: every invisible character written as its code. */
export const showInvisible = (text: string, which: RegExp = INVISIBLE): string =>
  text.replace(which, (char) => `<${codePoint(char)}>`);

/** The first `max` characters (never half of one), and "…" when there was more. */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  // Slicing code units first keeps a 10 MB cell from being split into 10 million characters.
  const head = Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('');
  return head.length < text.length ? `${head}…` : head;
}

/** A cell's text as every message quotes it: short, with the invisible made visible. */
export const quoteValue = (text: string): string => showInvisible(excerpt(text));

/** A message's own text, bounded, with control and bidi characters from quoted names made visible. */
export const boundedText = (text: string): string => showInvisible(excerpt(text, TEXT_LENGTH), CONTROLS);

/** `C`, `AB`: a sheet's column letters, as Excel shows them above the column. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * Where a problem is, as the publisher finds it: `members.csv:17:3` in a CSV file,
 * `du-lieu.xlsx › Đảng viên › C17` (or `› dòng 17` for a whole row) in a workbook.
 */
export function problemPlace(p: Problem): string {
  if (p.sheet === undefined) return [p.file, p.line, p.column].filter((part) => part !== undefined).join(':');
  const row =
    p.line === undefined
      ? []
      : [p.column === undefined ? `dòng ${p.line}` : `${columnLetters(p.column)}${p.line}`];
  return [p.file, boundedText(p.sheet), ...row].join(' › ');
}

/**
 * `members.csv:17:3 cột members: "12a" không phải số nguyên không âm (…). Cách sửa: …`, or
 * `du-lieu.xlsx › Đảng viên › C17 cột members: …` for a workbook.
 */
export function formatProblem(p: Problem): string {
  const where = problemPlace(p);
  const cell = p.key === undefined ? '' : ` cột ${p.key}`;
  const value = p.value === undefined ? '' : ` "${quoteValue(p.value)}"`;
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
      collator.compare(a.sheet ?? '', b.sheet ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Problems of one kind in one file that a bounded list leaves out. */
export interface Omitted {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly sheet?: string;
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
    const key = `${p.severity}\u0000${p.code}\u0000${p.file}\u0000${p.sheet ?? ''}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count <= perKind) {
      kept.push(p);
    } else {
      const { severity, code, file, sheet } = p;
      omitted.set(key, {
        severity,
        code,
        file,
        ...(sheet === undefined ? {} : { sheet }),
        count: count - perKind,
      });
    }
  }
  return { shown: kept, omitted: [...omitted.values()] };
}

const counted = new Intl.NumberFormat('vi-VN');

/** `… và 49.980 lỗi tương tự (mã not-a-count trong members.csv)` */
export const omittedText = (o: Omitted): string =>
  `… và ${counted.format(o.count)} ${o.severity === 'error' ? 'lỗi' : 'cảnh báo'} tương tự (mã ${o.code} trong ${o.sheet === undefined ? o.file : `${o.file} › ${boundedText(o.sheet)}`})`;
