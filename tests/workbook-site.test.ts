/**
 * The sample kept as one workbook (tests/fixtures/workbook/du-lieu.xlsx, made from data/ by
 * `npm run gen:xlsx-fixture`) builds the same site as the sample's CSV files: the workbook path
 * changes where rows come from, never what is published; only the data version (a hash of the
 * bytes read) differs.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildInProcess, ROOT } from './e2e/harness.ts';
import { fixture } from './helpers.ts';
import { differences, snapshot } from './folder-hash.ts';

// Inside the project (see publish.test.ts): Astro's staging must not be shared between builds.
const work = join(ROOT, 'tests', '.output', `workbook-site-${process.pid}`);
const fromCsv = join(work, 'csv', 'dist');
const fromWorkbook = join(work, 'xlsx', 'dist');

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const settings = { contentDir: join(ROOT, 'content'), publishedAt: new Date('2026-01-01T00:00:00Z') };
  await buildInProcess({ ...settings, dataDir: join(ROOT, 'data'), outDir: fromCsv });
  await buildInProcess({ ...settings, dataDir: fixture('workbook'), outDir: fromWorkbook });
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A file's text with the data version (the hash of the data files' bytes, and the feed entry id
 * made from it) written as `DATA`: the one thing that differs, since the bytes read differ.
 */
function withoutDataVersion(site: string, file: string): string {
  const text = readFileSync(join(site, file), 'utf8');
  const { dataHash } = JSON.parse(readFileSync(join(site, 'du-lieu', 'snapshot.json'), 'utf8')) as {
    dataHash: string;
  };
  const uuid = /^(.{8})(.{4})(.{4})(.{4})(.{12})/.exec(dataHash)?.slice(1).join('-') ?? dataHash;
  return text.replaceAll(dataHash, 'DATA').replaceAll(uuid, 'DATA');
}

test('the site built from the workbook is the site built from the CSV files, but for the data version', () => {
  const differing = differences(snapshot(fromCsv), snapshot(fromWorkbook));
  expect(differing).toEqual(['cap-nhat/feed.xml', 'du-lieu/snapshot.json']);
  for (const file of differing) {
    expect(withoutDataVersion(fromWorkbook, file)).toBe(withoutDataVersion(fromCsv, file));
  }
});
