/**
 * Turns the bytes of a CSV file into text. Offices export from whatever Excel or Word they have:
 * UTF-8 (with or without BOM, sometimes decomposed on a Mac), Excel's "Unicode Text" (UTF-16),
 * the Windows code page 1258, and still the 1990s font encodings TCVN3 (ABC) and VNI. The first
 * three say what they are; the others are told apart by which reading gives Vietnamese syllables.
 */
import { decode } from 'iconv-lite';

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'tcvn3' | 'vni';

export type DecodeResult =
  | { ok: true; text: string; encoding: EncodingName; warning?: string }
  /** Vietnamese message with the English gist in parentheses, saying how to fix the file. */
  | { ok: false; message: string };

/** Detection looks at this much; the whole file is decoded once the encoding is known. */
const SAMPLE_BYTES = 64 * 1024;

const SAVE_AS_UTF8 = 'Hãy mở tệp trong Excel, chọn Lưu thành (Save As) → CSV UTF-8 (phân cách bằng dấu phẩy)';

export function decodeCsvBytes(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: true, text: '', encoding: 'utf-8' };

  const notText = describeNonText(bytes);
  if (notText !== undefined) return { ok: false, message: notText };

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const body = bytes.subarray(3);
    return decodeUtf8(body, 'utf-8-bom') ?? refuseDamagedUtf8(firstBadUtf8Line(body));
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'utf-16be');

  const head = latin1(bytes.subarray(0, SAMPLE_BYTES));
  if (head.includes('\0')) {
    const utf16 = guessUtf16WithoutBom(bytes.subarray(0, SAMPLE_BYTES));
    return utf16 === undefined
      ? refuseBinary('có byte NUL (0x00)', 'contains NUL bytes')
      : decodeUtf16(bytes, utf16);
  }
  if (hasTooManyControls(head)) return refuseBinary('có nhiều ký tự điều khiển', 'many control characters');

  return decodeUtf8(bytes, 'utf-8') ?? decodeLegacy(bytes);
}

// ---------------------------------------------------------------------------------------------
// Files that are not text at all: name what they are, since "unreadable" alone does not help.

const SIGNATURES: readonly {
  readonly bytes: readonly number[];
  readonly describe: (b: Uint8Array) => string;
}[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], describe: describeZip },
  { bytes: [0x50, 0x4b, 0x05, 0x06], describe: describeZip },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], describe: () => XLS },
  {
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    describe: () => picture('ảnh PNG', 'a PNG image'),
  },
  { bytes: [0xff, 0xd8, 0xff], describe: () => picture('ảnh JPEG', 'a JPEG image') },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], describe: () => picture('tài liệu PDF', 'a PDF document') },
];

const XLS =
  'Tệp này là bảng tính Excel 97–2003 (.xls), không phải CSV. ' +
  `${SAVE_AS_UTF8}. (This is an Excel 97–2003 workbook (.xls), not a CSV file: ` +
  'open it in Excel and use Save As → CSV UTF-8 (Comma delimited).)';

function describeNonText(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => startsWith(bytes, s.bytes))?.describe(bytes);
}

function describeZip(bytes: Uint8Array): string {
  // Both formats are ZIP archives; their part names show up in the first local headers.
  const head = latin1(bytes.subarray(0, SAMPLE_BYTES));
  if (head.includes('opendocument.spreadsheet')) {
    return (
      'Tệp này là bảng tính LibreOffice/OpenOffice (.ods), không phải CSV. Hãy mở bằng LibreOffice Calc, ' +
      'chọn Lưu thành → Văn bản CSV, bộ ký tự Unicode (UTF-8). (This is an OpenDocument spreadsheet (.ods), ' +
      'not a CSV file: open it in LibreOffice Calc and save as Text CSV with the UTF-8 character set.)'
    );
  }
  if (head.includes('xl/')) {
    return (
      'Tệp này là bảng tính Excel (.xlsx), không phải CSV. Hãy đổi tên tệp, thay đuôi .csv bằng .xlsx: ' +
      'sổ làm việc Excel được đọc trực tiếp. (This is an Excel workbook (.xlsx), not a CSV file: ' +
      'rename it to .xlsx, workbooks are read as they are.)'
    );
  }
  return (
    'Tệp này là tệp nén ZIP hoặc tài liệu Office, không phải CSV. Hãy mở bảng tính gốc và lưu thành ' +
    'CSV UTF-8 (phân cách bằng dấu phẩy). (This is a ZIP archive or Office document, not a CSV file: ' +
    'open the original spreadsheet and save it as CSV UTF-8.)'
  );
}

