/**
 * `npm run typecheck`: `astro check` (the .astro files and what they import), then `tsc --noEmit`
 * (everything else), with Astro's telemetry off. A script rather than
 * `ASTRO_TELEMETRY_DISABLED=1 astro check && tsc --noEmit` in package.json, which Windows' shell
 * cannot run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const modules = join(import.meta.dirname, '..', '..', 'node_modules');
const run = (script: readonly string[], args: readonly string[]): number =>
  spawnSync(process.execPath, [join(modules, ...script), ...args], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  }).status ?? 1;

process.exit(
  run(['astro', 'bin', 'astro.mjs'], ['check']) || run(['typescript', 'bin', 'tsc'], ['--noEmit']),
);
