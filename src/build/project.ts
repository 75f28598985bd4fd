import { resolve } from 'node:path';
import type { Problem } from '../problems.ts';
import { loadContent, type Content } from '../present/content.ts';
import { loadCached, type CachedLoad } from './cache.ts';
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

export interface ProjectOptions {
  readonly dataDir: string;
  /** The editors' Markdown folder; `undefined`: none (another province's data alone). */
  readonly contentDir: string | undefined;
  /** The parse cache's folder; `undefined` reads everything and writes nothing. */
  readonly cacheDir: string | undefined;
  readonly today?: string | undefined;
}

export interface Project extends CachedLoad {
  /** The editors' Markdown, rendered; checked only once the data is valid (it needs the model). */
  readonly content: Content | undefined;
  /** The data's problems, then the Markdown's. */
  readonly problems: Problem[];
}

/** Data, then the Markdown checked against the model built from it: what every command starts from. */
export async function loadProject({
  dataDir,
  contentDir,
  cacheDir,
  today,
}: ProjectOptions): Promise<Project> {
  const loaded = await loadCached(dataDir, cacheDir, today === undefined ? {} : { today });
  const edited = loaded.province && (await loadContent(contentDir, loaded.province));
  return {
    ...loaded,
    content: edited ? edited.content : undefined,
    problems: [...loaded.problems, ...(edited ? edited.problems : [])],
  };
}