function picture(vi: string, en: string): string {
  return (
    `Tệp này là ${vi}, không phải CSV. Hãy chọn đúng tệp dữ liệu, hoặc mở bảng tính gốc và lưu thành ` +
    `CSV UTF-8 (phân cách bằng dấu phẩy). (This is ${en}, not a CSV file: pick the right file, or open ` +
    'the original spreadsheet and save it as CSV UTF-8.)'
  );
}

/** The BOM says UTF-8, so bad bytes are damage (often a row pasted from an old file), not a hint. */
function refuseDamagedUtf8(line: number): DecodeResult {
  return {
    ok: false,
    message:
      `Tệp ghi là UTF-8 nhưng có byte không hợp lệ ở dòng ${line}, có thể do dán chữ từ tệp dùng bảng mã ` +
      'khác. Hãy sửa lại dòng đó rồi lưu thành CSV UTF-8 (phân cách bằng dấu phẩy). (The file is marked ' +
      `UTF-8 but has invalid bytes on line ${line}, probably text pasted from another encoding: fix that ` +
      'line and re-save it as CSV UTF-8.)',
  };
}

function refuseBinary(vi: string, en: string): DecodeResult {
  return {
    ok: false,
    message:
      `Tệp ${vi} nên không phải văn bản CSV (có thể là tệp nhị phân, hoặc bị hỏng). Hãy kiểm tra đúng tệp, ` +
      `rồi mở bảng tính gốc và lưu thành CSV UTF-8 (phân cách bằng dấu phẩy). (The file ${en}, so it is ` +
      'not CSV text (binary or damaged): check it is the right file and re-save it as CSV UTF-8.)',
  };
}

/** Real CSVs hold tabs and line ends; a stray Ctrl-Z at the end is tolerated, a binary blob not. */
function hasTooManyControls(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls > 8 && controls * 20 > text.length;
}

// ---------------------------------------------------------------------------------------------
// Unicode encodings.

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** undefined when the bytes are not valid UTF-8. */
function decodeUtf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): DecodeResult | undefined {
  try {
    return { ok: true, text: utf8Strict.decode(bytes).normalize('NFC'), encoding };
  } catch {
    return undefined;
  }
}

/** Where UTF-8 first breaks, so the office can look at that row: often text pasted from an old file. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const text = utf8Lenient.decode(bytes);
  return lineOf(text, text.indexOf('\uFFFD'));
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  const text = decode(bytes, encoding === 'utf-16le' ? 'utf16le' : 'utf16be');
  // A UTF-32 file or a binary that happens to start like a BOM decodes into controls.
  if (hasTooManyControls(text.slice(0, SAMPLE_BYTES))) {
    return refuseBinary('có nhiều ký tự điều khiển', 'many control characters');
  }
  return { ok: true, text: text.normalize('NFC'), encoding };
}

/** Without a BOM, UTF-16 still shows itself: ASCII-heavy text has a zero in every other byte. */
function guessUtf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(sample.length / 2);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd * 2 >= pairs && zeroEven * 20 < pairs) return 'utf-16le';
  if (zeroEven * 2 >= pairs && zeroOdd * 20 < pairs) return 'utf-16be';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// 8-bit Vietnamese encodings: read the sample every way, keep the reading that gives Vietnamese.

interface Reading {
  readonly text: string;
  /** Bytes the encoding does not use for text, e.g. a VNI tone mark with no vowel before it. */
  readonly strays: number;
}

interface Legacy {
  readonly encoding: 'windows-1258' | 'tcvn3' | 'vni';
  readonly read: (bytes: Uint8Array) => Reading;
  readonly warning: string;
}

const CONVERTED_VI = 'và đã được tự động chuyển sang Unicode; hãy kiểm tra lại chữ có dấu';
const CONVERTED_EN = 'and was converted to Unicode; please check the accented letters';

