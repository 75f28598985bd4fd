import type { Province } from '../model/province.ts';
import { slug } from '../model/units.ts';
import { hasPage } from './links.ts';
import { renderEditorial } from './markdown.ts';
import { readContent, type ContentSources } from '../read/content.ts';
import { pageUnitFor } from './unit-view.ts';
import { error, sortProblems, type Problem } from '../problems.ts';

/** Editors' Markdown rendered to HTML, ready for pages. */
export interface Content {
  readonly home: string | undefined;
  /** Keyed by lower-case unit id, as in page paths. */
  readonly units: ReadonlyMap<string, string>;
}

/**
 * Reads and renders `content/`: `index.md` for the province page, `don-vi/<id>.md` for a unit's
 * page, placeholders filled for that unit. A placeholder or file that cannot be placed is an
 * error, so a typo never reaches the published page.
 */
export async function loadContent(
  dir: string | undefined,
  province: Province,
): Promise<{ content: Content; problems: Problem[] }> {
  const sources = dir === undefined ? { home: undefined, units: new Map() } : await readContent(dir);
  return renderContent(sources, province);
}

export function renderContent(
  sources: ContentSources,
  province: Province,
): { content: Content; problems: Problem[] } {
  const problems: Problem[] = [];
  let home: string | undefined;
  if (sources.home) {
    const rendered = renderEditorial(sources.home, province, province.root.id);
    home = rendered.html;
    problems.push(...rendered.problems);
  }
  const bySlug = new Map([...province.tree.units.values()].map((u) => [slug(u.id), u]));
  const units = new Map<string, string>();
  for (const [key, source] of sources.units) {
    const unit = bySlug.get(key);
    if (!unit) {
      problems.push(
        error({
          code: 'content-unknown-unit',
          file: source.file,
          value: key,
          message: 'không có đơn vị nào có mã này trong units.csv, nên nội dung không thuộc trang nào',
          english: `no unit with id "${key}" in units.csv`,
          fix: 'Đặt tên tệp theo mã đơn vị (content/don-vi/<mã đơn vị>.md) hoặc xóa tệp.',
        }),
      );
      continue;
    }
    if (!hasPage(province, unit)) {
      problems.push(
        error({
          code: 'content-unit-without-page',
          file: source.file,
          value: unit.id,
          message: `${unit.name} không có trang riêng (chỉ cấp tỉnh, cấp trên cơ sở và cơ sở có trang)`,
          english: `unit "${unit.id}" (level ${unit.level}) has no page of its own`,
          fix: `Đưa nội dung vào content/don-vi/${slug(pageUnitFor(province, unit).id)}.md, trang của đơn vị cấp trên.`,
        }),
      );
      continue;
    }
    const rendered = renderEditorial(source, province, unit.id);
    units.set(key, rendered.html);
    problems.push(...rendered.problems);
  }
  return { content: { home, units }, problems: sortProblems(problems) };
}
