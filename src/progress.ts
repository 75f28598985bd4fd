/**
 * Progress of a long build: the build CLI installs a reporter, each unit page counts itself,
 * and every few thousand pages one line is printed, so a 52,000-page build never looks hung.
 * Without a reporter (dev server, tests) counting costs one property lookup.
 */
const REPORTER = Symbol.for('thong-ke-dang.progress');

interface Reporter {
  readonly total: number;
  readonly every: number;
  readonly log: (line: string) => void;
  readonly started: number;
  done: number;
}
type Holder = { [REPORTER]?: Reporter };

const count = new Intl.NumberFormat('vi-VN');

export function startPageProgress(total: number, log: (line: string) => void, every = 5000): void {
  (globalThis as Holder)[REPORTER] = { total, every, log, started: performance.now(), done: 0 };
}

/** Called once by every unit page as it renders. */
export function countPage(): void {
  const reporter = (globalThis as Holder)[REPORTER];
  if (!reporter) return;
  reporter.done += 1;
  if (reporter.done % reporter.every === 0 || reporter.done === reporter.total) {
    const rate = reporter.done / ((performance.now() - reporter.started) / 1000);
    reporter.log(
      `  … ${count.format(reporter.done)}/${count.format(reporter.total)} trang đơn vị (${count.format(Math.round(rate))} trang/giây)`,
    );
  }
}

/** Unit pages rendered since `startPageProgress`, and stops reporting. */
export function stopPageProgress(): number {
  const holder = globalThis as Holder;
  const done = holder[REPORTER]?.done ?? 0;
  delete holder[REPORTER];
  return done;
}
