import { renderMarkdown } from './present/markdown.ts';
import { readContent } from './read/content.ts';

/** Editors' Markdown rendered to HTML, ready for pages. */
export interface Content {
  readonly home: string | undefined;
  readonly units: ReadonlyMap<string, string>;
}

export async function loadContent(dir: string): Promise<Content> {
  const sources = await readContent(dir);
  return {
    home: sources.home && renderMarkdown(sources.home.text),
    units: new Map([...sources.units].map(([id, source]) => [id, renderMarkdown(source.text)])),
  };
}
