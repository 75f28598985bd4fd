/**
 * The published folder is an official record: a build that fails, or is killed at any moment,
 * leaves it byte for byte as it was (or, once the swap happened, byte for byte the new site),
 * never missing or half written; and the next build clears what the killed one left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { moveInto, recover, removalsDone, renderDir, stagingDir, swapIn } from '../src/build/publish.ts';
import { SITE_RECORD } from '../src/build/output.ts';
import { manifestPath } from '../src/build/manifest.ts';
import { differences, snapshot } from './folder-hash.ts';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');

function startBuild(dataDir: string, outDir: string): ChildProcess {
  // Its own process group, so that a kill reaches the build and the processes it started.
  return spawn(process.execPath, ['src/cli/build.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      OUT_DIR: outDir,
      CONTENT_DIR: join(dataDir, 'no-content'),
      BASE_PATH: '',
      // With the site's address the build writes a sitemap, the last file before the swap.
      SITE_URL: 'https://tochuc.example.gov.vn',
      // One publication time for every build, so that a killed build's site can be compared with
      // the new one byte for byte (the updates page and the snapshot record when data was published).
      SOURCE_DATE_EPOCH: '1767225600',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const finished = (child: ChildProcess): Promise<{ code: number | null; out: string }> =>
  new Promise((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });

const build = (dataDir: string, outDir: string) => finished(startBuild(dataDir, outDir));

const killGroup = (child: ChildProcess) => {
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already finished: the build won the race, which the test accepts too.
    }
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Leftovers of this output beside it (`.dist-moi-…`, `.dist-cu-…`, `.dist-xoa-…`). */
const leftovers = (parent: string) =>
  readdirSync(parent).filter((name) => /^\.dist-(?:moi|cu|xoa)-/.test(name));

/** The folder's entries once the replaced site of its `dist` is removed, which a detached process does. */
async function settled(parent: string): Promise<string[]> {
  await removalsDone(join(parent, 'dist'), 20_000);
  return readdirSync(parent).sort();
}

