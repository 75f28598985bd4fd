import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/cli/gen-data.ts';
import { filesUnder, sourcesHash } from '../src/build/hashing.ts';
import { manifestPath, readManifest, writeManifest } from '../src/build/manifest.ts';
import { load } from '../src/build/project.ts';
import { carryOver } from '../src/build/publish.ts';
import { slug } from '../src/model/units.ts';
import { eventView } from '../src/present/event-page.ts';
import { buildInProcess, ROOT } from './e2e/harness.ts';
import { differences, snapshot } from './folder-hash.ts';
import { fixture, forgetInputs, tempDir } from './helpers.ts';

function publishedSite(pages: string[]): string {
  const dir = join(tempDir('incremental-'), 'dist');
  for (const page of pages) {
    mkdirSync(join(dir, page), { recursive: true });
    writeFileSync(join(dir, page, 'index.html'), `<h1>${page}</h1>`);
  }
  return dir;
}

describe('incremental unit pages', () => {
  it('links reused pages into the new site and keeps the manifest beside the output', async () => {
    const out = publishedSite(['don-vi/a/']);
    const staging = join(out, '..', 'staging');
    expect(await carryOver(['don-vi/a/index.html'], out, staging)).toBe(1);
    expect(readFileSync(join(staging, 'don-vi/a/index.html'), 'utf8')).toBe('<h1>don-vi/a/</h1>');
    expect(statSync(join(staging, 'don-vi/a/index.html')).ino).toBe(
      statSync(join(out, 'don-vi/a/index.html')).ino,
    );
    await writeManifest(out, { format: 1, code: 'x', pages: { 'don-vi/a/': 'hash-a' } });
    expect(manifestPath(out).startsWith(join(out, '..'))).toBe(true);
    expect(manifestPath(out).startsWith(`${out}/`)).toBe(false);
    expect(await readManifest(out)).toEqual({ format: 1, code: 'x', pages: { 'don-vi/a/': 'hash-a' } });
  });

  describe('the hash of everything a site is made from but the data', () => {
    let root = '';
    let content = '';
    const hash = () => sourcesHash(root, 'code', content, 4000);
    beforeAll(() => {
      root = tempDir('sources-');
      content = join(root, 'content');
      mkdirSync(join(root, 'public'));
      mkdirSync(join(content, 'don-vi'), { recursive: true });
    });
    const edits: [string, () => Promise<string>][] = [
      ['the code', () => sourcesHash(root, 'other code', content, 4000)],
      ['a setting', () => sourcesHash(root, 'code', content, 1)],
      ['no Markdown folder', () => sourcesHash(root, 'code', undefined, 4000)],
      [
        'an editor’s note',
        async () => {
          writeFileSync(join(content, 'don-vi', 'g1.md'), 'Ghi chú.\n');
          return hash();
        },
      ],
      [
        'a file of public/',
        async () => {
          writeFileSync(join(root, 'public', 'favicon.svg'), '<svg/>');
          return hash();
        },
      ],
      [
        'a file that a symbolic link in content/ points to',
        async () => {
          const outside = join(root, 'elsewhere.md');
          if (!existsSync(outside)) {
            writeFileSync(outside, 'Ghi chú.\n');
            symlinkSync(outside, join(content, 'don-vi', 'g2.md'));
          }
          const before = await hash();
          writeFileSync(outside, 'Ghi chú đã sửa.\n');
          expect(await hash()).not.toBe(before);
          return hash();
        },
      ],
    ];
    it.each(edits)('is the same twice, and changes with %s', async (_, edit) => {
      const before = await hash();
      expect(await hash()).toBe(before);
      expect(await edit()).not.toBe(before);
    });
  });

  it('lists files through symbolic links, and does not go round a link to a folder above', async () => {
    const root = tempDir('links-');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    mkdirSync(join(root, 'other'));
    writeFileSync(join(root, 'a', 'b', 'page.md'), '');
    writeFileSync(join(root, 'other', 'note.md'), '');
    symlinkSync(join(root, 'other'), join(root, 'a', 'linked'));
    symlinkSync(join(root, 'other', 'note.md'), join(root, 'a', 'note.md'));
    symlinkSync(join(root, 'a'), join(root, 'a', 'b', 'up'));
    expect(await filesUnder(root, 'a')).toEqual(['a/b/page.md', 'a/linked/note.md', 'a/note.md']);
  });

  it('stops linking when the build has failed, without waiting for every page', async () => {
    const pages = Array.from({ length: 2000 }, (_, i) => `don-vi/u${i}/`);
    const out = publishedSite(pages);
    const failed = new AbortController();
    const linking = carryOver(
      pages.map((p) => `${p}index.html`),
      out,
      join(out, '..', 'staging'),
      failed.signal,
    );
    failed.abort();
    await expect(linking).rejects.toThrow(/Liên kết các tệp không đổi .* bị dừng/);
  });
});

