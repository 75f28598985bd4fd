/**
 * Which folder a build may publish into. The swap puts the new site where `OUT_DIR` is and deletes
 * what was there, so a mistyped `OUT_DIR` (the data folder, the portal's web root instead of its
 * sub-folder, the project, `.`) would delete it. A build therefore replaces only a folder that this
 * tool published (its record is inside) or an empty one, and refuses any other before it reads or
 * writes anything.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { manifestPath } from './manifest.ts';

/**
 * The record that says "this tool published this folder", in the site's root. A dot file: web
 * servers commonly refuse to serve those, and it says nothing but what made the folder. The same
 * bytes every build, so the site stays byte-reproducible.
 */
export const SITE_RECORD = '.thong-ke.json';
export const SITE_RECORD_TEXT = `${JSON.stringify({
  tool: 'thong-ke-xay-dung-dang',
  note: 'Thư mục này do công cụ thống kê xây dựng Đảng tạo ra; mỗi lần tạo trang, toàn bộ thư mục được thay bằng trang web mới.',
})}\n`;

/** The folders an output must never be, contain or lie in (where it applies), and their names. */
export interface Places {
  readonly data: string;
  readonly content: string | undefined;
  /** The tool's own folder (package.json, src/). */
  readonly project: string;
  readonly cwd: string;
  readonly home: string;
}

/** Symbolic links resolved, also for a path whose last parts do not exist yet. */
function realPath(path: string): string {
  const missing: string[] = [];
  let existing = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return resolve(path);
      missing.push(basename(existing));
      existing = parent;
    }
  }
}

/** `inner` is `outer` or lies inside it. */
/**
 * What a build that publishes nothing leaves at `outDir`, for its last message: a first build
 * has no site there to keep, and saying one is kept would send the office looking for it.
 */
export const whatStays = (outDir: string): string =>
  existsSync(outDir) ? `Trang web đang có ở ${outDir} được giữ nguyên` : `Chưa có gì được ghi vào ${outDir}`;

export function within(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}

/**
 * A site this tool published: its record is inside, or (sites published before the record
 * existed) the page manifest that builds keep beside it is there with the site's home page.
 */
export function publishedHere(dir: string): boolean {
  if (existsSync(join(dir, SITE_RECORD))) return true;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(dir), 'utf8')) as { format?: unknown };
    return manifest.format !== undefined && existsSync(join(dir, 'index.html'));
  } catch {
    return false;
  }
}

const refusal = (what: string, why: string, fix: string): string =>
  [`Không xuất bản: ${what}`, why, `Cách sửa: ${fix}`].join('\n');

/**
 * Why a build must not publish into `outDir`, in Vietnamese with what to set instead, or undefined.
 * Looks only, never writes: it runs before anything else.
 */
export function outputRefusal(outDir: string, places: Places): string | undefined {
  const out = resolve(outDir);
  const real = realPath(out);
  const elsewhere = `đặt OUT_DIR là một thư mục riêng cho trang web, chưa có hoặc đang trống, ví dụ OUT_DIR=${join(places.project, 'dist')}, rồi chạy lại.`;
  if (dirname(real) === real) {
    return refusal(
      `OUT_DIR=${outDir} là thư mục gốc của ổ đĩa.`,
      'Mỗi lần tạo trang, thư mục xuất bản được thay toàn bộ bằng trang web mới: mọi thứ khác trong đó sẽ mất.',
      elsewhere,
    );
  }
  const named: [string, string | undefined][] = [
    ['thư mục dữ liệu (DATA_DIR)', places.data],
    ['thư mục nội dung Markdown (CONTENT_DIR)', places.content],
    ['thư mục của chương trình', places.project],
    ['thư mục đang làm việc', places.cwd],
    ['thư mục cá nhân của người dùng', places.home],
  ];
  for (const [name, place] of named) {
    if (place === undefined || !within(realPath(place), real)) continue;
    return refusal(
      real === realPath(place)
        ? `OUT_DIR=${outDir} chính là ${name}.`
        : `OUT_DIR=${outDir} chứa ${name}: ${place}.`,
      'Mỗi lần tạo trang, thư mục xuất bản được thay toàn bộ bằng trang web mới: các tệp trong đó sẽ bị xóa.',
      elsewhere,
    );
  }
  for (const [name, place] of named.slice(0, 2)) {
    if (place === undefined || !within(real, realPath(place))) continue;
    return refusal(
      `OUT_DIR=${outDir} nằm trong ${name}: ${place}.`,
      'Trang web không được ghi lẫn vào các tệp mà nó được tạo ra từ đó.',
      elsewhere,
    );
  }
  for (let dir = dirname(real); dirname(dir) !== dir; dir = dirname(dir)) {
    if (!publishedHere(dir)) continue;
    return refusal(
      `OUT_DIR=${outDir} nằm bên trong trang web đã xuất bản ở ${dir}.`,
      'Trang web đó sẽ bị thay toàn bộ ở lần tạo trang sau, và một trang web lồng trong nó sẽ mất theo.',
      `đặt OUT_DIR ra ngoài, ví dụ OUT_DIR=${join(dirname(dir), basename(out))}, rồi chạy lại.`,
    );
  }
  const entry = lstatSync(out, { throwIfNoEntry: false });
  if (entry === undefined) return undefined;
  if (entry.isSymbolicLink()) {
    return refusal(
      `OUT_DIR=${outDir} là một liên kết (symbolic link) tới ${real}.`,
      'Trang web mới được đổi tên vào đúng chỗ của OUT_DIR: liên kết sẽ bị thay bằng một thư mục.',
      `đặt OUT_DIR=${real} (nơi liên kết trỏ tới) nếu đó là thư mục của trang web, rồi chạy lại.`,
    );
  }
  if (!entry.isDirectory()) {
    return refusal(
      `OUT_DIR=${outDir} là một tệp, không phải thư mục.`,
      'Trang web sẽ thay vào chỗ của tệp đó, và tệp sẽ bị xóa.',
      `đặt OUT_DIR là một thư mục mới, ví dụ OUT_DIR=${join(dirname(out), 'thong-ke')}, rồi chạy lại.`,
    );
  }
  // A disk or share mounted at the output itself (a Docker volume, the portal's web root) cannot
  // be renamed by the swap.
  if (statSync(out).dev !== statSync(dirname(out)).dev) {
    return refusal(
      `${outDir} là nơi gắn một ổ đĩa hoặc thư mục dùng chung (mount point).`,
      'Trang web mới được tạo bên cạnh thư mục xuất bản rồi đổi tên thay cho trang cũ, để trang đang có không bao giờ bị ghi dở; nơi gắn ổ đĩa thì không đổi tên được.',
      `đặt OUT_DIR là một thư mục con bên trong, ví dụ OUT_DIR=${join(out, 'thong-ke')}, và cho cổng thông tin phục vụ thư mục con đó.`,
    );
  }
  if (publishedHere(out) || readdirSync(out).length === 0) return undefined;
  return refusal(
    `OUT_DIR=${outDir} là thư mục đã có nội dung khác, không phải trang web do công cụ này xuất bản.`,
    'Mỗi lần tạo trang, thư mục xuất bản được thay toàn bộ bằng trang web mới: mọi tệp đang có trong đó sẽ bị xóa.',
    `đặt OUT_DIR là một thư mục con mới, ví dụ OUT_DIR=${join(out, 'thong-ke')}, và cho cổng thông tin phục vụ thư mục con đó; hoặc, nếu chắc chắn nội dung đó không cần nữa, tự xóa thư mục rồi chạy lại.`,
  );
}
