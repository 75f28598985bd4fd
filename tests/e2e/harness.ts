/**
 * What every browser test needs: a fixture site built once into /tmp, served on 127.0.0.1,
 * Debian's Chromium (never a downloaded browser), and pages opened under guard: console errors,
 * failed requests and requests leaving 127.0.0.1 are recorded so tests can assert there are none.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { homedir } from 'node:os';
import { promisify } from 'node:util';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildSite as build, type BuildOptions } from '../../src/build/build.ts';
import { cacheDirFrom } from '../../src/build/cache.ts';
import { publicationDateFrom } from '../../src/build/snapshot-file.ts';
import { serve, type StaticServer } from './server.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
const OUTPUT = join(ROOT, 'tests', '.output');
export const fixtureDir = (name: string): string => join(ROOT, 'tests', 'fixtures', name);

/** Fixture sites the browser tests open; a fixture is tested as soon as it exists. */
export const SITE_FIXTURES = ['basic', 'restructuring', 'term-progress'].filter((name) =>
  existsSync(fixtureDir(name)),
);

const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

export interface BuiltSite {
  /** The built site folder (what `dist/` would hold). */
  readonly dir: string;
  readonly output: string;
  remove(): Promise<void>;
}

/**
 * Runs the real build CLI (`src/cli/build.ts`) as `npm run build` would, on the project's pinned
 * Node (vitest runs under it), with no BASE_PATH or SITE_URL unless `env` sets them. Returns what
 * it printed; a failed build rejects with the CLI's output.
 */
