import type { Dataset } from '../read/dataset.ts';
import type { FileSchema } from '../read/schema.ts';
import { SCHEMAS } from '../read/schemas.ts';
import type { Problem } from '../validate/problems.ts';

export interface Download {
  readonly file: string;
  readonly title: string;
  readonly rows: number;
  readonly csv: string;
}

// Excel runs a cell that starts with one of these as a formula; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function labelFor(schema: FileSchema, key: string, value: unknown): unknown {
  const column = schema.columns.find((c) => c.key === key);
  if (column?.kind.type !== 'enum') return value;
  return column.kind.values.find((v) => v.value === value)?.label ?? value;
}

/** UTF-8 with BOM and CRLF, as Excel expects; Vietnamese headers and enum labels. */
export function toCsv(schema: FileSchema, rows: readonly Record<string, unknown>[]): string {
  const lines = [schema.columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of rows) {
    lines.push(schema.columns.map((c) => csvCell(labelFor(schema, c.key, row[c.key]))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const ROWS: Record<string, (data: Dataset) => readonly Record<string, unknown>[]> = {
  'units.csv': (d) => d.units,
  'members.csv': (d) => d.members,
  'admissions.csv': (d) => d.admissions,
  'cells.csv': (d) => d.cells,
  'restructurings.csv': (d) => d.restructurings,
  'restructuring_units.csv': (d) => d.restructuringUnits,
  'dataset.csv': (d) => d.dataset,
};

/** The cleaned files: what the site was built from, re-written in one consistent form. */
export function downloads(data: Dataset): Download[] {
  return SCHEMAS.filter((schema) => data.sources.get(schema.file)?.present).map((schema) => {
    const rows = ROWS[schema.file]?.(data) ?? [];
    return { file: schema.file, title: schema.title, rows: rows.length, csv: toCsv(schema, rows) };
  });
}

export const QUALITY_FILE = 'chat-luong-du-lieu.csv';

/** The data-quality report as a spreadsheet, one warning per row. */
export function qualityCsv(problems: readonly Problem[]): string {
  const header = ['Mức', 'Tệp', 'Dòng', 'Cột', 'Khóa cột', 'Giá trị', 'Vấn đề', 'Cách sửa'];
  const lines = [header.join(',')];
  for (const p of problems) {
    lines.push(
      [
        p.severity === 'error' ? 'lỗi' : 'cảnh báo',
        p.file,
        p.line,
        p.column,
        p.key,
        p.value,
        `${p.message} (${p.english})`,
        p.fix,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
