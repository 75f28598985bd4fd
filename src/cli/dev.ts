/**
 * `npm run dev`: Astro's dev server with the project's settings, and the downloads served at the
 * addresses the pages link to. A script rather than `ASTRO_TELEMETRY_DISABLED=1 astro dev` in
 * package.json, which Windows' shell cannot run. `--host` and `--port` are passed on to Astro
 * (`npm run dev -- --host 0.0.0.0` shows the preview to other computers of the office).
 */
import { parseArgs } from 'node:util';
import { dev } from 'astro';
import type { Plugin } from 'vite';
import { DOWNLOADS_DIR } from '../present/downloads.ts';

/**
 * The downloads (`/du-lieu/members.csv`) are made by the route `du-lieu/[file].ts`, whose name
 * has no extension: with `trailingSlash: 'always'` Astro's dev server answers them only at
 * `/du-lieu/members.csv/`, a 404 at the address the pages link to. The built site holds the files
 * themselves, so only the dev server needs the slash added.
 */
function serveDownloads(base: string): Plugin {
  const root = base.replace(/\/?$/, '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const download = new RegExp(`^${root}${DOWNLOADS_DIR}/[^/?]+\\.csv(?=\\?|$)`);
  return {
    name: 'thong-ke:serve-downloads',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        if (request.url) request.url = request.url.replace(download, '$&/');
        next();
      });
    },
  };
}

const { values } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
// An office PC may have no route to the internet: never phone home (read when Astro records).
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
await dev({
  server: {
    ...(values.host ? { host: values.host } : {}),
    ...(values.port ? { port: Number(values.port) } : {}),
  },
  vite: { plugins: [serveDownloads(process.env['BASE_PATH'] || '/')] },
});
