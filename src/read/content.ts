import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** An editor's Markdown file: where it came from (for messages) and its text. */
export interface MarkdownSource {
  readonly file: string;
  readonly text: string;
}

export interface ContentSources {
  /** `content/index.md`: shown on the province page. */
  readonly home: MarkdownSource | undefined;
  /** `content/don-vi/<id>.md`, keyed by lower-case unit id. */
  readonly units: ReadonlyMap<string, MarkdownSource>;
}

async function readText(path: string, file: string): Promise<MarkdownSource | undefined> {
  try {
    return { file, text: (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').normalize('NFC') };
  } catch {
    return undefined;
  }
}

/** A missing content directory is fine: the site builds from data alone. */
export async function readContent(dir: string): Promise<ContentSources> {
  const home = await readText(join(dir, 'index.md'), 'content/index.md');
  const units = new Map<string, MarkdownSource>();
  let names: string[];
  try {
    names = (await readdir(join(dir, 'don-vi'))).filter((n) => n.toLowerCase().endsWith('.md')).sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    const source = await readText(join(dir, 'don-vi', name), `content/don-vi/${name}`);
    if (source) units.set(name.slice(0, -3).toLowerCase(), source);
  }
  return { home, units };
}
