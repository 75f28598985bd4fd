import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSnapshot, publicationTime, type Snapshot } from '../model/snapshot.ts';

/** Where each build publishes its snapshot (the endpoint src/pages/du-lieu/snapshot.json.ts). */
export const SNAPSHOT_PATH = 'du-lieu/snapshot.json';

/**
 * The snapshot of the site published now, read before the new one replaces it. None (first
 * build, or a file this code cannot read) means "nothing to compare with yet".
 */
export async function readPublishedSnapshot(outDir: string): Promise<Snapshot | undefined> {
  const file = join(outDir, SNAPSHOT_PATH);
  try {
    const snapshot = parseSnapshot(await readFile(file, 'utf8'));
    const [latest, ...earlier] = snapshot?.history ?? [];
    if (!snapshot || !latest || latest.publishedAt !== null) return snapshot;
    // Written before publication times were kept: the file was written by the build that
    // published that data, so its time is the publication's, to within the build's few seconds.
    const written = publicationTime((await stat(file)).mtime);
    return { ...snapshot, history: [{ ...latest, publishedAt: written }, ...earlier] };
  } catch {
    return undefined;
  }
}

/**
 * When this build publishes, as recorded for new data: `SOURCE_DATE_EPOCH` (seconds since
 * 1970, the reproducible-builds convention) when set, so two builds of the same data give the
 * same bytes; otherwise the clock. Anything but a whole number of seconds is refused rather than
 * recorded as a wrong date.
 */
export function publicationDateFrom(env: NodeJS.ProcessEnv, clock: () => Date = () => new Date()): Date {
  const setting = env['SOURCE_DATE_EPOCH']?.trim();
  if (!setting) return clock();
  const when = /^\d{1,12}$/.test(setting) ? new Date(Number(setting) * 1000) : undefined;
  if (when === undefined || Number.isNaN(when.getTime())) {
    throw new Error(
      `Biến môi trường SOURCE_DATE_EPOCH="${setting}" không hợp lệ: cần số giây kể từ 01/01/1970 (giờ UTC), viết liền, không có dấu chấm hay dấu phẩy (ví dụ 1767225600 là 01/01/2026). Sửa hoặc bỏ biến này (khi bỏ, thời điểm xuất bản là giờ của máy) rồi chạy lại "npm run build".`,
    );
  }
  return when;
}
