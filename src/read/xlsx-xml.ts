/**
 * The XML of an `.xlsx`'s parts, scanned for the few regular shapes a table needs (sheets and their
 * order, relationships, number formats, shared strings, rows and cells) instead of parsed whole:
 * Excel and every library that writes workbooks write these elements the same simple way, and a
 * scanner reads them several times faster than a general XML parser. Elements are matched with
 * any namespace prefix (`<x:row>`), as some writers use one.
 */
import type { Zip } from './xlsx-zip.ts';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text or an attribute's value, its entities (`&amp;`, `&#7899;`, `&#x1EDB;`) replaced. */
const unescapeXml = (text: string): string =>
  text.includes('&')
    ? text.replace(ENTITY, (_all, hex?: string, decimal?: string, name?: string) =>
        name === undefined
          ? String.fromCodePoint(parseInt(hex ?? decimal ?? '', hex ? 16 : 10))
          : (NAMED[name] ?? ''),
      )
    : text;

/**
 * A cell's text as Excel means it: XML's line ends made `\n` (as any XML parser does), then
 * Excel's own escapes for characters XML cannot hold (`_x000D_` a carriage return; `_x005F_` the
 * underscore, so that `_x005F_x000D_` is the text `_x000D_` itself).
 */
export const cellText = (xml: string): string => {
  const text = unescapeXml(xml.includes('\r') ? xml.replace(/\r\n?/g, '\n') : xml);
  return text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
};

const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A start tag's attributes by name (prefix kept: `r:id`), their values unescaped. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, double, single] of tag.matchAll(ATTRIBUTE)) {
    found.set(name ?? '', unescapeXml(double ?? single ?? ''));
  }
  return found;
}

/** Every start (or empty) tag of an element, as its attribute text. */
const tags = (xml: string, element: string): string[] =>
  [...xml.matchAll(new RegExp(`<(?:\\w+:)?${element}(?=[\\s/>])([^>]*)>`, 'g'))].map((m) => m[1] ?? '');

/** The first element's content, or undefined. */
const content = (xml: string, element: string): string | undefined =>
  new RegExp(`<(?:\\w+:)?${element}(?=[\\s>])[^>]*>([\\s\\S]*?)</(?:\\w+:)?${element}>`).exec(xml)?.[1];

export interface SheetEntry {
  readonly name: string;
  readonly state: string | undefined;
  /** The relationship that names the sheet's part. */
  readonly id: string;
}

export interface WorkbookPart {
  /** In tab order. */
  readonly sheets: SheetEntry[];
  /** Dates count from 01/01/1904 (old Excel for Mac) instead of 1900. */
  readonly date1904: boolean;
}

/** `xl/workbook.xml`: the sheets, in tab order, with their state, and the date system. */
export function workbookPart(xml: string): WorkbookPart {
  const sheets: SheetEntry[] = [];
  for (const tag of tags(content(xml, 'sheets') ?? '', 'sheet')) {
    const attrs = attributes(tag);
    // The relationship id is the `id` attribute in the relationships namespace, whatever its prefix.
    const id = [...attrs].find(([name]) => /^[\w.-]+:id$/.test(name))?.[1];
    sheets.push({ name: attrs.get('name') ?? '', state: attrs.get('state'), id: id ?? '' });
  }
  const options = attributes(tags(xml, 'workbookPr')[0] ?? '').get('date1904');
  return { sheets, date1904: options === '1' || options === 'true' };
}

export interface Relationship {
  /** The part's name in the zip (`xl/worksheets/sheet1.xml`). */
  readonly part: string;
  /** The relationship type's last word: `worksheet`, `sharedStrings`, `styles`, `officeDocument`… */
  readonly type: string;
}

/** A relationships part (`xl/_rels/workbook.xml.rels`) by id; targets resolved from `folder` (`xl/`). */
export function relationships(xml: string, folder: string): Map<string, Relationship> {
  const found = new Map<string, Relationship>();
  for (const tag of tags(xml, 'Relationship')) {
    const attrs = attributes(tag);
    const target = attrs.get('Target') ?? '';
    if (attrs.get('TargetMode') === 'External') continue;
    found.set(attrs.get('Id') ?? '', {
      part: resolvePart(folder, target),
      type: (attrs.get('Type') ?? '').replace(/^.*\//, ''),
    });
  }
  return found;
}

/** `worksheets/sheet1.xml` from `xl/` → `xl/worksheets/sheet1.xml`; `/xl/…` is from the root. */
function resolvePart(folder: string, target: string): string {
  const path: string[] = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const step of target.split('/')) {
    if (step === '..') path.pop();
    else if (step !== '' && step !== '.') path.push(step);
  }
  return path.join('/');
}

