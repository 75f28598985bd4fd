/**
 * A tiny static file server for browser tests: serves a built site the way a plain web server
 * would (directory → index.html, correct content types, the site's own 404 page), optionally
 * under a sub-path such as `/thong-ke/`, on 127.0.0.1 and a free port.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** Pagefind's index files have their own extensions; they are binary. */
const contentType = (file: string): string => CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';

export interface StaticServer {
  /** `http://127.0.0.1:PORT` without a trailing slash. */
  readonly origin: string;
  /** Origin plus the base path, always ending in `/`. */
  readonly root: string;
  /** Every path requested, in order (for assertions about what a page loads). */
  readonly requests: string[];
  close(): Promise<void>;
}

async function fileAt(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) {
      const index = join(path, 'index.html');
      if ((await stat(index).catch(() => undefined))?.isFile()) return index;
    }
  } catch {
    // Missing: the caller answers 404.
  }
  return undefined;
}

export async function serve(dir: string, basePath = '/'): Promise<StaticServer> {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url.pathname);
      let found: string | undefined;
      if (url.pathname.startsWith(base)) {
        const relative = decodeURIComponent(url.pathname.slice(base.length));
        const path = normalize(join(dir, relative));
        // Never serve outside the site folder (`..` in a request).
        if (path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) found = await fileAt(path);
      }
      if (!found) {
        res.statusCode = 404;
        res.setHeader('content-type', CONTENT_TYPES['.html'] ?? 'text/html');
        const page = await readFile(join(dir, '404.html')).catch(() => Buffer.from('Not found'));
        res.end(page);
        return;
      }
      res.setHeader('content-type', contentType(found));
      // As a real server would: hashed build assets are cached for good, pages are always fresh.
      const hashed = /\/_astro\//.test(url.pathname);
      res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-store');
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found).pipe(res);
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: `${origin}${base}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
