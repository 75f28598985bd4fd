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
  // Content-Security-Policy as a <meta> in every page. Astro hashes the scripts and styles it emits,
  // so no 'unsafe-inline' is needed; 'wasm-unsafe-eval' lets the search index (Pagefind, WebAssembly) run.
  // Style attributes in markup are therefore blocked: components style through classes.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  // Editors' Markdown is rendered with markdown-it; Astro's Shiki (inline styles) is never used.
  markdown: { syntaxHighlight: false },
  // Every script and asset is a file of its own, never inlined: cacheable, allowed by 'self', and
  // Vite's dynamic-import helper (search page → Pagefind) only works in emitted chunks.
  vite: { build: { assetsInlineLimit: 0 } },
});
