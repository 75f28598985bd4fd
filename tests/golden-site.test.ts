import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildSite, type BuiltSite } from './e2e/harness.ts';

/**
 * One whole fixture site, pinned as golden files. A change in any page's markup shows up as a
 * diff to review; refresh with `npx vitest run tests/golden-site.test.ts -u` (never in CI).
 */
let site: BuiltSite;

beforeAll(async () => {
  site = await buildSite('basic', {}, { inProcess: true });
}, 300_000);
afterAll(() => site.remove());

const pages = [
  'index.html',
  'don-vi/d1/index.html',
  'don-vi/g1/index.html',
  'du-lieu/index.html',
  'du-lieu/members.csv',
];

test.each(pages)('%s matches its golden file', async (path) => {
  // Astro compresses HTML onto few lines; one tag per line keeps golden diffs readable.
  const body = readFileSync(join(site.dir, path), 'utf8').replace(/></g, '>\n<');
  await expect(body).toMatchFileSnapshot(join('golden', 'site', 'basic', path));
});
