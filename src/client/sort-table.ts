/**
 * Progressive enhancement of `<table data-sortable>`: each column header becomes a button that
 * sorts the rows, with `aria-sort` telling assistive technology the order. Without JavaScript
 * the table stays as built: sorted by name in Vietnamese order.
 */
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

type Direction = 'ascending' | 'descending';

function sortKey(row: HTMLTableRowElement, index: number, numeric: boolean): number | string | undefined {
  const cell = row.cells[index];
  if (!cell) return undefined;
  if (!numeric) return cell.textContent?.trim() ?? '';
  const raw = cell.dataset['sort'];
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

function sortBy(table: HTMLTableElement, index: number, direction: Direction) {
  const header = table.tHead?.rows[0]?.cells[index];
  const body = table.tBodies[0];
  if (!header || !body) return;
  const numeric = header.classList.contains('num');
  const sign = direction === 'ascending' ? 1 : -1;
  const rows = [...body.rows].map((row, position) => ({ row, position, key: sortKey(row, index, numeric) }));
  rows.sort((a, b) => {
    // Not reported sorts last in either direction: it is not a small number.
    if (a.key === undefined || b.key === undefined) {
      return a.key === b.key ? a.position - b.position : a.key === undefined ? 1 : -1;
    }
    const order =
      typeof a.key === 'number' && typeof b.key === 'number'
        ? a.key - b.key
        : collator.compare(String(a.key), String(b.key));
    return sign * order || a.position - b.position;
  });
  body.append(...rows.map((r) => r.row));
  for (const th of table.tHead?.rows[0]?.cells ?? []) th.removeAttribute('aria-sort');
  header.setAttribute('aria-sort', direction);
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
  const headers = [...(table.tHead?.rows[0]?.cells ?? [])];
  headers.forEach((th, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const current = th.getAttribute('aria-sort');
      // Figures are read largest first; names from A.
      const first: Direction = th.classList.contains('num') ? 'descending' : 'ascending';
      const next: Direction =
        current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
      sortBy(table, index, next);
    });
  });
  const caption = table.caption;
  if (caption) {
    const hint = document.createElement('span');
    hint.className = 'sort-hint';
    hint.textContent = ' (bấm vào tiêu đề cột để sắp xếp)';
    caption.append(hint);
  }
}