// Ordered by preference when two readings score the same: 1258 is what Excel writes on a
// Vietnamese Windows, the font encodings only come from old documents.
const LEGACY: readonly Legacy[] = [
  {
    encoding: 'windows-1258',
    // Windows-1258 writes most tones as separate combining bytes; NFC (done later) joins them.
    read: (bytes) => ({ text: decode(bytes, 'windows1258'), strays: 0 }),
    warning:
      `Tệp được lưu bằng bảng mã Windows-1258 ${CONVERTED_VI}. ${SAVE_AS_UTF8} để tránh lỗi phông chữ. ` +
      `(The file uses the Windows-1258 code page ${CONVERTED_EN}; re-save it in Excel as "CSV UTF-8".)`,
  },
  {
    encoding: 'tcvn3',
    // iconv-lite's 'tcvn' is the TCVN 5712:1993 table (VN1). The ABC fonts use its VN3 subset, so
    // VN3 text reads the same; VN1's extra capitals and combining tones cost nothing.
    read: (bytes) => ({ text: decode(bytes, 'tcvn'), strays: 0 }),
    warning:
      `Tệp dùng bảng mã cũ TCVN3 (ABC, phông .VnTime) ${CONVERTED_VI}; chữ in hoa gõ bằng phông .VnTimeH ` +
      `có thể thành chữ thường. ${SAVE_AS_UTF8}. (The file uses the legacy TCVN3 (ABC) font encoding ` +
      `${CONVERTED_EN}; capitals typed in the .VnTimeH font may come out lower-case. ` +
      'Re-save it in Excel as "CSV UTF-8".)',
  },
  {
    encoding: 'vni',
    read: readVni,
    warning:
      `Tệp dùng bảng mã cũ VNI (phông VNI-Times) ${CONVERTED_VI}. ${SAVE_AS_UTF8}. ` +
      `(The file uses the legacy VNI font encoding ${CONVERTED_EN}. Re-save it in Excel as "CSV UTF-8".)`,
  },
];

function decodeLegacy(bytes: Uint8Array): DecodeResult {
  const sample = sampleAroundFirstNonAscii(bytes);
  const readings = LEGACY.map((legacy) => {
    const reading = legacy.read(sample);
    const text = reading.text.normalize('NFC');
    const { good, bad } = scoreVietnamese(text);
    return { legacy, text, good, bad: bad + reading.strays };
  });
  // Most syllables minus non-syllables wins; on a tie, the encoding listed first.
  const best = readings.reduce((a, b) => (b.good - b.bad > a.good - a.bad ? b : a));
  // At least four in five words with accents must be Vietnamese syllables: below that the file is
  // more likely another language, a mix of encodings, or damaged, and guessing would garble names.
  if (best.bad * 5 > best.good) {
    const line = firstBadUtf8Line(bytes);
    return {
      ok: false,
      message:
        'Không nhận ra bảng mã của tệp: không phải UTF-8, Windows-1258, TCVN3 (ABC) hay VNI ' +
        `(chữ lạ đầu tiên ở dòng ${line}). ${SAVE_AS_UTF8}. (Unrecognised encoding, neither UTF-8 nor ` +
        `Windows-1258, TCVN3 or VNI; first unreadable text on line ${line}. Re-save the file as CSV UTF-8.)`,
    };
  }
  const text = sample === bytes ? best.text : best.legacy.read(bytes).text.normalize('NFC');
  return { ok: true, text, encoding: best.legacy.encoding, warning: best.legacy.warning };
}