describe('rebuilding the published site with the real build', () => {
  // Inside the project, like every test build (see e2e/harness.ts).
  const work = join(ROOT, 'tests', '.output', `incremental-${process.pid}`);
  const data = join(work, 'data');
  const published = join(work, 'site', 'dist');
  const fresh = join(work, 'fresh', 'dist');
  // A search index part per unit (most hold one or two, a few none): a rename makes one part again.
  // In this process, as tests of the build function; the CLI has its own tests (publish.test.ts).
  const build = (outDir: string, searchPartSize = 1) =>
    buildInProcess({ dataDir: data, contentDir: join(work, 'content'), outDir, searchPartSize });
  /** `[to render, unchanged]` unit pages, as the build reports them. */
  const counts = (log: string) => {
    const match = /(\d+) trang đơn vị: (\d+) cần tạo, (\d+) không đổi/.exec(log);
    return match ? [Number(match[2]), Number(match[3])] : [];
  };
  /** The identity (inode) of each published download: unchanged when it was linked, not written. */
  const downloadFiles = () => {
    const dir = join(published, 'du-lieu');
    return new Map(
      readdirSync(dir)
        .filter((f) => /\.(?:csv|xlsx)$/.test(f))
        .map((f) => [f, statSync(join(dir, f)).ino]),
    );
  };
  const rewritten = (before: Map<string, number>, after: Map<string, number>) =>
    [...after].filter(([file, ino]) => before.get(file) !== ino).map(([file]) => file);
  const downloadsAfter: Map<string, number>[] = [];
  let first = '';
  let kept = '';
  /** The published folder's identity before and after the rebuild that kept it: a swap makes a new one. */
  let folders: number[] = [];
  let unchanged = '';
  let renamed = '';
  let refigured = '';
  let edited = '';
  let repaired = '';
  let resettled = '';

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    cpSync(fixture('basic'), data, { recursive: true });
    first = await build(published);
    downloadsAfter.push(downloadFiles());
    folders = [statSync(published).ino];
    kept = await build(published);
    folders.push(statSync(published).ino);
    await forgetInputs(published);
    unchanged = await build(published);
    downloadsAfter.push(downloadFiles());
    const units = join(data, 'units.csv');
    writeFileSync(units, readFileSync(units, 'utf8').replace('Đảng bộ xã An Bình', 'Đảng bộ xã An Bình Mới'));
    renamed = await build(published);
    downloadsAfter.push(downloadFiles());
    const members = join(data, 'members.csv');
    writeFileSync(members, readFileSync(members, 'utf8').replace('G2;2021;16;', 'G2;2021;17;'));
    refigured = await build(published);
    downloadsAfter.push(downloadFiles());
    mkdirSync(join(work, 'content', 'don-vi'), { recursive: true });
    writeFileSync(
      join(work, 'content', 'don-vi', 'g4.md'),
      'Ghi chú của ban biên tập về Công ty Điện lực.\n',
    );
    edited = await build(published);
    // Same inputs again, but a unit page and another page removed from the published folder by hand.
    rmSync(join(published, 'don-vi', 'g3', 'index.html'));
    rmSync(join(published, 'sap-xep', 'index.html'));
    repaired = await build(published);
    // Same data, another setting (how the search index is cut).
    resettled = await build(published, 2);
    await build(published);
    await build(fresh);
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps the published site as it is when data, Markdown, code and settings are unchanged', () => {
    expect(kept).toMatch(
      /không đổi so với bản đang xuất bản .*: không cần tạo lại, trang web được giữ nguyên/,
    );
    expect(counts(kept)).toEqual([]);
    expect(folders[1]).toBe(folders[0]);
  });

  it('renders every unit page on the first build, and none again for unchanged data when an older version’s manifest does not vouch for the inputs', () => {
    const [all = 0] = counts(first);
    expect(counts(first)).toEqual([all, 0]);
    expect(all).toBeGreaterThan(3);
    expect(counts(unchanged)).toEqual([0, all]);
    const [afterFirst = new Map<string, number>(), afterUnchanged = new Map<string, number>()] =
      downloadsAfter;
    expect(afterFirst.size).toBeGreaterThan(4);
    expect(rewritten(afterFirst, afterUnchanged)).toEqual([]);
    expect(unchanged).toMatch(/Chỉ mục tìm kiếm: \d+ trang, không đổi/);
    expect(unchanged).toMatch(/Giữ nguyên \d+ tệp tải về \(CSV, Excel\) không đổi/);
  });

  it('after one grassroots unit is renamed, renders only the pages that show its name', () => {
    const [all = 0] = counts(first);
    // Its own page and the few above it that name it (its district's table of units), not the rest.
    const [render = 0, keep = 0] = counts(renamed);
    expect(render).toBeGreaterThanOrEqual(1);
    expect(render).toBeLessThanOrEqual(3);
    expect(render + keep).toBe(all);
    // The name is in the search index: the part that holds it is made again, the others are kept.
    expect(renamed).toMatch(/Chỉ mục tìm kiếm: \d+ trang, tạo lại 1\/\d+ phần/);
    // Only the downloads of the file that changed are written again: its CSV, the data workbook,
    // and the next year's template, which lists the units.
    const [, afterUnchanged = new Map<string, number>(), afterRename = new Map<string, number>()] =
      downloadsAfter;
    expect(rewritten(afterUnchanged, afterRename).sort()).toEqual([
      'du-lieu.xlsx',
      'mau-nam-2022.xlsx',
      'units.csv',
    ]);
    expect(readFileSync(join(published, 'du-lieu', 'units.csv'), 'utf8')).toContain('Đảng bộ xã An Bình Mới');
    expect(readFileSync(join(published, 'don-vi', 'g1', 'index.html'), 'utf8')).toContain(
      'Đảng bộ xã An Bình Mới',
    );
  });

  it('after one figure of a grassroots unit changes, renders only its page and those of the units above it', () => {
    const [all = 0] = counts(first);
    // G2, its district D1 and the province P; the names are unchanged, so is the search index.
    expect(counts(refigured)).toEqual([3, all - 3]);
    expect(refigured).toMatch(/Chỉ mục tìm kiếm: \d+ trang, không đổi/);
    const [, , afterRename = new Map<string, number>(), afterFigure = new Map<string, number>()] =
      downloadsAfter;
    // members.csv's download, the data workbook, and the quality report: the new figure no longer
    // balances (two warnings). Not the next year's template: the same units reported.
    expect(rewritten(afterRename, afterFigure).sort()).toEqual([
      'chat-luong-du-lieu.csv',
      'du-lieu.xlsx',
      'members.csv',
    ]);
  });

  it('after an editor adds a note for one unit, renders only that unit’s page', () => {
    const [all = 0] = counts(first);
    expect(counts(edited)).toEqual([1, all - 1]);
    expect(edited).toMatch(/Chỉ mục tìm kiếm: \d+ trang, không đổi/);
    expect(readFileSync(join(published, 'don-vi', 'g4', 'index.html'), 'utf8')).toContain(
      'Ghi chú của ban biên tập về Công ty Điện lực.',
    );
  });

  it('builds again when a setting changed, though the data did not', () => {
    const [all = 0] = counts(first);
    expect(counts(resettled)).toEqual([0, all]);
    // The index is cut in parts of 2 now: made again whole.
    expect(resettled).toMatch(/Chỉ mục tìm kiếm: \d+ trang \(/);
  });

  it('builds again when pages were removed from the published site, rendering only the unit page removed', () => {
    const [all = 0] = counts(first);
    expect(counts(repaired)).toEqual([1, all - 1]);
    expect(existsSync(join(published, 'sap-xep', 'index.html'))).toBe(true);
    expect(readFileSync(join(published, 'don-vi', 'g3', 'index.html'), 'utf8')).toContain(
      'Đảng bộ phường Đông',
    );
  });

  it('leaves the same files and bytes as a full build of the new data, but for what changed', () => {
    // Only the rebuild has a previous publication to compare with: "what changed" (its page, feed
    // and the snapshot that carries the comparison) differs by design.
    const whatChanged = ['cap-nhat/feed.xml', 'cap-nhat/index.html', 'du-lieu/snapshot.json'];
    expect(differences(snapshot(published), snapshot(fresh))).toEqual(whatChanged);
  });
});

