/**
 * `npm run check:data`: validates `DATA_DIR` (default `data/`), prints the problems (a few dozen
 * of each kind; `-- --all` prints every one) and writes nothing. Exit 1 on any error, so it can
 * guard a publishing script.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { loadContent } from '../present/content.ts';
import { contentDirFrom, dataDirFrom, load } from '../build/project.ts';
import { hasErrors } from '../problems.ts';
import { printProblems, summary } from '../build/report.ts';

const started = performance.now();
const dataDir = dataDirFrom();
const { data, province, problems: dataProblems } = await load(dataDir);
const log = (line: string) => process.stdout.write(`${line}\n`);
// Editors get the content errors the build would stop on; placeholders need the model, so the
// data must be valid first.
const contentDir = contentDirFrom();
const checkContent = contentDir !== undefined && existsSync(contentDir);
const edited = province && checkContent ? await loadContent(contentDir, province) : undefined;
const problems = [...dataProblems, ...(edited?.problems ?? [])];
printProblems(problems, log, { all: process.argv.includes('--all') });
if (checkContent && !province) log(`\nNội dung trong ${contentDir} sẽ được kiểm tra khi dữ liệu hết lỗi.`);
const rows = data.units.length + data.members.length + data.admissions.length + data.cells.length;
log(
  `\nKiểm tra ${dataDir}${edited ? ` và ${contentDir}` : ''}: ${data.units.length} đơn vị, ${rows} dòng — ${summary(problems)} (${Math.round(performance.now() - started)} ms).`,
);
if (hasErrors(problems)) {
  log(
    `${hasErrors(dataProblems) ? 'Dữ liệu' : 'Nội dung'} có lỗi: chưa thể xuất bản. Sửa các dòng được nêu ở trên rồi chạy lại.`,
  );
  process.exitCode = 1;
} else {
  log(edited ? 'Dữ liệu và nội dung hợp lệ.' : 'Dữ liệu hợp lệ.');
}
