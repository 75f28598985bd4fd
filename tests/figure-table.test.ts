import { describe, expect, it } from 'vitest';
import { tableHtml } from '../src/components/figure-table.ts';
import { count, text, type TableView } from '../src/present/table.ts';

const table = (rows: TableView['rows'], caption = 'Đảng viên'): TableView => ({
  caption,
  columns: [
    { label: 'Đơn vị', numeric: false },
    { label: 'Đảng viên', numeric: true },
    { label: 'Cấp', numeric: false, nowrap: true },
  ],
  rows,
});

describe('a figure table written as HTML', () => {
  it.each([
    [
      'a name with markup is text, not markup',
      'A <b>&</b> "B" \'C\'',
      'A &lt;b&gt;&amp;&lt;/b&gt; &quot;B&quot; &#39;C&#39;',
    ],
    ['a plain name is written as it is', 'Chi bộ Thôn 1', 'Chi bộ Thôn 1'],
  ])('%s', (_, name, written) => {
    const html = tableHtml(table([[text(name), count(12), text('cơ sở')]], name), {
      sortable: false,
      sortedColumn: undefined,
    });
    expect(html).toContain(`<caption>${written}</caption>`);
    expect(html).toContain(`<th scope="row">${written}</th>`);
    expect(html).not.toContain('<b>');
  });

  it('links a unit to its page, with quotes and ampersands in the address escaped', () => {
    const html = tableHtml(table([[text('A', 'don-vi/a&"b/'), count(1), text('cơ sở')]]), {
      sortable: false,
      sortedColumn: undefined,
    });
    expect(html).toContain('<th scope="row"><a href="/don-vi/a&amp;&quot;b/">A</a></th>');
  });

  it('marks numbers right-aligned and short words unbroken, and gives sortable figures their raw value', () => {
    const html = tableHtml(
      table([
        [text('A'), count(1234), text('cơ sở')],
        [text('B'), count(undefined), text('x')],
      ]),
      {
        sortable: true,
        sortedColumn: 1,
      },
    );
    expect(html).toMatch(/^<table data-sortable><caption>/);
    expect(html).toContain('<th scope="col" class="num" aria-sort="descending">Đảng viên</th>');
    expect(html).toContain('<td class="num" data-sort="1234">1.234</td>');
    // Not reported: sorted last, with an empty key.
    expect(html).toContain('<td class="num" data-sort>—</td>');
    expect(html).toContain('<td class="nowrap">cơ sở</td>');
  });

  it('writes no sorting attributes on a table that is not sortable', () => {
    const html = tableHtml(table([[text('A'), count(5), text('cơ sở')]]), {
      sortable: false,
      sortedColumn: 0,
    });
    expect(html).not.toMatch(/data-sort|aria-sort/);
  });
});
