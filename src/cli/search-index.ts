/**
 * The search index (Pagefind) is made from records built from the model (one per unit page, see
 * present/search.ts), not by re-reading every built HTML file: that scan cost about as much as
 * rendering a fifth of the pages. It is made of parts, `pagefind/<k>/`, each a Pagefind bundle
 * that the search page merges: a part whose records are unchanged since the published build is
 * linked from it, the others are made in Pagefind's own process while Astro renders, so both cores
 * work. The build waits for the index before the swap, so a failed index never replaces a working
 * site. The index is loaded by the search page from the site itself: it works offline.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { carryOver, filesUnder } from '../incremental.ts';
import type { SearchRecord } from '../present/search.ts';

/** The index's folder in the site; the search page loads `pagefind/0/pagefind.js` from it. */
export const SEARCH_DIR = 'pagefind';

const partDir = (part: number) => `${SEARCH_DIR}/${part}`;

export interface Indexed {
  /** Unit pages in the index. */
  readonly pages: number;
  /** Parts made by this build; the others were kept from the published site. */
  readonly made: number;
  readonly parts: number;
}

export interface SearchIndex {
  /** Waits until the index is written (or linked) and the indexer stopped. */
  finish(): Promise<Indexed>;
  /** Stops the indexer after a failed build (its files go with the staging folder); never throws. */
  close(): Promise<void>;
}

/** Records sent to the indexer at once: enough to keep its pipe busy, few enough to bound memory. */
const BATCH = 500;

async function writePart(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  // Vietnamese pages; one language keeps a single index for every page.
  const created = await pagefind.createIndex({ forceLanguage: 'vi' });
  const index = created.index;
  if (!index) throw new Error(created.errors.join('\n') || 'không tạo được chỉ mục');
  let batch: Promise<{ errors: string[] }>[] = [];
  const flush = async () => {
    for (const added of await Promise.all(batch)) {
      if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    }
    batch = [];
  };
  for (const record of records) {
    batch.push(index.addCustomRecord({ ...record, meta: { ...record.meta }, language: 'vi' }));
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // Pagefind's process writes the files itself (one fragment per page): no copy of the index
  // passes through this process's memory.
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
  await index.deleteIndex();
}

/**
 * Starts the index of `parts` now: part k's records go to `<staging>/pagefind/k/` (an empty part
 * nowhere), linked from the published site in `outDir` when k is in `keep` and that site has it,
 * made otherwise. `staging` must not be emptied afterwards (the build tells Astro not to empty its
 * output folder). End with `finish`, or `close` on failure, so that the indexer's process does not
 * keep the build from exiting.
 */
export function startSearchIndex(
  parts: readonly (readonly SearchRecord[])[],
  keep: ReadonlySet<number>,
  outDir: string,
  staging: string,
): SearchIndex {
  let launched = false;
  const work = (async (): Promise<Indexed> => {
    const kept: string[] = [];
    const make: number[] = [];
    for (const [part, records] of parts.entries()) {
      // A part no unit hashes to has no bundle: Pagefind's search cannot merge an empty one.
      if (records.length === 0) continue;
      const files = keep.has(part) ? await filesUnder(outDir, partDir(part)) : [];
      if (files.length > 0) kept.push(...files);
      else make.push(part);
    }
    const linking = carryOver(kept, outDir, staging);
    linking.catch(() => undefined);
    for (const part of make) {
      launched = true;
      await writePart(parts[part] ?? [], join(staging, partDir(part)));
    }
    await linking;
    return {
      pages: parts.reduce((n, records) => n + records.length, 0),
      made: make.length,
      parts: parts.filter((records) => records.length > 0).length,
    };
  })();
  // Awaited in finish(); until then a failure must not count as an unhandled rejection.
  work.catch(() => undefined);
  let stopped: Promise<void> | undefined;
  // The indexer runs as a child process: stop it (once) so the build can exit.
  const stop = async () => {
    if (launched) await pagefind.close();
  };
  const close = async () => {
    stopped ??= work.then(stop, stop);
    await stopped;
  };
  return {
    close,
    async finish() {
      try {
        return await work;
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
