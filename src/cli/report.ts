import { formatProblem, type Problem } from '../validate/problems.ts';

/** Prints every problem, errors first, and a one-line summary in Vietnamese. */
export function printProblems(problems: readonly Problem[], log: (line: string) => void): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length > 0) {
    log(`\nLỖI (${errors.length}) — phải sửa trước khi xuất bản:`);
    for (const p of errors) log(`  ✗ ${formatProblem(p)}`);
  }
  if (warnings.length > 0) {
    log(`\nCẢNH BÁO (${warnings.length}) — trang web vẫn được tạo, nên kiểm tra lại:`);
    for (const p of warnings) log(`  ! ${formatProblem(p)}`);
  }
}

export function summary(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `${errors} lỗi, ${warnings} cảnh báo`;
}
