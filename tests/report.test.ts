/**
 * The printed report (build log and `npm run check:data`) stays readable however broken the
 * data: a few dozen messages of each kind in each file, then one line counting the rest.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PRINTED_PER_KIND, printProblems, summary } from '../src/build/report.ts';
import { error, warning, type Problem } from '../src/problems.ts';
import { dataDir, UNITS } from './helpers.ts';

const notACount = (line: number): Problem =>
  error({
    code: 'not-a-count',
    file: 'members.csv',
    line,
    column: 3,
    key: 'members',
    value: '12a',
    message: 'không phải số nguyên không âm',
    english: 'must be a non-negative integer',
    fix: 'Ghi số nguyên.',
  });
const mismatch = (line: number): Problem =>
  warning({
    code: 'rollup-mismatch',
    file: 'cells.csv',
    line,
    message: 'khác tổng',
    english: 'differs',
  });

const printed = (problems: readonly Problem[], all = false): string[] => {
  const lines: string[] = [];
  printProblems(problems, (line) => lines.push(...line.split('\n')), { all });
  return lines;
};

describe('printing is bounded per kind of problem and file', () => {
  const problems = [
    ...Array.from({ length: 50_000 }, (_, i) => notACount(i + 2)),
    { ...notACount(7), file: 'admissions.csv' },
    ...Array.from({ length: 25 }, (_, i) => mismatch(i + 2)),
  ];

  test('the first 20 of each kind in each file, then one line with how many more', () => {
    const lines = printed(problems);
    expect(lines.filter((l) => l.includes('members.csv:'))).toHaveLength(PRINTED_PER_KIND);
    expect(lines.filter((l) => l.includes('admissions.csv:7:3'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('cells.csv:'))).toHaveLength(PRINTED_PER_KIND);
    expect(lines).toContain('  … và 49.980 lỗi tương tự (mã not-a-count trong members.csv).');
    expect(lines).toContain('  … và 5 cảnh báo tương tự (mã rollup-mismatch trong cells.csv).');
    expect(lines).toContain('LỖI (50.001) — phải sửa trước khi xuất bản:');
    expect(lines.at(-1)).toContain('npm run check:data -- --all');
    expect(lines.length).toBeLessThan(60);
  });

  test('the first ones printed are the first in the file', () => {
    const lines = printed(problems).filter((l) => l.includes('members.csv:'));
    expect(lines[0]).toContain('members.csv:2:3');
    expect(lines.at(-1)).toContain('members.csv:21:3');
  });

  test('--all prints every one, with no "… và" line', () => {
    const lines = printed(problems, true);
    expect(lines.filter((l) => l.includes('members.csv:'))).toHaveLength(50_000);
    expect(lines.some((l) => l.includes('tương tự'))).toBe(false);
  });

  test('a short list is printed whole, with no hint', () => {
    const lines = printed([notACount(2), mismatch(3)]);
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(2);
    expect(lines.some((l) => l.includes('--all'))).toBe(false);
  });

  test('the summary counts every problem, with thousands separated', () => {
    expect(summary(problems)).toBe('50.001 lỗi, 25 cảnh báo');
  });
});

function checkData(dir: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/check-data.ts', ...args], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DATA_DIR: dir, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm run check:data on 50,000 bad rows', () => {
  test('prints fewer than 1,000 lines, and says how many it left out', { timeout: 60_000 }, async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `G1,${1930 + (i % 90)},12a`);
    // And one cell of a megabyte: a message quotes an excerpt of it.
    rows[0] = `G1,2020,${'9x'.repeat(500_000)}`;
    const dir = dataDir({ 'units.csv': UNITS, 'members.csv': ['unit_id,year,members', ...rows].join('\n') });
    const { code, out } = await checkData(dir);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines.length).toBeLessThan(1_000);
    expect(lines.filter((l) => l.includes('members.csv:'))).toHaveLength(PRINTED_PER_KIND);
    expect(out).toContain('… và 49.980 lỗi tương tự (mã invalid-count trong members.csv).');
    expect(out).toContain('50.000 lỗi, 0 cảnh báo');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(500);
  });
});
