import { beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../src/present/content.ts';
import { resolve } from 'node:path';
import { contentDirFrom, load } from '../src/build/project.ts';
import type { Province } from '../src/model/province.ts';
import {
  checkPlaceholders,
  PLACEHOLDERS,
  renderEditorial,
  renderMarkdown,
  scanPlaceholders,
} from '../src/present/markdown.ts';
import { formatProblem } from '../src/problems.ts';
import { fixture } from './helpers.ts';

// basic: P → D1 (G1, G2), D2 (G3), G4; years 2020–2021; G4 reported no members for 2021.
let province: Province;
beforeAll(async () => {
  const loaded = await load(fixture('basic'));
  if (!loaded.province) throw new Error('basic fixture must be valid');
  province = loaded.province;
});

const page = (text: string, unitId = 'P', file = 'content/index.md') =>
  renderEditorial({ file, text }, province, unitId);

describe('placeholders are filled from the model, formatted vi-VN', () => {
  test.each([
    ['{{members}}', 'P', '1.381'],
    ['{{members 2020}}', 'P', '1.415'],
    ['{{ admitted 2020 }}', 'P', '47'],
    ['{{admitted}}', 'P', '45'],
    ['{{target}}', 'G3', '40'],
    ['{{cells}}', 'P', '19'],
    ['{{grassroots}}', 'P', '4'],
    ['{{grassroots}}', 'D1', '2'],
    ['{{women}}', 'G1', '42'],
    ['{{as_of}}', 'P', '31/12/2021'],
    ['{{year}}', 'G1', '2021'],
    ['{{unit}}', 'G2', 'Chi bộ Trường Tiểu học An Bình'],
    ['{{Members}}', 'G1', '125'],
    ['{{members}}', 'G4', 'chưa có số liệu'],
    ['{{target}}', 'G2', 'chưa có số liệu'],
  ])('%s on the page of %s shows "%s"', (placeholder, unitId, shown) => {
    const { html, problems } = page(`Số liệu: ${placeholder}.`, unitId);
    expect(problems).toEqual([]);
    expect(html).toBe(`<p>Số liệu: ${shown}.</p>\n`);
  });

  test('every placeholder in the help list renders without a problem', () => {
    const text = Object.keys(PLACEHOLDERS)
      .map((name) => `{{${name}}}`)
      .join(' ');
    const { html, problems } = page(text);
    expect(problems).toEqual([]);
    expect(html).not.toMatch(/\{\{|undefined|NaN/);
  });

  test('a filled value is plain text, never Markdown: a year and a dot do not start a list', () => {
    expect(page('{{year}}. Năm tổng kết').html).toBe('<p>2021. Năm tổng kết</p>\n');
  });

  test('placeholders are filled in headings, emphasis, link text, tables and image text too', () => {
    expect(page('# {{unit}}\n\n**{{members}}** [{{year}}](/) ![{{year}}](a.png)').html).toBe(
      '<h2>Đảng bộ tỉnh Mẫu</h2>\n<p><strong>1.381</strong> <a href="/">2021</a> <img src="a.png" alt="2021"></p>\n',
    );
    expect(page('| Năm | Đảng viên |\n| --- | --- |\n| {{year}} | {{members}} |').html).toContain(
      '<td>2021</td>\n<td>1.381</td>',
    );
  });

  test('headings move one level down: the page already has its h1', () => {
    expect(renderMarkdown('# Một\n\n## Hai\n\n###### Sáu')).toBe(
      '<h2>Một</h2>\n<h3>Hai</h3>\n<h6>Sáu</h6>\n',
    );
  });
});

describe('placeholder mistakes are errors naming file, line and column', () => {
  const file = 'content/don-vi/g1.md';
  const problemsOf = (text: string) => checkPlaceholders({ file, text }, province.years);

  test('an unknown placeholder gives file:line:column, the value and the allowed list', () => {
    const [problem, ...rest] = problemsOf('# Tiêu đề\n\nCó {{memberz}} đảng viên.');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      severity: 'error',
      code: 'placeholder-unknown',
      file,
      line: 3,
      column: 4,
      value: '{{memberz}}',
    });
    const printed = formatProblem(problem!);
    expect(printed).toMatch(/^content\/don-vi\/g1\.md:3:4: "\{\{memberz\}\}" không có chỗ điền số liệu này/);
    for (const name of Object.keys(PLACEHOLDERS)) expect(printed).toContain(`{{${name}}}`);
    expect(printed).toContain('unknown placeholder');
  });

  test.each([
    ['{{members 2019}}', 'placeholder-bad-year', 'năm 2019 nằm ngoài các năm của dữ liệu'],
    ['{{members 20x1}}', 'placeholder-bad-year', 'năm phải là 4 chữ số'],
    ['{{members 2021 2020}}', 'placeholder-bad-year', 'năm phải là 4 chữ số'],
    ['{{unit 2021}}', 'placeholder-argument', 'không nhận năm'],
    ['{{as_of 2020}}', 'placeholder-argument', 'không nhận năm'],
    ['{{}}', 'placeholder-unknown', 'không có chỗ điền số liệu này'],
    ['{{members', 'placeholder-unclosed', 'không đóng bằng "}}"'],
  ])('%s is %s', (written, code, message) => {
    const problems = problemsOf(`Dòng một.\nỞ đây ${written} nhé`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', code, line: 2, column: 7 });
    expect(problems[0]?.message).toContain(message);
  });

  test('a bad argument is not filled with a guessed figure', () => {
    expect(page('{{members 20x1}}', 'G1').html).toBe('<p>{{members 20x1}}</p>\n');
  });

  test.each([
    ['a blockquote', '> Trích:\n> có {{memberz}}', 2, 6],
    ['a list item', '- một\n  - hai {{memberz}}', 2, 9],
    ['a table cell', '| a | b |\n| - | - |\n| {{memberz}} | {{memberz}} |', 3, 17],
    ['an image’s text', 'Ảnh ![năm {{memberz}}](a.png)', 1, 11],
    ['a setext heading', 'Tiêu đề {{memberz}}\n===', 1, 9],
    ['the line after a code span', '`{{memberz}}` và\n  {{memberz}}', 2, 3],
  ])('a placeholder in %s is reported at its own line and column', (_, text, line, column) => {
    expect(problemsOf(text).map((p) => [p.line, p.column])).toContainEqual([line, column]);
  });

  test('scanning finds every placeholder of a line with its column', () => {
    expect(scanPlaceholders('a {{x}} b {{y 2020}}\n{{z}}').found).toEqual([
      { raw: '{{x}}', inner: 'x', line: 1, column: 3 },
      { raw: '{{y 2020}}', inner: 'y 2020', line: 1, column: 11 },
      { raw: '{{z}}', inner: 'z', line: 2, column: 1 },
    ]);
  });
});

describe('what Markdown reads as code or escaped is written as it is, never filled or checked', () => {
  test.each([
    ['a code span', 'Viết `{{members}}` để điền số đảng viên.', '<code>{{members}}</code>'],
    ['a code span of two backticks', 'Viết ``{{memberz}}`` hoặc `` `{{ `` nhé', '<code>{{memberz}}</code>'],
    ['a fenced block', '```\n{{members 1999}}\n{{\n```', '<pre><code>{{members 1999}}\n{{\n</code></pre>'],
    ['an indented block', 'Ví dụ:\n\n    {{unit 2021}}', '<pre><code>{{unit 2021}}\n</code></pre>'],
    ['a backslash-escaped brace', 'Ghi \\{{members}} như thế này', '<p>Ghi {{members}} như thế này</p>'],
  ])('in %s', (_, text, shown) => {
    const { html, problems } = page(text);
    expect(problems).toEqual([]);
    expect(html).toContain(shown);
  });

  test('the same placeholder outside code on the same line is filled and checked', () => {
    const { html, problems } = page('`{{members}}` là {{members}}; `{{memberz}}` là {{memberz}}');
    expect(html).toBe('<p><code>{{members}}</code> là 1.381; <code>{{memberz}}</code> là {{memberz}}</p>\n');
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['placeholder-unknown', 1, 48]]);
  });
});

