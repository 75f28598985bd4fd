/**
 * The one door from pages to data. The build CLI loads and validates once and hands the
 * result over here; `astro dev` (no CLI) loads on first use. Pages never read CSV themselves.
 */
import { contentDirFrom, dataDirFrom, load, type Loaded } from './load.ts';
import { loadContent, type Content } from './content.ts';
import type { Province } from './model/province.ts';

export interface Site extends Loaded {
  readonly province: Province;
  readonly content: Content;
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
  const content = await loadContent(contentDirFrom());
  return { ...loaded, province: loaded.province, content };
}

export function getSite(): Promise<Site> {
  const holder = globalThis as Holder;
  holder[HANDOFF] ??= loadSite();
  return holder[HANDOFF];
}
