/**
 * The updates page and its feed across real builds: a first publication, then other data (a
 * rename and a figure that no longer balances, which raises data warnings). Readers see names,
 * times and anchors; the warnings' file, line and fix stay on the data-quality report.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { buildInProcess } from './e2e/harness.ts';
import { fixture, tempDir } from './helpers.ts';

const work = tempDir('changes-');
const data = join(work, 'data');
const site = join(work, 'site', 'dist');
const build = (publishedAt: string) =>
  buildInProcess({ dataDir: data, contentDir: undefined, outDir: site, publishedAt: new Date(publishedAt) });
const read = (path: string) => readFileSync(join(site, path), 'utf8');
let first = { page: '', feed: '' };
let second = { page: '', feed: '' };
let again = { page: '', feed: '' };

beforeAll(async () => {
  cpSync(fixture('basic'), data, { recursive: true });
  await build('2025-03-10T13:30:00Z');
  first = { page: read('cap-nhat/index.html'), feed: read('cap-nhat/feed.xml') };
  const units = join(data, 'units.csv');
  writeFileSync(units, readFileSync(units, 'utf8').replace('Đảng bộ xã An Bình', 'Đảng bộ xã An Bình Mới'));
  const members = join(data, 'members.csv');
  writeFileSync(members, readFileSync(members, 'utf8').replace('G2;2021;16;', 'G2;2021;17;'));
  await build('2025-04-02T01:15:00Z');
  second = { page: read('cap-nhat/index.html'), feed: read('cap-nhat/feed.xml') };
  // The same data published again a day later: nothing about the publications changes.
  await build('2025-04-03T09:00:00Z');
  again = { page: read('cap-nhat/index.html'), feed: read('cap-nhat/feed.xml') };
}, 120_000);

test('the first publication says when it happened, in Vietnam time', () => {
  expect(first.page).toContain(
    'Đây là lần xuất bản đầu tiên của trang số liệu này, lúc 20:30 ngày 10/03/2025',
  );
  expect(first.page).toContain('id="lan-1"');
  expect(first.feed).toContain('<updated>2025-03-10T13:30:00Z</updated>');
});

test('a later publication lists each publication with its time and anchor, the feed links each anchor', () => {
  expect(second.page).toContain('Lần xuất bản gần nhất là lần thứ 2, lúc 08:15 ngày 02/04/2025');
  expect(second.page).toMatch(/<li id="lan-2">.*lúc 08:15 ngày 02\/04\/2025/s);
  expect(second.page).toMatch(/<li id="lan-1">.*lúc 20:30 ngày 10\/03\/2025/s);
  const entries = [...second.feed.matchAll(/<entry>.*?<updated>(.*?)<\/updated>.*?href="(.*?)"/gs)];
  expect(entries.map((e) => [e[1], e[2]])).toEqual([
    ['2025-04-02T01:15:00Z', '/cap-nhat/#lan-2'],
    ['2025-03-10T13:30:00Z', '/cap-nhat/#lan-1'],
  ]);
  expect(second.feed).toMatch(/<feed[^]*?<updated>2025-04-02T01:15:00Z<\/updated>/);
});

test('readers see unit names and warning counts, never file:line, fixes or unit ids', () => {
  expect(second.page).toContain('Đảng bộ xã An Bình Mới');
  expect(second.page).toMatch(/\d+ cảnh báo dữ liệu mới/);
  expect(second.page).toContain('báo cáo chất lượng dữ liệu');
  const main = /<main[^]*<\/main>/.exec(second.page)?.[0] ?? '';
  expect(main).not.toMatch(/\.csv:\d+|Cách sửa|\bG[1-4]\b/);
});

test('publishing the same data again keeps the page and feed as they were', () => {
  expect(again).toEqual(second);
});
