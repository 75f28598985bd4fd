/**
 * Progress of a long build: every few thousand unit pages one line is printed, so a
 * 52,000-page build never looks hung.
 */
import { formatNumber } from '../present/format.ts';

export interface PageProgress {
  /** Called once for every unit page rendered. */
  readonly page: () => void;
  /** Unit pages rendered so far. */
  readonly done: () => number;
}

export function pageProgress(total: number, log: (line: string) => void, every = 5000): PageProgress {
  const started = performance.now();
  let done = 0;
  return {
    page() {
      done += 1;
      if (done % every === 0 || done === total) {
        const rate = done / ((performance.now() - started) / 1000);
        log(
          `  … ${formatNumber(done)}/${formatNumber(total)} trang đơn vị (${formatNumber(Math.round(rate))} trang/giây)`,
        );
      }
    },
    done: () => done,
  };
}
