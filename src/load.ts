import { resolve } from 'node:path';
import { readDataset, type Dataset } from './read/dataset.ts';
import { validate, type Validated } from './validate/validate.ts';

export interface Loaded extends Validated {
  readonly data: Dataset;
  readonly dataDir: string;
}

/** `DATA_DIR` may be relative (to the working directory) or absolute; default `data/`. */
export const dataDirFrom = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(env['DATA_DIR'] || 'data');

export const contentDirFrom = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(env['CONTENT_DIR'] || 'content');

/** read → validate → model: everything a build or a check needs, in one pass. */
export async function load(dataDir: string): Promise<Loaded> {
  const { data, problems } = await readDataset(dataDir);
  return { ...validate(data, problems), data, dataDir };
}
