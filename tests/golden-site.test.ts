import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';

/**
 * One whole fixture site, pinned as golden files. A change in any page's markup shows up as a
 * diff to review; refresh with `npx vitest run tests/golden-site.test.ts -u` (never in CI).
 */
const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const out = join(mkdtempSync(join(tmpdir(), 'golden-')), 'dist');

beforeAll(async () => {
  await run('npx', ['tsx', 'src/cli/build.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: 'tests/fixtures/basic',
      CONTENT_DIR: 'tests/fixtures/no-content',
      OUT_DIR: out,
      BASE_PATH: '',
    },
  });
}, 300_000);

const pages = [
  'index.html',
  'don-vi/d1/index.html',
  'don-vi/g1/index.html',
  'du-lieu/index.html',
  'du-lieu/members.csv',
];

test.each(pages)('%s matches its golden file', async (path) => {
  // Astro compresses HTML onto few lines; one tag per line keeps golden diffs readable.
  const body = readFileSync(join(out, path), 'utf8').replace(/></g, '>\n<');
  await expect(body).toMatchFileSnapshot(join('golden', 'site', 'basic', path));
});
