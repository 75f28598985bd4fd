import { closeSync, openSync, writeSync } from 'node:fs';

export type CsvCell = string | number | undefined;

/** Buffers CSV lines and writes them in ~1 MB chunks, so 500,000 rows never sit in one string. */
export class CsvWriter {
  private readonly fd: number;
  private chunk: string[] = [];
  private size = 0;
  rows = 0;
  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.push(header.join(','));
  }
  private push(line: string) {
    this.chunk.push(line);
    this.size += line.length + 1;
    if (this.size > 1 << 20) this.flush();
  }
  row(cells: readonly CsvCell[]) {
    this.rows += 1;
    this.push(cells.map(csvCell).join(','));
  }
  private flush() {
    if (this.chunk.length > 0) writeSync(this.fd, `${this.chunk.join('\n')}\n`);
    this.chunk = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** Undefined is an empty cell ("not reported"); quotes only where the delimiter needs them. */
export const csvCell = (value: CsvCell): string => {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