/** What a cell style says a number is. */
export type NumberKind = 'date' | 'percent' | undefined;

/** Excel's built-in number formats that show a date or time (the others have no date). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const BUILT_IN_PERCENTS = new Set([9, 10]);

/** A format's code without its literal text: quoted, in brackets (colour, locale), escaped. */
const unquoted = (code: string) => code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');

/** A format that shows a date or time (`dd/mm/yyyy`, `[$-vi-VN]d mmmm yyyy`); quoted text aside. */
const isDateFormat = (code: string): boolean => /[dmyhs]/i.test(unquoted(code));

/** `xl/styles.xml`: for each cell style (`s="3"`), whether its numbers are dates or percentages. */
export function numberKinds(xml: string): NumberKind[] {
  const custom = new Map<number, string>();
  for (const tag of tags(content(xml, 'numFmts') ?? '', 'numFmt')) {
    const attrs = attributes(tag);
    custom.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  return tags(content(xml, 'cellXfs') ?? '', 'xf').map((tag): NumberKind => {
    const id = Number(attributes(tag).get('numFmtId') ?? 0);
    const code = custom.get(id);
    if (code === undefined) {
      return BUILT_IN_DATES.has(id) ? 'date' : BUILT_IN_PERCENTS.has(id) ? 'percent' : undefined;
    }
    if (isDateFormat(code)) return 'date';
    return unquoted(code).includes('%') ? 'percent' : undefined;
  });
}

const RUN_TEXT = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
/** Phonetic guides (furigana) hold `<t>` that is not the cell's text. */
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;

/** A string item's text: its `<t>`, or the `<t>` of each rich-text run `<r>` joined. */
function stringItem(xml: string): string {
  const runs = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  let text = '';
  for (const match of runs.matchAll(RUN_TEXT)) text += match[1] ?? '';
  return cellText(text);
}

/** `xl/sharedStrings.xml`: the strings cells of type `s` point to, by index. */
export const sharedStrings = (xml: string): string[] =>
  [...xml.matchAll(/<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) =>
    stringItem(m[1] ?? ''),
  );

/** A cell as stored: its column and what the XML holds, not yet turned into text. */
export interface RawCell {
  /** 1 for column A. */
  readonly column: number;
  /** `s`, `n`, `b`, `e`, `str`, `inlineStr`, `d`; absent means a number. */
  readonly type: string | undefined;
  /** Index into the cell styles (`numberKinds`). */
  readonly style: number;
  /** `<v>`, unescaped (the cached value of a formula). */
  readonly value: string | undefined;
  /** `<f>`'s text; '' for a cell sharing another cell's formula. */
  readonly formula: string | undefined;
  /** An inline string's text (`<is>`). */
  readonly inline: string | undefined;
}

export interface RawRow {
  /** 1 for Excel's row 1. */
  readonly number: number;
  readonly cells: RawCell[];
}

const ROW = /<(\w+:)?row(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const FORMULA = /<(?:\w+:)?f(?=[\s/>])[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const INLINE = /<(?:\w+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?is>/;
/** Where a closing row tag ends a piece of a sheet: everything before it is whole rows. */
const ROW_END = /<\/(?:\w+:)?row>/g;

/** `AB` → 28. */
const columnNumber = (letters: string): number => {
  let n = 0;
  for (const letter of letters.toUpperCase()) n = n * 26 + letter.charCodeAt(0) - 64;
  return n;
};

/** A cell's or row's attribute, found as Excel writes it (` r="A1"`) or by `pattern`. */
interface Attribute {
  readonly written: string;
  readonly pattern: RegExp;
}
const attributeOf = (name: string, value: string): Attribute => ({
  written: ` ${name}="`,
  pattern: new RegExp(`\\b${name}\\s*=\\s*["'](${value})["']`),
});
const REFERENCE = attributeOf('r', '[A-Za-z]*\\d*');
const TYPE = attributeOf('t', '\\w+');
const STYLE = attributeOf('s', '\\d+');
/** Attributes not all written as Excel does: single quotes, or spaces or line breaks around `=`. */
const UNUSUAL = /'|\s=|=\s|[\t\n\r]/;

/**
 * An attribute's value. `plain`: the attributes are written as Excel does, so one not found
 * as Excel writes it is not there. A regular expression for every cell's two or three attributes
 * costs more than the rest of reading it.
 */
function attribute(attrs: string, { written, pattern }: Attribute, plain: boolean): string | undefined {
  const at = attrs.indexOf(written);
  if (at !== -1) {
    const start = at + written.length;
    return attrs.slice(start, attrs.indexOf('"', start));
  }
  return plain ? undefined : pattern.exec(attrs)?.[1];
}

/**
 * A cell's text copied out of the piece of sheet it was scanned from: V8 keeps a long substring as
 * a view of the whole string, so kept texts would keep every inflated piece of a sheet in memory.
 * (Shorter substrings, most values, are copies already.)
 */
const detached = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

const isTagEnd = (code: number) =>
  code === 0x20 || code === 0x3e || code === 0x2f || code === 0x09 || code === 0x0a || code === 0x0d;

/**
 * The cells of one row's content, `prefix` the namespace prefix its elements are written with.
 * Scanned by hand: the cells are most of a workbook, and a regular expression's matches cost
 * twice the time here.
 */
function rowCells(xml: string, prefix: string): RawCell[] {
  const cells: RawCell[] = [];
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const plain = !UNUSUAL.test(xml);
  let previous = 0;
  for (let at = xml.indexOf(open); at !== -1; at = xml.indexOf(open, at)) {
    at += open.length;
    if (!isTagEnd(xml.charCodeAt(at))) continue;
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd === -1) break;
    const empty = xml.charCodeAt(tagEnd - 1) === 0x2f;
    const attrs = xml.slice(at, empty ? tagEnd - 1 : tagEnd);
    const reference = attribute(attrs, REFERENCE, plain) ?? '';
    let letters = 0;
    while (letters < reference.length && reference.charCodeAt(letters) > 0x40) letters++;
    // A cell without a reference is the one after the previous cell.
    const column = letters > 0 ? columnNumber(reference.slice(0, letters)) : previous + 1;
    previous = column;
    if (empty) continue;
    const innerEnd = xml.indexOf(close, tagEnd);
    if (innerEnd === -1) break;
    const inner = xml.slice(tagEnd + 1, innerEnd);
    at = innerEnd;
    const type = attribute(attrs, TYPE, plain);
    const style = Number(attribute(attrs, STYLE, plain) ?? 0);
    // Most cells are a bare value (`<v>12</v>`): read without the three searches below.
    if (inner.startsWith('<v>') && inner.indexOf('<', 3) === inner.length - 4) {
      const value = inner.slice(3, -4);
      cells.push({
        column,
        type,
        style,
        value: detached(unescapeXml(value)),
        formula: undefined,
        inline: undefined,
      });
      continue;
    }
    const value = VALUE.exec(inner)?.[1];
    const formula = FORMULA.exec(inner);
    const inline = INLINE.exec(inner)?.[1];
    if (value === undefined && formula === null && inline === undefined) continue;
    cells.push({
      column,
      type,
      style,
      value: value === undefined ? undefined : detached(unescapeXml(value)),
      formula: formula === null ? undefined : detached(unescapeXml(formula[1] ?? '')),
      inline: inline === undefined ? undefined : detached(stringItem(inline)),
    });
  }
  return cells;
}

/**
 * A worksheet's rows, in order, given to `take` one by one as the part is inflated (a piece at a
 * time, so a sheet of hundreds of megabytes is never one string); `take` returns false to stop.
 * Rows with no cell holding something are not given.
 */
export function scanRows(zip: Zip, part: string, take: (row: RawRow) => boolean): void {
  let carry = '';
  let previous = 0;
  let going = true;
  const rows = (xml: string) => {
    for (const [, prefix = '', attrs = '', inner] of xml.matchAll(ROW)) {
      const r = attribute(attrs, REFERENCE, false);
      // A row without a number is the one after the previous row.
      const number = r ? Number(r) : previous + 1;
      previous = number;
      if (inner === undefined) continue;
      const cells = rowCells(inner, prefix);
      if (cells.length > 0 && !take({ number, cells })) return false;
    }
    return true;
  };
  zip.stream(part, (piece) => {
    const text = carry + piece;
    let end = -1;
    for (const match of text.matchAll(ROW_END)) end = match.index + match[0].length;
    if (end < 0) {
      carry = text;
      return true;
    }
    carry = text.slice(end);
    going = rows(text.slice(0, end));
    return going;
  });
  if (going) rows(carry);
}
