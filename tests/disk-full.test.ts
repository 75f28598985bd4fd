/**
 * A full disk at any step of a build ends in one Vietnamese message with the room the site needs,
 * exit 1, the published site byte for byte as it was and nothing left beside it: never a Pagefind
 * panic, nor a build that hangs until Node gives up (exit 13).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bytesNeeded, diskFullMessage, isDiskFull } from '../src/build/disk-full.ts';
import { snapshot } from './folder-hash.ts';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const PRELOAD = join(import.meta.dirname, 'fixtures', 'disk-full', 'preload.mjs');

// With the site's address the build writes a sitemap: one more write that may find the disk full.
const SITE_URL = 'https://tochuc.example.gov.vn';

const build = (dataDir: string, outDir: string, env: Record<string, string> = {}) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['src/cli/build.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir, BASE_PATH: '', SITE_URL, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });

/** Two data sets that give different sites: the published one, and an update. */
function dataSets(work: string) {
  const old = join(work, 'data-old');
  const update = join(work, 'data-new');
  cpSync(fixture('basic'), old, { recursive: true });
  cpSync(fixture('basic'), update, { recursive: true });
  const units = readFileSync(join(old, 'units.csv'), 'utf8');
  writeFileSync(join(update, 'units.csv'), units.replace('Đảng bộ huyện Hai', 'Đảng bộ huyện Hai Mới'));
  return { old, update };
}

/** What a failed build must leave: the site as it was, and beside it only what was there. */
function expectUntouched(
  result: { code: number | null; out: string },
  site: Record<string, string>,
  out: string,
) {
  expect(result.code, result.out).toBe(1);
  expect(result.out).toContain('ổ đĩa đã đầy');
  expect(result.out).toMatch(/Trang web cần khoảng [\d.,]+ MB/);
  expect(result.out).not.toMatch(/panicked|unsettled top-level await|at .*\.js:\d+/);
  expect(snapshot(out)).toEqual(site);
  expect(readdirSync(join(out, '..')).filter((name) => /^\.dist-(moi|cu|khoa)|\.tmp$/.test(name))).toEqual(
    [],
  );
}

describe('a full disk is recognised in every writer’s words', () => {
  const errno = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  test.each([
    ['a file system error', errno, true],
    ['an exceeded quota', Object.assign(new Error('quota'), { code: 'EDQUOT' }), true],
    ['a wrapped error whose cause is a full disk', new Error('Astro failed', { cause: errno }), true],
    [
      'Pagefind’s panic',
      new Error('Pagefind dừng đột ngột (mã thoát 101): Os { code: 28, kind: StorageFull }'),
      true,
    ],
    ['Astro’s message text', new Error('[ENOSPC] no space left on device, open /x'), true],
    ['a missing folder', Object.assign(new Error('ENOENT'), { code: 'ENOENT' }), false],
    ['a plain failure', new Error('render failed'), false],
  ])('%s: %s', (_, cause, full) => {
    expect(isDiskFull(cause)).toBe(full);
  });

  test('the message says how much is free, about how much is needed, and what to do', () => {
    const out = join(tempDir('msg-'), 'dist');
    const message = diskFullMessage(out, [join(out, '..')], bytesNeeded(0, 1500));
    expect(message).toContain('còn trống');
    expect(message).toContain('Trang web cần khoảng 63 MB');
    expect(message).toContain('Cách sửa:');
  });
});

describe('a disk that fills during a build (faked at each step)', () => {
  const work = tempDir('full-fake-');
  const out = join(work, 'site', 'dist');
  const { old, update } = dataSets(work);
  let site: Record<string, string> = {};
  beforeAll(async () => {
    const first = await build(old, out);
    expect(first.code, first.out).toBe(0);
    site = snapshot(out);
  });

  // Each step's first write fails: Astro's pages, the site's record, the sitemap, the page manifest.
  test.each([
    ['rendering the pages', '/don-vi/'],
    ['writing the site’s record', '.thong-ke.json'],
    ['writing the sitemap', 'sitemap.xml'],
    ['writing the page manifest', '-trang.json'],
  ])('%s: exit 1, the message, the site untouched, nothing left', async (_, path) => {
    const result = await build(update, out, {
      NODE_OPTIONS: `--import=${PRELOAD}`,
      THONG_KE_TEST_DISK_FULL: path,
    });
    expectUntouched(result, site, out);
  });
});

/** A small memory disk, where the machine lets the tests mount one (root on Linux). */
function mountSmallDisk(dir: string, size: string): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

const probe = tempDir('mount-probe-');
const canMount = mountSmallDisk(probe, '64k') && spawnSync('umount', [probe]).status === 0;

describe.runIf(canMount)('a really full disk (a small tmpfs) under the output', () => {
  const work = tempDir('full-real-');
  const disk = join(work, 'disk');
  const out = join(disk, 'dist');
  const { old, update } = dataSets(work);
  let site: Record<string, string> = {};
  beforeAll(async () => {
    expect(mountSmallDisk(disk, '24m')).toBe(true);
    const first = await build(old, out);
    expect(first.code, first.out).toBe(0);
    site = snapshot(out);
  });
  afterAll(() => {
    spawnSync('umount', [disk]);
    rmSync(work, { recursive: true, force: true });
  });

  // Little room left: the search index (in Pagefind's own process) or the copy of the pages fills it.
  test.each([
    ['100 KB', 100 * 1024],
    ['500 KB', 500 * 1024],
  ])('with %s free: exit 1, the message, the site untouched, nothing left', async (_, free) => {
    const { bavail, bsize } = statfsSync(disk);
    const filler = join(disk, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - free)));
    try {
      const result = await build(update, out);
      expectUntouched(result, site, out);
      expect(result.out).toContain(`${disk}: còn trống`);
    } finally {
      rmSync(filler);
    }
  });
});
