import { formatNumber } from '../present/format.ts';
import { formatProblem, omittedText, sampleProblems, type Problem } from '../problems.ts';

/**
 * Messages printed of each kind (code) in each file; the rest are counted on one line. A few
 * dozen show the pattern: a spreadsheet with 50,000 bad rows prints some hundred lines, not
 * 50,000 (or a gigabyte of them).
 */
export const PRINTED_PER_KIND = 20;

export interface PrintOptions {
  /** Print every problem (`npm run check:data -- --all`). */
  readonly all?: boolean;
}

/** Prints the problems, errors first, at most `PRINTED_PER_KIND` of each kind unless `all`. */
export function printProblems(
  problems: readonly Problem[],
  log: (line: string) => void,
  { all = false }: PrintOptions = {},
): void {
  const { shown, omitted } = all
    ? { shown: problems, omitted: [] }
    : sampleProblems(problems, PRINTED_PER_KIND);
  const sections = [
    ['error', 'LỖI', 'phải sửa trước khi xuất bản', '✗'],
    ['warning', 'CẢNH BÁO', 'trang web vẫn được tạo, nên kiểm tra lại', '!'],
  ] as const;
  for (const [severity, title, meaning, mark] of sections) {
    const total = problems.filter((p) => p.severity === severity).length;
    if (total === 0) continue;
    log(`\n${title} (${formatNumber(total)}) — ${meaning}:`);
    for (const p of shown) if (p.severity === severity) log(`  ${mark} ${formatProblem(p)}`);
    for (const o of omitted) if (o.severity === severity) log(`  ${omittedText(o)}.`);
  }
  if (omitted.length > 0) {
    log(
      `\nMỗi loại lỗi, cảnh báo trong mỗi tệp chỉ in ${PRINTED_PER_KIND} dòng đầu; sửa các dòng này rồi chạy lại, hoặc xem tất cả bằng: npm run check:data -- --all`,
    );
  }
}

export function summary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${formatNumber(errors)} lỗi, ${formatNumber(warnings)} cảnh báo`;
}