/** A file may start with pages of ASCII codes; the accents that tell encodings apart come later. */
function sampleAroundFirstNonAscii(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  let first = 0;
  while (first < bytes.length && (bytes[first] ?? 0) < 0x80) first++;
  const start = Math.max(0, Math.min(first - 1024, bytes.length - SAMPLE_BYTES));
  return bytes.subarray(start, start + SAMPLE_BYTES);
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: a Vietnamese letter is an ASCII vowel followed by a mark glyph stored at a Latin-1
// position (a + û = ả), or one of a few single bytes (ñ = đ). Upper-case marks sit 0x20 below.

const TONE = { acute: '\u0301', grave: '\u0300', hook: '\u0309', tilde: '\u0303', dot: '\u0323' } as const;
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031b';

/** Lower-case mark bytes and what they add to the letter before them. */
const VNI_MARKS: readonly (readonly [string, string, string])[] = [
  // [mark, accents, bases it follows]
  ['ù', TONE.acute, 'aeouyôö'],
  ['ø', TONE.grave, 'aeouyôö'],
  ['û', TONE.hook, 'aeouyôö'],
  ['õ', TONE.tilde, 'aeouyôö'],
  ['ï', TONE.dot, 'aeouyôö'],
  ['â', CIRCUMFLEX, 'aeo'],
  ['á', CIRCUMFLEX + TONE.acute, 'aeo'],
  ['à', CIRCUMFLEX + TONE.grave, 'aeo'],
  ['å', CIRCUMFLEX + TONE.hook, 'aeo'],
  ['ã', CIRCUMFLEX + TONE.tilde, 'aeo'],
  ['ä', CIRCUMFLEX + TONE.dot, 'aeo'],
  ['ê', BREVE, 'a'],
  ['é', BREVE + TONE.acute, 'a'],
  ['è', BREVE + TONE.grave, 'a'],
  ['ú', BREVE + TONE.hook, 'a'],
  ['ü', BREVE + TONE.tilde, 'a'],
  ['ë', BREVE + TONE.dot, 'a'],
];

/** Lower-case single bytes; ô and ö are also bases (ơ, ư) that take tone marks. */
const VNI_SINGLES: readonly (readonly [string, string])[] = [
  ['ñ', 'đ'],
  ['ô', 'ơ'],
  ['ö', 'ư'],
  ['í', 'í'],
  ['ì', 'ì'],
  ['æ', 'ỉ'],
  ['ó', 'ĩ'],
  ['ò', 'ị'],
  ['î', 'ỵ'],
];

const { vniPairs, vniSingles } = buildVniTables();

function buildVniTables(): { vniPairs: Uint16Array; vniSingles: Uint16Array } {
  const vniPairs = new Uint16Array(0x10000); // (base << 8 | mark) → UTF-16 code unit, 0 = none
  const vniSingles = new Uint16Array(0x100);
  // Windows-1252 is the fallback: punctuation such as “ ” – … keeps its usual meaning.
  const cp1252 = decode(
    Uint8Array.from({ length: 256 }, (_, i) => i),
    'windows1252',
  );
  for (let b = 0; b < 256; b++) vniSingles[b] = cp1252.charCodeAt(b);
  const baseLetter = (b: string): string => (b === 'ô' ? 'o' + HORN : b === 'ö' ? 'u' + HORN : b);
  for (const upper of [false, true]) {
    const shift = upper ? 0x20 : 0;
    const letterCase = (s: string): string => (upper ? s.toUpperCase() : s).normalize('NFC');
    for (const [single, letter] of VNI_SINGLES) vniSingles[code(single) - shift] = code(letterCase(letter));
    for (const [mark, accents, bases] of VNI_MARKS) {
      for (const base of bases) {
        const baseByte =
          base >= 'a' && base <= 'z' ? code(upper ? base.toUpperCase() : base) : code(base) - shift;
        vniPairs[(baseByte << 8) | (code(mark) - shift)] = code(letterCase(baseLetter(base) + accents));
      }
    }
  }
  return { vniPairs, vniSingles };
}

function code(char: string): number {
  return char.charCodeAt(0);
}

function readVni(bytes: Uint8Array): Reading {
  const units = new Uint16Array(bytes.length);
  let length = 0;
  let strays = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    const pair = i + 1 < bytes.length ? (vniPairs[(b << 8) | (bytes[i + 1] ?? 0)] ?? 0) : 0;
    if (pair !== 0) {
      units[length++] = pair;
      i++;
      continue;
    }
    const single = vniSingles[b] ?? b;
    // VNI puts letters only at 0xC0–0xFF through its singles; any other byte there is a mark
    // without a vowel before it, or a Latin letter VNI never writes: evidence against VNI.
    if (b >= 0xc0 && !VNI_SINGLE_BYTES.has(b)) strays++;
    units[length++] = single;
  }
  return { text: fromCodeUnits(units.subarray(0, length)), strays };
}

const VNI_SINGLE_BYTES = new Set(VNI_SINGLES.flatMap(([single]) => [code(single), code(single) - 0x20]));