describe('editors cannot publish script', () => {
  test('raw HTML is shown as text', () => {
    const html = renderMarkdown('Xin chào <script>alert(1)</script> <b onclick="x()">đậm</b>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('an HTML block is shown as text', () => {
    expect(renderMarkdown('<div onmouseover="x()">\nnội dung\n</div>')).not.toMatch(/<div/);
  });

  test.each([
    '[bấm](javascript:alert(1))',
    '[bấm](JaVaScRiPt:alert(1))',
    '[bấm](&#106;avascript:alert(1))',
    '[bấm](vbscript:msgbox(1))',
    '[bấm](data:text/html;base64,PHNjcmlwdD4=)',
    '![ảnh](data:image/svg+xml;base64,PHN2Zz4=)',
    '[bấm](file:///etc/passwd)',
    '<javascript:alert(1)>',
  ])('%s is not made a link', (text) => {
    const html = renderMarkdown(text);
    expect(html).not.toMatch(/<a |<img /);
    expect(html).not.toMatch(/href=|src=/);
  });

  test.each([
    ['[Cổng thông tin](https://example.gov.vn/)', 'href="https://example.gov.vn/"'],
    ['[thư](mailto:btc@example.gov.vn)', 'href="mailto:btc@example.gov.vn"'],
    ['[trang đơn vị](/don-vi/g1/)', 'href="/don-vi/g1/"'],
    ['[tải về](du-lieu/)', 'href="du-lieu/"'],
    ['https://example.gov.vn', 'href="https://example.gov.vn"'],
  ])('%s stays a link', (text, href) => {
    expect(renderMarkdown(text)).toContain(href);
  });

  test.each([
    ['[Cổng](//example.gov.vn/tin/)', '[Cổng](https://example.gov.vn/tin/)'],
    ['[Cổng](///example.gov.vn/)', '[Cổng](https://example.gov.vn/)'],
    ['<//example.gov.vn/tin/>', '<https://example.gov.vn/tin/>'],
    ['[Cổng]\n\n[Cổng]: //example.gov.vn/', '[Cổng]\n\n[Cổng]: https://example.gov.vn/'],
  ])('a protocol-relative link %s is the https link %s, not one to this site', (written, https) => {
    expect(renderMarkdown(written).replace(/>[^<]*</g, '><')).toBe(
      renderMarkdown(https).replace(/>[^<]*</g, '><'),
    );
  });
});

describe('loadContent reads content/ for the province and unit pages', () => {
  test('index.md and don-vi/<id>.md are rendered for their units, ids matched case-insensitively', async () => {
    const { content, problems } = await loadContent(fixture('content-basic'), province);
    expect(problems).toEqual([]);
    expect(content.home).toContain(
      'Tính đến 31/12/2021, Đảng bộ tỉnh Mẫu có 4 tổ chức cơ sở đảng, 19 chi bộ trực thuộc và 1.381 đảng viên (nữ: 572).',
    );
    expect(content.home).toContain('năm 2020 kết nạp 47.');
    expect([...content.units.keys()]).toEqual(['g4']);
    expect(content.units.get('g4')).toBe('<p>Đảng viên năm 2021: chưa có số liệu. Năm 2020: 80.</p>\n');
  });

  test('files for unknown units or units without a page, and bad placeholders, are errors', async () => {
    const { problems } = await loadContent(fixture('content-errors'), province);
    expect(problems.map((p) => [p.severity, p.code, p.file, p.line, p.column])).toEqual([
      ['error', 'content-unit-without-page', 'content/don-vi/g1.c1.md', undefined, undefined],
      ['error', 'placeholder-unknown', 'content/don-vi/g1.md', 3, 4],
      ['error', 'placeholder-bad-year', 'content/don-vi/g1.md', 4, 5],
      ['error', 'placeholder-bad-year', 'content/don-vi/g1.md', 4, 25],
      ['error', 'placeholder-argument', 'content/don-vi/g1.md', 4, 43],
      ['error', 'placeholder-unclosed', 'content/don-vi/g1.md', 4, 58],
      ['error', 'content-unknown-unit', 'content/don-vi/khong-co.md', undefined, undefined],
    ]);
    expect(formatProblem(problems[0]!)).toContain('content/don-vi/g1.md, trang của đơn vị cấp trên');
  });

  test('a missing content directory is no problem', async () => {
    const { content, problems } = await loadContent(fixture('does-not-exist'), province);
    expect(problems).toEqual([]);
    expect(content.home).toBeUndefined();
    expect(content.units.size).toBe(0);
  });
});

describe('which content directory a build reads', () => {
  test.each([
    [{}, resolve('content')],
    [{ DATA_DIR: 'data' }, resolve('content')],
    [{ CONTENT_DIR: 'bien-tap' }, resolve('bien-tap')],
    [{ DATA_DIR: '/tmp/tinh-khac', CONTENT_DIR: 'bien-tap' }, resolve('bien-tap')],
    // content/ describes data/'s units: another province's data alone gets no editorial text.
    [{ DATA_DIR: '/tmp/tinh-khac' }, undefined],
  ])('%j reads %s', (env, expected) => {
    expect(contentDirFrom(env)).toBe(expected);
  });
});
