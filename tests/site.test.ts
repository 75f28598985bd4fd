import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { PAGE_LEVELS, slug } from '../src/model/units.ts';
import { unitsWithPage } from '../src/present/links.ts';

import { buildSite, ROOT as root, type BuiltSite } from './e2e/harness.ts';

let site: BuiltSite;
let out = '';
const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/** Visible text, so that figures are matched as a reader sees them. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ');

/** The row of the "Qua các năm" table for a year, as text. */
const yearRow = (html: string, year: number) => {
  const match = new RegExp(`<tr><th scope="row"[^>]*>${year}</th>([\\s\\S]*?)</tr>`).exec(html);
  return match ? text(match[1] ?? '') : '';
};

beforeAll(async () => {
  site = await buildSite('sample', { DATA_DIR: join(root, 'data'), CONTENT_DIR: join(root, 'content') });
  out = site.dir;
}, 300_000);
afterAll(() => site.remove());

describe('the sample site', () => {
  test('has a page for every province, district and grassroots unit, and none for cells that never were one', async () => {
    const { data, province } = await load(join(root, 'data'));
    if (!province) throw new Error('the sample data must load');
    const paged = unitsWithPage(province);
    const expected = data.units.filter((u) => PAGE_LEVELS.has(u.level)).map((u) => slug(u.id));
    const built = readdirSync(join(out, 'don-vi'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(out, 'don-vi', d.name, 'index.html')))
      .map((d) => d.name);
    expect(built.sort()).toEqual(expect.arrayContaining(expected.sort()));
    const cells = data.units.filter((u) => u.level === 'cell' && !paged.has(u.id)).map((u) => slug(u.id));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) expect(built).not.toContain(cell);
  });

  test('marks every page as illustrative data, in Vietnamese, with its as-of date', () => {
    for (const path of ['', 'don-vi/ht.tc', 'du-lieu']) {
      const html = page(path);
      expect(html).toContain('<html lang="vi"');
      expect(text(html)).toContain('Dữ liệu minh họa');
      expect(text(html)).toContain('Số liệu tính đến 31/12/2025');
    }
  });

  test('shows Thủy Châu with 20 cells and 294 members in 2022, as the seed article reports', () => {
    // Each trend chart carries its figures in its own table (src/components/Chart.astro).
    const chart = (id: string) =>
      new RegExp(`<figure[^>]*id="bieu-do-${id}"[\\s\\S]*?</figure>`).exec(page('don-vi/ht.tc'))?.[0] ?? '';
    expect(yearRow(chart('chi-bo'), 2022).trim()).toBe('20');
    expect(yearRow(chart('dang-vien'), 2022).trim()).toBe('294');
  });

  test('speaks of the city of Huế today, and of a new ward committee directly under it', () => {
    expect(text(page(''))).toContain('Đảng bộ thành phố Huế');
    expect(text(page('don-vi/hue.pht'))).toContain('Đảng bộ phường Hương Thủy');
  });

  test('formats large numbers the Vietnamese way', () => {
    expect(text(page(''))).toMatch(/\d{1,3}\.\d{3}/);
    expect(text(page(''))).not.toMatch(/\d,\d{3}\b/);
  });

  test('never prints undefined, NaN or null on a page', () => {
    for (const path of ['', 'don-vi/ht', 'don-vi/ht.tc', 'du-lieu']) {
      expect(text(page(path))).not.toMatch(/\b(undefined|NaN|null)\b/);
    }
  });

  test('offers the cleaned CSV files with a byte-order mark for Excel', () => {
    const units = readFileSync(join(out, 'du-lieu', 'units.csv'));
    expect([...units.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(units.toString('utf8')).toContain('Đảng bộ phường Thủy Châu');
  });
});
