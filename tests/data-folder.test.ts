import { cpSync, mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCached } from '../src/build/cache.ts';
import { load } from '../src/build/project.ts';
import { isInside, listDataFolder } from '../src/read/data-folder.ts';
import { fixture, tempDir } from './helpers.ts';

/** The basic fixture in a fresh folder, a secret file beside it (outside), and a cache. */
function setup() {
  const dir = tempDir('folder-');
  const data = join(dir, 'data');
  cpSync(fixture('basic'), data, { recursive: true });
  const secret = join(dir, 'bi-mat.csv');
  writeFileSync(secret, 'Họ tên đảng viên bị kỷ luật,Số CCCD\nNguyễn Văn A,012345678901\n');
  return { dir, data, secret, cache: join(dir, 'cache') };
}

describe('the data folder', () => {
  test('a data file that links outside the folder is refused, and nothing reads its bytes', async () => {
    const { dir, data, secret, cache } = setup();
    // The same folder without that file: what hashing must see.
    const without = join(dir, 'without');
    cpSync(data, without, { recursive: true });
    renameSync(join(without, 'admissions.csv'), join(dir, 'admissions.csv'));
    renameSync(join(data, 'admissions.csv'), join(dir, 'moved.csv'));
    symlinkSync(secret, join(data, 'admissions.csv'));

    const loaded = await load(data);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.file])).toEqual([['link-outside', 'admissions.csv']]);
    expect(errors[0]?.message).toMatch(/liên kết \(symbolic link\) tới một tệp nằm ngoài thư mục dữ liệu/);
    expect(JSON.stringify(loaded.problems)).not.toMatch(/Họ tên|CCCD|Nguyễn/);
    expect(loaded.data.sources.get('admissions.csv')?.present).toBe(false);

    const cached = await loadCached(data, cache);
    expect([...cached.fileHashes.keys()]).not.toContain('admissions.csv');
    const dataHash = async (dir: string) => (await loadCached(dir, undefined)).dataHash;
    expect(await dataHash(data)).toBe(await dataHash(without));
  });

  test('a link to a file inside the folder is read as that file', async () => {
    const { data } = setup();
    mkdirSync(join(data, 'ban-goc'));
    renameSync(join(data, 'members.csv'), join(data, 'ban-goc', 'dang-vien-2021.csv'));
    symlinkSync(join('ban-goc', 'dang-vien-2021.csv'), join(data, 'members.csv'));
    const loaded = await load(data);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.data.members.length).toBeGreaterThan(0);
  });

  test('a link to a file inside the folder whose name starts with two dots is read', async () => {
    const { data } = setup();
    renameSync(join(data, 'members.csv'), join(data, '..dang-vien.csv'));
    symlinkSync('..dang-vien.csv', join(data, 'members.csv'));
    const loaded = await load(data);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.data.members.length).toBeGreaterThan(0);
  });

  const root = join(sep, 'du-lieu', 'hue');
  test.each([
    [join(root, 'units.csv'), true],
    [join(root, '..units.csv'), true],
    [join(root, '...', 'units.csv'), true],
    [root, false],
    [join(root, '..'), false],
    [join(root, '..', 'bi-mat.csv'), false],
    [join(sep, 'du-lieu', 'hue-cu', 'units.csv'), false],
  ])('isInside(%s) is %s', (target, expected) => {
    expect(isInside(root, target)).toBe(expected);
  });

  test('two files whose names differ only by case: one error naming both, and no "missing file"', async () => {
    const { data } = setup();
    cpSync(join(data, 'units.csv'), join(data, 'UNITS.CSV'));
    const folder = await listDataFolder(data);
    expect(folder?.files.has('units.csv')).toBe(false);
    expect(folder?.problems.map((p) => [p.code, p.file, p.message])).toEqual([
      [
        'duplicate-file',
        'units.csv',
        'có 2 tệp cùng tên, chỉ khác chữ hoa, chữ thường: UNITS.CSV, units.csv. Không biết tệp nào là dữ liệu đúng nên không đọc tệp nào',
      ],
    ]);
    const loaded = await load(data);
    expect(loaded.problems.map((p) => p.code)).not.toContain('missing-file');
    expect(loaded.province).toBeUndefined();
  });

  test('a folder named like a data file is reported, not a crash', async () => {
    const { data } = setup();
    renameSync(join(data, 'cells.csv'), join(data, 'cells-cu.txt'));
    mkdirSync(join(data, 'Cells.csv'));
    const loaded = await load(data);
    expect(loaded.problems.find((p) => p.file === 'cells.csv')).toMatchObject({
      code: 'unreadable-file',
      message: 'không mở được tệp (là thư mục)',
    });
  });
});
