/**
 * A FigureTable's `<table>` as one HTML string. Table cells are two thirds of a unit page's
 * elements (580 of 860 on a grassroots page); written as Astro expressions each cell went through
 * the renderer's attribute and child machinery, and the tables took most of the page's rendering
 * time (docs/performance.md, 06/12/2026). The markup, escaping included, is what Astro wrote.
 */
import { href } from './paths.ts';
import type { TableView } from '../present/table.ts';

const ESCAPED: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
};

/** Text between tags, as Astro escapes an expression. */
const escapeText = (value: string): string => value.replace(/[&<>'"]/g, (c) => ESCAPED[c] as string);

/** An attribute as Astro writes one: none when undefined, the bare name when empty. */
const attribute = (name: string, value: string | undefined): string =>
  value === undefined
    ? ''
    : value === ''
      ? ` ${name}`
      : ` ${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;

export interface TableMarkup {
  readonly sortable: boolean;
  /** The column, of those shown, the rows are in order of; none when undefined. */
  readonly sortedColumn: number | undefined;
}

export function tableHtml(table: TableView, { sortable, sortedColumn }: TableMarkup): string {
  const css = table.columns.map(
    (c) => [c.numeric ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined,
  );
  let html = `<table${attribute('data-sortable', sortable ? '' : undefined)}><caption>${escapeText(table.caption)}</caption><thead><tr>`;
  table.columns.forEach((c, i) => {
    const order = sortable && i === sortedColumn ? (c.numeric ? 'descending' : 'ascending') : undefined;
    html += `<th scope="col"${attribute('class', c.numeric ? 'num' : undefined)}${attribute('aria-sort', order)}>${escapeText(c.label)}</th>`;
  });
  html += '</tr></thead><tbody>';
  for (const row of table.rows) {
    html += '<tr>';
    row.forEach((cell, i) => {
      const numeric = table.columns[i]?.numeric ?? false;
      const sort = sortable && numeric ? (cell.sort === undefined ? '' : String(cell.sort)) : undefined;
      const content = cell.path
        ? `<a${attribute('href', href(cell.path))}>${escapeText(cell.text)}</a>`
        : escapeText(cell.text);
      const tag = i === 0 ? 'th' : 'td';
      html += `<${tag}${i === 0 ? ' scope="row"' : ''}${attribute('class', css[i])}${attribute('data-sort', sort)}>${content}</${tag}>`;
    });
    html += '</tr>';
  }
  return `${html}</tbody></table>`;
}
