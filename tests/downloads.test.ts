import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { downloadCsv, downloads, qualityCsv } from '../src/present/downloads.ts';
import type { Dataset } from '../src/read/dataset.ts';
import { dataDir } from './helpers.ts';

/** More lines than one encoding chunk (10,000), so chunk boundaries are crossed twice. */
const UNITS = 2_501;
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

let data: Dataset;
beforeAll(async () => {
  const units = ['id,name,parent_id,level', 'P,Đảng bộ tỉnh Mẫu,,province'];
  const members = ['unit_id,year,members'];
  for (let u = 0; u < UNITS; u++) {
    units.push(`G${u},Đảng bộ xã Số ${u},P,grassroots`);
    for (const year of YEARS) members.push(`G${u},${year},${u + year}`);
  }
  const loaded = await load(dataDir({ 'units.csv': units.join('\n'), 'members.csv': members.join('\n') }));
  data = loaded.data;
});

const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('cleaned CSV downloads', () => {
  test('lists each present file with its title and row count, without making the file', () => {
    expect(downloads(data).map((d) => [d.file, d.rows])).toEqual([
      ['units.csv', UNITS + 1],
      ['members.csv', UNITS * YEARS.length],
    ]);
  });

  test('a file longer than one chunk keeps every row once, in order, with BOM and CRLF', () => {
    const text = decode(downloadCsv(data, 'members.csv'));
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(1, -2).split('\r\n');
    expect(lines).toHaveLength(1 + UNITS * YEARS.length);
    expect(lines[0]?.startsWith('Mã đơn vị,Năm,Tổng số đảng viên,')).toBe(true);
    // Rows are written as read: unit u, year y has u + y members.
    const wrong = lines.slice(1).filter((line, i) => {
      const u = Math.floor(i / YEARS.length);
      const year = YEARS[i % YEARS.length] ?? 0;
      return !line.startsWith(`G${u},${year},${u + year}`);
    });
    expect(wrong).toEqual([]);
  });

  test('a file the data does not have is refused', () => {
    expect(() => downloadCsv(data, 'cells.csv')).toThrow(/cells\.csv/);
  });

  test('the data-quality report with no problems is its header line alone', () => {
    expect(decode(qualityCsv([]))).toBe('\uFEFFMức,Tệp,Dòng,Cột,Khóa cột,Giá trị,Vấn đề,Cách sửa\r\n');
  });
});
