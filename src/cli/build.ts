/**
 * `npm run build`: read → validate → model → Astro pages, written to a staging folder and
 * swapped into `dist/` only when everything succeeded.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'astro';
import { loadContent } from '../present/content.ts';
import { loadCached } from '../build/cache.ts';
import { contentDirFrom, dataDirFrom } from '../build/project.ts';
import {
  codeHash,
  carryOver,
  manifestPath,
  pageHash,
  partialManifestPath,
  readManifest,
  reusablePages,
  siteFiles,
  sourcesHash,
  unchanged,
  stageManifest,
  UNIT_PAGES,
} from '../build/manifest.ts';
import { pageDigests } from '../model/digests.ts';
import { slug } from '../model/units.ts';
import { downloads, DOWNLOADS_DIR, QUALITY_FILE } from '../present/downloads.ts';
import { siteView } from '../present/site-view.ts';
import { searchParts, searchPartSizeFrom, searchRecord } from '../present/search.ts';
import { pageUnits, unitHeading } from '../present/unit-view.ts';
import { pageProgress } from '../build/progress.ts';
import { provideSite } from '../build/site.ts';
import { hasErrors } from '../problems.ts';
import { printProblems, summary } from '../build/report.ts';
import { bytesNeeded, diskFullMessage, folderBytes, isDiskFull } from '../build/disk-full.ts';
import { lockOutput } from '../build/lock.ts';
import { outputRefusal, SITE_RECORD, SITE_RECORD_TEXT } from '../build/output.ts';
import { moveInto, recover, renderDir, stagingDir, swapIn } from '../build/publish.ts';
import { keptSearchParts, SEARCH_DIR, startSearchIndex, type Indexed } from '../build/search-index.ts';
import { writeSitemap } from '../build/sitemap.ts';
import { readPublishedSnapshot } from '../build/snapshot-file.ts';

// An office PC or CI machine may have no route to the internet: never phone home.
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
// The published site is always a production build, whatever the shell or a test runner set:
// Astro takes `import.meta.env.*` from variables of the same name, and with NODE_ENV=test or an
// empty PROD the pages would lose their Content-Security-Policy; a BASE_URL would win over BASE_PATH.
process.env['NODE_ENV'] = 'production';
for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];

const log = (line: string) => process.stdout.write(`${line}\n`);

/** What reading the data took, after the parse cache answered for `fromCache` of the `files`. */
function howRead(files: number, fromCache: number, checkedFromCache: boolean): string {
  if (checkedFromCache) return 'không đổi từ lần trước, dùng kết quả đã đọc và kiểm tra';
  if (fromCache === 0) return 'đã đọc và kiểm tra';
  if (fromCache === files) return 'không đổi từ lần trước, dùng kết quả đã đọc; kiểm tra lại toàn bộ';
  return `đọc lại ${files - fromCache} tệp đã thay đổi (${fromCache} tệp không đổi), kiểm tra lại toàn bộ`;
}

/** The search index's pages, and which of its parts this build made. */
function howIndexed({ pages, made, parts }: Indexed): string {
  if (made === 0) return `${pages} trang, không đổi`;
  if (made < parts) return `${pages} trang, tạo lại ${made}/${parts} phần (các phần khác không đổi)`;
  return `${pages} trang`;
}

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const outDir = resolve(process.env['OUT_DIR'] || 'dist');
let searchPartSize: number;
try {
  searchPartSize = searchPartSizeFrom(process.env);
} catch (cause) {
  log(String(cause instanceof Error ? cause.message : cause));
  process.exit(1);
}
const dataDir = dataDirFrom();
// Before anything is read or written: the swap deletes whatever is at OUT_DIR.
const notHere = outputRefusal(outDir, {
  data: dataDir,
  content: contentDirFrom(),
  project: resolve(import.meta.dirname, '..', '..'),
  cwd: process.cwd(),
  home: homedir(),
});
if (notHere) {
  log(notHere);
  process.exit(1);
}
// Everything from reading the published site's record to the swap happens under the lock.
const lock = await lockOutput(outDir, { log, wait: 60 * 60_000 });
if ('refusal' in lock) {
  log(lock.refusal);
  process.exit(1);
}
const staging = stagingDir(outDir);
const rendering = renderDir(staging, process.cwd());
// Where the leftovers of rendering an output outside the project are named and recovered.
const renderedOut = join(dirname(rendering), basename(outDir));
await recover(outDir);
// What dead builds left in the project's .astro/ (rendering an output outside the project).
if (rendering !== staging) await recover(renderedOut);
// Hashed before they are read, so a file saved during the build can only make the next one build
// again; the data's hash is of the bytes parsed.
const code = await codeHash(process.cwd());
const sources = await sourcesHash(process.cwd(), code, contentDirFrom(), searchPartSize);

