/**
 * Editors' Markdown (`content/`): rendered with markdown-it, raw HTML off and safe links only,
 * with placeholders such as `{{members}}` or `{{admitted 2024}}` filled from the model.
 *
 * A placeholder is a token of its own, found by the inline parser: what markdown-it reads as code
 * (a code span, an indented or fenced block), a link's address or a backslash-escaped `\{{` is
 * never one, so it stays as written and is not checked. Each is filled after parsing, as plain
 * text: a figure or a unit name is never read as Markdown (a year followed by a dot at the start
 * of a line would otherwise start a list). The check and the page see the same placeholders.
 */
import MarkdownIt, { type StateCore, type StateInline, type Token } from 'markdown-it';
import type { Province } from '../model/province.ts';
import { yearEnd } from '../model/units.ts';
import type { MarkdownSource } from '../read/content.ts';
import { error, type Problem } from '../problems.ts';
import { formatDate, formatNumber } from './format.ts';

/** What a placeholder shows when the figure was not reported. */
export const NOT_REPORTED_TEXT = 'chưa có số liệu';

type Fill = (name: string, year: number | undefined) => string;

export interface FoundPlaceholder {
  /** As written, braces included. */
  readonly raw: string;
  readonly inner: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export interface ScanResult {
  readonly found: FoundPlaceholder[];
  /** Positions of `{{` that no `}}` closes on the same line. */
  readonly unclosed: { line: number; column: number }[];
}

interface Env {
  fill?: Fill;
  scan?: ScanResult;
}

// Raw HTML off: editors' text is published on an official portal and must never carry script.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Links with a scheme must use a safe one (no `javascript:`, `data:`, `vbscript:`, `file:`);
 * relative links are fine. markdown-it has already decoded entities and percent-encoded
 * whitespace by now, so `java&#9;script:` arrives as `java%09script:`, which has no scheme.
 */
md.validateLink = (url: string): boolean => {
  const scheme = SCHEME.exec(url.trim())?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
};

/**
 * A protocol-relative link (`//host/path`, or `///host` as browsers read it) leads to another
 * site, like an `https:` one, and is made exactly that link: left as it is, it would take the
 * page's own scheme, `http:` on an intranet copy and `file:` on a page opened from disk.
 */
const PROTOCOL_RELATIVE = /^\/\/+/;
const normalizeLink = md.normalizeLink.bind(md);
md.normalizeLink = (url: string): string => normalizeLink(url.replace(PROTOCOL_RELATIVE, 'https://'));

const PLACEHOLDER = /\{\{([^{}\n]*)\}\}/y;

/** Offset of a placeholder in the text its inline parser read (an image's alt text is parsed apart). */
interface Spot {
  readonly offset: number;
  readonly src: string;
}

md.inline.ruler.before('text', 'placeholder', (state: StateInline, silent: boolean) => {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  PLACEHOLDER.lastIndex = pos;
  const match = PLACEHOLDER.exec(src);
  // `{{{x}}}`: the placeholder starts at the next brace.
  if (!match && src.charCodeAt(pos + 2) === 0x7b) return false;
  if (!silent) {
    const token = state.push(match ? 'placeholder' : 'placeholder_unclosed', '', 0);
    token.content = match ? match[0] : '{{';
    token.info = match?.[1] ?? '';
    token.meta = { offset: pos, src } satisfies Spot;
  }
  state.pos += match ? match[0].length : 2;
  return true;
});

function fillOne(raw: string, inner: string, fill: Fill): string {
  const parsed = parse(inner);
  // A malformed argument is reported by checkPlaceholders; never show a guessed figure.
  const malformed = !parsed || parsed.extra || (parsed.argument !== undefined && parsed.year === undefined);
  return malformed ? raw : fill(parsed.name, parsed.year);
}

type Locate = (offset: number) => { line: number; column: number };

/**
 * Where an inline token's text sits in the source. Its content is the source lines from
 * `firstLine` on, less block markers (`>`, list bullets, indentation) and, in a table, less the
 * other cells: each content line is found in its source line, after what was found there before.
 */
function locator(
  lines: readonly string[],
  firstLine: number,
  content: string,
  after: Map<number, number>,
): Locate {
  const starts = content.split('\n').map((text, j) => {
    const line = firstLine + j;
    const core = text.trimStart();
    const at = lines[line]?.indexOf(core, after.get(line) ?? 0) ?? -1;
    if (at >= 0) after.set(line, at + core.length);
    return Math.max(at, 0) - (text.length - core.length);
  });
  return (offset) => {
    const before = content.slice(0, offset).split('\n');
    const j = before.length - 1;
    return { line: firstLine + j + 1, column: (starts[j] ?? 0) + (before[j]?.length ?? 0) + 1 };
  };
}

function placeholders(state: StateCore): void {
  const { fill, scan } = state.env as Env;
  const lines = scan && state.src.split('\n');
  const after = new Map<number, number>();
  const visit = (tokens: readonly Token[], content: string, locate: Locate | undefined) => {
    for (const token of tokens) {
      if (token.children) visit(token.children, content, locate);
      if (token.type !== 'placeholder' && token.type !== 'placeholder_unclosed') continue;
      const closed = token.type === 'placeholder';
      if (scan && locate) {
        const spot = token.meta as unknown as Spot;
        const base = spot.src === content ? 0 : Math.max(content.indexOf(spot.src), 0);
        const where = locate(base + spot.offset);
        if (closed) scan.found.push({ raw: token.content, inner: token.info, ...where });
        else scan.unclosed.push(where);
      }
      token.type = 'text';
      if (closed && fill) token.content = fillOne(token.content, token.info, fill);
    }
  };
  let firstLine = 0;
  for (const token of state.tokens) {
    // Table cells carry no lines of their own; their row does.
    if (token.map) firstLine = token.map[0];
    if (token.type === 'inline' && token.children) {
      visit(token.children, token.content, lines && locator(lines, firstLine, token.content, after));
    }
  }
}

md.core.ruler.after('text_join', 'placeholders', placeholders);

// The page's h1 is the unit's name: an editor's `# Heading` becomes an h2, and so on down.
md.core.ruler.push('demote_headings', (state: StateCore) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
    }
  }
});

