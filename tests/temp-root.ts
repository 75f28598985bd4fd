/**
 * Vitest global setup: one temporary folder per test run, removed when the run ends, so that
 * repeated runs on an office PC or CI machine do not fill its temporary folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'thong-ke-tests-'));
  project.provide('tempRoot', root);
  return () => rm(root, { recursive: true, force: true });
}
