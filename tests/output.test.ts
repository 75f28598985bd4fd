/**
 * The swap deletes whatever is at OUT_DIR: a build publishes only into a folder this tool made, a
 * new or an empty one, and refuses any other at once, in Vietnamese, touching nothing there.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { outputRefusal, SITE_RECORD, SITE_RECORD_TEXT, type Places } from '../src/build/output.ts';
import { manifestPath } from '../src/build/manifest.ts';
import { snapshot } from './folder-hash.ts';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
// /dev/shm is a memory file system mounted on Linux's /dev.
const shmMounted = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync('/dev').dev;

/** An office's folders: the data, the Markdown, a portal's web root, a site published earlier. */
function office() {
  const base = tempDir('office-');
  const make = (path: string, files: Record<string, string>) => {
    mkdirSync(join(base, path), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(base, path, name), text);
    return join(base, path);
  };
  const places: Places = {
    data: make('data', { 'units.csv': 'id,name\n' }),
    content: make('content', { 'index.md': '# Tỉnh\n' }),
    project: ROOT,
    cwd: make('cwd', { 'report.docx': 'báo cáo' }),
    home: make('home', { '.bashrc': '' }),
  };
  const webRoot = make('www', { 'index.html': 'cổng thông tin' });
  const site = make('www/thong-ke', { [SITE_RECORD]: SITE_RECORD_TEXT, 'index.html': 'trang' });
  const older = make('www/thong-ke-cu', { 'index.html': 'trang cũ' });
  writeFileSync(manifestPath(older), JSON.stringify({ format: 1, code: 'x', pages: {} }));
  make('empty', {});
  writeFileSync(join(base, 'note.txt'), 'ghi chú');
  symlinkSync(site, join(base, 'link'));
  return { base, places, webRoot, site };
}

describe('which OUT_DIR a build accepts', () => {
  const { base, places } = office();
  const cases: [string, string, string | undefined][] = [
    ['a folder not made yet', join(base, 'www', 'moi'), undefined],
    ['an empty folder', join(base, 'empty'), undefined],
    ['a site this tool published (its record inside)', join(base, 'www', 'thong-ke'), undefined],
    [
      'a site published before the record existed (its manifest beside)',
      join(base, 'www', 'thong-ke-cu'),
      undefined,
    ],
    ['the data folder', places.data, 'chính là thư mục dữ liệu'],
    ['a folder holding the data folder', base, 'chứa thư mục dữ liệu'],
    ['a folder inside the data folder', join(places.data, 'site'), 'nằm trong thư mục dữ liệu'],
    ['the Markdown folder', places.content ?? '', 'chính là thư mục nội dung Markdown'],
    ['the project', ROOT, 'chính là thư mục của chương trình'],
    // Wherever the clone is (under /tmp the folder above it also holds the test's data folders).
    ['the folder above the project', dirname(ROOT), 'chứa thư mục'],
    ['the working folder (OUT_DIR=.)', places.cwd, 'chính là thư mục đang làm việc'],
    ['a folder holding the home folder', dirname(places.home), 'chứa thư mục dữ liệu'],
    ['the home folder', places.home, 'chính là thư mục cá nhân'],
    ['the root of the disk', '/', 'thư mục gốc'],
    ['a file', join(base, 'note.txt'), 'là một tệp'],
    ['a symbolic link', join(base, 'link'), 'liên kết'],
    ['a portal web root holding other pages', join(base, 'www'), `OUT_DIR=${join(base, 'www', 'thong-ke')}`],
    [
      'a folder inside a published site',
      join(base, 'www', 'thong-ke', 'con'),
      'nằm bên trong trang web đã xuất bản',
    ],
  ];
  if (shmMounted) cases.push(['a mounted disk (/dev/shm)', '/dev/shm', 'OUT_DIR=/dev/shm/thong-ke']);
  test.each(cases)('%s: %s', (_, outDir, refused) => {
    const why = outputRefusal(outDir, places);
    if (refused === undefined) expect(why).toBeUndefined();
    else {
      expect(why).toContain(refused);
      expect(why).toContain('Cách sửa:');
    }
  });
});

const build = (env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['src/cli/build.ts'], {
      cwd: ROOT,
      env: { ...process.env, BASE_PATH: '', SITE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });

describe('a refused OUT_DIR: the build stops before reading anything and changes nothing there', () => {
  const cases: [string, (dirs: { base: string; data: string; webRoot: string }) => string][] = [
    ['the data folder', ({ data }) => data],
    ['the folder that holds the data', ({ base }) => base],
    ['a portal web root with its own pages', ({ webRoot }) => webRoot],
    ['a file', ({ base }) => join(base, 'note.txt')],
  ];
  test.each(cases)('%s', async (_, pick) => {
    const { base, webRoot } = office();
    const data = join(base, 'data');
    cpSync(fixture('basic'), data, { recursive: true });
    const before = snapshot(base);
    const parent = readdirSync(dirname(base)).sort();
    const { code, out } = await build({ DATA_DIR: data, OUT_DIR: pick({ base, data, webRoot }) });
    expect(code, out).toBe(1);
    expect(out).toContain('Không xuất bản');
    expect(out).not.toContain('Đọc dữ liệu');
    expect(snapshot(base)).toEqual(before);
    expect(readdirSync(dirname(base)).sort()).toEqual(parent);
  });
});

test.runIf(shmMounted)(
  'a mounted disk as OUT_DIR: the build stops at once and touches nothing there',
  async () => {
    const result = await build({ DATA_DIR: fixture('basic'), OUT_DIR: '/dev/shm' });
    expect(result.code).toBe(1);
    expect(result.out).toContain('mount point');
    expect(result.out).not.toContain('Đọc dữ liệu');
    // A staging folder would have been /dev/.shm-moi-<pid>, the lock /dev/.shm-khoa.
    expect(readdirSync('/dev').filter((name) => name.startsWith('.shm-'))).toEqual([]);
  },
);
