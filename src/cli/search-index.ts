/**
 * The search index (Pagefind) is built from the finished HTML in the staging folder, after Astro
 * and before the swap, so a failed index never replaces a working site. The index is written to
 * `<site>/pagefind/` and loaded by the search page from the site itself: it works offline.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface SearchIndexResult {
  readonly pages: number;
}

export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  try {
    // Vietnamese pages (`<html lang="vi">`); one language keeps a single index for every page.
    const created = await pagefind.createIndex({ forceLanguage: 'vi' });
    const index = created.index;
    if (!index) throw new Error(created.errors.join('\n') || 'không tạo được chỉ mục');
    // Pages in sub-folders only: the home page repeats the province's own page (don-vi/<id>/),
    // and a unit must be found once; 404.html has nothing to find.
    const added = await index.addDirectory({ path: siteDir, glob: '*/**/*.html' });
    if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    const written = await index.writeFiles({ outputPath: join(siteDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    return { pages: added.page_count };
  } catch (cause) {
    throw new Error(
      `Tạo chỉ mục tìm kiếm (Pagefind) bị lỗi: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  } finally {
    // The indexer runs as a child process: stop it so the build can exit.
    await pagefind.close();
  }
}
