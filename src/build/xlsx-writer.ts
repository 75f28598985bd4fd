/**
 * Writes the workbooks src/present/workbooks.ts describes as .xlsx files, part by part: the XML
 * is written here and zipped with fflate's `Zip`, a sheet's rows as they arrive, so the cleaned
 * data of a country (half a million rows a table) is never held whole. Only the writing process
 * (workbook-worker.ts) and `npm run gen:xlsx-fixture` import it: the build's own process loads
 * neither this nor a library for it.
 *
 * Replaces exceljs's streaming writer: the three workbooks took 2.4 s of processor time at 1,500
 * units with it, 1.0 s now; 38 s at 52,000 units, 25 s now (docs/performance.md).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import type { CellValue, Sheet, SheetColumn, Validation, Workbook } from '../present/workbooks.ts';
import { columnLetters } from '../problems.ts';

const CREATOR = 'thong-ke-xay-dung-dang';
/** How a date is shown in a column without a format of its own. */
const DATE_FORMAT = 'dd/mm/yyyy';

/**
 * zlib's default level. Against level 1, `du-lieu.xlsx` is a quarter smaller (1,500 units: 2.3
 * against 3.0 MB; 52,000 units: 78 against 106 MB) for 0.2 s more of processor time at 1,500
 * units and 9 s at 52,000, spent while the pages render (docs/performance.md).
 */
const LEVEL = 6;
/**
 * A part's text is deflated and written this many characters at a time: what the writer holds of
 * a sheet at once, whatever its length (about 0.3–0.8 MB as UTF-8).
 */
const SLICE = 1 << 18;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ESCAPED: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '&#10;',
  '\t': '&#9;',
};

