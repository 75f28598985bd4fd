// @ts-check
import { defineConfig } from 'astro/config';

// BASE_PATH lets the portal serve the site under a sub-path (e.g. /thong-ke/).
const base = process.env.BASE_PATH || '/';

export default defineConfig({
  output: 'static',
  base,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
});
