/**
 * The characters a cell must not hide: direction controls anywhere, invisible characters in a
 * number. How they are shown in a message is src/problems.ts's business.
 */
import { codePoint, INVISIBLE } from '../problems.ts';

/**
 * Characters that change the direction text is displayed in: embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), and the marks U+200E, U+200F, U+061C. The marks are refused too:
 * Vietnamese is written left to right only, so any of them in a cell is a paste from elsewhere or a
 * trick, and a mark alone already moves neutral characters (brackets, digits) around on the page.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The first direction-control character in `text`, with its 1-based character position. */
export function findBidi(text: string): { code: string; position: number } | undefined {
  const index = text.search(BIDI);
  if (index < 0) return undefined;
  return { code: codePoint(text[index] ?? ''), position: Array.from(text.slice(0, index)).length + 1 };
}

/** The first invisible character in `text` that `allowed` does not accept, as `U+XXXX`. */
export function findInvisible(text: string, allowed: (char: string) => boolean = () => false) {
  for (const [char] of text.matchAll(INVISIBLE)) if (!allowed(char)) return codePoint(char);
  return undefined;
}
