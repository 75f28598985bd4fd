import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every file, folder and link under `dir` (folders end in `/`), with a SHA-256 of each file's bytes
 * and each link's target (links are not followed).
 */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(current, entry.name);
      const key = relative(dir, path);
      if (entry.isSymbolicLink()) {
        result[key] = `link:${readlinkSync(path)}`;
      } else if (entry.isDirectory()) {
        result[`${key}/`] = 'dir';
        walk(path);
      } else {
        result[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
      }
    }
  };
  walk(dir);
  return result;
}

/** Paths whose bytes differ, or that only one side has: empty when the two folders are identical. */
export function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((path) => a[path] !== b[path]).sort();
}