describe('a failed or killed build never damages the published site', () => {
  // Named, not created, here: collecting the tests (e.g. with -t) must leave nothing behind.
  const work = join(ROOT, 'tests', '.output', `publish-${process.pid}`);
  const out = join(work, 'site', 'dist');
  const backup = join(work, 'backup');
  const dataOld = join(work, 'data-old');
  const dataNew = join(work, 'data-new');
  const dataBroken = join(work, 'data-broken');
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};
  /** The page manifests the two complete builds left beside their sites. */
  let manifests = { before: '', after: '' };

  /** Puts the site published first back in place, as it was, with the builder's page manifest. */
  const restore = () => {
    rmSync(out, { recursive: true, force: true });
    cpSync(backup, out, { recursive: true });
    cpSync(`${backup}.manifest`, manifestPath(out));
  };

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(fixture('basic'), dataOld, { recursive: true });
    cpSync(fixture('basic'), dataNew, { recursive: true });
    cpSync(fixture('basic'), dataBroken, { recursive: true });
    const units = readFileSync(join(dataOld, 'units.csv'), 'utf8');
    writeFileSync(join(dataNew, 'units.csv'), units.replace('Đảng bộ huyện Hai', 'Đảng bộ huyện Hai Mới'));
    writeFileSync(join(dataBroken, 'units.csv'), `${units}G9,Chi bộ lỗi,D7,grassroots,,31/02/2021,\n`);
    mkdirSync(join(work, 'site'));

    const first = await build(dataOld, out);
    expect(first.code, first.out).toBe(0);
    before = snapshot(out);
    cpSync(out, backup, { recursive: true });
    cpSync(manifestPath(out), `${backup}.manifest`);
    // What a completed swap must produce byte for byte: the new data published over the old
    // site (the "what changed" page compares with the site it replaces), built in a copy.
    const reference = join(work, 'reference', 'dist');
    cpSync(out, reference, { recursive: true });
    const second = await build(dataNew, reference);
    expect(second.code, second.out).toBe(0);
    after = snapshot(reference);
    manifests = {
      before: readFileSync(manifestPath(out), 'utf8'),
      after: readFileSync(manifestPath(reference), 'utf8'),
    };
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('the two data sets give different sites (so the comparisons below can fail)', () => {
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(after).not.toEqual(before);
  });

  test('Astro’s own temporary folders never land in the published site', async () => {
    expect(
      Object.keys(before).filter((path) => path.split('/').some((part) => part.startsWith('.'))),
    ).toEqual([SITE_RECORD]);
    await settled(join(work, 'site'));
    expect(leftovers(join(work, 'site'))).toEqual([]);
  });

  test('a build with broken data exits 1 and leaves the site byte for byte as it was', async () => {
    const { code, out: log } = await build(dataBroken, out);
    expect(code).toBe(1);
    expect(log).toMatch(/Không xuất bản: dữ liệu.*có lỗi\..*được giữ nguyên/);
    expect(differences(snapshot(out), before)).toEqual([]);
  });

  test('a first build with broken data says nothing was written, and writes nothing', async () => {
    const fresh = join(work, 'first-site');
    const { code, out: log } = await build(dataBroken, fresh);
    expect(code).toBe(1);
    expect(log).toContain(`Không xuất bản: dữ liệu hoặc nội dung có lỗi. Chưa có gì được ghi vào ${fresh}.`);
    expect(log).not.toContain('được giữ nguyên');
    expect(existsSync(fresh)).toBe(false);
  });

  // Kill points: before the data is read, while Astro renders, as the staging folder fills, as
  // its last file (the sitemap) lands, and inside the swap itself: the build withdraws the page
  // manifest just before its two renames and writes the new one after deleting the old site.
  const KILLS: readonly [string, (staging: string) => boolean, number][] = [
    ['after 300 ms', () => false, 300],
    ['after 800 ms', () => false, 800],
    ['as soon as the staging folder appears', (staging) => existsSync(staging), 60_000],
    [
      'when the staging folder has its first unit page',
      (staging) => existsSync(join(staging, 'don-vi')),
      60_000,
    ],
    [
      'when the page manifest is withdrawn, right before the two renames',
      () => !existsSync(manifestPath(out)),
      60_000,
    ],
    [
      'when the sitemap is written, just before the swap',
      (staging) => existsSync(join(staging, 'sitemap.xml')),
      60_000,
    ],
  ];

  test.each(KILLS)(
    'killed %s: the site is the old one or the new one, whole',
    async (_when, ready, limit) => {
      const child = startBuild(dataNew, out);
      const done = finished(child);
      const started = Date.now();
      // The staging folder is named after the build's own process, a grandchild of npx: find it
      // among the folders beside the site, leaving out what earlier killed builds left there.
      const site = join(work, 'site');
      const stale = new Set(leftovers(site));
      const staging = () =>
        join(
          site,
          leftovers(site).find((n) => n.startsWith('.dist-moi-') && !stale.has(n)) ?? '.dist-moi-none',
        );
      while (Date.now() - started < limit && !ready(staging()) && child.exitCode === null) await sleep(2);
      killGroup(child);
      await done;
      try {
        // Killed between the two renames, the site folder is briefly absent; the next build's
        // first step, recover(), puts the previous site back. Do that step here.
        if (!existsSync(out)) await recover(out);
        const now = snapshot(out);
        const isOld = differences(now, before).length === 0;
        const isNew = differences(now, after).length === 0;
        expect(isOld || isNew, `published folder after the kill: ${Object.keys(now).length} entries`).toBe(
          true,
        );
        // The manifest beside the site lets the next build reuse pages from it: it must describe
        // the site that is there, or be absent (then every page is rendered again).
        const manifest = existsSync(manifestPath(out)) ? readFileSync(manifestPath(out), 'utf8') : undefined;
        expect([undefined, isOld ? manifests.before : manifests.after]).toContain(manifest);
      } finally {
        // The old site back for the next kill point (the killed build's leftovers stay, for the last test).
        restore();
      }
    },
  );

  test('the next build clears what killed builds left and publishes the new site', async () => {
    // Besides whatever the kills above left: a staging folder and a previous site of a dead build.
    mkdirSync(join(work, 'site', '.dist-moi-4194999', 'don-vi'), { recursive: true });
    mkdirSync(join(work, 'site', '.dist-cu-4194998'));
    const { code, out: log } = await build(dataNew, out);
    expect(code, log).toBe(0);
    expect(differences(snapshot(out), after)).toEqual([]);
    await settled(join(work, 'site'));
    expect(leftovers(join(work, 'site'))).toEqual([]);
  });
});

