/**
 * Parsed and validated data, cached between builds by the content hash of the data files, so
 * rebuilding after a change elsewhere (content, code of the pages) skips reading and checking
 * CSV. The cache lives under node_modules/.cache/thong-ke/ (never in the published folder) and
 * its key also covers the code that reads and checks, so a changed rule is never answered from
 * an old cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { load, type Loaded } from './load.ts';
import { buildProvince } from './model/province.ts';
import { SCHEMAS } from './read/schemas.ts';
import type { Dataset } from './read/dataset.ts';
import { hasErrors, type Problem } from './validate/problems.ts';

const CONTRACT_FILES = new Set<string>(SCHEMAS.map((s) => s.file));

/**
 * SHA-256 over the contract's files present in `dir` (names lower-cased, as the reader finds
 * them): the identity of a data version. Other files in the folder do not change it.
 */
export async function hashData(dir: string): Promise<string> {
  const hash = createHash('sha256');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return hash.update('no data directory').digest('hex');
  }
  const files = names.filter((n) => CONTRACT_FILES.has(n.toLowerCase())).sort();
  for (const name of files) {
    const bytes = await readFile(join(dir, name));
    hash.update(`${name.toLowerCase()}\u0000${bytes.length}\u0000`).update(bytes);
  }
  return hash.digest('hex');
}

/** The code that turns CSV into rows and problems; a change to any of it invalidates the cache. */
async function hashCode(): Promise<string> {
  const hash = createHash('sha256').update(process.version);
  const src = import.meta.dirname;
  for (const folder of ['read', 'validate', 'model']) {
    const dir = join(src, folder);
    for (const name of (await readdir(dir)).sort()) {
      hash.update(`${folder}/${name}\u0000`).update(await readFile(join(dir, name)));
    }
  }
  for (const file of [join(src, 'load.ts'), resolve(src, '..', 'package-lock.json')]) {
    try {
      hash.update(await readFile(file));
    } catch {
      hash.update(`${file} missing`);
    }
  }
  return hash.digest('hex');
}

export const cacheDirFrom = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(env['THONG_KE_CACHE_DIR'] || join('node_modules', '.cache', 'thong-ke'));

/** Keeps the newest few entries: one per recent data version is all a rebuild needs. */
const KEEP = 2;

interface Cached {
  readonly data: Dataset;
  readonly problems: Problem[];
}

export interface CachedLoad extends Loaded {
  readonly dataHash: string;
  /** True when the rows and problems came from the cache. */
  readonly fromCache: boolean;
}

/** `load()`, answered from the cache when the same data was read by the same code before. */
export async function loadCached(dataDir: string, cacheDir: string = cacheDirFrom()): Promise<CachedLoad> {
  const [dataHash, codeHash] = await Promise.all([hashData(dataDir), hashCode()]);
  const file = join(cacheDir, `${createHash('sha256').update(dataHash).update(codeHash).digest('hex')}.v8`);
  try {
    const cached = deserialize(await readFile(file)) as Cached;
    const province = hasErrors(cached.problems) ? undefined : buildProvince(cached.data);
    return { ...cached, province, dataDir, dataHash, fromCache: true };
  } catch {
    // No entry, or one this Node version cannot read: load for real.
  }
  const loaded = await load(dataDir);
  try {
    await mkdir(cacheDir, { recursive: true });
    // Written beside and renamed, so a killed build never leaves half an entry.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, serialize({ data: loaded.data, problems: loaded.problems } satisfies Cached));
    await rename(partial, file);
    await prune(cacheDir);
  } catch {
    // A read-only or full disk costs the next build its head start, nothing more.
  }
  return { ...loaded, dataHash, fromCache: false };
}

async function prune(cacheDir: string): Promise<void> {
  const entries = await Promise.all(
    (await readdir(cacheDir))
      .filter((n) => n.endsWith('.v8'))
      .map(async (name) => ({ name, time: (await stat(join(cacheDir, name))).mtimeMs })),
  );
  entries.sort((a, b) => b.time - a.time);
  for (const { name } of entries.slice(KEEP)) await rm(join(cacheDir, name), { force: true });
}
