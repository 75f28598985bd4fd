/**
 * Parsed and validated data, cached between builds by content hash: each file's rows by that
 * file's bytes, the checks by all of them, so a rebuild reads only the files that changed and
 * checks only data it has not checked. The cache lives under node_modules/.cache/thong-ke/ (never
 * in the published folder) and its keys also cover the code that reads and checks, so a changed
 * rule is never answered from an old cache.
 */
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { filesUnder, hashBytes, hashFiles, hashParts } from './hashing.ts';
import { buildProvince } from '../model/province.ts';
import { readCsvBytes, readDataset, type Dataset } from '../read/dataset.ts';
import { readWorkbookBytes } from '../read/workbook.ts';
import { hasErrors, type Problem } from '../problems.ts';
import { todayInVietnam } from '../validate/calendar.ts';
import { validate, type ValidateOptions, type Validated } from '../validate/validate.ts';

/** The identity of a data version: each contract file's name and content hash, in name order. */
const dataHashOf = (files: ReadonlyMap<string, string>): string =>
  hashParts(...[...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flat());

/** The code that turns CSV and workbooks into rows and problems; a change to any of it invalidates the cache. */
async function hashCode(): Promise<string> {
  const root = resolve(import.meta.dirname, '..', '..');
  const folders = await Promise.all(['read', 'validate', 'model'].map((f) => filesUnder(root, `src/${f}`)));
  return hashFiles(
    root,
    [...folders.flat(), 'src/problems.ts', 'src/build/cache.ts', 'package-lock.json'],
    process.version,
  );
}

export const cacheDirFrom = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(env['THONG_KE_CACHE_DIR'] || join('node_modules', '.cache', 'thong-ke'));

/**
 * The checks of the last two data versions are kept, and the file tables they were made from
 * (a file unchanged between them is one entry): enough for the next build to read only the
 * files that change.
 */
const KEEP_CHECKED = 2;

type Kind = 'table' | 'checked';

interface Checked {
  readonly problems: Problem[];
  /** Keys of the file tables the checked data was read from. */
  readonly tables: string[];
}

async function readEntry(cacheDir: string | undefined, key: string, kind: Kind): Promise<unknown> {
  if (cacheDir === undefined) throw new Error('no cache');
  const file = join(cacheDir, `${key}.${kind}.v8`);
  const value: unknown = deserialize(await readFile(file));
  // Used again: pruning goes by last use.
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
  return value;
}

async function writeEntry(
  cacheDir: string | undefined,
  key: string,
  kind: Kind,
  value: unknown,
): Promise<void> {
  if (cacheDir === undefined) return;
  try {
    await mkdir(cacheDir, { recursive: true });
    const file = join(cacheDir, `${key}.${kind}.v8`);
    // Written beside and renamed, so a killed build never leaves half an entry.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, serialize(value));
    await rename(partial, file);
  } catch {
    // A read-only or full disk costs the next build its head start, nothing more.
  }
}

export interface CachedLoad extends Validated {
  readonly data: Dataset;
  readonly dataDir: string;
  readonly dataHash: string;
  /**
   * Each contract file's name (`members.csv`) → the hash of the bytes parsed; a table read from a
   * workbook, the hash of the workbook and its sheet; and each workbook's name → its bytes' hash.
   */
  readonly fileHashes: ReadonlyMap<string, string>;
  /** Files whose rows came from the cache (unchanged since an earlier build), of those present. */
  readonly filesFromCache: number;
  /** True when the checks' result came from the cache too (the whole data was unchanged). */
  readonly checkedFromCache: boolean;
}

/**
 * `load()`, answered from the cache where the same code read the same bytes before: each file's
 * rows by that file's content hash (after a data update usually one file changed, and only that
 * one is parsed again), and the checks by the hash of all of them (checks span files).
 */
export async function loadCached(
  dataDir: string,
  /** Where the cache is; `undefined` reads everything and writes nothing (`check:data`, dev). */
  cacheDir: string | undefined,
  { today = todayInVietnam() }: ValidateOptions = {},
): Promise<CachedLoad> {
  const code = await hashCode();
  let filesFromCache = 0;
  // The hashes of the bytes actually parsed: a file saved again during the build cannot give
  // one version's checks the key of another.
  const hashes = new Map<string, string>();
  const tables: string[] = [];
  const written: Promise<void>[] = [];
  /** A file's read, from the cache when the same code read the same bytes under the same name. */
  const cached = async <T>(name: string, bytes: Uint8Array, read: () => T | Promise<T>) => {
    const content = hashBytes(bytes);
    hashes.set(name, content);
    const key = hashParts(code, name, content);
    tables.push(key);
    try {
      const value = (await readEntry(cacheDir, key, 'table')) as T;
      filesFromCache += 1;
      return { value, content };
    } catch {
      // No entry, or one this Node version cannot read: read for real.
    }
    const value = await read();
    written.push(writeEntry(cacheDir, key, 'table', value));
    return { value, content };
  };
  const { data, problems: readProblems } = await readDataset(
    dataDir,
    async (bytes, schema) => (await cached(schema.file, bytes, () => readCsvBytes(bytes, schema))).value,
    async (bytes, name) => {
      const { value, content } = await cached(name, bytes, () => readWorkbookBytes(bytes, name));
      // Each table's downloads are keyed by what it was read from: this workbook, this sheet.
      for (const { file, sheet } of value.tables) hashes.set(file, hashParts(content, name, sheet));
      return value;
    },
  );
  const dataHash = dataHashOf(hashes);
  // The checks read the calendar (a year not yet begun, a date to come): a day's checks are
  // never answered on another day.
  const checkKey = hashParts(code, dataHash, today);
  let checked: Validated | undefined;
  try {
    const { problems } = (await readEntry(cacheDir, checkKey, 'checked')) as Checked;
    checked = { problems, province: hasErrors(problems) ? undefined : buildProvince(data) };
  } catch {
    // Not checked before: check now.
  }
  const validated = checked ?? validate(data, readProblems, { today });
  if (!checked) {
    const entry: Checked = { problems: validated.problems, tables };
    written.push(writeEntry(cacheDir, checkKey, 'checked', entry));
  }
  await Promise.all(written);
  if (cacheDir !== undefined) await prune(cacheDir).catch(() => undefined);
  return {
    ...validated,
    data,
    dataDir,
    dataHash,
    fileHashes: hashes,
    filesFromCache,
    checkedFromCache: checked !== undefined,
  };
}

async function prune(cacheDir: string): Promise<void> {
  const names = await readdir(cacheDir);
  const checks = await Promise.all(
    names
      .filter((n) => n.endsWith('.checked.v8'))
      .map(async (name) => ({ name, time: (await stat(join(cacheDir, name))).mtimeMs })),
  );
  checks.sort((a, b) => b.time - a.time);
  const keep = new Set<string>();
  for (const { name } of checks.slice(0, KEEP_CHECKED)) {
    keep.add(name);
    try {
      const { tables } = deserialize(await readFile(join(cacheDir, name))) as Checked;
      for (const key of tables) keep.add(`${key}.table.v8`);
    } catch {
      // Unreadable: its tables are not protected, and it goes with the next data version.
    }
  }
  for (const name of names) {
    if (name.endsWith('.v8') && !keep.has(name)) await rm(join(cacheDir, name), { force: true });
    // Half-written entries of killed builds; one being written by a build running now is recent.
    if (name.endsWith('.tmp')) {
      const age =
        Date.now() - (await stat(join(cacheDir, name)).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 3_600_000) await rm(join(cacheDir, name), { force: true });
    }
  }
}
