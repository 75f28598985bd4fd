/**
 * `npm run build`: the environment → `buildSite` (src/build/build.ts) → the exit code.
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { buildSite } from '../build/build.ts';
import { cacheDirFrom } from '../build/cache.ts';
import { contentDirFrom, dataDirFrom } from '../build/project.ts';
import { siteUrlFrom } from '../build/sitemap.ts';
import { publicationDateFrom } from '../build/snapshot-file.ts';
import { searchPartSizeFrom } from '../present/search.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);

let settings: { searchPartSize: number; siteUrl: string | undefined; publishedAt: Date } | undefined;
try {
  settings = {
    searchPartSize: searchPartSizeFrom(process.env),
    siteUrl: siteUrlFrom(process.env),
    publishedAt: publicationDateFrom(process.env),
  };
} catch (cause) {
  log(String(cause instanceof Error ? cause.message : cause));
}
if (settings !== undefined) {
  const outcome = await buildSite(
    {
      outDir: resolve(process.env['OUT_DIR'] || 'dist'),
      dataDir: dataDirFrom(),
      contentDir: contentDirFrom(),
      project: resolve(import.meta.dirname, '..', '..'),
      cwd: process.cwd(),
      home: homedir(),
      basePath: process.env['BASE_PATH'] || undefined,
      ...settings,
      cacheDir: cacheDirFrom(),
      // The largest build measured takes about 2 minutes: an hour is a build that hangs.
      lockWait: 60 * 60_000,
    },
    log,
  );
  process.exitCode = outcome === 'published' || outcome === 'unchanged' ? 0 : 1;
} else {
  process.exitCode = 1;
}
