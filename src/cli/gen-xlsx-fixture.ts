/**
 * `npm run gen:xlsx-fixture`: the workbook form of the sample data (data/), one `du-lieu.xlsx`
 * with a sheet per table, into tests/fixtures/workbook/. The whole-site test builds the site from
 * it and from the CSV files and compares the two; run this again whenever data/ changes.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { workbookFromCsv } from './workbook-from-csv.ts';

const root = resolve(import.meta.dirname, '..', '..');
const out = join(root, 'tests', 'fixtures', 'workbook');
await mkdir(out, { recursive: true });
const rows = await workbookFromCsv(join(root, 'data'), join(out, 'du-lieu.xlsx'));
process.stdout.write(`Đã ghi ${rows} dòng vào ${join(out, 'du-lieu.xlsx')}.\n`);
