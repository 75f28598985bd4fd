/**
 * The search index (Pagefind) is made from records built from the model (one per unit page, see
 * present/search.ts), not by re-reading every built HTML file: that scan cost about as much as
 * rendering a fifth of the pages. It is made of parts, `pagefind/<k>/`, each a Pagefind bundle
 * that the search page merges: a part whose records are unchanged since the published build is
 * linked from it (by the build, with the unchanged pages), the others are made in Pagefind's own
 * process while Astro renders, so both cores work. The build waits for the index before the swap,
 * so a failed index never replaces a working site. The index is loaded by the search page from
 * the site itself: it works offline.
 */
import childProcess, { type ChildProcess, type SpawnOptions } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { filesUnder } from './hashing.ts';
import type { SearchParts, SearchRecord } from '../present/search.ts';

/** The index's folder in the site; the search page loads `pagefind/<k>/pagefind.js` from it. */
export const SEARCH_DIR = 'pagefind';

const partDir = (part: number) => `${SEARCH_DIR}/${part}`;

/** What Pagefind writes for its own ready-made interfaces; the search page has its own. */
const UNUSED = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

export interface Indexed {
  /** Unit pages in the index. */
  readonly pages: number;
  /** Parts made by this build; the others were kept from the published site. */
  readonly made: number;
  readonly parts: number;
}

export interface SearchIndex {
  /** Waits until every part to make is written and the indexer stopped. */
  finish(): Promise<Indexed>;
  /** After a failed build: makes no further part, stops the indexer; never throws. */
  close(): Promise<void>;
}

/** Records sent to the indexer at once: enough to keep its pipe busy, few enough to bound memory. */
const BATCH = 500;

/** Rejects when Pagefind's process ends, with what it said (a panic's reason, not its trace). */
function watch(indexer: ChildProcess): Promise<never> {
  let said = '';
  indexer.stderr?.on('data', (chunk: Buffer) => (said = `${said}${chunk.toString()}`.slice(-8000)));
  // Like Pagefind's own pipes, it must not keep the build from exiting.
  (indexer.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  const died = new Promise<never>((_, reject) =>
    indexer.once('exit', (code, signal) => {
      const reason = said
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !/^(thread '|stack backtrace|note:|Warning)/.test(line));
      reject(
        new Error(
          `Pagefind dừng đột ngột (${signal ?? `mã thoát ${code}`})${reason.length > 0 ? `: ${reason.slice(0, 3).join(' ')}` : ''}`,
        ),
      );
    }),
  );
  died.catch(() => undefined);
  return died;
}

/** The death of the Pagefind process this build started, once it started one. */
let indexerDied: Promise<never> | undefined;

/**
 * Pagefind's Node API starts its indexer with child_process.spawn on the first createIndex and
 * never watches it: when the indexer dies (a full disk makes it panic), the calls waiting on it
 * never settle, the build hangs until Node gives up on it (exit 13), and the panic's trace goes
 * to the terminal. During that call the spawn is wrapped, so that the build holds the process:
 * its error output is kept for the message and its end fails the part being written.
 */
function createIndex(): ReturnType<typeof pagefind.createIndex> {
  const spawn = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: SpawnOptions) => {
    const indexer = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    indexerDied = watch(indexer);
    return indexer;
  }) as typeof spawn;
  try {
    // Vietnamese pages; one language keeps a single index for every page.
    return pagefind.createIndex({ forceLanguage: 'vi' });
  } finally {
    childProcess.spawn = spawn;
  }
}

async function writePart(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const writing = writeRecords(records, outputPath);
  // Settles later (Pagefind fails what was pending when it is closed), after the race is decided.
  writing.catch(() => undefined);
  await (indexerDied ? Promise.race([writing, indexerDied]) : writing);
}

async function writeRecords(records: readonly SearchRecord[], outputPath: string): Promise<void> {
  const created = await createIndex();
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
  await Promise.all(UNUSED.map((file) => rm(join(outputPath, file), { force: true })));
}

/** The file the search page loads of each part: a part without it is not kept. */
export const searchPartEntry = (part: number): string => `${partDir(part)}/pagefind.js`;

/** The files of the published index's `parts` (paths from the site), for the build to link. */
export async function searchPartFiles(parts: ReadonlySet<number>, outDir: string): Promise<string[]> {
  const lists = await Promise.all([...parts].map((part) => filesUnder(outDir, partDir(part))));
  return lists.flat();
}

/**
 * Starts making, in `<staging>/pagefind/<k>/`, each part of `parts` that is not in `kept`, one
 * after another in Pagefind's own process. `staging` must not be emptied afterwards (the build
 * tells Astro not to empty its output folder). End with `finish`, or `close` on failure, so that
 * the indexer's process does not keep the build from exiting.
 */
export function startSearchIndex(
  parts: SearchParts,
  kept: ReadonlySet<number>,
  staging: string,
): SearchIndex {
  let launched = false;
  let closing = false;
  const make = [...parts.records.keys()].filter((part) => !kept.has(part));
  const work = (async (): Promise<Indexed> => {
    for (const part of make) {
      if (closing) break;
      launched = true;
      await writePart(parts.records.get(part) ?? [], join(staging, partDir(part)));
    }
    return {
      pages: [...parts.records.values()].reduce((n, records) => n + records.length, 0),
      made: make.length,
      parts: parts.records.size,
    };
  })();
  // Awaited in finish(); until then a failure must not count as an unhandled rejection.
  work.catch(() => undefined);
  let stopped: Promise<void> | undefined;
  // The indexer runs as a child process: stop it (once), after the part it is writing, so that
  // the build can exit and nothing writes into the staging folder once it is removed.
  const stop = async () => {
    if (!launched) return;
    await pagefind.close();
    indexerDied = undefined;
  };
  const close = async () => {
    closing = true;
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
