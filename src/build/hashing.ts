/**
 * What identifies a build's inputs and outputs: SHA-256 of values, of file bytes, and of every file
 * under a folder (code, Markdown, public/). One place, so that "the same" means the same thing for
 * the parse cache, the page keys and the record of a published site.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** SHA-256 of a JSON-serialisable value: the key of a page, a search part, a download, a site. */
export const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** SHA-256 of bytes (a data file as read). */
export const hashBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 of parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
export const hashParts = (...parts: (string | Uint8Array)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
};

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
  return hashOf([code, content, assets, settings]);
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