export async function runBuild(env: Record<string, string>): Promise<string> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['src/cli/build.ts'], {
      cwd: ROOT,
      env: { ...process.env, BASE_PATH: '', SITE_URL: '', ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    // The CLI's own report (stdout) says what went wrong; stack traces follow on stderr.
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${e.stdout ?? ''}\n${(e.stderr ?? '').slice(0, 2000)}`, { cause: error });
  }
}

/**
 * Calls the build function in this process, as the CLI would with these folders and settings
 * (parse cache on, no base path, no site address unless given). Returns what it printed; a build
 * that publishes nothing new and keeps nothing rejects with that output.
 */
export async function buildInProcess(
  settings: Pick<BuildOptions, 'dataDir' | 'contentDir' | 'outDir'> & Partial<BuildOptions>,
): Promise<string> {
  const lines: string[] = [];
  const outcome = await build(
    {
      project: ROOT,
      cwd: ROOT,
      home: homedir(),
      basePath: undefined,
      siteUrl: undefined,
      searchPartSize: 4000,
      cacheDir: cacheDirFrom(),
      lockWait: 60_000,
      publishedAt: publicationDateFrom(process.env),
      ...settings,
    },
    (line) => lines.push(line),
  );
  const output = lines.join('\n');
  if (outcome !== 'published' && outcome !== 'unchanged') throw new Error(output);
  return output;
}

/**
 * Builds a fixture with the real CLI (`env` as its environment), or with `inProcess` by calling
 * the build function here. The output goes under tests/.output/ (git-ignored).
 */
export async function buildSite(
  fixture: string,
  env: Record<string, string> = {},
  { inProcess = false } = {},
): Promise<BuiltSite> {
  await mkdir(OUTPUT, { recursive: true });
  const work = await mkdtemp(join(OUTPUT, `e2e-${fixture}-`));
  const dir = join(work, 'dist');
  // A fixture's editorial Markdown, if it has any, sits in its own content/ folder.
  const folders = {
    dataDir: fixtureDir(fixture),
    contentDir: join(fixtureDir(fixture), 'content'),
    outDir: dir,
  };
  try {
    const output = inProcess
      ? await buildInProcess(folders)
      : await runBuild({ DATA_DIR: folders.dataDir, CONTENT_DIR: folders.contentDir, OUT_DIR: dir, ...env });
    return { dir, output, remove: () => rm(work, { recursive: true, force: true }) };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw new Error(`Building fixture "${fixture}" failed:\n${(error as Error).message}`, { cause: error });
  }
}

/**
 * A fixture built in process, served and a Chromium launched, for the tests of one file: the
 * file's beforeAll and afterAll are registered here. Read the fields inside tests only.
 */
export function servedFixture(fixture: string): {
  readonly browser: Browser;
  readonly site: BuiltSite;
  readonly server: StaticServer;
} {
  const opened: { browser?: Browser; site?: BuiltSite; server?: StaticServer } = {};
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('servedFixture: read only inside a test');
    return value;
  };
  beforeAll(async () => {
    opened.browser = await launchChromium();
    opened.site = await buildSite(fixture, {}, { inProcess: true });
    opened.server = await serve(opened.site.dir);
  }, 120_000);
  afterAll(async () => {
    await opened.browser?.close();
    await opened.server?.close();
    await opened.site?.remove();
  });
  return {
    get browser() {
      return ready(opened.browser);
    },
    get site() {
      return ready(opened.site);
    },
    get server() {
      return ready(opened.server);
    },
  };
}

/** Every page of a built site, as paths relative to its base (`''`, `don-vi/g1/`, `404.html`). */
export async function sitePages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((path) => !path.startsWith('pagefind/'))
    .map((path) => path.replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests need Debian's Chromium: ` +
        'run "apt-get install -y chromium" (.ci/run does this), or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Guard {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  /** Requests to anywhere but the test server: aborted, and listed here. */
  readonly externalRequests: string[];
}

/**
 * A context whose every page is watched. Requests that leave 127.0.0.1 are aborted and recorded
 * (a published page must work on a machine with no internet route).
 */
export async function guardedContext(
  browser: Browser,
  server: StaticServer,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; guard: Guard }> {
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  const guard: Guard = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      guard.externalRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  context.on('page', (page) => watch(page, guard));
  return { context, guard };
}

function watch(page: Page, guard: Guard): void {
  page.on('console', (message) => {
    if (message.type() === 'error') guard.consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => guard.consoleErrors.push(`${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText.includes('ERR_BLOCKED_BY_CLIENT')) return; // counted as external
    guard.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    // The 404 page is expected to answer 404 itself; anything else ≥ 400 is a broken reference.
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      guard.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });
}

/** Opens a page and waits until it and its scripts have settled (charts drawn, fonts loaded). */
export async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** Each canvas: painted when some pixel is not fully transparent (waits up to 10 s for charts). */
export async function blankCanvases(page: Page): Promise<number> {
  const count = await page.locator('canvas').count();
  if (count === 0) return 0;
  const blank = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('canvas')].filter((canvas) => {
          const ctx = canvas.getContext('2d');
          if (!ctx || canvas.width === 0 || canvas.height === 0) return true;
          const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return false;
          return true;
        }).length,
    );
  for (let waited = 0; waited < 10_000; waited += 200) {
    if ((await blank()) === 0) return 0;
    await page.waitForTimeout(200);
  }
  return blank();
}

export { serve, type StaticServer };

/** Recorded on every canvas before the page's scripts run: texts written, and each stroke's dash and colour. */
export interface Painting {
  readonly canvas: number;
  readonly text?: string;
  readonly dash?: string;
  readonly color?: string;
}
declare global {
  interface Window {
    painted: Painting[];
  }
}
export const recordPainting = () => {
  window.painted = [];
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = Object.getOwnPropertyDescriptor(proto, 'fillText')?.value as typeof proto.fillText;
  const stroke = Object.getOwnPropertyDescriptor(proto, 'stroke')?.value as (path?: Path2D) => void;
  const canvasOf = (ctx: CanvasRenderingContext2D) =>
    [...document.querySelectorAll('canvas')].indexOf(ctx.canvas);
  proto.fillText = function (
    this: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    max?: number,
  ) {
    window.painted.push({ canvas: canvasOf(this), text: String(text) });
    fillText.call(this, text, x, y, max);
  };
  proto.stroke = function (this: CanvasRenderingContext2D, path?: Path2D) {
    // Chart.js strokes with colour strings only (no gradients or patterns).
    const color = typeof this.strokeStyle === 'string' ? this.strokeStyle : 'other';
    window.painted.push({ canvas: canvasOf(this), dash: this.getLineDash().join(','), color });
    if (path === undefined) stroke.call(this);
    else stroke.call(this, path);
  };
};