describe('rebuilding a reorganized province after one figure changed', () => {
  const work = join(ROOT, 'tests', '.output', `incremental-events-${process.pid}`);
  const data = join(work, 'data');
  const published = join(work, 'site', 'dist');
  const build = () => buildInProcess({ dataDir: data, contentDir: join(work, 'content'), outDir: published });
  /** Event id → identity (inode) of its published page: a page linked from the last site keeps it. */
  const eventPages = () =>
    new Map(
      readdirSync(join(published, 'sap-xep'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => [e.name, statSync(join(published, 'sap-xep', e.name, 'index.html')).ino]),
    );
  const views = async () => {
    const { province } = await load(data);
    if (!province) throw new Error('generated data must load');
    return new Map(province.events.map((e) => [slug(e.id), JSON.stringify(eventView(province, e.id))]));
  };
  let rebuilt = '';
  let rendered: string[] = [];
  let shown: string[] = [];

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    generate({ units: 60, years: 3, out: data, seed: 3, reorganize: 2025 });
    await build();
    const before = [eventPages(), await views()] as const;
    // One more member of a unit a 2025 event lists, in the last year: the usual data update.
    const { province } = await load(data);
    const listed = new Set(province?.events.flatMap((e) => e.units.map((u) => u.unit_id)));
    const file = join(data, 'members.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const index = lines.findIndex((l) => {
      const [unit, year, members] = l.split(',');
      return unit !== undefined && listed.has(unit) && year === '2025' && members !== '';
    });
    const cells = (lines[index] ?? '').split(',');
    cells[2] = String(Number(cells[2]) + 1);
    lines[index] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    rebuilt = await build();
    const after = [eventPages(), await views()] as const;
    rendered = [...after[0]].filter(([id, ino]) => before[0].get(id) !== ino).map(([id]) => id);
    shown = [...after[1]].filter(([id, view]) => before[1].get(id) !== view).map(([id]) => id);
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('renders again exactly the event pages that show the figure, and keeps the others', () => {
    expect(shown.length).toBeGreaterThan(0);
    expect(rendered.sort()).toEqual(shown.sort());
    const all = eventPages().size;
    expect(rebuilt).toContain(
      `${all} trang sự kiện sắp xếp: ${shown.length} cần tạo, ${all - shown.length} không đổi`,
    );
  });
});
