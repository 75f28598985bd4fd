import { resolve } from 'node:path';
import { readDataset, type Dataset } from '../read/dataset.ts';
import { validate, type ValidateOptions, type Validated } from '../validate/validate.ts';

export interface Loaded extends Validated {
  readonly data: Dataset;
  readonly dataDir: string;
}

/** `DATA_DIR` may be relative (to the working directory) or absolute; default `data/`. */
export const dataDirFrom = (env: NodeJS.ProcessEnv = process.env): string =>
  resolve(env['DATA_DIR'] || 'data');

/**
 * `CONTENT_DIR`, else `content/` — but only for the default `data/`: `content/` describes those
 * units, so another province's `DATA_DIR` alone gets no editorial text rather than another
 * province's text, or a build refused over unit ids it does not have. `undefined` = no content.
 */
export const contentDirFrom = (env: NodeJS.ProcessEnv = process.env): string | undefined => {
  if (env['CONTENT_DIR']) return resolve(env['CONTENT_DIR']);
  const otherData = env['DATA_DIR'] && resolve(env['DATA_DIR']) !== resolve('data');
  return otherData ? undefined : resolve('content');
};

/** read → validate → model: everything a build or a check needs, in one pass. */
export async function load(dataDir: string, options: ValidateOptions = {}): Promise<Loaded> {
  const { data, problems } = await readDataset(dataDir);
  return { ...validate(data, problems, options), data, dataDir };
}
