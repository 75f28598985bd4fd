/**
 * The build, as one function: read → validate → model → Astro pages, written to a staging folder
 * and swapped into the output only when everything succeeded. The CLI (src/cli/build.ts) reads the
 * environment into `BuildOptions`, calls it, and turns the outcome into an exit code; tests call
 * it directly.
 */
import { statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build as astroBuild } from 'astro';
import { eventPageDigests, pageDigests } from '../model/digests.ts';
import type { Province } from '../model/province.ts';
import { slug, type Unit } from '../model/units.ts';
import type { Content } from '../present/content.ts';
import { cleanedTables, downloads, DOWNLOADS_DIR, QUALITY_FILE } from '../present/downloads.ts';
import { siteImages } from '../present/images.ts';
import { embedOwners } from '../present/embeds.ts';
import { eventPath, unitsWithPage } from '../present/links.ts';
import { searchParts, searchRecord, type SearchParts } from '../present/search.ts';
import { siteView } from '../present/site-view.ts';
import { pageUnits, unitHeading } from '../present/unit-view.ts';
import { hasErrors } from '../problems.ts';
import { bytesNeeded, diskFullMessage, folderBytes, isDiskFull } from './disk-full.ts';
import { codeHash, hashFiles, hashOf, sourcesHash } from './hashing.ts';
import { embedKeys, embedPagePath, type EmbedKeys } from './embed-keys.ts';
import { drawImages, DRAWING_CODE } from './images.ts';
import { lockOutput } from './lock.ts';
import {
  manifestPath,
  partialManifestPath,
  readManifest,
  stageManifest,
  type PageManifest,
} from './manifest.ts';
import { outputRefusal, SITE_RECORD, SITE_RECORD_TEXT, whatStays } from './output.ts';
import { planBuild, siteKept, type BuildKeys } from './plan.ts';
import { pageProgress } from './progress.ts';
import { loadProject, type Project } from './project.ts';
import { carryOver, moveInto, recover, renderDir, stagingDir, swapIn } from './publish.ts';
import { printProblems, summary } from './report.ts';
import {
  SEARCH_DIR,
  searchPartEntry,
  searchPartFiles,
  startSearchIndex,
  type Indexed,
} from './search-index.ts';
import { siteFiles, UNIT_PAGES } from './site-files.ts';
import { provideSite } from './site.ts';
import { NO_SITE_URL, writeSitemap } from './sitemap.ts';
import { keptSizes, workbookJobs, writeWorkbooks } from './workbooks.ts';
import { readPublishedSnapshot } from './snapshot-file.ts';

export interface BuildOptions {
  /** Absolute paths. */
  readonly outDir: string;
  readonly dataDir: string;
  readonly contentDir: string | undefined;
  /** The tool's own folder (package.json, src/): its code is hashed, and it is never an output. */
  readonly project: string;
  readonly cwd: string;
  readonly home: string;
  readonly basePath: string | undefined;
  readonly siteUrl: string | undefined;
  readonly searchPartSize: number;
  /** The parse cache's folder; `undefined` reads and checks everything. */
  readonly cacheDir: string | undefined;
  /** How long to wait for another build on the same output, in ms. */
  readonly lockWait: number;
  /** Recorded as the publication time of new data (`SOURCE_DATE_EPOCH` or the clock). */
  readonly publishedAt: Date;
}

export type BuildOutcome =
  /** The new site is published. */
  | 'published'
  /** The published site was made from the same inputs: kept as it is. */
  | 'unchanged'
  /** The output, the lock or the data or Markdown stopped the build; nothing was written. */
  | 'refused'
  /** Rendering or publishing failed (a full disk among others); the published site is untouched. */
  | 'failed';

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

/** How many images this build drew and kept. */
function howDrawn(drawn: number, kept: number): string {
  if (kept === 0) return drawn === 0 ? 'không có' : `vẽ ${drawn} ảnh`;
  if (drawn === 0) return `${kept} ảnh, không đổi`;
  return `vẽ lại ${drawn} ảnh (${kept} ảnh không đổi)`;
}

const pathOf = (unitId: string) => `${UNIT_PAGES}/${slug(unitId)}/`;

/** Where each kept thing lies in the site, for the plan and the linking. */
const LAYOUT = {
  page: (path: string) => `${path}index.html`,
  searchPart: searchPartEntry,
  download: (file: string) => `${DOWNLOADS_DIR}/${file}`,
  image: (file: string) => file,
};

