/**
 * The parts of an `.xlsx` (a zip) read straight from its bytes, which are already in memory: the
 * central directory says where each part is, so the small parts are inflated whole in the order
 * they are needed, and a sheet is inflated in slices so that a large one is never one string.
 */
import { Inflate, inflateSync } from 'fflate';

/** Why bytes cannot be read as a zip; its message ends up in the corrupt-workbook problem. */
export class DamagedZip extends Error {}

interface Entry {
  readonly method: number;
  readonly compressedSize: number;
  readonly offset: number;
}

const END = 0x06054b50;
const END64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Sizes and offsets that do not fit 32 bits are in the entry's zip64 field. */
const ZIP64 = 0xffffffff;

/** A sheet's compressed bytes are inflated this many at a time. */
const SLICE = 1 << 16;

const utf8 = new TextDecoder();

export class Zip {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  /** By lower-case name: Office finds parts whatever their case, and some writers vary it. */
  readonly #entries = new Map<string, Entry>();

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#readDirectory();
  }

  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  /** A part's text (decoded as UTF-8), or undefined when the zip has no such part. */
  text(name: string): string | undefined {
    const data = this.#data(name);
    if (data === undefined) return undefined;
    const { entry, compressed } = data;
    return utf8.decode(entry.method === STORED ? compressed : inflateSync(compressed));
  }

  /**
   * A part's text in pieces, each given to `take` as it is inflated; `take` returns false to stop
   * (the rest is then never inflated). Pieces split anywhere, even inside a tag.
   */
  stream(name: string, take: (text: string) => boolean): void {
    const data = this.#data(name);
    if (data === undefined) throw new DamagedZip(`thiếu phần ${name}`);
    const { entry, compressed } = data;
    const decoder = new TextDecoder();
    let going = true;
    const give = (bytes: Uint8Array, last: boolean) => {
      if (going) going = take(decoder.decode(bytes, { stream: !last }));
    };
    if (entry.method === STORED) {
      for (let at = 0; at < compressed.length && going; at += SLICE) {
        const end = Math.min(at + SLICE, compressed.length);
        give(compressed.subarray(at, end), end === compressed.length);
      }
      if (compressed.length === 0) give(compressed, true);
      return;
    }
    const inflate = new Inflate((bytes, last) => give(bytes, last));
    for (let at = 0; going; at += SLICE) {
      const end = Math.min(at + SLICE, compressed.length);
      inflate.push(compressed.subarray(at, end), end === compressed.length);
      if (end === compressed.length) break;
    }
  }

  #data(name: string): { entry: Entry; compressed: Uint8Array } | undefined {
    const entry = this.#entries.get(name.toLowerCase());
    if (entry === undefined) return undefined;
    if (entry.method !== STORED && entry.method !== DEFLATED) {
      throw new DamagedZip(`phần ${name} được nén theo cách không đọc được (${entry.method})`);
    }
    const at = entry.offset;
    if (at + 30 > this.#bytes.length || this.#view.getUint32(at, true) !== LOCAL) {
      throw new DamagedZip(`phần ${name} không ở chỗ mục lục của tệp nén ghi`);
    }
    // The local header's extra field may differ from the central directory's: its own length counts.
    const start = at + 30 + this.#view.getUint16(at + 26, true) + this.#view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.#bytes.length) throw new DamagedZip(`phần ${name} bị cắt cụt`);
    return { entry, compressed: this.#bytes.subarray(start, end) };
  }

  #readDirectory(): void {
    const view = this.#view;
    const bytes = this.#bytes;
    // The end record is within the last 22 bytes plus a comment of at most 65,535.
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
      if (view.getUint32(at, true) === END) {
        end = at;
        break;
      }
    }
    if (end < 0) throw new DamagedZip('không thấy mục lục của tệp nén');
    let at = view.getUint32(end + 16, true);
    if (at === ZIP64 && end >= 20 && view.getUint32(end - 20, true) === END64_LOCATOR) {
      const record = Number(view.getBigUint64(end - 12, true));
      if (record + 56 > bytes.length) throw new DamagedZip('mục lục zip64 của tệp nén bị hỏng');
      at = Number(view.getBigUint64(record + 48, true));
    }
    while (at + 46 <= bytes.length && view.getUint32(at, true) === CENTRAL) {
      const method = view.getUint16(at + 10, true);
      let compressedSize = view.getUint32(at + 20, true);
      const uncompressedSize = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      let offset = view.getUint32(at + 42, true);
      const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (compressedSize === ZIP64 || offset === ZIP64) {
        // The zip64 field holds, in this order, only the values too large for their 32 bits.
        let field = at + 46 + nameLength;
        const fieldsEnd = field + extraLength;
        while (field + 4 <= fieldsEnd) {
          const id = view.getUint16(field, true);
          const size = view.getUint16(field + 2, true);
          if (id === 1) {
            let value = field + 4;
            const next = () => {
              const n = Number(view.getBigUint64(value, true));
              value += 8;
              return n;
            };
            if (uncompressedSize === ZIP64) next();
            if (compressedSize === ZIP64) compressedSize = next();
            if (offset === ZIP64) offset = next();
          }
          field += 4 + size;
        }
      }
      this.#entries.set(name.toLowerCase(), { method, compressedSize, offset });
      at += 46 + nameLength + extraLength + commentLength;
    }
    if (this.#entries.size === 0) throw new DamagedZip('tệp nén không chứa phần nào');
  }
}
