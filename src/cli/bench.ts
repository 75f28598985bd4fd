/**
 * `npm run bench [-- --sizes 1500,10000,52000 --years 10 --reorganize 2025 --xlsx]`: generates provinces
 * of each size under /tmp, then times `check:data`, the full build, a bare Astro build of as many
 * trivial pages, and three rebuilds (nothing changed; one unit renamed; one figure changed). Each
 * size runs twice, without and with the reorganization (`gen:data --reorganize`), and a last table
 * sets the two side by side (wall and processor time): the reorganization must not cost more than
 * 15 %. Wall time, processor time and peak memory of each step come from child processes, as an
 * office machine would run them. `--xlsx` measures reading a workbook against CSV instead (see
 * benchWorkbooks).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { filesUnder } from '../build/hashing.ts';
import { generate } from './gen-data.ts';
import { workbookFromCsv } from './workbook-from-csv.ts';
import { removalsDone } from '../build/publish.ts';
import { SEARCH_DIR } from '../build/search-index.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
/** Builds run in a frozen copy of the project (see `freeze`); set in main(). */
let ROOT = REPO;
const ASTRO = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
const TIME = '/usr/bin/time';

/**
 * `npm run build` as package.json spells it (`node <flags> src/cli/build.ts`), run
 * on this Node: the benchmark measures the memory limits the build sets for itself.
 */
async function buildCommand(): Promise<string[]> {
  const scripts = (
    JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const [command, ...args] = (scripts['build'] ?? '').split(/\s+/);
  if (command !== 'node') throw new Error('package.json: "build" phải bắt đầu bằng "node"');
  return args;
}

interface Run {
  readonly seconds: number;
  /** Processor time (user + system) of the process and its children; NaN without GNU time. On a
   * machine others share, it moves less than wall time. */
  readonly cpuSeconds: number;
  /** Peak resident memory of the largest process in the tree, MiB. */
  readonly peakMiB: number;
  readonly output: string;
}

/** Peak RSS of a process tree by polling /proc, for machines without GNU time. */
async function treePeak(root: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let peak = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    stack.push(...(children.get(pid) ?? []));
  }
  return peak;
}

/** Runs a command to completion; wall time, peak memory and its output (stdout + stderr). */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Run> {
  const gnuTime = existsSync(TIME);
  const started = performance.now();
  const child = gnuTime
    ? spawn(TIME, ['-f', '@@peak %M %U %S', command, ...args], { cwd, env: { ...process.env, ...env } })
    : spawn(command, args, { cwd, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let polled = 0;
  const poll = gnuTime
    ? undefined
    : setInterval(() => {
        if (child.pid !== undefined) void treePeak(child.pid).then((kb) => (polled = Math.max(polled, kb)));
      }, 200);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      const timed = /@@peak (\d+) ([\d.]+) ([\d.]+)/.exec(output);
      const kb = gnuTime ? Number(timed?.[1] ?? 0) : polled;
      const cpuSeconds = timed ? Number(timed[2]) + Number(timed[3]) : NaN;
      output = output.replace(/@@peak [\d. ]+\n?/, '');
      if (code !== 0) {
        fail(new Error(`${command} ${args.join(' ')} kết thúc với mã ${code}:\n${output.slice(-3000)}`));
        return;
      }
      done({ seconds, cpuSeconds, peakMiB: kb / 1024, output });
    });
  });
}

/** HTML pages written (the search index's own files are not pages). */
async function countPages(dir: string): Promise<number> {
  return (await filesUnder(dir, '')).filter((f) => f.endsWith('.html') && !f.startsWith(`${SEARCH_DIR}/`))
    .length;
}

