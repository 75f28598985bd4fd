/**
 * The search index (Pagefind) is made from records built from the model (one per unit page, see
 * present/search.ts), not by re-reading every built HTML file: that scan cost about as much as
 * rendering a fifth of the pages. Indexing and writing run in Pagefind's own process while Astro
 * renders, so both cores work; the build waits for it before the swap, so a failed index never
 * replaces a working site. The index goes to `<site>/pagefind/` and is loaded by the search page
 * from the site itself: it works offline.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { carryOver, filesUnder } from '../incremental.ts';
import type { SearchRecord } from '../present/search.ts';

/** The index's folder in the site; the search page loads `pagefind/pagefind.js` from it. */
export const SEARCH_DIR = 'pagefind';

export interface SearchIndex {
  /** Waits until the index is written and the indexer stopped; returns the number of pages indexed. */
  finish(): Promise<number>;
  /** Stops the indexer after a failed build (its files go with the staging folder); never throws. */
  close(): Promise<void>;
}

/** Records sent to the indexer at once: enough to keep its pipe busy, few enough to bound memory. */
const BATCH = 500;

async function writeIndex(records: Iterable<SearchRecord>, siteDir: string): Promise<number> {
  // Vietnamese pages; one language keeps a single index for every page.
  const created = await pagefind.createIndex({ forceLanguage: 'vi' });
  const index = created.index;
  if (!index) throw new Error(created.errors.join('\n') || 'không tạo được chỉ mục');
  let pages = 0;
  let batch: Promise<{ errors: string[] }>[] = [];
  const flush = async () => {
    for (const added of await Promise.all(batch)) {
      if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    }
    batch = [];
  };
  for (const record of records) {
    batch.push(index.addCustomRecord({ ...record, meta: { ...record.meta }, language: 'vi' }));
    pages += 1;
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // Pagefind's process writes the files itself (one fragment per page) while Astro renders:
  // no copy of the index passes through this process's memory.
  const written = await index.writeFiles({ outputPath: join(siteDir, SEARCH_DIR) });
  if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
  return pages;
}

/**
 * Starts indexing into `<siteDir>/pagefind/` now; `siteDir` must not be emptied afterwards (the
 * build tells Astro not to empty its output folder). End with `finish`, or `close` on failure,
 * so that the indexer's process does not keep the build from exiting.
 */
export function startSearchIndex(records: Iterable<SearchRecord>, siteDir: string): SearchIndex {
  const writing = writeIndex(records, siteDir);
  // Awaited in finish(); until then a failure must not count as an unhandled rejection.
  writing.catch(() => undefined);
  let stopped: Promise<void> | undefined;
  // The indexer runs as a child process: stop it (once) so the build can exit.
  const close = async () => {
    stopped ??= writing.then(
      async () => void (await pagefind.close()),
      async () => void (await pagefind.close()),
    );
    await stopped;
  };
  return {
    close,
    async finish() {
      try {
        return await writing;
      } catch (cause) {
        throw new Error(
          `Tạo chỉ mục tìm kiếm (Pagefind) bị lỗi: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause },
        );
      } finally {
        await close();
      }
    },
  };
}

/**
 * Links the published index into `staging` when it was made from the same records (see
 * incremental.ts); `undefined` when there is none to keep, and the index must be made.
 */
export async function keepSearchIndex(
  outDir: string,
  staging: string,
  pages: number,
): Promise<SearchIndex | undefined> {
  const files = await filesUnder(outDir, SEARCH_DIR);
  if (files.length === 0) return undefined;
  const linking = carryOver(files, outDir, staging);
  linking.catch(() => undefined);
  return {
    async finish() {
      await linking;
      return pages;
    },
    close: () =>
      linking.then(
        () => undefined,
        () => undefined,
      ),
  };
}
