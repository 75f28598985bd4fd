import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
const root = process.argv[2];
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.json': 'application/json', '.png': 'image/png' };
const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  try { const b = await readFile(join(root, p)); res.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' }); res.end(b); }
  catch { res.writeHead(404); res.end(); }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [w, path, out] of JSON.parse(process.argv[3])) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log('console error', m.text()));
  await page.goto(`http://127.0.0.1:${port}/${path}`);
  await page.waitForTimeout(800);
  const [o, y, h] = out.split(":"); await page.screenshot({ path: o, fullPage: true, clip: { x: 0, y: Number(y), width: w, height: Number(h) } });
  await page.close();
}
await browser.close(); server.close();
