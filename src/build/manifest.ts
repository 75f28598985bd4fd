/**
 * Incremental regeneration of unit pages. A unit page is a pure function of its data (whose digest
 * src/model/digests.ts computes without making the page), its editorial text, the site frame, and
 * the code and configuration that render them. The build hashes those per page and keeps the
 * hashes in a manifest beside the published folder; the next build renders only pages whose hash
 * changed and hard-links the others from the published site.
 * Any change of code, configuration or environment (BASE_PATH, SITE_URL) renders everything.
 * Each part of the search index is kept the same way when the records it is made from are unchanged.
 *
 * Astro 7's `experimental.incrementalBuild` does the same job but keeps a second copy of every
 * page in its cache and restores pages one file at a time; measured on 10,000 trivial pages it
 * made the first build 3× slower and a one-page rebuild slower than a full one.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { basename, dirname, join, relative, sep } from 'node:path';

const MANIFEST_FORMAT = 1;

export interface PageManifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** Hash of the code, configuration and environment the pages were rendered with. */
  readonly code: string;
  /** Page path below the site (`don-vi/h001/`) → hash of what the page shows. */
  readonly pages: Readonly<Record<string, string>>;
  /** Search index part (`"0"`) → hash of its records; absent in older manifests (index made again). */
  readonly search?: Readonly<Record<string, string>> | undefined;
  /** CSV download (`members.csv`) → hash of what it is made from (its data file, or the problems). */
  readonly downloads?: Readonly<Record<string, string>> | undefined;
  /** Hash of everything the site was made from (`sourcesHash` and the data's); absent in older manifests. */
  readonly inputs?: string | undefined;
  /** The site's other files (`siteFiles`): a site missing one of them is not kept as it is. */
  readonly files?: readonly string[] | undefined;
}

/** Only unit pages are rendered incrementally; every other page is small and always rendered. */
export const UNIT_PAGES = 'don-vi';

