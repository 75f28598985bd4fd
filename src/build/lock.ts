/**
 * One build at a time per output. Two builds on one `OUT_DIR` would each decide from the published
 * site what to keep, and the second could answer "nothing changed" while the first is about to
 * publish other data: an update lost without a word. The lock is a file beside the output naming
 * the build that holds it; a build killed while holding it is recognised by its process being gone.
 */
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processStat, running } from './publish.ts';

export const lockPath = (outDir: string): string => join(dirname(outDir), `.${basename(outDir)}-khoa`);

/**
 * When the process started (Linux: clock ticks since boot, from /proc), so that a lock whose
 * process id was reused by another program counts as left by a dead build. Elsewhere: unknown.
 */
const startOf = (pid: number): string => processStat(pid)?.[19] ?? '';

interface Holder {
  readonly pid: number;
  readonly start: string;
  readonly since: string;
}

function holderOf(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid !== 'number') return undefined;
    return { pid: value.pid, start: String(value.start ?? ''), since: String(value.since ?? '') };
  } catch {
    return undefined;
  }
}

function alive(holder: Holder): boolean {
  if (!running(holder.pid)) return false;
  const start = startOf(holder.pid);
  return holder.start === '' || start === '' || start === holder.start;
}

const readLock = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

export interface LockOptions {
  readonly log: (line: string) => void;
  /** How long to wait for another build before giving up, in ms. */
  readonly wait: number;
  readonly poll?: number;
}

/**
 * Takes the output's lock, waiting (and saying so) while another live build holds it. Returns
 * how to give it back (also done when the process exits), or a Vietnamese refusal after `wait`.
 */
export async function lockOutput(
  outDir: string,
  { log, wait, poll = 500 }: LockOptions,
): Promise<{ release: () => void } | { refusal: string }> {
  const file = lockPath(outDir);
  const mine = JSON.stringify({
    pid: process.pid,
    start: startOf(process.pid),
    since: new Date().toISOString(),
  });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      // The output's parent may not exist yet (a first build into a new folder).
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, mine, { flag: 'wx' });
      const release = () => {
        if (readLock(file) === mine) unlinkSync(file);
        process.off('exit', release);
      };
      process.on('exit', release);
      if (told) log('  Lần tạo trang kia đã xong; tiếp tục.');
      return { release };
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        return {
          refusal: [
            `Không xuất bản: không ghi được vào thư mục ${dirname(outDir)} (${code ?? String(cause)}).`,
            'Trang web mới được tạo bên cạnh thư mục xuất bản rồi mới thay vào, nên thư mục chứa OUT_DIR phải ghi được.',
            'Cách sửa: kiểm tra đường dẫn OUT_DIR, quyền ghi vào thư mục đó và chỗ trống trên ổ đĩa, rồi chạy lại.',
          ].join('\n'),
        };
      }
    }
    const text = readLock(file);
    if (text === undefined) continue;
    const holder = holderOf(text);
    if (holder === undefined || !alive(holder)) {
      // Left by a build that was killed (or a file that is not a lock): cleared, unless another
      // waiting build has just done so and taken the lock itself.
      if (readLock(file) === text) unlinkSync(file);
      continue;
    }
    if (Date.now() - started >= wait) {
      return {
        refusal: [
          `Không xuất bản: một lần tạo trang khác (tiến trình ${holder.pid}, bắt đầu lúc ${holder.since}) vẫn đang xuất bản vào ${outDir} sau ${Math.round(wait / 60_000)} phút chờ.`,
          `Cách sửa: đợi lần đó xong rồi chạy lại. Nếu chắc chắn không còn lần tạo trang nào đang chạy (máy đã khởi động lại, tiến trình ${holder.pid} là chương trình khác), xóa tệp ${file} rồi chạy lại.`,
        ].join('\n'),
      };
    }
    if (!told) {
      log(
        `Một lần tạo trang khác (tiến trình ${holder.pid}) đang xuất bản vào ${outDir}: chờ nó xong rồi mới tạo, để không lần nào ghi đè bản cập nhật của lần kia …`,
      );
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, poll));
  }
}
