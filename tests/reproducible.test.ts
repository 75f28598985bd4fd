/**
 * The same data builds the same bytes: no build-time clock, random id, machine time zone or
 * output path in any file, and a stable order everywhere. A published site can then be checked
 * by rebuilding it, and a changed file always means changed data.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runBuild } from './e2e/harness.ts';
import { fixture, forgetInputs } from './helpers.ts';
import { differences, snapshot } from './folder-hash.ts';

/** The publication time a reproducible build records (reproducible-builds.org): 01/01/2026 07:00 in Vietnam. */
const SOURCE_DATE_EPOCH = '1767225600';

const build = (outDir: string, env: Record<string, string>) =>
  runBuild({
    DATA_DIR: fixture('hostile'),
    CONTENT_DIR: join(fixture('hostile'), 'content'),
    OUT_DIR: outDir,
    SITE_URL: 'https://tochuc.example.gov.vn',
    SOURCE_DATE_EPOCH,
    ...env,
  });

describe('the same data builds a byte-identical site', () => {
  // Inside the project (see publish.test.ts): Astro's staging must not be shared between builds.
  // Named, not created, here: collecting the tests (e.g. with -t) must leave nothing behind.
  const work = join(ROOT, 'tests', '.output', `reproducible-${process.pid}`);
  const first = join(work, 'a', 'dist');
  const second = join(work, 'somewhere', 'else', 'site');
  let one: Record<string, string> = {};
  let two: Record<string, string> = {};
  let again: Record<string, string> = {};

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    // Different time zones and locales, different folders, one after the other.
    await build(first, { TZ: 'UTC', LANG: 'C' });
    one = snapshot(first);
    await build(second, { TZ: 'Asia/Ho_Chi_Minh', LANG: 'vi_VN.UTF-8' });
    two = snapshot(second);
    // Rebuilding the published site in place with unchanged data changes nothing either (run
    // through, not kept as it is: see forgetInputs).
    await forgetInputs(first);
    await build(first, { TZ: 'America/Los_Angeles' });
    again = snapshot(first);
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('the site has pages, assets, downloads and a search index (so equality means something)', () => {
    const paths = Object.keys(one);
    expect(paths).toEqual(
      expect.arrayContaining([
        'index.html',
        'don-vi/p/index.html',
        'du-lieu/units.csv',
        'du-lieu/du-lieu.xlsx',
        'du-lieu/mau-nhap-lieu.xlsx',
        'sitemap.xml',
      ]),
    );
    expect(paths.some((p) => p.startsWith('_astro/'))).toBe(true);
    expect(paths.some((p) => p.startsWith('pagefind/'))).toBe(true);
  });

  test('two builds into different folders, time zones and locales give the same files and bytes', () => {
    expect(differences(one, two)).toEqual([]);
  });

  test('rebuilding in place with unchanged data gives the same files and bytes', () => {
    expect(differences(one, again)).toEqual([]);
  });

  test('the publication time on the updates page and in its feed is SOURCE_DATE_EPOCH', () => {
    expect(readFileSync(join(first, 'cap-nhat', 'feed.xml'), 'utf8')).toContain(
      '<updated>2026-01-01T00:00:00Z</updated>',
    );
    expect(readFileSync(join(first, 'cap-nhat', 'index.html'), 'utf8')).toContain(
      'lúc 07:00 ngày 01/01/2026',
    );
  });

  test('no file carries the build date or the output folder', () => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const today = [
      `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
      `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`,
    ];
    const found: string[] = [];
    for (const path of Object.keys(one).filter((p) => /\.(?:html|xml|json|csv|txt|js|css)$/.test(p))) {
      const text = readFileSync(join(first, path), 'utf8');
      for (const mark of [...today, work, ROOT]) if (text.includes(mark)) found.push(`${path}: ${mark}`);
    }
    expect(found).toEqual([]);
  });
});