/** Kept beside the output folder, not in it: it is the builder's memory, not part of the site. */
export const manifestPath = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-trang.json`);

export const pageHash = (parts: unknown): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Every file under `<root>/<folder>`, as sorted paths from `root` with `/` on every system
 * (`don-vi/a/index.html`, the form manifest keys and page paths have); `[]` when it is absent.
 * Symbolic links are followed, as the Markdown reader and Astro's copy of `public/` follow them
 * (a linked file must count in the hashes); a link back to a folder above it is not.
 */
export async function filesUnder(root: string, folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, seen: ReadonlySet<string>): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw cause;
    }
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isFile()) found.push(path);
      if (!entry.isSymbolicLink()) continue;
      const target = await stat(path).catch(() => undefined);
      if (target?.isFile()) found.push(path);
      if (!target?.isDirectory()) continue;
      const real = await realpath(path);
      if (!seen.has(real)) await walk(path, new Set([...seen, real]));
    }
  };
  const top = join(root, folder);
  await walk(top, new Set([await realpath(top).catch(() => top)]));
  return found.map((path) => relative(root, path).split(sep).join('/')).sort();
}

/**
 * Every file of a built site but the unit pages, and of the search index each part's own files,
 * not its fragment per page (tens of thousands each): what the sitemap lists besides the unit
 * pages, and what must all still be there for a later build to keep the site as it is.
 */
export async function siteFiles(site: string, searchDir: string): Promise<string[]> {
  /** The files directly in `folder` (a path from the site), not in its subfolders. */
  const filesIn = async (folder: string) =>
    (await readdir(join(site, folder), { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => `${folder}/${e.name}`);
  const lists = await Promise.all(
    (await readdir(site, { withFileTypes: true })).map(async (top) => {
      if (top.name === UNIT_PAGES) return [];
      if (!top.isDirectory()) return [top.name];
      if (top.name !== searchDir) return filesUnder(site, top.name);
      // Not listed whole: its fragment folders hold a file per page (0.7 s at 52,000 units).
      const parts = (await readdir(join(site, searchDir), { withFileTypes: true })).filter((e) =>
        e.isDirectory(),
      );
      return [
        ...(await filesIn(searchDir)),
        ...(await Promise.all(parts.map((part) => filesIn(`${searchDir}/${part.name}`)))).flat(),
      ];
    }),
  );
  return lists.flat().sort();
}

/**
 * SHA-256 over `seed`, then each file's path (from `root`, so the same code hashes the same
 * wherever the project lies) and content; a missing file counts as such.
 */
export async function hashFiles(root: string, files: readonly string[], seed: string): Promise<string> {
  const hash = createHash('sha256').update(seed);
  for (const file of files) {
    hash.update(`${file}\u0000`);
    try {
      hash.update(await readFile(join(root, file)));
    } catch {
      hash.update('missing');
    }
  }
  return hash.digest('hex');
}

/**
 * Everything a site is made from but the data: the code (`codeHash`), the editors' Markdown (none
 * without `contentDir`), the static files of `public/` and the build's other settings. With the
 * data's hash it identifies a site: the same inputs build the same bytes (tests/reproducible.test.ts).
 */
export async function sourcesHash(
  root: string,
  code: string,
  contentDir: string | undefined,
  settings: unknown,
): Promise<string> {
  const [content, assets] = await Promise.all([
    contentDir === undefined
      ? ''
      : filesUnder(contentDir, '').then((files) => hashFiles(contentDir, files, '')),
    filesUnder(root, 'public').then((files) => hashFiles(root, files, '')),
  ]);
  return pageHash([code, content, assets, settings]);
}

/** Everything besides the data that decides how a page looks. */
export async function codeHash(root: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const files = [
    ...(await filesUnder(root, 'src')),
    'astro.config.mjs',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ];
  return hashFiles(
    root,
    files,
    `${process.version}\u0000${env['BASE_PATH'] ?? ''}\u0000${env['SITE_URL'] ?? ''}`,
  );
}

export async function readManifest(outDir: string): Promise<PageManifest | undefined> {
  try {
    const value = JSON.parse(await readFile(manifestPath(outDir), 'utf8')) as Partial<PageManifest>;
    if (
      value.format !== MANIFEST_FORMAT ||
      typeof value.code !== 'string' ||
      typeof value.pages !== 'object'
    ) {
      return undefined;
    }
    return value as PageManifest;
  } catch {
    return undefined;
  }
}

/** Where a build writes its manifest before it is put in place (recover() clears a dead build's). */
export const partialManifestPath = (outDir: string, pid: number = process.pid): string =>
  `${manifestPath(outDir)}.${pid}.tmp`;

/**
 * Writes the manifest beside its final place and returns how to put it there. Written before the
 * swap, so that a full disk fails the build while the published site is untouched; put in place
 * after it, so that a manifest always describes the site that is published.
 */
export async function stageManifest(outDir: string, manifest: PageManifest): Promise<() => Promise<void>> {
  const partial = partialManifestPath(outDir);
  await writeFile(partial, JSON.stringify(manifest));
  return () => rename(partial, manifestPath(outDir));
}

export async function writeManifest(outDir: string, manifest: PageManifest): Promise<void> {
  await (
    await stageManifest(outDir, manifest)
  )();
}

/**
 * The keys whose hash is the one the published build recorded and whose published file is still
 * `present`: what can be taken from the published site instead of made again.
 */
export function unchanged(
  keys: ReadonlyMap<string, string>,
  published: Readonly<Record<string, string>> | undefined,
  present: (key: string) => boolean,
): Set<string> {
  const kept = new Set<string>();
  if (!published) return kept;
  for (const [key, hash] of keys) if (published[key] === hash && present(key)) kept.add(key);
  return kept;
}

/**
 * Pages that can be taken from the published site: same code, same hash, and the file is
 * there. Without a previous manifest, or with other code, nothing is reused.
 */
export function reusablePages(
  previous: PageManifest | undefined,
  code: string,
  pages: ReadonlyMap<string, string>,
  outDir: string,
): Set<string> {
  if (!previous || previous.code !== code) return new Set();
  // One stat per candidate: at 52,000 units 0.2 s, where listing the folder took 2.6 s.
  return unchanged(
    pages,
    previous.pages,
    (path) => statSync(join(outDir, path, 'index.html'), { throwIfNoEntry: false }) !== undefined,
  );
}

/** Plain JavaScript for a worker thread (no TypeScript loader there). */
const LINKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { copyFileSync, linkSync, mkdirSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { files, from, to } = workerData;
for (const file of files) {
  const target = join(to, file);
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(join(from, file), target);
  } catch {
    copyFileSync(join(from, file), target);
  }
}
parentPort.postMessage(files.length);
`;

/**
 * Hard-links (or, across file systems, copies) files of the published site into staging, by
 * their path below the site (`don-vi/a/index.html`), while Astro renders the other pages. A
 * worker thread makes the links with synchronous calls: 52,000 pages take 6 s there, against
 * 10 s through the promise API, whose thread pool Astro's own writes share. `signal` stops it
 * (the build failed: its staging folder is removed anyway).
 */
export function carryOver(
  files: readonly string[],
  outDir: string,
  staging: string,
  signal?: AbortSignal,
): Promise<number> {
  if (files.length === 0) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const worker = new Worker(LINKER, {
      eval: true,
      execArgv: [],
      workerData: { files, from: outDir, to: staging },
    });
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    let done = false;
    worker.once('message', (count: number) => {
      done = true;
      resolve(count);
    });
    worker.once('error', reject);
    // A worker stopped before it started exits with code 0: what counts is that it never reported.
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (!done) {
        reject(
          new Error(
            `Liên kết các tệp không đổi từ trang web đang xuất bản bị dừng (mã thoát ${code}). Chạy lại "npm run build"; nếu lỗi lặp lại, kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục xuất bản.`,
          ),
        );
      }
    });
  });
}