/** Renders Markdown; with `fill`, placeholders are replaced by what it returns. */
export const renderMarkdown = (text: string, fill?: Fill): string =>
  md.render(text, fill ? ({ fill } satisfies Env) : {});

/* ---------- placeholders ---------- */

interface PlaceholderDef {
  readonly takesYear: boolean;
  readonly doc: string;
}

/** Every placeholder editors may use; the figure ones take an optional year. */
export const PLACEHOLDERS: Readonly<Record<string, PlaceholderDef>> = {
  members: { takesYear: true, doc: 'tổng số đảng viên' },
  admitted: { takesYear: true, doc: 'số đảng viên kết nạp' },
  target: { takesYear: true, doc: 'chỉ tiêu kết nạp' },
  cells: { takesYear: true, doc: 'số chi bộ trực thuộc' },
  grassroots: { takesYear: true, doc: 'số tổ chức cơ sở đảng' },
  women: { takesYear: true, doc: 'số đảng viên nữ' },
  as_of: { takesYear: false, doc: 'ngày số liệu, 31/12 của năm mới nhất' },
  year: { takesYear: false, doc: 'năm mới nhất có số liệu' },
  unit: { takesYear: false, doc: 'tên đơn vị' },
};

export const PLACEHOLDER_HELP = `Các chỗ điền số liệu được dùng: ${Object.entries(PLACEHOLDERS)
  .map(([name, def]) => `{{${name}}} (${def.doc})`)
  .join(', ')}; các số liệu có thể thêm năm, ví dụ {{members 2023}}, {{admitted 2024}}.`;

interface Parsed {
  readonly name: string;
  readonly year: number | undefined;
  /** The argument as written, when there is one. */
  readonly argument: string | undefined;
  readonly extra: boolean;
}

function parse(inner: string): Parsed | undefined {
  const [name, argument, ...rest] = inner.trim().split(/\s+/);
  if (!name) return undefined;
  return {
    name: name.toLowerCase(),
    year: argument !== undefined && /^\d{4}$/.test(argument) ? Number(argument) : undefined,
    argument,
    extra: rest.length > 0,
  };
}

/** The placeholders markdown-it reads in `text`, with their line and column in it. */
export function scanPlaceholders(text: string): ScanResult {
  const scan: ScanResult = { found: [], unclosed: [] };
  md.parse(text, { scan } satisfies Env);
  return scan;
}