/**
 * The published site is always a production build, whatever the shell or a test runner set:
 * Astro takes `import.meta.env.*` from variables of the same name, and with NODE_ENV=test or an
 * empty PROD the pages would lose their Content-Security-Policy; a BASE_URL would win over
 * BASE_PATH. And an office PC or CI machine may have no route to the internet: never phone home.
 */
function productionEnv(): void {
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  process.env['NODE_ENV'] = 'production';
  for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete process.env[name];
}

/** What the keys are made of, and what the rendering needs of it. */
interface Planned {
  readonly keys: BuildKeys;
  readonly units: readonly Unit[];
  readonly embedded: EmbedKeys;
  readonly parts: SearchParts;
  readonly images: ReturnType<typeof siteImages>;
  readonly tables: ReturnType<typeof cleanedTables>;
  readonly workbooks: ReturnType<typeof workbookJobs>;
}

/**
 * The keys of everything the build may keep from the published site, in a function of its own so
 * that the digests are garbage once the keys exist instead of held while the pages render. What
 * the present and model code computes on the way (a committee's charts for the embeds' keys, the
 * comparable figures) is cached by the province and shared with the pages' bundled copy of that
 * code (src/model/shared.ts): the pages would compute and keep it anyway.
 */
async function computeKeys(
  loaded: Project & { readonly province: Province; readonly content: Content },
  settings: {
    readonly code: string;
    readonly inputs: string;
    readonly project: string;
    readonly siteUrl: string | undefined;
    readonly searchPartSize: number;
    /** The published manifest, when made by the same code. */
    readonly published: PageManifest | undefined;
    /** Whether a page (its path) is in the published site. */
    readonly present: (path: string) => boolean;
  },
): Promise<Planned> {
  const { data, content, problems, province } = loaded;
  const units = pageUnits(province);
  const frame = siteView(province);
  const digest = pageDigests(province);
  const paged = unitsWithPage(province);
  const eventDigest = eventPageDigests(province, (id) => paged.has(id));
  const unitKeys = new Map(
    units.map((unit) => [
      unit.id,
      hashOf([digest(unit.id), content.units.get(slug(unit.id)) ?? null, frame]),
    ]),
  );
  // An embedded chart is the unit's chart, the site frame and a link to the unit's page (a few
  // per committee above grassroots level).
  const embedded = embedKeys(province, embedOwners(province), {
    unitKey: (id) => unitKeys.get(id),
    published: settings.published,
    present: settings.present,
    frame,
  });
  // The index needs names only (the unit's heading), so it starts before any page renders.
  const parts = searchParts(
    units.map((unit) => ({
      unitId: unit.id,
      record: searchRecord(
        pathOf(unit.id),
        unitHeading(province, unit.id),
        province.tree.nameChanges(unit.id).map((change) => change.before),
      ),
    })),
    settings.searchPartSize,
  );
  const images = siteImages(province, { share: Boolean(settings.siteUrl) });
  const tables = cleanedTables(data);
  const workbooks = workbookJobs(tables, loaded.fileHashes);
  // Node's version too: it formats the numbers on the axes.
  const drawingCode = await hashFiles(settings.project, DRAWING_CODE, process.version);
  const keys: BuildKeys = {
    code: settings.code,
    inputs: settings.inputs,
    pages: new Map([
      ...[...unitKeys].map(([id, key]): [string, string] => [pathOf(id), key]),
      ...province.events.map((e): [string, string] => [eventPath(e.id), hashOf([eventDigest(e.id), frame])]),
      ...embedded.pages,
    ]),
    search: new Map([...parts.records].map(([part, records]) => [part, hashOf([parts.count, records])])),
    // Each cleaned download is a function of its own data file, the quality report of the
    // problems: after a data update only the changed file's download is written again.
    downloads: new Map([
      ...[...downloads(data).map((d) => d.file), QUALITY_FILE].map((file): [string, string] => [
        file,
        hashOf(file === QUALITY_FILE ? problems : [file, loaded.fileHashes.get(file) ?? null]),
      ]),
      // A workbook is kept like a CSV download: by the data files it is made from.
      ...workbooks.map((w): [string, string] => [w.file, w.key]),
    ]),
    // An image is the picture of its description: the same description and drawing code, the same picture.
    images: new Map(images.map((image) => [image.file, hashOf([drawingCode, image])])),
  };
  return { keys, units, embedded, parts, images, tables, workbooks };
}