/** A throwaway Astro project of `pages` trivial pages, using this repository's Astro. */
async function bareProject(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'src', 'pages'), { recursive: true });
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "name": "bare-astro", "private": true, "type": "module" }\n');
  await writeFile(
    join(dir, 'astro.config.mjs'),
    [
      "import { defineConfig } from 'astro/config';",
      'export default defineConfig({',
      "  output: 'static',",
      "  trailingSlash: 'always',",
      "  build: { format: 'directory' },",
      '  devToolbar: { enabled: false },',
      // Its own cache folder: never the repository's node_modules/.astro.
      "  cacheDir: './.astro-cache',",
      '});',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'src', 'pages', '[id].astro'),
    [
      '---',
      'export function getStaticPaths() {',
      "  const pages = Number(process.env['BARE_PAGES'] ?? 1);",
      '  return Array.from({ length: pages }, (_, i) => ({ params: { id: `p${i}` }, props: { i } }));',
      '}',
      'const { i } = Astro.props;',
      '---',
      '<html lang="vi"><head><meta charset="utf-8" /><title>Trang {i}</title></head><body><h1>Trang {i}</h1></body></html>',
      '',
    ].join('\n'),
  );
}

/**
 * A copy of the project's sources taken when the benchmark starts: rebuilds are compared against
 * the same code even while someone edits the working tree (any code change renders every page
 * again), and Astro's scratch folder is the copy's, not the repository's.
 */
async function freeze(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const name of [
    'src',
    'public',
    'astro.config.mjs',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ]) {
    if (existsSync(join(REPO, name))) await cp(join(REPO, name), join(dir, name), { recursive: true });
  }
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
}

