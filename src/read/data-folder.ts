/**
 * Which files of the data folder are the contract's, and their bytes. Everything that reads
 * data bytes (the reader, the parse cache, the data hash) goes through here, so a file refused
 * here is never read by anything: two files whose names differ only by case (which one the
 * publisher meant is unknowable), a link leading out of the folder (it would publish whatever it
 * points at), and a file too large to read without running out of memory.
 */
import { constants, type Dirent } from 'node:fs';
import { open, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { error, type Problem } from '../problems.ts';
import { SCHEMAS } from './schemas.ts';
import { LOCK_FILE, REFUSED_FORMATS, SAVE_AS_XLSX, WORKBOOK_FILE } from './workbook.ts';

/**
 * The largest data file read. A 52,000-unit province over 10 years (the whole country's
 * grassroots organizations) has a 22.5 MB members.csv, 45 MB if saved as Excel's UTF-16
 * "Unicode Text"; reading 200 MB ran the build out of memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/**
 * The largest workbook read: it is read as a stream, so its size costs little memory; the
 * 52,000-unit province's tables in one workbook are 79 MB.
 */
export const MAX_WORKBOOK_BYTES = 256 * 1024 * 1024;

export interface DataFolder {
  /**
   * Each contract file (`units.csv`) and workbook (`du-lieu.xlsx`) found, by its name in lower
   * case → its path; only files that may be read.
   */
  readonly files: ReadonlyMap<string, string>;
  /** Contract files present but refused (already reported): neither missing nor read. */
  readonly refused: ReadonlySet<string>;
  readonly problems: Problem[];
}

const megabytes = (bytes: number): string =>
  (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });

/**
 * The contract's files in `dir`, found case-insensitively (Windows users save `Units.CSV` as
 * often as not); `undefined` when there is no such folder.
 */
export async function listDataFolder(dir: string): Promise<DataFolder | undefined> {
  let entries: Dirent[];
  let root: string;
  try {
    entries = await readdir(dir, { withFileTypes: true });
    root = await realpath(dir);
  } catch {
    return undefined;
  }
  const wanted = new Set<string>(SCHEMAS.map((schema) => schema.file));
  const byFile = new Map<string, Dirent[]>();
  const files = new Map<string, string>();
  const refused = new Set<string>();
  const problems: Problem[] = [];
  for (const entry of entries) {
    const file = entry.name.toLowerCase();
    if (LOCK_FILE.test(file)) continue;
    if (wanted.has(file) || WORKBOOK_FILE.test(file)) byFile.set(file, [...(byFile.get(file) ?? []), entry]);
    const format = Object.keys(REFUSED_FORMATS).find((ext) => file.endsWith(ext));
    if (format !== undefined) {
      problems.push(
        error({
          code: 'spreadsheet-format',
          file: entry.name,
          message: `${REFUSED_FORMATS[format] ?? ''}; chỉ đọc tệp CSV và sổ làm việc Excel (.xlsx)`,
          english: `${format} files are not read`,
          fix: SAVE_AS_XLSX,
        }),
      );
    }
  }
  for (const [file, found] of byFile) {
    const [entry, ...others] = found;
    if (!entry) continue;
    if (others.length > 0) {
      const names = found.map((e) => e.name).sort();
      refused.add(file);
      problems.push(
        error({
          code: 'duplicate-file',
          file,
          message: `có ${found.length} tệp cùng tên, chỉ khác chữ hoa, chữ thường: ${names.join(', ')}. Không biết tệp nào là dữ liệu đúng nên không đọc tệp nào`,
          english: `${names.join(', ')} differ only by letter case`,
          fix: `Giữ lại một tệp ${file} (tệp mới nhất), xóa các tệp kia hoặc chuyển chúng ra khỏi thư mục dữ liệu.`,
        }),
      );
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink() && !(await leadsInside(path, root))) {
      refused.add(file);
      problems.push(
        error({
          code: 'link-outside',
          file,
          message: `${entry.name} là liên kết (symbolic link) tới một tệp nằm ngoài thư mục dữ liệu; để không công bố nhầm tệp khác, tệp này không được đọc`,
          english: 'symbolic link to a file outside the data folder, not read',
          fix: `Xóa liên kết ${entry.name} và chép chính tệp dữ liệu vào thư mục dữ liệu.`,
        }),
      );
      continue;
    }
    files.set(file, path);
  }
  return { files, refused, problems };
}

/** A link whose target cannot be resolved (it leads nowhere) is left for the read to report. */
async function leadsInside(path: string, root: string): Promise<boolean> {
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    return true;
  }
  return isInside(root, target);
}

/**
 * True when `target` lies below `root` (both real paths). Only a first path segment that is
 * exactly `..` leads out: a file named `..dang-vien.csv` in the folder is inside it.
 */
export function isInside(root: string, target: string): boolean {
  const inside = relative(root, target);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * A data file's bytes, or why they are not read. Its size is asked of the open file, so what is
 * measured is what is read.
 */
export async function readDataFile(
  path: string,
  file: string,
  limit: number = MAX_FILE_BYTES,
): Promise<{ readonly bytes: Uint8Array } | { readonly problem: Problem }> {
  const unreadable = (code: string | undefined) => ({
    problem: error({
      code: 'unreadable-file',
      file,
      message: `không mở được tệp (${code ?? 'lỗi đọc'})`,
      english: 'cannot open file',
      fix: 'Đóng tệp nếu đang mở trong Excel và kiểm tra quyền đọc tệp.',
    }),
  });
  let handle;
  try {
    // Non-blocking, so that a named pipe saved under a data file's name cannot stall the build.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (cause) {
    return unreadable((cause as NodeJS.ErrnoException).code);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return unreadable(info.isDirectory() ? 'là thư mục' : 'không phải tệp thường');
    if (info.size > limit) {
      return {
        problem: error({
          code: 'file-too-large',
          file,
          message: `tệp nặng ${megabytes(info.size)} MB, quá giới hạn ${megabytes(limit)} MB của một tệp dữ liệu, nên không được đọc`,
          english: `file is ${info.size} bytes, more than the limit of ${limit}`,
          fix: `Kiểm tra đã chọn đúng tệp chưa: số liệu 10 năm của 52.000 tổ chức cơ sở đảng (cả nước) chỉ khoảng 23 MB. Nếu đúng, xóa các cột và dòng không thuộc quy định (kể cả hàng nghìn dòng, cột trống ở cuối bảng), lưu lại dạng CSV UTF-8.`,
        }),
      };
    }
    return { bytes: await handle.readFile() };
  } catch (cause) {
    return unreadable((cause as NodeJS.ErrnoException).code);
  } finally {
    await handle.close();
  }
}
