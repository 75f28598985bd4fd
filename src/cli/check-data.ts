/**
 * `npm run check:data`: validates `DATA_DIR` (default `data/`), prints the problems (a few dozen
 * of each kind; `-- --all` prints every one) and writes nothing. Exit 1 on any error, so it can
 * guard a publishing script.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { contentDirFrom, dataDirFrom, loadProject } from '../build/project.ts';
import { printProblems, summary } from '../build/report.ts';
import { hasErrors } from '../problems.ts';

const started = performance.now();
const dataDir = dataDirFrom();
const log = (line: string) => process.stdout.write(`${line}\n`);
// Editors get the content errors the build would stop on; placeholders need the model, so the
// data must be valid first. Nothing is written, not even the parse cache.
const folder = contentDirFrom();
const contentDir = folder !== undefined && existsSync(folder) ? folder : undefined;
const { data, province, problems } = await loadProject({ dataDir, contentDir, cacheDir: undefined });
printProblems(problems, log, { all: process.argv.includes('--all') });
if (contentDir && !province) log(`\nNội dung trong ${contentDir} sẽ được kiểm tra khi dữ liệu hết lỗi.`);
const checkedContent = contentDir !== undefined && province !== undefined;
const rows = data.units.length + data.members.length + data.admissions.length + data.cells.length;
log(
  `\nKiểm tra ${dataDir}${checkedContent ? ` và ${contentDir}` : ''}: ${data.units.length} đơn vị, ${rows} dòng — ${summary(problems)} (${Math.round(performance.now() - started)} ms).`,
);
if (hasErrors(problems)) {
  // The Markdown is checked only against valid data: errors with a model are the Markdown's.
  log(
    `${province ? 'Nội dung' : 'Dữ liệu'} có lỗi: chưa thể xuất bản. Sửa các dòng được nêu ở trên rồi chạy lại.`,
  );
  process.exitCode = 1;
} else {
  log(checkedContent ? 'Dữ liệu và nội dung hợp lệ.' : 'Dữ liệu hợp lệ.');
}
