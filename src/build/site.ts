/**
 * The one door from pages to data. The build loads and validates once and hands the result over
 * here; `astro dev` (no build) loads on first use. Pages never read CSV themselves. What the pages
 * show (the site) and what the build decided to keep from the published site (the render plan) are
 * handed over apart: a page's content never depends on the plan, only whether it is rendered.
 */
import type { Province } from '../model/province.ts';
import type { Snapshot } from '../model/snapshot.ts';
import type { Content } from '../present/content.ts';
import { formatProblem } from '../problems.ts';
import { contentDirFrom, dataDirFrom, loadProject, type Loaded } from './project.ts';
import { publicationDateFrom } from './snapshot-file.ts';

export interface Site extends Loaded {
  readonly province: Province;
  readonly content: Content;
  /** Content hash of the data files: identifies this data version (snapshot, feed). */
  readonly dataHash?: string | undefined;
  /** The snapshot published by the previous build, for the "what changed" page. */
  readonly previousSnapshot?: Snapshot | undefined;
  /** When this build publishes: the time the "what changed" page records for new data. */
  readonly publishedAt?: Date | undefined;
  /** The Excel downloads' sizes in bytes, once the build has written them; none under `astro dev`. */
  readonly workbookSizes?: Promise<ReadonlyMap<string, number>> | undefined;
}

/** What the build takes from the published site instead of rendering; nothing under `astro dev`. */
export interface RenderPlan {
  /** Units whose page is taken unchanged from the published site: not rendered. */
  readonly reuse: ReadonlySet<string>;
  /** Restructuring events whose page is taken unchanged from the published site. */
  readonly reuseEvents: ReadonlySet<string>;
  /** Embedded charts (`h001/dang-vien`) taken unchanged from the published site. */
  readonly reuseEmbeds: ReadonlySet<string>;
  /** Units whose embedded charts are all taken from the published site: not even computed. */
  readonly settledEmbeds: ReadonlySet<string>;
  /** CSV downloads taken unchanged from the published site (same data file, or same problems). */
  readonly keptDownloads: ReadonlySet<string>;
  /** The search index's parts (`pagefind/0/` …), which the search page merges. */
  readonly searchParts: readonly number[];
  /** Told of every unit page as it renders: the build counts progress. */
  readonly rendered: () => void;
}

const RENDER_ALL: RenderPlan = {
  reuse: new Set(),
  reuseEvents: new Set(),
  reuseEmbeds: new Set(),
  settledEmbeds: new Set(),
  keptDownloads: new Set(),
  searchParts: [0],
  rendered: () => undefined,
};

const SITE = Symbol.for('thong-ke-dang.site');
const PLAN = Symbol.for('thong-ke-dang.plan');
type Holder = { [SITE]?: Promise<Site>; [PLAN]?: RenderPlan };

/** Called by the build with what it already loaded, so the data is read once per build. */
export function provideSite(site: Site, plan: RenderPlan): void {
  (globalThis as Holder)[SITE] = Promise.resolve(site);
  (globalThis as Holder)[PLAN] = plan;
}

async function loadSite(): Promise<Site> {
  const project = await loadProject({
    dataDir: dataDirFrom(),
    contentDir: contentDirFrom(),
    cacheDir: undefined,
  });
  const { province, content, problems } = project;
  const errors = problems.filter((p) => p.severity === 'error');
  if (!province) {
    throw new Error(
      `Dữ liệu trong ${project.dataDir} có ${errors.length} lỗi; chạy "npm run check:data" để xem chi tiết.`,
    );
  }
  // The data is valid, so what is wrong is in the Markdown.
  if (!content || errors.length > 0) {
    throw new Error(`Nội dung Markdown có lỗi:\n${errors.map(formatProblem).join('\n')}`);
  }
  // The dev server previews a publication happening now (or at SOURCE_DATE_EPOCH).
  return { ...project, province, content, publishedAt: publicationDateFrom(process.env) };
}

/** Forgets the loaded site, so the next page reads the data again (dev server, after a CSV changed). */
export function resetSite(): void {
  delete (globalThis as Holder)[SITE];
}

export function getSite(): Promise<Site> {
  const holder = globalThis as Holder;
  holder[SITE] ??= loadSite();
  return holder[SITE];
}

export const getPlan = (): RenderPlan => (globalThis as Holder)[PLAN] ?? RENDER_ALL;
