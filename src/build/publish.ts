import { spawn } from 'node:child_process';
import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
} from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { within } from './output.ts';
import { Worker } from 'node:worker_threads';

/**
 * The published folder is replaced only by a complete build: the new site is written beside
 * it and swapped in with two renames, so a failed or killed build leaves it as it was.
 */
export const stagingDir = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-moi-${process.pid}`);

/**
 * Where Astro writes the pages of a build whose staging folder is `staging`. For an output outside
 * the project Astro keeps its server bundle in the project's own `.astro/` and moves the bundle's
 * assets into the output with rename(), which fails across disks (EXDEV: OUT_DIR on another drive,
 * partition or mounted share), and two such builds at once would share that bundle. Such an output
 * is therefore rendered in a folder of the project's `.astro/` and moved beside it afterwards.
 */
export function renderDir(staging: string, project: string): string {
  const inside = staging !== project && within(staging, project);
  return inside ? staging : join(project, '.astro', basename(staging));
}

/** Renames, or answers false where the two paths are on different disks. */
function renamed(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EXDEV') return false;
    throw cause;
  }
}

function move(source: string, target: string, isFolder: boolean): void {
  if (!(isFolder && existsSync(target)) && renamed(source, target)) return;
  // Never onto an existing file: it could be a page hard-linked from the published site.
  if (!isFolder) return copyFileSync(source, target, constants.COPYFILE_EXCL);
  // A folder that both have (the kept pages are already in the staging folder), or another disk.
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    move(join(source, entry.name), join(target, entry.name), entry.isDirectory());
  }
}

/**
 * Moves what `from` holds into `to`, merging the folders both have; across disks it copies.
 * Synchronous calls, as every page is rendered by then: 10,000 pages copied to another disk took
 * 1.7 s so, 7 s through the promise API. What is left of `from` (across disks, every page) is
 * removed in the background, as a removal of `outDir` (see discard): 1.5 s less at 10,000 pages.
 */
export async function moveInto(from: string, to: string, outDir: string): Promise<void> {
  // Nothing may have been linked or indexed into the staging folder yet.
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    move(join(from, entry.name), join(to, entry.name), entry.isDirectory());
  }
  await discard(from, outDir);
}

const previousDir = (outDir: string): string =>
  join(dirname(outDir), `.${basename(outDir)}-cu-${process.pid}`);

/** The start of the name a replaced site is removed under, beside the output (`.dist-xoa-<pid>`). */
const removalPrefix = (outDir: string): string => `.${basename(outDir)}-xoa-`;

type Kind = 'moi' | 'cu' | 'xoa' | 'trang';

/**
 * A staging (`moi`), previous (`cu`) or replaced (`xoa`, being removed) folder of this output, or
 * a page manifest not yet put in place (`trang.json.<pid>.tmp`), and the process it belongs to.
 */
function leftover(entry: string, name: string): { kind: Kind; pid: number } | undefined {
  const prefix = `.${name}-`;
  if (!entry.startsWith(prefix)) return undefined;
  // Exact shape only: the output `dist` must not claim `.dist-cu-moi-7`, the staging of `dist-cu`.
  const match = /^(?:(moi|cu|xoa)-(\d+)|(trang)\.json\.(\d+)\.tmp)$/.exec(entry.slice(prefix.length));
  if (!match) return undefined;
  return { kind: (match[1] ?? match[3]) as Kind, pid: Number(match[2] ?? match[4]) };
}

/**
 * The fields of /proc/<pid>/stat after the process name (state first, start time 20th), or
 * undefined where the process or /proc is not there. The name is skipped by its last `)`: it may
 * hold spaces and brackets.
 */
export function processStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A build still running (another terminal, a CI job) owns its folders; only the dead's are cleared. */
export function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed build stays a zombie until it is reaped, which can be after the next build starts:
  // it answers signals but is dead (Linux: state Z in /proc; elsewhere there is no way to tell).
  if (!existsSync('/proc/self/stat')) return true;
  const state = processStat(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/**
 * Undoes a swap that was cut off between its two renames, and clears what dead builds and
 * removers left.
 */
export async function recover(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const name = basename(outDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  for (const entry of entries.sort()) {
    const found = leftover(entry, name);
    if (!found) continue;
    if (found.kind === 'cu' && !existsSync(outDir)) {
      // Cut off between the two renames: the previous site is whole, put it back. Whoever owns
      // the folder (a pid can be reused, or be a zombie not yet reaped): a site must be there,
      // and a build that was really mid-swap then fails its second rename and publishes nothing.
      await rename(join(parent, entry), outDir);
    } else if (!running(found.pid)) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

export async function swapIn(staging: string, outDir: string): Promise<void> {
  const previous = previousDir(outDir);
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) await rename(outDir, previous);
  try {
    await rename(staging, outDir);
  } catch (cause) {
    // The new site could not be moved in (permissions, a file open on Windows): the old one
    // goes straight back rather than waiting for the next build's recover().
    if (hadPrevious && existsSync(previous)) await rename(previous, outDir);
    throw cause;
  }
  if (hadPrevious) await discard(previous, outDir);
}

/** Reads the folder to remove from its input, so that it can be named after its own process id. */
const REMOVER = `let path = '';
process.stdin.on('data', (chunk) => (path += chunk));
process.stdin.on('end', () => path && require('node:fs').rmSync(path, { recursive: true, force: true, maxRetries: 3 }));`;

/**
 * Removes a folder (the replaced site) in a detached process, so the build ends as soon as the
 * new site is published: at 52,000 units the old one is 160,000 files and folders, 5–10 s to
 * remove. The folder is first renamed, where it is, after that process and `outDir`
 * (`.dist-xoa-<pid>`), so a later build's recover() leaves it alone while the process runs and
 * removes what it left if it was killed.
 */
async function discard(folder: string, outDir: string): Promise<void> {
  const remover = spawn(process.execPath, ['-e', REMOVER], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    windowsHide: true,
  });
  remover.on('error', () => undefined);
  remover.stdin.on('error', () => undefined);
  const target =
    remover.pid === undefined ? undefined : join(dirname(folder), `${removalPrefix(outDir)}${remover.pid}`);
  try {
    if (target === undefined) throw new Error('no process to remove the folder');
    await rename(folder, target);
  } catch {
    // No process, or the folder could not be renamed: remove it here, as the build always did.
    remover.stdin.end();
    await rm(folder, { recursive: true, force: true });
    return;
  }
  // Written before the build may exit; a remover that reads no path (build killed first) just ends.
  await new Promise<void>((resolve) => remover.stdin.end(target, resolve));
  remover.unref();
}

/**
 * Resolves once no replaced site of this output is being removed beside it, or after `timeout` ms:
 * for whoever must not share the disk with the removal (the benchmark's next timed build, tests).
 */
export async function removalsDone(outDir: string, timeout: number): Promise<void> {
  const prefix = removalPrefix(outDir);
  for (let waited = 0; waited < timeout; waited += 50) {
    if (!(await readdir(dirname(outDir))).some((name) => name.startsWith(prefix))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Plain JavaScript for a worker thread (no TypeScript loader there). */
const LINKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { copyFileSync, linkSync, mkdirSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { files, from, to } = workerData;
for (const file of files) {
  const target = join(to, file);
  mkdirSync(dirname(target), { recursive: true });
  try {
    linkSync(join(from, file), target);
  } catch {
    copyFileSync(join(from, file), target);
  }
}
parentPort.postMessage(files.length);
`;

/**
 * Hard-links (or, across file systems, copies) files of the published site into staging, by
 * their path below the site (`don-vi/a/index.html`), while Astro renders the other pages. A
 * worker thread makes the links with synchronous calls: 52,000 pages take 6 s there, against
 * 10 s through the promise API, whose thread pool Astro's own writes share. `signal` stops it
 * (the build failed: its staging folder is removed anyway).
 */
export function carryOver(
  files: readonly string[],
  outDir: string,
  staging: string,
  signal?: AbortSignal,
): Promise<number> {
  if (files.length === 0) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const worker = new Worker(LINKER, {
      eval: true,
      execArgv: [],
      workerData: { files, from: outDir, to: staging },
    });
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    let done = false;
    worker.once('message', (count: number) => {
      done = true;
      resolve(count);
    });
    worker.once('error', reject);
    // A worker stopped before it started exits with code 0: what counts is that it never reported.
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (!done) {
        reject(
          new Error(
            `Liên kết các tệp không đổi từ trang web đang xuất bản bị dừng (mã thoát ${code}). Chạy lại "npm run build"; nếu lỗi lặp lại, kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục xuất bản.`,
          ),
        );
      }
    });
  });
}
