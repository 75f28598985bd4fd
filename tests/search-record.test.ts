import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import {
  searchPart,
  searchPartCount,
  searchParts,
  searchPartSizeFrom,
  searchExample,
  searchRecord,
} from '../src/present/search.ts';
import { unitHeading } from '../src/present/unit-view.ts';
import { fixture } from './helpers.ts';

/**
 * The search index is made from the model, not from the built pages: what a result shows must
 * still be what the unit's page says (the golden pages are the built output of the same fixture).
 */
let province: Province;
beforeAll(async () => {
  const loaded = await load(fixture('basic'));
  if (!loaded.province) throw new Error('basic fixture does not load');
  province = loaded.province;
});

const golden = (path: string) =>
  readFileSync(join(import.meta.dirname, 'golden', 'site', 'basic', path, 'index.html'), 'utf8');

test.each([
  ['G1', 'don-vi/g1/'],
  ['D1', 'don-vi/d1/'],
])('the record of %s carries its page’s heading and the line under it', (id, path) => {
  const record = searchRecord(path, unitHeading(province, id));
  const html = golden(path);
  const heading = /<h1>([^<]+)<\/h1>/.exec(html)?.[1];
  const about = /<\/h1>\s*<p class="muted">([^<]+)<\/p>/.exec(html)?.[1];
  expect(record.url).toBe(`/${path}`);
  expect(record.meta).toEqual({ title: heading, mo_ta: about });
});

test('a record holds the name as written and without diacritics, so "dong" finds "Đông"', () => {
  const record = searchRecord('don-vi/g3/', unitHeading(province, 'G3'));
  expect(record.content).toBe('Đảng bộ phường Đông Dang bo phuong Dong');
});

test('records say whether the unit exists today, so the search page lists today’s units first', async () => {
  const loaded = await load(fixture('restructuring'));
  const reorganized = loaded.province;
  if (!reorganized) throw new Error('restructuring fixture does not load');
  const status = (id: string) => searchRecord('x/', unitHeading(reorganized, id)).filters.tinh_trang;
  expect(status('TN.P10')).toEqual(['hien-nay']);
  expect(status('TN.P08')).toEqual(['da-ket-thuc']); // merged into TN.P10 on 01/07/2015
  expect(status('TN.S13')).toEqual(['da-ket-thuc']); // dissolved
});

describe('the search index in parts', () => {
  test.each([
    [0, 1],
    [1_500, 1],
    [4_000, 1],
    [4_001, 2],
    [52_000, 13],
  ])('%i unit pages make %i part(s)', (records, parts) => {
    expect(searchPartCount(records)).toBe(parts);
  });

  test('units spread evenly over the parts', () => {
    const ids = Array.from({ length: 52_000 }, (_, i) => `CS${String(i + 1).padStart(5, '0')}`);
    const parts = searchPartCount(ids.length);
    const sizes = new Array<number>(parts).fill(0);
    for (const id of ids) {
      const part = searchPart(id, parts);
      sizes[part] = (sizes[part] ?? 0) + 1;
    }
    const even = ids.length / parts;
    expect(Math.min(...sizes)).toBeGreaterThan(even * 0.9);
    expect(Math.max(...sizes)).toBeLessThan(even * 1.1);
  });

  test('a part no unit falls in is left out, the others come in part order', () => {
    const record = (unitId: string) => ({
      unitId,
      record: searchRecord(`don-vi/${unitId}/`, unitHeading(province, unitId)),
    });
    const units = ['P', 'D1', 'G1', 'G2', 'G3'];
    const cut = searchParts(units.map(record), 1);
    expect(cut.count).toBe(5);
    // Two of these units share a part, so one part is empty.
    expect(cut.records.size).toBeLessThan(cut.count);
    const expected = [...new Set(units.map((id) => searchPart(id, 5)))].sort((a, b) => a - b);
    expect([...cut.records.keys()]).toEqual(expected);
    expect([...cut.records.values()].flat()).toHaveLength(units.length);
  });

  test.each([
    [undefined, 4000],
    ['', 4000],
    ['1', 1],
    [' 2500 ', 2500],
  ])('THONG_KE_SEARCH_PART_SIZE=%j cuts parts of %i', (setting, size) => {
    expect(searchPartSizeFrom({ THONG_KE_SEARCH_PART_SIZE: setting })).toBe(size);
  });

  test.each(['4.000', '4,000', '0', '-5', '1e3', 'bốn nghìn'])(
    'THONG_KE_SEARCH_PART_SIZE=%j is refused with a message saying how to write it',
    (setting) => {
      expect(() => searchPartSizeFrom({ THONG_KE_SEARCH_PART_SIZE: setting })).toThrow(
        /THONG_KE_SEARCH_PART_SIZE=".*" không hợp lệ: cần một số nguyên dương viết liền.*ví dụ 4000/,
      );
    },
  );
});

test('a renamed unit is found by its former name too, with or without diacritics', () => {
  const record = searchRecord('don-vi/p/', unitHeading(province, 'P'), ['Đảng bộ tỉnh Cũ']);
  expect(record.content).toContain('Đảng bộ tỉnh Cũ');
  expect(record.content).toContain('Dang bo tinh Cu');
  expect(record.meta.title).toBe(unitHeading(province, 'P').name);
});

describe('the search box’s example', () => {
  test.each([
    // The first of today's communes by name, as a reader would type it.
    ['basic', 'an binh'],
    // Its communes merged in 2025: the example is today's commune, not an ended one.
    ['reorganization', 'an binh'],
    // No commune at all: the first ward.
    ['restructuring', 'an cu'],
  ])('comes from the %s data: “%s”', async (name, example) => {
    const loaded = await load(fixture(name));
    if (!loaded.province) throw new Error(`${name} fixture does not load`);
    expect(searchExample(loaded.province)).toBe(example);
  });
});

test('the sample’s search example is one of its communes of today', async () => {
  const loaded = await load(join(import.meta.dirname, '..', 'data'));
  if (!loaded.province) throw new Error('the sample does not load');
  expect(searchExample(loaded.province)).toBe('a luoi 1');
});
