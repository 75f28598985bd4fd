/**
 * One build at a time per output: a second build waits for the first and then decides from what
 * the first published, so it never answers "nothing changed" while the first publishes other data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lockOutput, lockPath } from '../src/build/lock.ts';
import { differences, snapshot } from './folder-hash.ts';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another process that stays alive (another build, as far as the lock can tell). */
function otherProcess(): ChildProcess & { pid: number } {
  const child = spawn('sleep', ['60']);
  if (child.pid === undefined) throw new Error('sleep did not start');
  return child as ChildProcess & { pid: number };
}

const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
};

describe('the output lock', () => {
  test('is taken at once when free, and given back', async () => {
    const out = join(tempDir('lock-'), 'dist');
    const lock = await lockOutput(out, { log: () => undefined, wait: 1000 });
    if (!('release' in lock)) throw new Error(lock.refusal);
    expect(existsSync(lockPath(out))).toBe(true);
    lock.release();
    expect(existsSync(lockPath(out))).toBe(false);
  });

  test.each([
    ['a dead process', () => ({ pid: 4_194_999, start: '' })],
    ['not a lock at all', () => 'rác'],
  ])('left by %s, it is cleared and taken', async (_, holder) => {
    const out = join(tempDir('lock-'), 'dist');
    writeFileSync(lockPath(out), JSON.stringify(holder()));
    const lock = await lockOutput(out, { log: () => undefined, wait: 1000 });
    expect('release' in lock).toBe(true);
  });

  test.runIf(existsSync('/proc/self/stat'))(
    'left by a build whose process id now belongs to another program, it is cleared and taken',
    async () => {
      const other = otherProcess();
      try {
        const out = join(tempDir('lock-'), 'dist');
        writeFileSync(lockPath(out), JSON.stringify({ pid: other.pid, start: '1' }));
        const lock = await lockOutput(out, { log: () => undefined, wait: 1000 });
        expect('release' in lock).toBe(true);
      } finally {
        other.kill();
      }
    },
  );

  test('held by a live build: waits, says so, and takes it when that build ends', async () => {
    const other = otherProcess();
    const out = join(tempDir('lock-'), 'dist');
    writeFileSync(lockPath(out), JSON.stringify({ pid: other.pid, start: startOf(other.pid) }));
    const said: string[] = [];
    setTimeout(() => other.kill(), 600);
    const lock = await lockOutput(out, { log: (line) => said.push(line), wait: 20_000, poll: 50 });
    expect('release' in lock).toBe(true);
    expect(said.join('\n')).toContain(`Một lần tạo trang khác (tiến trình ${other.pid})`);
    expect(said.join('\n')).toContain('đã xong');
  });

  test('held by a live build for longer than the wait: refused with what to do', async () => {
    const other = otherProcess();
    try {
      const out = join(tempDir('lock-'), 'dist');
      writeFileSync(lockPath(out), JSON.stringify({ pid: other.pid, start: startOf(other.pid) }));
      const lock = await lockOutput(out, { log: () => undefined, wait: 300, poll: 50 });
      if (!('refusal' in lock)) throw new Error('the lock was taken from a live build');
      expect(lock.refusal).toContain(`tiến trình ${other.pid}`);
      expect(lock.refusal).toContain(lockPath(out));
    } finally {
      other.kill();
    }
  });
});

const startBuild = (dataDir: string, outDir: string) => {
  const child = spawn(process.execPath, ['src/cli/build.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, OUT_DIR: outDir, BASE_PATH: '', SITE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out })),
  );
};

test('two builds on one output: the later one waits and publishes its own data, never "nothing changed"', async () => {
  const work = tempDir('two-builds-');
  const dataA = join(work, 'a');
  const dataB = join(work, 'b');
  cpSync(fixture('basic'), dataA, { recursive: true });
  cpSync(fixture('basic'), dataB, { recursive: true });
  const units = readFileSync(join(dataA, 'units.csv'), 'utf8');
  writeFileSync(join(dataB, 'units.csv'), units.replace('Đảng bộ huyện Hai', 'Đảng bộ huyện Hai Mới'));
  const out = join(work, 'site', 'dist');
  const siteA = join(work, 'reference', 'dist');
  const first = await startBuild(dataA, out);
  expect(first.code, first.out).toBe(0);
  cpSync(out, siteA, { recursive: true });
  cpSync(join(work, 'site', '.dist-trang.json'), join(work, 'reference', '.dist-trang.json'));

  // B starts and takes the lock; A, the data already published, starts while B works.
  const b = startBuild(dataB, out);
  while (!existsSync(lockPath(out))) await sleep(5);
  const a = await startBuild(dataA, out);
  expect((await b).code).toBe(0);
  expect(a.code, a.out).toBe(0);
  expect(a.out).toContain('Một lần tạo trang khác');
  expect(a.out).not.toContain('không cần tạo lại');
  // The site is A's, as the last build asked, apart from the record of what changed (its page,
  // feed and snapshot), which now has the B build in between.
  const changed = differences(snapshot(out), snapshot(siteA)).filter(
    (path) => !path.startsWith('cap-nhat/') && path !== 'du-lieu/snapshot.json',
  );
  expect(changed).toEqual([]);
  expect(readFileSync(join(out, 'index.html'), 'utf8')).not.toContain('Hai Mới');
  expect(existsSync(lockPath(out))).toBe(false);
});
