/**
 * A full disk is the one build failure an office can fix without help, once it is told so: every
 * step that writes (Astro's pages, the copy beside the output, the search index in Pagefind's own
 * process, the page record) reports it in its own words, which are recognised here and turned into
 * one Vietnamese message with how much room the site needs.
 */
import { existsSync, statfsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { whatStays } from './output.ts';

const FULL = /\b(ENOSPC|EDQUOT)\b|No space left on device|StorageFull|Disk quota exceeded/;

/** The failure, or anything it was caused by, is a full disk (or an exhausted quota). */
export function isDiskFull(cause: unknown): boolean {
  for (let at = cause, depth = 0; at !== undefined && at !== null && depth < 10; depth++) {
    const code = (at as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
    if (FULL.test(at instanceof Error ? at.message : typeof at === 'string' ? at : '')) return true;
    at = at instanceof Error ? at.cause : undefined;
  }
  return false;
}

/** Bytes in the files under `dir` (each hard-linked file once); 0 when it is absent. */
export async function folderBytes(dir: string): Promise<number> {
  const seen = new Set<number>();
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const found = await stat(join(entry.parentPath, entry.name)).catch(() => undefined);
    if (found === undefined || seen.has(found.ino)) continue;
    seen.add(found.ino);
    total += found.size;
  }
  return total;
}

/**
 * A unit page with its share of the search index, charts and downloads, and the pages every site
 * has (topic pages, scripts, fonts), rounded up from the sample site (209 unit pages, 7.8 MB).
 */
const BYTES_PER_UNIT = 40 * 1024;
const BYTES_PER_SITE = 4 * 1024 * 1024;

/** About the room a new site needs: as much as the published one, or an estimate from its units. */
export const bytesNeeded = (published: number, units: number): number =>
  Math.max(published, units * BYTES_PER_UNIT + BYTES_PER_SITE);

const megabytes = (bytes: number): string =>
  `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: bytes < 10 * 1024 ** 2 ? 1 : 0 }).format(bytes / 1024 ** 2)} MB`;

/** Free bytes on the disk holding `path` (or its nearest existing parent), if the system says. */
function freeBytes(path: string): number | undefined {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      const fs = statfsSync(dir);
      return fs.bavail * fs.bsize;
    } catch {
      if (dirname(dir) === dir) return undefined;
    }
  }
}

/**
 * The Vietnamese message for a build stopped by a full disk: where, how much is free, about how
 * much the site needs, and what to do. `folders` are where the build writes (beside the output,
 * and the project's .astro/ for an output on another disk).
 */
export function diskFullMessage(outDir: string, folders: readonly string[], needed: number): string {
  // One line per disk: the output's parent and the project's .astro/ are often on the same one.
  const disks = new Map<number | string, string>();
  for (const dir of folders) {
    const device = existsSync(dir) ? statSync(dir).dev : dir;
    if (!disks.has(device)) disks.set(device, dir);
  }
  const free = [...disks.values()].map((dir) => {
    const bytes = freeBytes(dir);
    return `${dir}: còn trống ${bytes === undefined ? 'không rõ' : megabytes(bytes)}`;
  });
  return [
    `Không xuất bản: ổ đĩa đã đầy, không ghi được trang web mới. ${whatStays(outDir)}; phần đã tạo dở đã được xóa.`,
    `  Chỗ trống hiện có — ${free.join('; ')}.`,
    `  Trang web cần khoảng ${megabytes(needed)} trống trên ổ đĩa chứa ${dirname(outDir)} (trang mới được tạo bên cạnh trang cũ rồi mới thay vào).`,
    'Cách sửa: giải phóng chỗ trống trên ổ đĩa (hoặc đặt OUT_DIR ở ổ đĩa khác còn đủ chỗ), rồi chạy lại "npm run build".',
  ].join('\n');
}
