/**
 * The one door from pages to data. The build CLI loads and validates once and hands the
 * result over here; `astro dev` (no CLI) loads on first use. Pages never read CSV themselves.
 */
import { hashData } from './cache.ts';
import { contentDirFrom, dataDirFrom, load, type Loaded } from './project.ts';
import { loadContent, type Content } from '../present/content.ts';
import type { Province } from '../model/province.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { formatProblem, hasErrors } from '../problems.ts';

export interface Site extends Loaded {
  readonly province: Province;
  readonly content: Content;
  /** Content hash of the data files: identifies this data version (snapshot, feed). */
  readonly dataHash?: string | undefined;
  /** The snapshot published by the previous build, for the "what changed" page. */
  readonly previousSnapshot?: Snapshot | undefined;
  /** Units whose page is taken unchanged from the published site (incremental build): not rendered. */
  readonly reuse?: ReadonlySet<string> | undefined;
  /** CSV downloads taken unchanged from the published site (same data file, or same problems). */
  readonly keptDownloads?: ReadonlySet<string> | undefined;
  /** The search index's parts (`pagefind/0/` …), which the search page merges; `[0]` when absent. */
  readonly searchParts?: readonly number[] | undefined;
  /** Told of every unit page as it renders: the build counts progress. */
  readonly rendered?: (() => void) | undefined;
}

const HANDOFF = Symbol.for('thong-ke-dang.site');
type Holder = { [HANDOFF]?: Promise<Site> };

/** Called by the build CLI with what it already loaded, so the data is read once per build. */
export function provideSite(site: Site): void {
  (globalThis as Holder)[HANDOFF] = Promise.resolve(site);
}

async function loadSite(): Promise<Site> {
  const loaded = await load(dataDirFrom());
  if (!loaded.province) {
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    throw new Error(
      `Dữ liệu trong ${loaded.dataDir} có ${errors} lỗi; chạy "npm run check:data" để xem chi tiết.`,
    );
  }
  const { content, problems } = await loadContent(contentDirFrom(), loaded.province);
  if (hasErrors(problems)) {
    throw new Error(`Nội dung trong content/ có lỗi:\n${problems.map(formatProblem).join('\n')}`);
  }
  return { ...loaded, province: loaded.province, content, dataHash: await hashData(loaded.dataDir) };
}

/** Forgets the loaded site, so the next page reads the data again (dev server, after a CSV changed). */
export function resetSite(): void {
  delete (globalThis as Holder)[HANDOFF];
}

export function getSite(): Promise<Site> {
  const holder = globalThis as Holder;
  holder[HANDOFF] ??= loadSite();
  return holder[HANDOFF];
}
