/**
 * The live preview (`npm run dev`: src/cli/dev.ts, Astro's dev server with this project's
 * configuration) in a browser: pages are styled and log no errors (the built site's
 * Content-Security-Policy, which would block the dev server's inline styles, is not sent there),
 * the downloads answer at the addresses the pages link to, and an open page reloads with the new
 * data when a CSV file changes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir } from '../helpers.ts';
import { fixtureDir, guardedContext, launchChromium, open, ROOT, type StaticServer } from './harness.ts';

let browser: Browser;
let child: ChildProcess;
let server: StaticServer;
let data: string;
let output = '';

/**
 * The address the dev server prints once it listens (it may take another port than asked for),
 * then until it answers its first page (it reads the data on that request).
 */
async function ready(): Promise<string> {
  for (let waited = 0; waited < 90_000; waited += 250) {
    // eslint-disable-next-line no-control-regex -- the terminal's colour codes around the address
    const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
    const origin = /Local\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(plain)?.[1];
    if (origin) {
      try {
        if ((await fetch(`${origin}/`)).ok) return origin;
      } catch {
        // Not answering yet.
      }
    }
    if (child.exitCode !== null) throw new Error(`the dev server stopped:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the dev server did not answer:\n${output}`);
}

beforeAll(async () => {
  data = join(tempDir('dev-'), 'data');
  cpSync(fixtureDir('basic'), data, { recursive: true });
  // Without the test runner's own variables (BASE_URL, MODE, DEV, PROD, SSR, VITEST…): the dev
  // server's Vite would take them as its own and serve nothing at "/".
  const runner = /^(BASE_URL|MODE|DEV|PROD|SSR|TEST|NODE_ENV|VITEST.*)$/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !runner.test(key)));
  child = spawn(process.execPath, [join(ROOT, 'src', 'cli', 'dev.ts'), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...env,
      ASTRO_TELEMETRY_DISABLED: '1',
      DATA_DIR: data,
      CONTENT_DIR: join(data, 'no-content'),
      BASE_PATH: '',
    },
    // Its own process group, so that stopping it also stops what it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  browser = await launchChromium();
  const origin = await ready();
  server = { origin, root: `${origin}/`, requests: [], close: () => Promise.resolve() };
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child?.pid === undefined || child.exitCode !== null) return;
  // Waited for: Astro refuses a second dev server of the project while this one runs.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
});

describe('the live preview', () => {
  test('shows the province page styled, with no console errors', async () => {
    const { context, guard } = await guardedContext(browser, server);
    const page = await open(context, server.root);
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toMatch(/Be Vietnam Pro/);
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
    expect(guard.externalRequests).toEqual([]);
  });

  test('serves the downloads at the addresses the data page links to', async () => {
    for (const file of ['units.csv', 'members.csv']) {
      const response = await fetch(`${server.root}du-lieu/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(await response.text()).toMatch(/^\uFEFF?Mã đơn vị,/);
    }
  });

  test('serves the Excel workbooks the data page links to, written from the data shown', async () => {
    const page = await (await fetch(`${server.root}du-lieu/`)).text();
    const linked = [...page.matchAll(/href="\/du-lieu\/([^"]+\.xlsx)"/g)].map((m) => m[1]);
    expect(linked).toEqual(expect.arrayContaining(['du-lieu.xlsx', 'mau-nhap-lieu.xlsx']));
    for (const file of new Set(linked)) {
      const response = await fetch(`${server.root}du-lieu/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/spreadsheetml/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await response.arrayBuffer());
      expect(book.worksheets.length, file).toBeGreaterThan(1);
    }
    const data = new ExcelJS.Workbook();
    await data.xlsx.load(await (await fetch(`${server.root}du-lieu/du-lieu.xlsx`)).arrayBuffer());
    expect(data.getWorksheet('Đơn vị')?.getCell('B2').text).toBe('Đảng bộ tỉnh Mẫu');
    expect((await fetch(`${server.root}du-lieu/khong-co.xlsx`)).status).toBe(404);
  });

  test('reloads an open unit page when units.csv changes', async () => {
    const { context, guard } = await guardedContext(browser, server);
    const page = await open(context, `${server.root}don-vi/g1/`);
    expect((await page.locator('h1').textContent())?.trim()).toBe('Đảng bộ xã An Bình');
    const units = join(data, 'units.csv');
    writeFileSync(units, readFileSync(units, 'utf8').replace('Đảng bộ xã An Bình', 'Đảng bộ xã An Bình Mới'));
    await expect
      .poll(
        async () =>
          (
            await page
              .locator('h1')
              .textContent()
              .catch(() => '')
          )?.trim(),
        { timeout: 30_000 },
      )
      .toBe('Đảng bộ xã An Bình Mới');
    await context.close();
    expect(guard.consoleErrors).toEqual([]);
  }, 60_000);
});