log(`Đọc dữ liệu từ ${dataDir} …`);
// Parsed rows are cached by each file's content hash, checks by the whole data's: only what
// changed is read and checked again.
const loaded = await loadCached(dataDir);
const filesRead = [...loaded.data.sources.values()].filter((s) => s.present).length;
log(
  `  ${filesRead} tệp CSV: ${howRead(filesRead, loaded.filesFromCache, loaded.checkedFromCache)} (${seconds()}).`,
);
const { data, province } = loaded;
// Editors' Markdown is checked against the model (placeholders, unit ids), so only once there is one.
const edited = province && (await loadContent(contentDirFrom(), province));
const problems = [...loaded.problems, ...(edited?.problems ?? [])];
log(
  `  ${data.units.length} đơn vị; ${data.members.length} dòng đảng viên, ${data.admissions.length} dòng kết nạp, ${data.cells.length} dòng chi bộ, ${data.restructurings.length} sự kiện sắp xếp — ${summary(problems)} (${seconds()}).`,
);
printProblems(problems, log);
if (!province || !edited || hasErrors(problems)) {
  log(`\nKhông xuất bản: dữ liệu hoặc nội dung có lỗi. Trang web đang có ở ${outDir} được giữ nguyên.`);
  log('Sửa các lỗi ở trên (tệp:dòng:cột) rồi chạy lại "npm run build".');
  process.exit(1);
}

