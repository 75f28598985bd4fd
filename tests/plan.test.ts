/**
 * What a build takes from the published site: one rule for every kind of file (same hash, same
 * code, its files still there), and the whole site only when every input is the same.
 */
import { describe, expect, test } from 'vitest';
import type { PageManifest } from '../src/build/manifest.ts';
import { planBuild, type BuildKeys } from '../src/build/plan.ts';

const LAYOUT = {
  page: (path: string) => `${path}index.html`,
  searchPart: (part: number) => `pagefind/${part}/pagefind.js`,
  download: (file: string) => `du-lieu/${file}`,
  image: (file: string) => file,
};

const keys: BuildKeys = {
  code: 'code-1',
  inputs: 'inputs-1',
  pages: new Map([
    ['don-vi/a/', 'hash-a'],
    ['don-vi/b/', 'hash-b2'],
    ['don-vi/c/', 'hash-c'],
  ]),
  search: new Map([
    [0, 'part-0'],
    [1, 'part-1b'],
  ]),
  downloads: new Map([
    ['members.csv', 'm'],
    ['units.csv', 'u2'],
  ]),
  images: new Map([
    ['anh/p/dang-vien.png', 'chart-p'],
    ['anh/p/chia-se.png', 'card-p2'],
    ['anh/d/dang-vien.png', 'chart-d'],
  ]),
};

const published: PageManifest = {
  format: 1,
  code: 'code-1',
  pages: { 'don-vi/a/': 'hash-a', 'don-vi/b/': 'hash-b1', 'don-vi/c/': 'hash-c' },
  search: { 0: 'part-0', 1: 'part-1a' },
  downloads: { 'members.csv': 'm', 'units.csv': 'u1' },
  images: {
    'anh/p/dang-vien.png': 'chart-p',
    'anh/p/chia-se.png': 'card-p1',
    'anh/d/dang-vien.png': 'chart-d',
  },
  inputs: 'inputs-1',
  files: ['index.html', 'du-lieu/members.csv'],
};

const everything = new Set([
  'don-vi/a/index.html',
  'don-vi/b/index.html',
  'don-vi/c/index.html',
  'pagefind/0/pagefind.js',
  'pagefind/1/pagefind.js',
  'du-lieu/members.csv',
  'du-lieu/units.csv',
  'anh/p/dang-vien.png',
  'anh/p/chia-se.png',
  'anh/d/dang-vien.png',
  'index.html',
]);
const without =
  (...files: string[]) =>
  (file: string) =>
    everything.has(file) && !files.includes(file);

describe('what a build keeps from the published site', () => {
  test('same hash, same code and the file still there: kept; anything else: made again', () => {
    const plan = planBuild(keys, published, without('don-vi/c/index.html', 'anh/d/dang-vien.png'), LAYOUT);
    expect([...plan.pages]).toEqual(['don-vi/a/']);
    expect([...plan.search]).toEqual([0]);
    expect([...plan.downloads]).toEqual(['members.csv']);
    // An unchanged chart is not drawn again; a changed card or a removed image is.
    expect([...plan.images]).toEqual(['anh/p/dang-vien.png']);
  });

  test.each([
    // The inputs cover the code: other code is other inputs.
    ['other code', { ...published, code: 'code-2', inputs: 'inputs-2' }],
    ['no manifest', undefined],
  ])('%s: nothing is kept', (_, manifest) => {
    const plan = planBuild(keys, manifest, without(), LAYOUT);
    expect([plan.keepSite, plan.pages.size, plan.search.size, plan.downloads.size]).toEqual([false, 0, 0, 0]);
  });

  test('an image is kept across a change of code that does not draw it (its key holds the code that does)', () => {
    const other = { ...published, code: 'code-2', inputs: 'inputs-2' };
    expect([...planBuild(keys, other, without(), LAYOUT).images]).toEqual([
      'anh/p/dang-vien.png',
      'anh/d/dang-vien.png',
    ]);
    expect(planBuild(keys, undefined, without(), LAYOUT).images.size).toBe(0);
  });

  test.each([
    ['every input the same and every file there', published, without(), true],
    ['a page removed by hand', published, without('don-vi/b/index.html'), false],
    ['another page removed by hand', published, without('index.html'), false],
    ['other inputs', { ...published, inputs: 'inputs-2' }, without(), false],
    [
      'a manifest of an older version, without the list of files',
      { ...published, files: undefined },
      without(),
      false,
    ],
  ])('the whole site is kept as it is only with %s (%#)', (_, manifest, present, kept) => {
    expect(planBuild(keys, manifest, present, LAYOUT).keepSite).toBe(kept);
  });
});
