import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryOver, manifestPath, readManifest, reusablePages, writeManifest } from '../src/incremental.ts';

function publishedSite(pages: string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'incremental-')), 'dist');
  for (const page of pages) {
    mkdirSync(join(dir, page), { recursive: true });
    writeFileSync(join(dir, page, 'index.html'), `<h1>${page}</h1>`);
  }
  return dir;
}

describe('incremental unit pages', () => {
  const keys = new Map([
    ['don-vi/a/', 'hash-a'],
    ['don-vi/b/', 'hash-b2'],
    ['don-vi/c/', 'hash-c'],
  ]);

  it('reuses only pages with the same hash, the same code and a published file', async () => {
    const out = publishedSite(['don-vi/a/', 'don-vi/b/']);
    const previous = {
      format: 1,
      code: 'code-1',
      pages: { 'don-vi/a/': 'hash-a', 'don-vi/b/': 'hash-b1', 'don-vi/c/': 'hash-c' },
    } as const;
    expect([...(await reusablePages(previous, 'code-1', keys, out))]).toEqual(['don-vi/a/']);
  });

  it('renders everything when the code changed or there is no manifest', async () => {
    const out = publishedSite(['don-vi/a/']);
    const previous = { format: 1, code: 'code-1', pages: { 'don-vi/a/': 'hash-a' } } as const;
    expect((await reusablePages(previous, 'code-2', keys, out)).size).toBe(0);
    expect((await reusablePages(undefined, 'code-1', keys, out)).size).toBe(0);
  });

  it('links reused pages into the new site and keeps the manifest beside the output', async () => {
    const out = publishedSite(['don-vi/a/']);
    const staging = join(out, '..', 'staging');
    expect(await carryOver(['don-vi/a/'], out, staging)).toBe(1);
    expect(readFileSync(join(staging, 'don-vi/a/index.html'), 'utf8')).toBe('<h1>don-vi/a/</h1>');
    expect(statSync(join(staging, 'don-vi/a/index.html')).ino).toBe(
      statSync(join(out, 'don-vi/a/index.html')).ino,
    );
    await writeManifest(out, { format: 1, code: 'x', pages: { 'don-vi/a/': 'hash-a' } });
    expect(manifestPath(out).startsWith(join(out, '..'))).toBe(true);
    expect(manifestPath(out).startsWith(`${out}/`)).toBe(false);
    expect(await readManifest(out)).toEqual({ format: 1, code: 'x', pages: { 'don-vi/a/': 'hash-a' } });
  });
});