const manifest = await readManifest(outDir);
const inputs = pageHash([sources, loaded.dataHash]);
// Made from the same data, Markdown, code and settings, the published site is byte for byte what
// this build would make (its "what changed" page too): keep it, unless files were removed from it.
if (
  manifest?.inputs === inputs &&
  manifest.files &&
  [...Object.keys(manifest.pages).map((path) => `${path}index.html`), ...manifest.files].every((file) =>
    existsSync(join(outDir, file)),
  )
) {
  log(
    `\nDữ liệu, nội dung và chương trình không đổi so với bản đang xuất bản ở ${outDir}: không cần tạo lại, trang web được giữ nguyên (${seconds()}).`,
  );
  process.exit(0);
}
// The snapshot published now, read before the swap replaces it: "what changed" compares with it.
const previousSnapshot = await readPublishedSnapshot(outDir);
// Incremental: a unit page whose inputs (its data's digest, editorial, site frame) and the code are
// unchanged since the published build is hard-linked from it instead of rendered again.
// The published build's keys count only if it was made by this code (and configuration).
const previous = manifest?.code === code ? manifest : undefined;
const frame = siteView(province);
const pathOf = (unitId: string) => `${UNIT_PAGES}/${slug(unitId)}/`;
const units = pageUnits(province);
// Astro is told not to empty the staging folder, so the search index and the unchanged pages can
// go into it while Astro renders; a folder left by a killed build with the same process id goes first.
await Promise.all([staging, rendering].map((dir) => rm(dir, { recursive: true, force: true })));
// The index needs names only (the unit's heading), so it starts before any page renders, in
// Pagefind's own process: each part made, or kept when its records are unchanged.
const parts = searchParts(
  units.map((unit) => ({
    unitId: unit.id,
    record: searchRecord(pathOf(unit.id), unitHeading(province, unit.id)),
  })),
  searchPartSize,
);
const searchKeys = new Map(
  [...parts.records].map(([part, records]) => [part, pageHash([parts.count, records])]),
);
const keptSearch = await keptSearchParts(searchKeys, previous?.search, outDir);
const search = startSearchIndex(parts, keptSearch.parts, staging);
const digest = pageDigests(province);
const pageKeys = new Map(
  units.map((unit) => [
    pathOf(unit.id),
    pageHash([digest(unit.id), edited.content.units.get(slug(unit.id)) ?? null, frame]),
  ]),
);
const reuse = reusablePages(previous, code, pageKeys, outDir);
const reusedIds = new Set(units.filter((unit) => reuse.has(pathOf(unit.id))).map((unit) => unit.id));
// Each cleaned download is a function of its own data file, the quality report of the problems:
// after a data update only the changed file's download is written again.
const downloadKeys = new Map(
  [...downloads(data).map((d) => d.file), QUALITY_FILE].map((file) => [
    file,
    pageHash(file === QUALITY_FILE ? problems : [file, loaded.fileHashes.get(file) ?? null]),
  ]),
);
const keptDownloads = unchanged(downloadKeys, previous?.downloads, (file) =>
  existsSync(join(outDir, DOWNLOADS_DIR, file)),
);
log(
  `  ${units.length} trang đơn vị: ${units.length - reuse.size} cần tạo, ${reuse.size} không đổi so với bản đang xuất bản (${seconds()}).`,
);
const progress = pageProgress(units.length - reuse.size, log);
provideSite({
  ...loaded,
  province,
  content: edited.content,
  previousSnapshot,
  reuse: reusedIds,
  keptDownloads,
  searchParts: [...parts.records.keys()],
  rendered: progress.page,
});
const failed = new AbortController();
const carrying = carryOver(
  [
    ...[...reuse].map((path) => `${path}index.html`),
    ...[...keptDownloads].map((file) => `${DOWNLOADS_DIR}/${file}`),
    ...keptSearch.files,
  ],
  outDir,
  staging,
  failed.signal,
);
carrying.catch(() => undefined);
log(`\nTạo các trang web …`);
try {
  await build({
    outDir: rendering,
    ...(process.env['BASE_PATH'] ? { base: process.env['BASE_PATH'] } : {}),
    ...(process.env['SITE_URL'] ? { site: process.env['SITE_URL'] } : {}),
    logLevel: 'warn',
    // Rendering a page waits on file writes; with a few pages in flight the CPU keeps working
    // meanwhile (1,500 units: about 1 s less). Pages share nothing mutable but the memo caches.
    build: { concurrency: 4 },
    vite: { build: { emptyOutDir: false } },
  });
  log(`  Đã tạo ${progress.done()} trang đơn vị và các trang chung (${seconds()}).`);
  await carrying;
  if (rendering !== staging) {
    await moveInto(rendering, staging, renderedOut);
    log(`  Đã chuyển các trang vừa tạo sang cạnh ${outDir} (${seconds()}).`);
  }
  if (reuse.size > 0) log(`  Giữ nguyên ${reuse.size} trang đơn vị không đổi (${seconds()}).`);
  if (keptDownloads.size > 0) log(`  Giữ nguyên ${keptDownloads.size} tệp CSV tải về không đổi.`);
  log(`  Chỉ mục tìm kiếm: ${howIndexed(await search.finish())} (${seconds()}).`);
  // The record that lets later builds replace this folder, and nothing else (output.ts).
  await writeFile(join(staging, SITE_RECORD), SITE_RECORD_TEXT);
  await writeSitemap(staging, process.env['BASE_PATH'] || '/', process.env['SITE_URL'] || undefined);
  const files = await siteFiles(staging, SEARCH_DIR);
  const putManifest = await stageManifest(outDir, {
    format: 1,
    code,
    pages: Object.fromEntries([...pageKeys].sort()),
    search: Object.fromEntries(searchKeys),
    downloads: Object.fromEntries(downloadKeys),
    inputs,
    files,
  });
  // The manifest vouches for the published pages. From the swap until the new one is in place
  // it would vouch for the wrong site, and a build killed in between would then reuse pages of
  // other data: without a manifest the next build simply renders every page.
  await rm(manifestPath(outDir), { force: true });
  await swapIn(staging, outDir);
  await putManifest();
} catch (cause) {
  // Linking the unchanged files stops at once (52,000 pages take seconds); the indexer makes no
  // further part and stops after the one it is writing.
  failed.abort();
  await Promise.all([search.close(), carrying.catch(() => undefined)]);
  // Pages still being written when the build failed can make a first attempt fail (ENOTEMPTY).
  await Promise.all(
    [staging, rendering, partialManifestPath(outDir)].map((path) =>
      rm(path, { recursive: true, force: true, maxRetries: 5 }),
    ),
  );
  if (isDiskFull(cause)) {
    const needed = bytesNeeded(await folderBytes(outDir), units.length);
    log(`\n${diskFullMessage(outDir, [dirname(outDir), dirname(rendering)], needed)}`);
  } else {
    log(`\nKhông xuất bản: tạo trang bị lỗi. Trang web đang có ở ${outDir} được giữ nguyên.`);
    log(String(cause instanceof Error ? cause.message : cause));
  }
  process.exit(1);
}
log(`Đã xuất bản vào ${outDir} (${seconds()}).`);