describe('recover() repairs every state a kill can leave', () => {
  const make = (dir: string, files: Record<string, string>) => {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  };
  const parents: string[] = [];
  const folder = () => {
    const parent = mkdtempSync(join(tmpdir(), 'thong-ke-recover-'));
    parents.push(parent);
    return parent;
  };
  afterAll(() => {
    for (const parent of parents) rmSync(parent, { recursive: true, force: true });
  });
  // A pid that cannot be running: above Linux's pid_max ceiling.
  const DEAD = 4_194_999;

  test('killed between the two renames: the previous site is put back', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(join(parent, `.dist-cu-${DEAD}`), { 'index.html': 'cũ' });
    make(join(parent, `.dist-moi-${DEAD}`), { 'index.html': 'mới' });
    await recover(out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('cũ');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('killed while the previous site was being deleted: the new one stays, the rest goes', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(out, { 'index.html': 'mới' });
    make(join(parent, `.dist-cu-${DEAD}`), {});
    await recover(out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('mới');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('a running build’s staging folder and a running removal are left alone; other outputs’ folders too', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(out, { 'index.html': 'đang có' });
    const sleeper = spawn('sleep', ['30']);
    const running = [`.dist-moi-${String(sleeper.pid)}`, `.dist-xoa-${String(sleeper.pid)}`];
    const others = ['.dist-cu-moi-1', '.dist-backup'];
    for (const name of [...running, ...others, `.dist-moi-${DEAD}`, `.dist-xoa-${DEAD}`])
      make(join(parent, name), {});
    await recover(out);
    sleeper.kill();
    expect(readdirSync(parent).sort()).toEqual([...running, ...others, 'dist'].sort());
  });

  test('a site being removed is never put back, even with the site missing', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(join(parent, `.dist-xoa-${DEAD}`), { 'index.html': 'nửa chừng' });
    await recover(out);
    expect(readdirSync(parent)).toEqual([]);
  });

  test.runIf(existsSync('/proc/self/stat'))(
    'a killed build not yet reaped (a zombie) counts as dead: its staging folder goes',
    async () => {
      const parent = folder();
      const out = join(parent, 'dist');
      make(out, { 'index.html': 'đang có' });
      // `sh` starts a short child, then becomes `sleep 30`, which never reaps it: a zombie. The child
      // outlives the `exec` by a second: one that ended before it was reaped by `sh` (CI, once).
      const holder = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 30']);
      const zombie = await new Promise<string>((resolve) =>
        holder.stdout.once('data', (d) => resolve(String(d).trim())),
      );
      while (!readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z ')) await sleep(10);
      make(join(parent, `.dist-moi-${zombie}`), {});
      await recover(out);
      holder.kill();
      expect(readdirSync(parent)).toEqual(['dist']);
    },
  );

  test('with the site missing, a previous site is put back even if its pid is alive (reused)', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    const sleeper = spawn('sleep', ['30']);
    make(join(parent, `.dist-cu-${String(sleeper.pid)}`), { 'index.html': 'cũ' });
    await recover(out);
    sleeper.kill();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('cũ');
  });

  test('a swap whose second rename fails puts the previous site straight back', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(out, { 'index.html': 'đang có' });
    await expect(swapIn(join(parent, '.dist-moi-missing'), out)).rejects.toThrow();
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('đang có');
    expect(readdirSync(parent)).toEqual(['dist']);
  });

  test('a completed swap leaves only the new site', async () => {
    const parent = folder();
    const out = join(parent, 'dist');
    make(out, { 'index.html': 'cũ' });
    const staging = stagingDir(out);
    make(staging, { 'index.html': 'mới' });
    await swapIn(staging, out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('mới');
    expect(await settled(parent)).toEqual(['dist']);
  });
});

describe('an output outside the project, or on another disk', () => {
  test.each([
    ['dist in the project', join(ROOT, '.dist-moi-7'), join(ROOT, '.dist-moi-7')],
    [
      'a folder deeper in the project',
      join(ROOT, 'tests', '.site-moi-7'),
      join(ROOT, 'tests', '.site-moi-7'),
    ],
    ['a folder elsewhere', '/srv/www/.thong-ke-moi-7', join(ROOT, '.astro', '.thong-ke-moi-7')],
    [
      'a sibling whose name starts like the project',
      `${ROOT}-khac/.dist-moi-7`,
      join(ROOT, '.astro', '.dist-moi-7'),
    ],
  ])('%s: Astro renders into %s', (_, staging, expected) => {
    expect(renderDir(staging, ROOT)).toBe(expected);
  });

  const make = (root: string, files: readonly string[]) => {
    for (const file of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), file);
    }
  };

  // /dev/shm is a memory file system on Linux: another disk than the temporary folder, when it is.
  const otherDisk =
    existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : undefined;

  const targets: [string, () => string][] = [['on the same disk', () => tempDir('move-')]];
  if (otherDisk) targets.push(['across disks', () => mkdtempSync(join(otherDisk, 'thong-ke-move-'))]);
  test.each(targets)(
    'moving the rendered pages %s merges them with the kept ones and leaves nothing behind',
    async (_, target) => {
      const from = tempDir('render-');
      // What is left of the rendered folder is removed in the background as a removal of this output.
      const out = join(dirname(from), 'dist');
      const to = target();
      try {
        make(from, ['index.html', 'don-vi/a/index.html', 'don-vi/b/index.html', '_astro/x.css']);
        make(to, ['don-vi/c/index.html', 'pagefind/0/pagefind.js']);
        await moveInto(from, to, out);
        expect(existsSync(from)).toBe(false);
        await removalsDone(out, 10_000);
        expect(readdirSync(dirname(from)).filter((name) => name.startsWith('.dist-xoa-'))).toEqual([]);
        for (const file of ['index.html', 'don-vi/a/index.html', 'don-vi/b/index.html', '_astro/x.css']) {
          expect(readFileSync(join(to, file), 'utf8')).toBe(file);
        }
        expect(readdirSync(join(to, 'don-vi')).sort()).toEqual(['a', 'b', 'c']);
        expect(readFileSync(join(to, 'pagefind/0/pagefind.js'), 'utf8')).toBe('pagefind/0/pagefind.js');
        // Into a staging folder nothing was linked or indexed into yet.
        const fresh = join(tempDir('fresh-'), '.dist-moi-1');
        make(from, ['index.html']);
        await moveInto(from, fresh, out);
        expect(readdirSync(fresh)).toEqual(['index.html']);
      } finally {
        rmSync(to, { recursive: true, force: true });
      }
    },
  );

  test.runIf(otherDisk)(
    'across disks a file already in the staging folder is never written over',
    async () => {
      const from = tempDir('render-');
      const to = mkdtempSync(join(otherDisk ?? '', 'thong-ke-move-'));
      try {
        make(from, ['don-vi/a/index.html']);
        mkdirSync(join(to, 'don-vi', 'a'), { recursive: true });
        // Stands for a page hard-linked from the published site.
        writeFileSync(join(to, 'don-vi', 'a', 'index.html'), 'đang xuất bản');
        await expect(moveInto(from, to, join(dirname(from), 'dist'))).rejects.toThrow(/EEXIST/);
        expect(readFileSync(join(to, 'don-vi', 'a', 'index.html'), 'utf8')).toBe('đang xuất bản');
      } finally {
        rmSync(to, { recursive: true, force: true });
      }
    },
  );

  // Astro moved its bundle's stylesheet into the output with rename(), which failed across disks
  // (EXDEV), and two builds outside the project shared that bundle's folder.
  test(`two builds at once, to folders outside the project${otherDisk ? ' (one on another disk)' : ''}, both publish`, async () => {
    const outs = [
      join(tempDir('out-'), 'dist'),
      join(otherDisk ? mkdtempSync(join(otherDisk, 'thong-ke-out-')) : tempDir('out-'), 'dist'),
    ];
    try {
      const results = await Promise.all(outs.map((out) => build(fixture('basic'), out)));
      for (const [i, result] of results.entries()) {
        expect(result.code, result.out).toBe(0);
        const css = readdirSync(join(outs[i]!, '_astro')).filter((name) => name.endsWith('.css'));
        expect(css.length).toBeGreaterThan(0);
        expect(readFileSync(join(outs[i]!, 'index.html'), 'utf8')).toContain(`/_astro/${css[0]}`);
        expect(existsSync(join(outs[i]!, 'don-vi'))).toBe(true);
      }
      expect(readdirSync(join(ROOT, '.astro')).filter((name) => /^\.dist-moi-/.test(name))).toEqual([]);
    } finally {
      for (const out of outs) rmSync(join(out, '..'), { recursive: true, force: true });
    }
  });
});