/** Renames one grassroots unit in units.csv: the smallest edit an office makes. */
async function renameOneUnit(dataDir: string): Promise<string> {
  const file = join(dataDir, 'units.csv');
  const lines = (await readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((l) => l.includes(',grassroots,'));
  const cells = (lines[index] ?? '').split(',');
  cells[1] = `${cells[1]} (đổi tên)`;
  lines[index] = cells.join(',');
  await writeFile(file, lines.join('\n'));
  return cells[0] ?? '';
}

/** Adds one member to one grassroots organization's last year: the usual data update, one row. */
async function changeOneFigure(dataDir: string): Promise<string> {
  const units = (await readFile(join(dataDir, 'units.csv'), 'utf8')).split('\n');
  const grassroots = new Set(units.filter((l) => l.includes(',grassroots,')).map((l) => l.split(',')[0]));
  const file = join(dataDir, 'members.csv');
  const lines = (await readFile(file, 'utf8')).split('\n');
  // Not Math.max(...years): a country's file has more rows than a call takes arguments.
  const last = lines.slice(1).reduce((max, l) => Math.max(max, Number(l.split(',')[1]) || 0), 0);
  const index = lines.findIndex((l) => {
    const [unit, year] = l.split(',');
    return grassroots.has(unit) && Number(year) === last;
  });
  const cells = (lines[index] ?? '').split(',');
  cells[2] = String(Number(cells[2]) + 1);
  lines[index] = cells.join(',');
  await writeFile(file, lines.join('\n'));
  return cells[0] ?? '';
}

const mib = (n: number) => `${Math.round(n)} MiB`;
const sec = (n: number) => `${n.toFixed(1)} s`;

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * `--xlsx`: the same data read from CSV files and from one workbook (all tables, one sheet each,
 * as an office keeps them), by `check:data` under the build's memory limits: reading a workbook
 * must stay within 2× the CSV path's time and within the build's memory.
 */
async function benchWorkbooks(
  sizes: readonly number[],
  years: number,
  work: string,
  buildArgs: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  const flags = buildArgs.filter((arg) => arg.startsWith('--'));
  const rows: string[][] = [];
  const size = async (dir: string) =>
    (await Promise.all((await readdir(dir)).map(async (f) => (await stat(join(dir, f))).size))).reduce(
      (a, b) => a + b,
      0,
    );
  for (const units of sizes) {
    const base = join(work, `${units}-xlsx`);
    const csvDir = join(base, 'csv');
    const bookDir = join(base, 'xlsx');
    await rm(base, { recursive: true, force: true });
    await mkdir(bookDir, { recursive: true });
    log(`== ${units} tổ chức cơ sở đảng × ${years} năm: CSV và sổ làm việc .xlsx ==`);
    const generated = generate({ units, years, out: csvDir, seed: 1, reorganize: undefined });
    const t = performance.now();
    await workbookFromCsv(csvDir, join(bookDir, 'du-lieu.xlsx'));
    const written = (performance.now() - t) / 1000;
    log(`  ghi sổ làm việc: ${sec(written)}`);
    const check = (dataDir: string) =>
      run(process.execPath, [...flags, 'src/cli/check-data.ts'], {
        DATA_DIR: dataDir,
        CONTENT_DIR: join(base, 'none'),
      });
    const csv = await check(csvDir);
    log(`  check:data, CSV: ${sec(csv.seconds)}, ${mib(csv.peakMiB)}`);
    const book = await check(bookDir);
    log(`  check:data, .xlsx: ${sec(book.seconds)}, ${mib(book.peakMiB)}`);
    rows.push([
      String(units),
      String(Object.values(generated.rows).reduce((a, b) => a + b, 0)),
      `${mib((await size(csvDir)) / 2 ** 20)} / ${mib((await size(bookDir)) / 2 ** 20)}`,
      `${sec(csv.seconds)} / ${mib(csv.peakMiB)}`,
      `${sec(book.seconds)} / ${mib(book.peakMiB)}`,
      `${(book.seconds / csv.seconds).toFixed(2)}×`,
      `${sec(csv.cpuSeconds)} → ${sec(book.cpuSeconds)}`,
      sec(written),
    ]);
  }
  log('');
  log(
    table(
      [
        'TCCSĐ',
        'dòng',
        'CSV / .xlsx trên đĩa',
        'check:data CSV (thời gian / bộ nhớ đỉnh)',
        'check:data .xlsx',
        '.xlsx / CSV',
        'CPU CSV → .xlsx',
        'ghi .xlsx',
      ],
      rows,
    ),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1500,10000,52000' },
      years: { type: 'string', default: '10' },
      dir: { type: 'string', default: join(tmpdir(), 'thong-ke-bench') },
      reorganize: { type: 'string', default: '2025' },
      xlsx: { type: 'boolean', default: false },
    },
  });
  const reorganization = Number(values.reorganize);
  if (!Number.isInteger(reorganization)) throw new Error('--reorganize: một năm, ví dụ 2025');
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 20)) {
    throw new Error('--sizes: danh sách số nguyên từ 20 trở lên, cách nhau bằng dấu phẩy, ví dụ 1500,10000');
  }
  const years = Number(values.years);
  const work = resolve(values.dir);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const cpu = cpus()[0]?.model ?? 'không rõ';
  const machine = `${availableParallelism()} lõi (${cpu}), RAM ${(totalmem() / 2 ** 30).toFixed(1)} GiB (trống ${(freemem() / 2 ** 30).toFixed(1)} GiB), Node ${process.version}, tải trung bình lúc bắt đầu ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`;
  log(`Máy: ${machine}`);
  log(`Thư mục làm việc: ${work}\n`);
  ROOT = join(work, 'project');
  await freeze(ROOT);
  const buildArgs = await buildCommand();
  if (values.xlsx) {
    await benchWorkbooks(sizes, years, work, buildArgs, log);
    log(`\nMáy: ${machine}`);
    return;
  }

  const rows: string[][] = [];
  const sideBySide: string[][] = [];
  /** One size, one variant: every step timed, its row added to `rows`. */
  const measure = async (units: number, reorganize: number | undefined) => {
    const variant = reorganize === undefined ? 'không sắp xếp' : `sắp xếp ${reorganize}`;
    const base = join(work, `${units}-${reorganize ?? 'v1'}`);
    const dataDir = join(base, 'data');
    const outDir = join(base, 'site');
    const cacheDir = join(base, 'cache');
    const contentDir = join(base, 'content');
    await rm(base, { recursive: true, force: true });
    await mkdir(contentDir, { recursive: true });
    const env = {
      DATA_DIR: dataDir,
      OUT_DIR: outDir,
      CONTENT_DIR: contentDir,
      THONG_KE_CACHE_DIR: cacheDir,
      ASTRO_TELEMETRY_DISABLED: '1',
    };

    log(`== ${units} tổ chức cơ sở đảng × ${years} năm, ${variant} ==`);
    const t = performance.now();
    const generated = generate({ units, years, out: dataDir, seed: 1, reorganize });
    const genSeconds = (performance.now() - t) / 1000;
    const dataRows = Object.values(generated.rows).reduce((a, b) => a + b, 0);
    log(`  sinh dữ liệu: ${dataRows} dòng, ${sec(genSeconds)}`);

    const check = await run(process.execPath, ['src/cli/check-data.ts'], env);
    log(`  check:data: ${sec(check.seconds)}, ${mib(check.peakMiB)}`);

    /** `npm run build`, timed; then the removal of the site it replaced, untimed. */
    const build = async () => {
      const timed = await run(process.execPath, buildArgs, env);
      await removalsDone(outDir, 300_000);
      return timed;
    };

    const full = await build();
    const pages = await countPages(outDir);
    log(`  build: ${sec(full.seconds)}, ${mib(full.peakMiB)}, ${pages} trang`);

    const bareDir = join(base, 'bare');
    await bareProject(bareDir);
    const bare = await run(
      process.execPath,
      [ASTRO, 'build', '--silent'],
      { ...env, BARE_PAGES: String(pages) },
      bareDir,
    );
    log(`  Astro trần (${pages} trang): ${sec(bare.seconds)}, ${mib(bare.peakMiB)}`);

    const same = await build();
    log(`  build lại, dữ liệu không đổi: ${sec(same.seconds)}`);

    const renamed = await renameOneUnit(dataDir);
    const one = await build();
    log(`  build lại sau khi đổi tên ${renamed}: ${sec(one.seconds)}`);
    const changes = await readFile(join(outDir, 'cap-nhat', 'index.html'), 'utf8');
    if (!changes.includes('(đổi tên)')) log('  (!) trang /cap-nhat/ không nêu đơn vị vừa đổi tên');

    const refigured = await changeOneFigure(dataDir);
    const figure = await build();
    log(`  build lại sau khi sửa 1 số liệu của ${refigured}: ${sec(figure.seconds)}`);

    rows.push([
      String(units),
      variant,
      sec(genSeconds),
      `${sec(check.seconds)} / ${mib(check.peakMiB)}`,
      `${sec(full.seconds)} / ${mib(full.peakMiB)}`,
      String(pages),
      String(Math.round(pages / full.seconds)),
      `${sec(bare.seconds)} / ${mib(bare.peakMiB)}`,
      `${(full.seconds / bare.seconds).toFixed(2)}×`,
      ...[figure, one, same].map(
        (r) => `${sec(r.seconds)} (${Math.round((r.seconds / full.seconds) * 100)}%)`,
      ),
    ]);
    await rm(bareDir, { recursive: true, force: true });
    return { check, full, figure, one };
  };
  for (const units of sizes) {
    const plain = await measure(units, undefined);
    const reorganized = await measure(units, reorganization);
    const change = (a: number, b: number) => `${b >= a ? '+' : ''}${Math.round((b / a - 1) * 100)}%`;
    const versus = (a: Run, b: Run) =>
      `${sec(a.seconds)} → ${sec(b.seconds)} (${change(a.seconds, b.seconds)}); CPU ${sec(a.cpuSeconds)} → ${sec(b.cpuSeconds)} (${change(a.cpuSeconds, b.cpuSeconds)})`;
    sideBySide.push([
      String(units),
      versus(plain.check, reorganized.check),
      versus(plain.full, reorganized.full),
      versus(plain.figure, reorganized.figure),
      versus(plain.one, reorganized.one),
      `${mib(plain.full.peakMiB)} → ${mib(reorganized.full.peakMiB)}`,
    ]);
  }
  log('');
  log(
    table(
      [
        'TCCSĐ',
        'dữ liệu',
        'sinh dữ liệu',
        'check:data (thời gian / bộ nhớ đỉnh)',
        'build đầy đủ',
        'trang',
        'trang/giây',
        'Astro trần, cùng số trang',
        'build / Astro trần',
        'build lại: sửa 1 số liệu',
        'build lại: đổi tên 1 đơn vị',
        'build lại: không đổi',
      ],
      rows,
    ),
  );
  log('');
  log(
    table(
      [
        'TCCSĐ',
        `check:data: không → có sắp xếp ${reorganization}`,
        'build đầy đủ',
        'build lại: sửa 1 số liệu',
        'build lại: đổi tên 1 đơn vị',
        'bộ nhớ đỉnh của build',
      ],
      sideBySide,
    ),
  );
  log(`\nMáy: ${machine}`);
}

main().catch((cause: unknown) => {
  process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
  process.exit(1);
});
