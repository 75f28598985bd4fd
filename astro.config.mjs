// @ts-check
import { resolve, sep } from 'node:path';
import { defineConfig } from 'astro/config';
import { resetSite } from './src/build/site.ts';

// BASE_PATH lets the portal serve the site under a sub-path (e.g. /thong-ke/).
const base = process.env.BASE_PATH || '/';

/**
 * `npm run dev` reloads when the data changes: CSV and Markdown are read by src/build/site.ts, not
 * imported, so Vite does not see them. Watch their folders, forget the loaded site, and reload
 * the browser; the next page reads the data again.
 */
function reloadOnDataChange() {
  const dirs = [resolve(process.env.DATA_DIR || 'data'), resolve(process.env.CONTENT_DIR || 'content')];
  const source = resolve('src') + sep;
  return {
    name: 'thong-ke:reload-on-data-change',
    apply: /** @type {'serve'} */ ('serve'),
    /** @param {import('vite').ViteDevServer} server */
    configureServer(server) {
      server.watcher.add(dirs);
      /** @param {string} file */
      const changed = (file) => {
        if (!dirs.some((dir) => file.startsWith(dir + sep))) return;
        resetSite();
        server.ws.send({ type: 'full-reload', path: '*' });
      };
      for (const event of ['add', 'change', 'unlink']) server.watcher.on(event, changed);
      // The caches over a province outlive a module Vite loads again (src/model/shared.ts): after
      // an edit of the code, a province loaded afresh makes every cache start empty.
      server.watcher.on('change', (file) => {
        if (file.startsWith(source)) resetSite();
      });
    },
  };
}

/**
 * `npm run dev` serves the Excel downloads too. The build writes them outside Astro
 * (src/build/workbooks.ts); here each is written when a link asks for it, by a module the dev
 * server loads, so a build's process never loads the writer.
 */
function serveWorkbooks() {
  const root = base.replace(/\/?$/, '/');
  const folder = '/du-lieu/';
  return {
    name: 'thong-ke:serve-workbooks',
    apply: /** @type {'serve'} */ ('serve'),
    /** @param {import('vite').ViteDevServer} server */
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        // Astro may have taken BASE_PATH off the address already.
        const address = (request.url ?? '').split(/[?#]/)[0] ?? '';
        const path = address.startsWith(root) ? address.slice(root.length - 1) : address;
        if (!path.startsWith(folder) || !path.endsWith('.xlsx')) return next();
        server
          .ssrLoadModule('/src/build/preview-workbooks.ts')
          .then(async ({ previewWorkbook }) => {
            const bytes = await previewWorkbook(decodeURIComponent(path.slice(folder.length)));
            if (!bytes) return next();
            response.setHeader(
              'Content-Type',
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            );
            response.end(bytes);
          })
          .catch(next);
      });
    },
  };
}

export default defineConfig({
  output: 'static',
  base,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // Editors' Markdown is rendered with markdown-it; Astro's Shiki (inline styles) is never used.
  markdown: { syntaxHighlight: false },
  // Every script and asset is a file of its own, never inlined: cacheable, allowed by 'self', and
  // Vite's dynamic-import helper (search page → Pagefind) only works in emitted chunks.
  vite: { build: { assetsInlineLimit: 0 }, plugins: [reloadOnDataChange(), serveWorkbooks()] },
});
