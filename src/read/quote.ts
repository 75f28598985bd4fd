/**
 * How a cell's text is quoted in a message. Messages go to the terminal, the build log and the
 * public data-quality report, so a quoted value must show what is really in the cell (a zero-width
 * space is why a "123" pasted from a web page is not a number), and must never carry megabytes or
 * reorder the line it is printed on.
 */

/**
 * Characters that change the direction text is displayed in: embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), and the marks U+200E, U+200F, U+061C. The marks are refused too:
 * Vietnamese is written left to right only, so any of them in a cell is a paste from elsewhere or a
 * trick, and a mark alone already moves neutral characters (brackets, digits) around on the page.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/**
 * What cannot be seen on screen: controls, format characters (zero-width space, BOM, soft
 * hyphen, direction marks), every space but the ordinary one, and the blank fillers that render
 * as nothing.
 */
const INVISIBLE = /(?! )[\p{Cc}\p{Cf}\p{Z}\u034f\u115f\u1160\u3164\uffa0]/gu;

/** Quoted values keep this many characters; the rest is cut off with "…". */
export const EXCERPT_LENGTH = 60;

const codePoint = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `1<U+200B>23`: every invisible character written as its code. */
export function showInvisible(text: string): string {
  return text.replace(INVISIBLE, (char) => `<${codePoint(char)}>`);
}

/** The first `max` characters (never half of one), and "…" when there was more. */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  // Slicing code units first keeps a 10 MB cell from being split into 10 million characters.
  const head = Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('');
  return head.length < text.length ? `${head}…` : head;
}

/** A cell's text as every message should quote it: short, with the invisible made visible. */
export const quoteValue = (text: string): string => showInvisible(excerpt(text));

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