/** Problems with the placeholders of one file, checked against the data's years. */
export function checkPlaceholders(source: MarkdownSource, years: readonly number[]): Problem[] {
  const { found, unclosed } = scanPlaceholders(source.text);
  const problems: Problem[] = unclosed.map(({ line, column }) =>
    error({
      code: 'placeholder-unclosed',
      file: source.file,
      line,
      column,
      value: '{{',
      message: 'chỗ điền số liệu mở bằng "{{" nhưng không đóng bằng "}}" trên cùng dòng',
      english: 'placeholder opened with "{{" but not closed with "}}" on the same line',
      fix: `Viết đủ cả hai dấu, ví dụ {{members}}. ${PLACEHOLDER_HELP}`,
    }),
  );
  const range =
    years.length === 0 ? 'dữ liệu chưa có năm nào' : `các năm có số liệu: ${years[0]}–${years.at(-1)}`;
  for (const p of found) {
    const at = { file: source.file, line: p.line, column: p.column, value: p.raw };
    const parsed = parse(p.inner);
    const def = parsed && Object.hasOwn(PLACEHOLDERS, parsed.name) ? PLACEHOLDERS[parsed.name] : undefined;
    if (!parsed || !def) {
      problems.push(
        error({
          ...at,
          code: 'placeholder-unknown',
          message: 'không có chỗ điền số liệu này',
          english: `unknown placeholder; allowed: ${Object.keys(PLACEHOLDERS).join(', ')}`,
          fix: PLACEHOLDER_HELP,
        }),
      );
    } else if (parsed.argument !== undefined && !def.takesYear) {
      problems.push(
        error({
          ...at,
          code: 'placeholder-argument',
          message: `chỗ điền {{${parsed.name}}} không nhận năm hay tham số nào`,
          english: `placeholder {{${parsed.name}}} takes no argument`,
          fix: `Viết {{${parsed.name}}}. ${PLACEHOLDER_HELP}`,
        }),
      );
    } else if (parsed.extra || (parsed.argument !== undefined && parsed.year === undefined)) {
      problems.push(
        error({
          ...at,
          code: 'placeholder-bad-year',
          message: `năm phải là 4 chữ số, ví dụ {{${parsed.name} ${years.at(-1) ?? 2024}}}`,
          english: 'the year must be four digits',
          fix: `Sửa năm (${range}). ${PLACEHOLDER_HELP}`,
        }),
      );
    } else if (parsed.year !== undefined && !years.includes(parsed.year)) {
      problems.push(
        error({
          ...at,
          code: 'placeholder-bad-year',
          message: `năm ${parsed.year} nằm ngoài các năm của dữ liệu`,
          english: `year ${parsed.year} is outside the data's years`,
          fix: `Dùng một năm trong dữ liệu (${range}).`,
        }),
      );
    }
  }
  return problems;
}

/** The value each placeholder shows on the page of `unitId`, formatted for vi-VN. */
export function placeholderFill(province: Province, unitId: string): Fill {
  const unit = province.tree.units.get(unitId);
  const shown = (value: number | undefined) =>
    value === undefined ? NOT_REPORTED_TEXT : formatNumber(value);
  return (name, requested) => {
    const year = requested ?? province.lastYear;
    if (name === 'unit') return unit?.name ?? unitId;
    if (year === undefined) return NOT_REPORTED_TEXT;
    switch (name) {
      case 'as_of':
        return formatDate(yearEnd(year));
      case 'year':
        return String(year);
      case 'members':
      case 'women':
        return shown(province.members.rollup.at(unitId, year)?.values[name]);
      case 'admitted':
      case 'target':
        return shown(province.admissions.rollup.at(unitId, year)?.values[name]);
      case 'cells':
        return shown(province.cells.rollup.at(unitId, year)?.values.cells);
      case 'grassroots':
        return province.years.includes(year)
          ? shown(province.organizations(unitId, year).grassroots)
          : NOT_REPORTED_TEXT;
      default:
        // Unknown names are reported by checkPlaceholders; the page keeps them as written.
        return `{{${name}}}`;
    }
  };
}

/** Checks and renders one editor's file for one unit's page. */
export function renderEditorial(
  source: MarkdownSource,
  province: Province,
  unitId: string,
): { html: string; problems: Problem[] } {
  return {
    html: renderMarkdown(source.text, placeholderFill(province, unitId)),
    problems: checkPlaceholders(source, province.years),
  };
}
