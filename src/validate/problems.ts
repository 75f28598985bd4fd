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

/** `members.csv:17:3 cột members: "12a" không phải số nguyên không âm (…). Cách sửa: …` */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.column].filter((part) => part !== undefined).join(':');
  const cell = p.key === undefined ? '' : ` cột ${p.key}`;
  const value = p.value === undefined ? '' : ` "${p.value}"`;
  const fix = p.fix === undefined ? '' : ` Cách sửa: ${p.fix}`;
  return `${where}${cell}:${value} ${p.message} (${p.english}).${fix}`;
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
