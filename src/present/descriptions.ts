/**
 * The `<meta name="description">` of the pages that show figures: what a search engine or a
 * shared link (Zalo, Facebook) shows under the title. Taken from the page's own summary, so it
 * says the same figures as the page; each names its unit, so no two pages share one.
 */
import type { Province } from '../model/province.ts';
import type { UnitView } from './unit-view.ts';

/** About what search results show (150–200 characters); longer is cut there by them, mid-word. */
const LENGTH = 200;

/**
 * The first sentences of `text` within `LENGTH` characters, at least one. A sentence ends at a
 * full stop before a capital: `1.348` and `31/12/2025,` do not end one.
 */
function lead(text: string): string {
  const sentences = text.split(/(?<=\.)\s+(?=\p{Lu})/u);
  let kept = sentences[0] ?? '';
  for (const next of sentences.slice(1)) {
    if (kept.length + 1 + next.length > LENGTH) break;
    kept = `${kept} ${next}`;
  }
  return kept;
}

/**
 * The summary's first paragraph (the unit's size as of the latest year), its name first when the
 * summary does not say it (a unit without figures), then the unit above it: two cells of the same
 * name under different communes are told apart by it.
 */
export function unitDescription(view: UnitView): string {
  const first = lead(view.narrative[0] ?? view.about);
  const named = first.includes(view.name) ? first : `${view.name}. ${first}`;
  const parent = view.breadcrumbs.at(-1)?.label;
  if (parent === undefined) return named;
  return `${named} ${view.ended ? 'Trước khi kết thúc hoạt động, trực thuộc' : 'Trực thuộc'} ${parent}.`;
}

/** `/nhiem-ky/`: the first progress sentences, or what the page holds before any figures. */
export function termsDescription(province: Province, summary: string | undefined): string {
  return lead(
    summary ?? `Chỉ tiêu nhiệm kỳ của ${province.root.name} và các đơn vị, tiến độ thực hiện qua từng năm.`,
  );
}

/** The first sentences of a topic's summary (`topicNarrative`, which the page shows too). */
export function topicDescription(province: Province, summary: readonly string[]): string {
  return lead(summary[0] ?? province.root.name);
}