function fromCodeUnits(units: Uint16Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < units.length; i += 8192)
    chunks.push(String.fromCharCode(...units.subarray(i, i + 8192)));
  return chunks.join('');
}

// ---------------------------------------------------------------------------------------------
// Is this Vietnamese? Every syllable is (onset)(vowel nucleus)(coda) with at most one tone, and
// most wrong readings break that at once ("Ñaûng" read as TCVN3 is "ẹaỷng": two tones).

const BASE_VOWELS = 'aăâeêioôơuưy';

/** Every Vietnamese letter (lower case) → its letter without tone, and the tone if any. */
const LETTERS = buildLetters();

function buildLetters(): Map<string, { readonly base: string; readonly tone: string }> {
  const letters = new Map<string, { base: string; tone: string }>();
  for (const c of 'bcdđghklmnpqrstvx') letters.set(c, { base: c, tone: '' });
  for (const base of BASE_VOWELS) {
    for (const tone of ['', ...Object.values(TONE)])
      letters.set((base + tone).normalize('NFC'), { base, tone });
  }
  return letters;
}

const SYLLABLE =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]+)(ch|ng|nh|[cmnptk])?$/;

/** Vowel nuclei, and whether they end the syllable ('open'), need a coda ('closed'), or either. */
const NUCLEI = new Map<string, 'open' | 'closed' | 'either'>([
  ...nuclei('either', 'a e ê i o ô ơ u ư y oa oe uê uy'),
  ...nuclei('closed', 'ă â iê oă oo uâ uô ươ yê uyê'),
  ...nuclei(
    'open',
    'ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ iêu oai oao oay oeo uây uôi uya uyu ươi ươu yêu',
  ),
]);

function nuclei<K extends string>(kind: K, list: string): [string, K][] {
  return list.split(' ').map((n) => [n, kind]);
}

const STOP_CODAS = new Set(['c', 'ch', 'k', 'p', 't']);

/** Non-letters an 8-bit CSV may legitimately hold, in Windows-1252 or TCVN3 alike. */
const ALLOWED_SYMBOLS = new Set('\u00a0“”‘’–—…•°₫€');

/**
 * true: a Vietnamese syllable; false: impossible; undefined: says nothing (no vowel, e.g. HĐND).
 * Tone placement is not checked: both "hoà" and "hòa" are in use.
 */
function isVietnameseSyllable(word: string): boolean | undefined {
  let bases = '';
  let tone = '';
  // Case is not judged: capitals typed in TCVN3's .VnTimeH font come out as "đảNG".
  for (const char of word.toLowerCase()) {
    const letter = LETTERS.get(char);
    if (letter === undefined) return false;
    if (letter.tone !== '') {
      if (tone !== '') return false;
      tone = letter.tone;
    }
    bases += letter.base;
  }
  const match = SYLLABLE.exec(bases);
  if (match === null) return [...bases].some((c) => BASE_VOWELS.includes(c)) ? false : undefined;
  const [, onset = '', nucleus = '', coda = ''] = match;
  // "gi" is an onset before a vowel (giữa) but the g + i of "gìn" otherwise.
  const kind = NUCLEI.get(nucleus) ?? (onset === 'gi' ? NUCLEI.get('i' + nucleus) : undefined);
  if (kind === undefined) return false;
  if (coda === '' ? kind === 'closed' : kind === 'open') return false;
  return !STOP_CODAS.has(coda) || tone === TONE.acute || tone === TONE.dot;
}

/** Counts words with accents that are Vietnamese syllables (good) or are not (bad), plus odd symbols. */
function scoreVietnamese(text: string): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  for (const [word] of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (!/[^\p{ASCII}]/u.test(word)) continue;
    const verdict = isVietnameseSyllable(word);
    if (verdict === true) good++;
    else if (verdict === false) bad++;
  }
  for (const [symbol] of text.matchAll(/[^\p{ASCII}\p{L}\p{M}]/gu)) {
    if (!ALLOWED_SYMBOLS.has(symbol)) bad++;
  }
  return { good, bad };
}

// ---------------------------------------------------------------------------------------------

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

const latin1Decoder = new TextDecoder('latin1');

/** One char per byte, for cheap searches over raw bytes. */
function latin1(bytes: Uint8Array): string {
  return latin1Decoder.decode(bytes);
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
