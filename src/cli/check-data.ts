/**
 * `npm run check:data`: validates `DATA_DIR` (default `data/`), prints every problem and
 * writes nothing. Exit 1 on any error, so it can guard a publishing script.
 */
import { performance } from 'node:perf_hooks';
import { dataDirFrom, load } from '../load.ts';
import { hasErrors } from '../validate/problems.ts';
import { printProblems, summary } from './report.ts';

const started = performance.now();
const dataDir = dataDirFrom();
const { data, problems } = await load(dataDir);
const log = (line: string) => process.stdout.write(`${line}\n`);
printProblems(problems, log);
const rows = data.units.length + data.members.length + data.admissions.length + data.cells.length;
log(
  `\nKiểm tra ${dataDir}: ${data.units.length} đơn vị, ${rows} dòng — ${summary(problems)} (${Math.round(performance.now() - started)} ms).`,
);
if (hasErrors(problems)) {
  log('Dữ liệu có lỗi: chưa thể xuất bản. Sửa các dòng được nêu ở trên rồi chạy lại.');
  process.exitCode = 1;
} else {
  log('Dữ liệu hợp lệ.');
}