export async function buildSite(options: BuildOptions, log: (line: string) => void): Promise<BuildOutcome> {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const { outDir, dataDir, contentDir, project } = options;

  // Before anything is read or written: the swap deletes whatever is at OUT_DIR.
  const notHere = outputRefusal(outDir, {
    data: dataDir,
    content: contentDir,
    project,
    cwd: options.cwd,
    home: options.home,
  });
  if (notHere) {
    log(notHere);
    return 'refused';
  }
  // Everything from reading the published site's record to the swap happens under the lock.
  const lock = await lockOutput(outDir, { log, wait: options.lockWait });
  if ('refusal' in lock) {
    log(lock.refusal);
    return 'refused';
  }
  try {
    return await underLock(options, log, seconds);
  } finally {
    lock.release();
  }
}

async function underLock(
  options: BuildOptions,
  log: (line: string) => void,
  seconds: () => string,
): Promise<BuildOutcome> {
  const { outDir, dataDir, contentDir, project } = options;
  const staging = stagingDir(outDir);
  const rendering = renderDir(staging, project);
  // Where the leftovers of rendering an output outside the project are named and recovered.
  const renderedOut = join(dirname(rendering), basename(outDir));
  await recover(outDir);
  // What dead builds left in the project's .astro/ (rendering an output outside the project).
  if (rendering !== staging) await recover(renderedOut);
  // Hashed before they are read, so a file saved during the build can only make the next one
  // build again; the data's hash is of the bytes parsed.
  const env = { BASE_PATH: options.basePath, SITE_URL: options.siteUrl };
  const code = await codeHash(project, env);
  const sources = await sourcesHash(project, code, contentDir, options.searchPartSize);

  log(`Đọc dữ liệu từ ${dataDir} …`);
  // Parsed rows are cached by each file's content hash, checks by the whole data's: only what
  // changed is read and checked again.
  const loaded = await loadProject({ dataDir, contentDir, cacheDir: options.cacheDir });
  const { data, province, content, problems } = loaded;
  // A workbook is one file however many tables it holds.
  const filesRead = new Set(
    [...data.sources.values()].filter((s) => s.present).map((s) => s.place?.workbook ?? s.file),
  ).size;
  log(
    `  ${filesRead} tệp dữ liệu: ${howRead(filesRead, loaded.filesFromCache, loaded.checkedFromCache)} (${seconds()}).`,
  );
  log(
    `  ${data.units.length} đơn vị; ${data.members.length} dòng đảng viên, ${data.admissions.length} dòng kết nạp, ${data.cells.length} dòng chi bộ, ${data.restructurings.length} sự kiện sắp xếp — ${summary(problems)} (${seconds()}).`,
  );
  printProblems(problems, log);
  if (!province || !content || hasErrors(problems)) {
    log(`\nKhông xuất bản: dữ liệu hoặc nội dung có lỗi. ${whatStays(outDir)}.`);
    log('Sửa các lỗi ở trên (tệp:dòng:cột) rồi chạy lại "npm run build".');
    return 'refused';
  }

  const inputs = hashOf([sources, loaded.dataHash]);
  const manifest = await readManifest(outDir);
  // One stat per file: at 52,000 units 0.2 s, where listing the folder took 2.6 s.
  const present = (file: string) => statSync(join(outDir, file), { throwIfNoEntry: false }) !== undefined;
  // Before the pages' digests, the charts of the embeds and the images: none is needed to keep the site.
  if (siteKept(inputs, manifest, present, LAYOUT)) {
    log(
      `\nDữ liệu, nội dung và chương trình không đổi so với bản đang xuất bản ở ${outDir}: không cần tạo lại, trang web được giữ nguyên (${seconds()}).`,
    );
    return 'unchanged';
  }
  const { keys, units, embedded, parts, images, tables, workbooks } = await computeKeys(
    { ...loaded, province, content },
    {
      code,
      inputs,
      project,
      siteUrl: options.siteUrl,
      searchPartSize: options.searchPartSize,
      published: manifest?.code === code ? manifest : undefined,
      present: (path) => present(LAYOUT.page(path)),
    },
  );
  const plan = planBuild(keys, manifest, present, LAYOUT);
  // The snapshot published now, read before the swap replaces it: "what changed" compares with it.
  const previousSnapshot = await readPublishedSnapshot(outDir);
  // Astro is told not to empty the staging folder, so the search index and the unchanged pages can
  // go into it while Astro renders; a folder left by a killed build with the same process id goes first.
  await Promise.all([staging, rendering].map((dir) => rm(dir, { recursive: true, force: true })));
  // Pagefind's own process makes the changed parts while Astro renders, so both cores work.
  const search = startSearchIndex(parts, plan.search, staging);
  /** Of `ids`, those whose page `path` gives is kept; and a line of the log saying so. */
  const keep = (what: string, ids: readonly string[], path: (id: string) => string) => {
    const kept = new Set(ids.filter((id) => plan.pages.has(path(id))));
    if (ids.length > 0)
      log(
        `  ${ids.length} ${what}: ${ids.length - kept.size} cần tạo, ${kept.size} không đổi so với bản đang xuất bản (${seconds()}).`,
      );
    return kept;
  };
  const reusedIds = keep(
    'trang đơn vị',
    units.map((unit) => unit.id),
    pathOf,
  );
  const reuseEvents = keep(
    'trang sự kiện sắp xếp',
    province.events.map((e) => e.id),
    eventPath,
  );
  const reuseEmbeds = keep(
    'trang biểu đồ nhúng',
    [...embedded.pages.keys()].map((path) => path.slice('nhung/'.length, -1)),
    embedPagePath,
  );
  const progress = pageProgress(units.length - reusedIds.size, log);
  const failed = new AbortController();
  // A process of its own writes the changed workbooks while Astro renders; /du-lieu/ waits for their sizes.
  const writing = writeWorkbooks(
    workbooks.filter((w) => !plan.downloads.has(w.file)),
    tables,
    join(staging, DOWNLOADS_DIR),
    failed.signal,
  );
  writing.catch(() => undefined);
  const workbookSizes = Promise.all([
    writing,
    keptSizes(
      workbooks.filter((w) => plan.downloads.has(w.file)),
      join(outDir, DOWNLOADS_DIR),
    ),
  ]).then(([written, kept]) => new Map([...written, ...kept]));
  workbookSizes.catch(() => undefined);
  provideSite(
    { ...loaded, province, content, previousSnapshot, publishedAt: options.publishedAt, workbookSizes },
    {
      reuse: reusedIds,
      reuseEvents,
      reuseEmbeds,
      settledEmbeds: embedded.settled,
      keptDownloads: plan.downloads,
      searchParts: [...parts.records.keys()],
      rendered: progress.page,
    },
  );
  const carrying = searchPartFiles(plan.search, outDir).then((searchFiles) =>
    carryOver(
      [
        ...[...plan.pages].map(LAYOUT.page),
        ...[...plan.downloads].map(LAYOUT.download),
        ...[...plan.images].map(LAYOUT.image),
        ...searchFiles,
      ],
      outDir,
      staging,
      failed.signal,
    ),
  );
  carrying.catch(() => undefined);
  // A worker thread draws the changed images while Astro renders.
  const drawing = drawImages(
    images.filter((image) => !plan.images.has(image.file)),
    staging,
    failed.signal,
  );
  drawing.catch(() => undefined);
  log(`\nTạo các trang web …`);
  try {
    productionEnv();
    await astroBuild({
      outDir: rendering,
      ...(options.basePath ? { base: options.basePath } : {}),
      ...(options.siteUrl ? { site: options.siteUrl } : {}),
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
    if (plan.pages.size > 0) log(`  Giữ nguyên ${plan.pages.size} trang không đổi (${seconds()}).`);
    if (plan.downloads.size > 0)
      log(`  Giữ nguyên ${plan.downloads.size} tệp tải về (CSV, Excel) không đổi.`);
    const written = await writing;
    if (written.size > 0) log(`  Đã tạo ${written.size} tệp Excel tải về (${seconds()}).`);
    log(`  Ảnh biểu đồ và ảnh chia sẻ: ${howDrawn(await drawing, plan.images.size)} (${seconds()}).`);
    log(`  Chỉ mục tìm kiếm: ${howIndexed(await search.finish())} (${seconds()}).`);
    // The record that lets later builds replace this folder, and nothing else (output.ts).
    await writeFile(join(staging, SITE_RECORD), SITE_RECORD_TEXT);
    if (options.siteUrl) await writeSitemap(staging, options.basePath || '/', options.siteUrl);
    else log(NO_SITE_URL);
    const putManifest = await stageManifest(outDir, {
      format: 1,
      code,
      pages: Object.fromEntries([...keys.pages].sort()),
      search: Object.fromEntries(keys.search),
      downloads: Object.fromEntries(keys.downloads),
      images: Object.fromEntries(keys.images),
      inputs: keys.inputs,
      files: await siteFiles(staging, SEARCH_DIR),
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
    await Promise.all([
      search.close(),
      carrying.catch(() => undefined),
      drawing.catch(() => undefined),
      writing.catch(() => undefined),
    ]);
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
      log(`\nKhông xuất bản: tạo trang bị lỗi. ${whatStays(outDir)}.`);
      log(String(cause instanceof Error ? cause.message : cause));
    }
    return 'failed';
  }
  log(`Đã xuất bản vào ${outDir} (${seconds()}).`);
  return 'published';
}