/** Text for an attribute's value or an element of our own (a sheet's name, a message, a note). */
const escapeXml = (text: string): string => text.replace(/[&<>"\n\t]/g, (c) => ESCAPED[c] ?? '');

/**
 * Characters XML cannot hold, and an underscore that would read as Excel's escape of one: both
 * written as Excel writes them (`_x0001_`, `_x005F_x0041_`), which Excel and our reader undo. A
 * carriage return too, which XML would turn into a line feed.
 */
// eslint-disable-next-line no-control-regex -- these are the characters looked for
const UNWRITABLE = /[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
// eslint-disable-next-line no-control-regex -- as above
const NEEDS_ESCAPE = /[&<>\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|_x/;

/** A text cell's content: XML's escapes, then Excel's for what XML cannot hold. */
export function cellXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/[&<>]/g, (c) => ESCAPED[c] ?? '')
    .replace(UNWRITABLE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

const DAY = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A `YYYY-MM-DD` date as Excel's serial number (1900 system), or undefined before 01/01/1900,
 * which Excel cannot hold as a date. Excel counts 29/02/1900, a day that never was (Lotus 1-2-3's
 * mistake, kept): from 01/03/1900 serials are days since 30/12/1899, before it one less.
 */
export function excelSerial(iso: string): number | undefined {
  const time = Date.parse(`${iso}T00:00:00Z`);
  // Date.parse takes 30/02 for 01/03: a date that is not one is not counted.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== iso) return undefined;
  const days = (time - EXCEL_EPOCH) / DAY;
  if (days < 2) return undefined;
  return days < 61 ? days - 1 : days;
}

/** Excel's built-in number formats we use: these have an id and no definition in styles.xml. */
const BUILT_IN_FORMATS: Readonly<Record<string, number>> = { '0': 1, '#,##0': 3, '@': 49 };
const FIRST_CUSTOM_FORMAT = 164;

/** The cell styles of a workbook: the three fixed ones, then one per number format its columns use. */
class Styles {
  static readonly HEADER = 1;
  static readonly HEADING = 2;
  readonly #formats = new Map<string, number>();

  constructor(book: Workbook) {
    for (const format of [DATE_FORMAT, ...book.sheets.flatMap((s) => s.columns.map((c) => c.numFmt))]) {
      if (format !== undefined && !this.#formats.has(format))
        this.#formats.set(format, 3 + this.#formats.size);
    }
  }

  /** The style of cells in a column of format `format`; 0 for none. */
  of(format: string | undefined): number {
    return format === undefined ? 0 : (this.#formats.get(format) ?? 0);
  }

  xml(): string {
    const formats = [...this.#formats.keys()];
    const custom = formats.filter((f) => BUILT_IN_FORMATS[f] === undefined);
    const id = (f: string) => BUILT_IN_FORMATS[f] ?? FIRST_CUSTOM_FORMAT + custom.indexOf(f);
    const font = '<sz val="11"/><name val="Calibri"/><family val="2"/>';
    const plain = 'fillId="0" borderId="0" xfId="0"';
    return [
      `${DECLARATION}<styleSheet xmlns="${MAIN}">`,
      custom.length === 0
        ? ''
        : `<numFmts count="${custom.length}">${custom.map((f) => `<numFmt numFmtId="${id(f)}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts>`,
      `<fonts count="2"><font>${font}</font><font><b/>${font}</font></fonts>`,
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${3 + formats.length}">`,
      `<xf numFmtId="0" fontId="0" ${plain}/>`,
      // The header is text, bold, wrapped and at the top whatever its column's format.
      `<xf numFmtId="0" fontId="1" ${plain} applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>`,
      `<xf numFmtId="0" fontId="1" ${plain} applyFont="1"/>`,
      ...formats.map((f) => `<xf numFmtId="${id(f)}" fontId="0" ${plain} applyNumberFormat="1"/>`),
      '</cellXfs>',
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      '</styleSheet>',
    ].join('');
  }
}

/**
 * The texts of a workbook written with shared strings, each once, by index: what Excel writes,
 * for a workbook that stands for one an office saved. Every distinct text is held until the end,
 * so the build's workbooks have their text in the cells instead.
 */
class SharedStrings {
  readonly #index = new Map<string, number>();
  count = 0;

  of(text: string): number {
    this.count += 1;
    let index = this.#index.get(text);
    if (index === undefined) this.#index.set(text, (index = this.#index.size));
    return index;
  }

  *xml(): Generator<string> {
    yield `${DECLARATION}<sst xmlns="${MAIN}" count="${this.count}" uniqueCount="${this.#index.size}">`;
    for (const text of this.#index.keys()) yield `<si><t xml:space="preserve">${cellXmlText(text)}</t></si>`;
    yield '</sst>';
  }
}

/** A cell's XML; '' for an empty one, which is not written (its column's format covers it). */
function cellXml(
  ref: string,
  value: CellValue,
  style: number,
  dateStyle: number,
  strings: SharedStrings | undefined,
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'object') {
    const serial = excelSerial(value.date);
    if (serial !== undefined) return `<c r="${ref}" s="${dateStyle}"><v>${serial}</v></c>`;
    value = value.date;
  }
  const opened = `<c r="${ref}"${style === 0 ? '' : ` s="${style}"`}`;
  if (typeof value === 'number') return `${opened}><v>${value}</v></c>`;
  if (strings) return `${opened} t="s"><v>${strings.of(value)}</v></c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `${opened} t="inlineStr"><is><t${space}>${cellXmlText(value)}</t></is></c>`;
}

function validationXml(validation: Validation, range: string): string {
  const shown = `allowBlank="1" showErrorMessage="1" errorStyle="stop" errorTitle="Giá trị không hợp lệ" error="${escapeXml(validation.error)}" sqref="${range}"`;
  const formulae = (...values: (string | number)[]) =>
    values.map((v, i) => `<formula${i + 1}>${escapeXml(String(v))}</formula${i + 1}>`).join('');
  switch (validation.type) {
    case 'list':
      return `<dataValidation type="list" ${shown}>${formulae(validation.range)}</dataValidation>`;
    case 'whole':
      return `<dataValidation type="whole" operator="between" ${shown}>${formulae(validation.min, validation.max)}</dataValidation>`;
    case 'date':
      return `<dataValidation type="date" operator="between" ${shown}>${formulae(excelSerial(validation.min) ?? 1, excelSerial(validation.max) ?? 1)}</dataValidation>`;
    case 'textLength':
      return `<dataValidation type="textLength" operator="lessThanOrEqual" ${shown}>${formulae(validation.max)}</dataValidation>`;
  }
}

/** Whether a sheet has notes on its header: then it has a comments part and a drawing for them. */
const hasNotes = (sheet: Sheet): boolean => sheet.header && sheet.columns.some((c) => c.note !== undefined);

/** A sheet's XML, a row at a time as its rows come. */
async function* sheetXml(
  sheet: Sheet,
  styles: Styles,
  strings: SharedStrings | undefined,
): AsyncGenerator<string> {
  const letters = sheet.columns.map((_, i) => columnLetters(i + 1));
  const columnStyles = sheet.columns.map((c) => styles.of(c.numFmt));
  const dateStyles = sheet.columns.map((c) => styles.of(c.numFmt ?? DATE_FORMAT));
  const view = sheet.header
    ? '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>'
    : '<sheetView workbookViewId="0"/>';
  const cols = sheet.columns.map(
    (c, i) =>
      `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${columnStyles[i] === 0 ? '' : ` style="${columnStyles[i]}"`} customWidth="1"/>`,
  );
  yield `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols.join('')}</cols><sheetData>`;
  let number = 0;
  if (sheet.header) {
    number = 1;
    yield `<row r="1">${sheet.columns.map((c, i) => cellXml(`${letters[i]}1`, c.header, Styles.HEADER, Styles.HEADER, strings)).join('')}</row>`;
  }
  for await (const values of sheet.rows) {
    const bold = sheet.headings?.has(number - (sheet.header ? 1 : 0)) === true;
    number += 1;
    let cells = '';
    for (let i = 0; i < values.length; i++) {
      const ref = `${letters[i] ?? columnLetters(i + 1)}${number}`;
      const style = bold ? Styles.HEADING : (columnStyles[i] ?? 0);
      cells += cellXml(ref, values[i], style, dateStyles[i] ?? 0, strings);
    }
    if (cells !== '') yield `<row r="${number}">${cells}</row>`;
  }
  yield '</sheetData>';
  const checks =
    sheet.validatedRows > 1
      ? sheet.columns.flatMap((c, i) =>
          c.validation === undefined
            ? []
            : [validationXml(c.validation, `${letters[i]}2:${letters[i]}${sheet.validatedRows}`)],
        )
      : [];
  if (checks.length > 0)
    yield `<dataValidations count="${checks.length}">${checks.join('')}</dataValidations>`;
  yield '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  yield `${hasNotes(sheet) ? '<legacyDrawing r:id="rId2"/>' : ''}</worksheet>`;
}

/** The header's notes: the text of each, by cell. */
function commentsXml(columns: readonly SheetColumn[]): string {
  const comments = columns.map((c, i) =>
    c.note === undefined
      ? ''
      : `<comment ref="${columnLetters(i + 1)}1" authorId="0"><text><r><t xml:space="preserve">${cellXmlText(c.note)}</t></r></text></comment>`,
  );
  return `${DECLARATION}<comments xmlns="${MAIN}"><authors><author>${CREATOR}</author></authors><commentList>${comments.join('')}</commentList></comments>`;
}

/**
 * The drawing Excel needs to show notes at all: a hidden box for each, shown when the pointer
 * rests on its cell, three columns wide and eight rows high beside it. Shape ids are unique in
 * the workbook: 1024 a sheet, as Excel numbers them.
 */
function notesDrawingXml(columns: readonly SheetColumn[], sheetNumber: number): string {
  const shapes = columns.map((c, i) =>
    c.note === undefined
      ? ''
      : `<v:shape id="_x0000_s${sheetNumber * 1024 + i + 1}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:120pt;z-index:${i + 1};visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto"><v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${i + 1}, 15, 0, 2, ${i + 4}, 15, 8, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>0</x:Row><x:Column>${i}</x:Column></x:ClientData></v:shape>`,
  );
  return `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetNumber}"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>${shapes.join('')}</xml>`;
}

const relationshipsXml = (targets: readonly (readonly [type: string, target: string])[]): string =>
  `${DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${targets
    .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

const CONTENT = 'application/vnd.openxmlformats-officedocument';

function contentTypesXml(book: Workbook, shared: boolean): string {
  const overrides: [string, string][] = [
    ['/xl/workbook.xml', `${CONTENT}.spreadsheetml.sheet.main+xml`],
    ['/xl/styles.xml', `${CONTENT}.spreadsheetml.styles+xml`],
    ...(shared
      ? [['/xl/sharedStrings.xml', `${CONTENT}.spreadsheetml.sharedStrings+xml`] as [string, string]]
      : []),
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', `${CONTENT}.extended-properties+xml`],
  ];
  book.sheets.forEach((sheet, i) => {
    overrides.push([`/xl/worksheets/sheet${i + 1}.xml`, `${CONTENT}.spreadsheetml.worksheet+xml`]);
    if (hasNotes(sheet))
      overrides.push([`/xl/comments${i + 1}.xml`, `${CONTENT}.spreadsheetml.comments+xml`]);
  });
  return `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="${CONTENT}.vmlDrawing"/>${overrides
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('')}</Types>`;
}

function corePropertiesXml(date: Date): string {
  const when = `${date.toISOString().slice(0, 19)}Z`;
  return `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${CREATOR}</dc:creator><cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`;
}

const appPropertiesXml = (): string =>
  `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${CREATOR}</Application></Properties>`;

function workbookXml(book: Workbook): string {
  const sheets = book.sheets.map(
    (sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets.join('')}</sheets></workbook>`;
}

/**
 * A part of the zip, deflated by node's zlib (native: about three times fflate's speed at the same
 * level) a slice at a time. Each slice is deflated on its own and ends with a sync flush, which
 * closes its blocks without marking the last: the slices joined are one deflate stream, which the
 * last slice finishes.
 */
class DeflatedPart implements ZipInputFile {
  readonly compression = 8;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  readonly filename: string;
  readonly mtime: Date;

  constructor(filename: string, mtime: Date) {
    this.filename = filename;
    this.mtime = mtime;
  }

  push(bytes: Uint8Array, final: boolean): void {
    this.size += bytes.length;
    this.crc = crc32(bytes, this.crc);
    const finishFlush = final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH;
    this.ondata?.(null, deflateRawSync(bytes, { level: LEVEL, finishFlush }), final);
  }
}

/**
 * The .xlsx as it is written. Parts are added one after the other, so fflate hands each one's
 * bytes on at once; they are written to the file before the next slice is made, so what waits in
 * memory is one slice and its compressed bytes.
 */
class XlsxFile {
  readonly #file: FileHandle;
  readonly #mtime: Date;
  readonly #zip: Zip;
  #ready: Uint8Array[] = [];
  size = 0;

  constructor(file: FileHandle, date: Date) {
    this.#file = file;
    // A zip holds local time: the workbook's date as it reads in UTC, whatever the machine's zone.
    this.#mtime = new Date(
      date.getUTCFullYear(),
      date.getUTCMonth(),
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    );
    this.#zip = new Zip((error, chunk) => {
      if (error) throw error;
      this.#ready.push(chunk);
    });
  }

  async #write(): Promise<void> {
    const bytes = Buffer.concat(this.#ready);
    this.#ready = [];
    this.size += bytes.length;
    await this.#file.write(bytes);
  }

  async add(name: string, text: string | Iterable<string> | AsyncIterable<string>): Promise<void> {
    const part = new DeflatedPart(name, this.#mtime);
    this.#zip.add(part);
    let slice = '';
    if (typeof text === 'string') slice = text;
    else {
      for await (const piece of text) {
        slice += piece;
        if (slice.length < SLICE) continue;
        part.push(Buffer.from(slice), false);
        slice = '';
        await this.#write();
      }
    }
    part.push(Buffer.from(slice), true);
    await this.#write();
  }

  async end(): Promise<void> {
    this.#zip.end();
    await this.#write();
  }
}

/**
 * Writes `book` to `path`, dated `date` inside; resolves with the file's size in bytes. Text is
 * in the cells, unless `sharedStrings`: then in one list after the sheets, as Excel saves it.
 */
export async function writeWorkbook(
  book: Workbook,
  path: string,
  date: Date,
  { sharedStrings = false } = {},
): Promise<number> {
  const file = await open(path, 'w');
  try {
    const xlsx = new XlsxFile(file, date);
    const styles = new Styles(book);
    const strings = sharedStrings ? new SharedStrings() : undefined;
    await xlsx.add('[Content_Types].xml', contentTypesXml(book, sharedStrings));
    await xlsx.add(
      '_rels/.rels',
      relationshipsXml([
        [`${RELATIONSHIPS}/officeDocument`, 'xl/workbook.xml'],
        [
          'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
          'docProps/core.xml',
        ],
        [`${RELATIONSHIPS}/extended-properties`, 'docProps/app.xml'],
      ]),
    );
    await xlsx.add('docProps/core.xml', corePropertiesXml(date));
    await xlsx.add('docProps/app.xml', appPropertiesXml());
    await xlsx.add('xl/workbook.xml', workbookXml(book));
    await xlsx.add(
      'xl/_rels/workbook.xml.rels',
      relationshipsXml([
        ...book.sheets.map((_, i) => [`${RELATIONSHIPS}/worksheet`, `worksheets/sheet${i + 1}.xml`] as const),
        [`${RELATIONSHIPS}/styles`, 'styles.xml'],
        ...(sharedStrings ? [[`${RELATIONSHIPS}/sharedStrings`, 'sharedStrings.xml'] as const] : []),
      ]),
    );
    await xlsx.add('xl/styles.xml', styles.xml());
    for (const [index, sheet] of book.sheets.entries()) {
      const n = index + 1;
      await xlsx.add(`xl/worksheets/sheet${n}.xml`, sheetXml(sheet, styles, strings));
      if (!hasNotes(sheet)) continue;
      await xlsx.add(`xl/comments${n}.xml`, commentsXml(sheet.columns));
      await xlsx.add(`xl/drawings/vmlDrawing${n}.vml`, notesDrawingXml(sheet.columns, n));
      await xlsx.add(
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        relationshipsXml([
          [`${RELATIONSHIPS}/comments`, `../comments${n}.xml`],
          [`${RELATIONSHIPS}/vmlDrawing`, `../drawings/vmlDrawing${n}.vml`],
        ]),
      );
    }
    if (strings) await xlsx.add('xl/sharedStrings.xml', strings.xml());
    await xlsx.end();
    return xlsx.size;
  } finally {
    await file.close();
  }
}
