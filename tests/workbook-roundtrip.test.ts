/**
 * The workbooks `/du-lieu/` offers go back in as data (contract v2 C): a template filled as an
 * office fills it, and the cleaned data workbook, build without edits into the same data.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { writeWorkbook } from '../src/build/xlsx-writer.ts';
import { cleanedTables, downloadCsv } from '../src/present/downloads.ts';
import {
  dataWorkbook,
  nextYearContent,
  nextYearWorkbook,
  templateWorkbook,
  type Tables,
} from '../src/present/workbooks.ts';
import type { Dataset } from '../src/read/dataset.ts';
import { loadFiles, tempDir } from './helpers.ts';

/** A small province as CSV: the same data must come back from each workbook. */
const FILES = {
  'units.csv': [
    'id,name,parent_id,level,type,established,dissolved',
    'P,Đảng bộ tỉnh Mẫu,,province,,,',
    '001,Đảng bộ xã Một,P,grassroots,commune,01/01/2020,',
    'G3,Chi bộ Trường Ba,P,grassroots,public_service,,',
  ].join('\n'),
  'members.csv': ['unit_id,year,members,women', '001,2023,120,40', '001,2024,125,41', 'G3,2024,16,10'].join(
    '\n',
  ),
  'admissions.csv': ['unit_id,year,admitted,target', '001,2024,5,4', 'G3,2024,1,'].join('\n'),
  'cells.csv': ['unit_id,year,cells,rating', '001,2024,3,excellent', 'G3,2024,0,good'].join('\n'),
  'committees.csv': [
    'unit_id,term,congress_date,appointed,executive_committee',
    '001,2020-2025,15/08/2020,yes,15',
  ].join('\n'),
  'term_targets.csv': ['unit_id,term,measure,target', '001,2020-2025,admitted_total,500'].join('\n'),
};

const DATE = new Date('2026-01-01T00:00:00Z');
let csv: Dataset;
let tables: Tables;

beforeAll(async () => {
  const loaded = await loadFiles(FILES);
  expect(loaded.problems).toEqual([]);
  csv = loaded.data;
  tables = cleanedTables(csv);
});

/** Every table of `data` as its cleaned CSV download: equal downloads mean equal data. */
const downloads = (data: Dataset) =>
  Object.fromEntries(
    Object.keys(FILES).map((file) => [file, new TextDecoder().decode(downloadCsv(data, file))]),
  );

async function loadWorkbook(fill: (book: ExcelJS.Workbook) => void, path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  fill(book);
  const dir = tempDir('roundtrip-');
  await book.xlsx.writeFile(join(dir, 'du-lieu.xlsx'));
  return load(dir);
}

/** Types rows under a sheet's header as an office would: after its last row. */
function type(book: ExcelJS.Workbook, sheet: string, rows: readonly (readonly unknown[])[]): void {
  const target = book.getWorksheet(sheet);
  if (!target) throw new Error(`no sheet ${sheet}`);
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      if (value !== undefined) target.getRow(i + 2).getCell(j + 1).value = value as ExcelJS.CellValue;
    });
  });
}

describe('a filled template', () => {
  test('the blank template, filled with numbers, dates and the drop-down lists’ Vietnamese values, builds the same data', async () => {
    const path = join(tempDir('template-'), 'mau-nhap-lieu.xlsx');
    await writeWorkbook(templateWorkbook(), path, DATE);
    const loaded = await loadWorkbook((book) => {
      type(book, 'Đơn vị', [
        ['P', 'Đảng bộ tỉnh Mẫu', undefined, 'tỉnh'],
        ['001', 'Đảng bộ xã Một', 'P', 'cơ sở', 'xã', new Date(Date.UTC(2020, 0, 1))],
        ['G3', 'Chi bộ Trường Ba', 'P', 'cơ sở', 'đơn vị sự nghiệp'],
      ]);
      type(book, 'Đảng viên', [
        ['001', 2023, 120, undefined, 40],
        ['001', 2024, 125, undefined, 41],
        ['G3', 2024, 16, undefined, 10],
      ]);
      type(book, 'Kết nạp đảng viên', [
        ['001', 2024, 5, 4],
        ['G3', 2024, 1],
      ]);
      type(book, 'Chi bộ', [
        ['001', 2024, 3, undefined, undefined, 'hoàn thành xuất sắc nhiệm vụ'],
        ['G3', 2024, 0, undefined, undefined, 'hoàn thành tốt nhiệm vụ'],
      ]);
      type(book, 'Cấp ủy', [['001', '2020-2025', new Date(Date.UTC(2020, 7, 15)), 'có', 15]]);
      type(book, 'Chỉ tiêu nhiệm kỳ', [['001', '2020-2025', 'kết nạp cả nhiệm kỳ', '500']]);
    }, path);
    expect(loaded.problems).toEqual([]);
    expect(downloads(loaded.data)).toEqual(downloads(csv));
  });

  test('the next year’s template, its figures typed in, builds on its own with no problem', async () => {
    const content = nextYearContent(tables, 2025);
    const path = join(tempDir('next-year-'), 'mau-nam-2025.xlsx');
    await writeWorkbook(nextYearWorkbook(content), path, DATE);
    const loaded = await loadWorkbook((book) => {
      // The ids and the year are there already: only the figures are typed.
      for (const [sheet, figures] of [
        ['Đảng viên', [130, 17]],
        ['Kết nạp đảng viên', [6, 2]],
        ['Chi bộ', [3, 0]],
      ] as const) {
        const target = book.getWorksheet(sheet);
        if (!target) throw new Error(`no sheet ${sheet}`);
        figures.forEach((value, i) => {
          expect(target.getRow(i + 2).getCell(2).value).toBe(2025);
          target.getRow(i + 2).getCell(3).value = value;
        });
      }
    }, path);
    expect(loaded.problems).toEqual([]);
    expect(loaded.data.members.map((r) => [r.unit_id, r.year, r.members])).toEqual([
      ['001', 2025, 130],
      ['G3', 2025, 17],
    ]);
  });
});

test('the cleaned data workbook put back in a data folder builds the same data', async () => {
  const dir = tempDir('data-workbook-');
  const path = join(tempDir('written-'), 'du-lieu.xlsx');
  await writeWorkbook(dataWorkbook(tables), path, DATE);
  copyFileSync(path, join(dir, 'du-lieu.xlsx'));
  const loaded = await load(dir);
  expect(loaded.problems).toEqual([]);
  expect(downloads(loaded.data)).toEqual(downloads(csv));
});
