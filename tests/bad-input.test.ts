/**
 * Every kind of broken file a publisher can hand over, end to end: from bytes in a data folder
 * to the Vietnamese message that says file:line:column, the value and what to do. Most cases go
 * through `load()` (fast); a handful run the real `check:data` command to prove that it exits 1,
 * prints every problem in one run and never shows a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { readDataset } from '../src/read/dataset.ts';
import { formatProblem, type Problem } from '../src/problems.ts';
import { fixture } from './helpers.ts';

type Files = Record<string, string | Uint8Array | null>;

const BASIC: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(fixture('basic')).map((name) => [name, readFileSync(join(fixture('basic'), name), 'utf8')]),
);
const basic = (name: string): string => BASIC[name] ?? '';
const badInput = (name: string): Uint8Array => readFileSync(join(fixture('bad-input'), name));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The basic fixture with some files replaced (`null` removes one), in a fresh temporary folder. */
function folder(changes: Files): string {
  const dir = mkdtempSync(join(tmpdir(), 'thong-ke-loi-'));
  made.push(dir);
  for (const [name, content] of Object.entries({ ...BASIC, ...changes })) {
    if (content !== null) writeFileSync(join(dir, name), content);
  }
  return dir;
}

const EVENTS =
  'id,date,kind,title,parent_id,result_unit_id\nE1,2021-03-01,establish,Thành lập chi bộ,D1,G2\n';

interface Expected {
  readonly code: string;
  /** `file:line:column` (or less, when the problem is about a line or a whole file). */
  readonly at: string;
  readonly value?: string;
  /** Words the Vietnamese message must contain. */
  readonly says: RegExp;
}

const CASES: readonly {
  readonly name: string;
  readonly files: Files;
  readonly errors: readonly Expected[];
}[] = [
  {
    name: 'a count that is not a number',
    files: { 'members.csv': `${basic('members.csv')}G4;2021;12a;;;;;;\n` },
    errors: [{ code: 'invalid-count', at: 'members.csv:10:3', value: '12a', says: /không phải số nguyên/ }],
  },
  {
    name: 'a negative count',
    files: { 'admissions.csv': `${basic('admissions.csv')}G2,2020,-3,\n` },
    errors: [{ code: 'invalid-count', at: 'admissions.csv:9:3', value: '-3', says: /số âm/ }],
  },
  {
    name: 'a year with five digits',
    files: { 'cells.csv': `${basic('cells.csv')}G4,20201,3,\n` },
    errors: [{ code: 'invalid-year', at: 'cells.csv:9:2', value: '20201', says: /không phải năm hợp lệ/ }],
  },
  {
    name: 'a date that is not on the calendar (31/02)',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ Năm,D2,grassroots,,31/02/2021,\n` },
    errors: [
      { code: 'invalid-date', at: 'units.csv:11:6', value: '31/02/2021', says: /không phải ngày có thật/ },
    ],
  },
  {
    name: 'a date in an unknown form',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ Năm,D2,grassroots,,2021/13/45,\n` },
    errors: [
      { code: 'invalid-date', at: 'units.csv:11:6', value: '2021/13/45', says: /không phải ngày hợp lệ/ },
    ],
  },
  {
    name: 'an unknown level',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ Năm,D2,county,,,\n` },
    errors: [
      { code: 'invalid-enum', at: 'units.csv:11:4', value: 'county', says: /không phải giá trị được phép/ },
    ],
  },
  {
    name: 'an unknown rating',
    files: { 'cells.csv': `${basic('cells.csv')}G4,2020,3,loại A\n` },
    errors: [
      { code: 'invalid-enum', at: 'cells.csv:9:4', value: 'loại A', says: /không phải giá trị được phép/ },
    ],
  },
  {
    name: 'a duplicate unit id',
    files: { 'units.csv': `${basic('units.csv')}G3,Chi bộ Năm,D2,grassroots,,,\n` },
    errors: [
      { code: 'duplicate-id', at: 'units.csv:11:1', value: 'G3', says: /trùng mã với đơn vị ở dòng 7/ },
    ],
  },
  {
    name: 'a duplicate (unit, year)',
    files: { 'members.csv': `${basic('members.csv')}G1;2020;121;;;;;;\n` },
    errors: [
      {
        code: 'duplicate-row',
        at: 'members.csv:10:2',
        value: '2020',
        says: /đã có số liệu năm 2020 ở dòng 2/,
      },
    ],
  },
  {
    name: 'a duplicate event id',
    files: { 'restructurings.csv': `${EVENTS}E1,2022-01-01,dissolve,Giải thể chi bộ,D1,\n` },
    errors: [
      {
        code: 'duplicate-id',
        at: 'restructurings.csv:3:1',
        value: 'E1',
        says: /trùng mã với sự kiện ở dòng 2/,
      },
    ],
  },
  {
    name: 'figures for a unit that does not exist',
    files: { 'admissions.csv': `${basic('admissions.csv')}G9,2021,2,\n` },
    errors: [
      {
        code: 'unknown-unit',
        at: 'admissions.csv:9:1',
        value: 'G9',
        says: /không có đơn vị nào mang mã này/,
      },
    ],
  },
  {
    name: 'a parent that does not exist',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ Năm,D9,grassroots,,,\n` },
    errors: [
      { code: 'unknown-parent', at: 'units.csv:11:3', value: 'D9', says: /không có đơn vị nào mang mã này/ },
    ],
  },
  {
    name: 'an event that does not exist',
    files: { 'restructurings.csv': EVENTS, 'restructuring_units.csv': 'restructuring_id,unit_id\nE2,G2\n' },
    errors: [
      {
        code: 'unknown-event',
        at: 'restructuring_units.csv:2:1',
        value: 'E2',
        says: /không có sự kiện nào mang mã này/,
      },
    ],
  },
  {
    name: 'a missing required column',
    files: { 'members.csv': 'unit_id,year,women\nG1,2020,3\n' },
    errors: [{ code: 'missing-column', at: 'members.csv:1', says: /thiếu cột bắt buộc "Tổng số đảng viên"/ }],
  },
  {
    name: 'a missing required value',
    files: { 'units.csv': `${basic('units.csv')}G5,,D2,grassroots,,,\n` },
    errors: [
      { code: 'missing-value', at: 'units.csv:11:2', value: '', says: /thiếu giá trị bắt buộc "Tên đơn vị"/ },
    ],
  },
  {
    name: 'an unclosed quote (earlier rows are still checked)',
    files: {
      'units.csv': `${basic('units.csv')}G5,"Chi bộ Năm,D2,grassroots,,,\nG6,Chi bộ Sáu,D2,grassroots,,,\n`,
      'admissions.csv': `${basic('admissions.csv')}G9,2021,2,\n`,
    },
    errors: [
      { code: 'unknown-unit', at: 'admissions.csv:9:1', value: 'G9', says: /không có đơn vị nào/ },
      { code: 'unclosed-quote', at: 'units.csv:11', says: /dấu ngoặc kép \(".*không được đóng/ },
    ],
  },
  {
    name: 'a row with more cells than the header',
    files: { 'admissions.csv': `${basic('admissions.csv')}G2,2020,3,4,5\n` },
    errors: [{ code: 'column-count', at: 'admissions.csv:9', says: /có 5 ô nhưng dòng tiêu đề có 4 cột/ }],
  },
  {
    name: 'a row with fewer cells than the header',
    files: { 'members.csv': `${basic('members.csv')}G4;2021\n` },
    errors: [{ code: 'column-count', at: 'members.csv:10', says: /có 2 ô nhưng dòng tiêu đề có 9 cột/ }],
  },
  {
    name: 'a name with an unquoted comma (earlier and later rows still read)',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ 5, xã An Bình,D2,grassroots,,,\n` },
    errors: [{ code: 'column-count', at: 'units.csv:11', says: /có 8 ô nhưng dòng tiêu đề có 7 cột/ }],
  },
  {
    name: 'a column added to the header only (one error, not one per row)',
    files: { 'admissions.csv': basic('admissions.csv').replace('target', 'target,ghi chú') },
    errors: [
      {
        code: 'column-count',
        at: 'admissions.csv:1',
        says: /dòng tiêu đề có 5 cột nhưng cả 7 dòng số liệu \(từ dòng 2 đến dòng 8\) có 4 ô/,
      },
    ],
  },
  {
    name: 'a unit refused for a bad cell is not also “unknown” wherever it is referenced',
    files: {
      'units.csv': `${basic('units.csv')}G5,Chi bộ Năm,D2,grassroots,,31/02/2021,\nG5.C1,Chi bộ thôn 1,G5,cell,,,\n`,
      'members.csv': `${basic('members.csv')}G5;2020;10;;;;;;\nG5;2021;11;;;;;;\n`,
    },
    errors: [
      { code: 'invalid-date', at: 'units.csv:11:6', value: '31/02/2021', says: /không phải ngày có thật/ },
    ],
  },
  {
    name: 'a units.csv with only its header',
    files: { 'units.csv': 'id,name,parent_id,level\n' },
    errors: [{ code: 'no-units', at: 'units.csv', says: /không có đơn vị nào/ }],
  },
  {
    name: 'an empty file',
    files: { 'members.csv': '' },
    errors: [{ code: 'empty-file', at: 'members.csv', says: /tệp rỗng/ }],
  },
  {
    name: 'a file of blank lines',
    files: { 'cells.csv': '\r\n\r\n  \r\n' },
    errors: [{ code: 'empty-file', at: 'cells.csv', says: /tệp rỗng/ }],
  },
  {
    name: 'no units.csv',
    files: { 'units.csv': null },
    errors: [{ code: 'missing-file', at: 'units.csv', says: /không có tệp units.csv/ }],
  },
  {
    name: 'a PNG picture saved as units.csv',
    files: { 'units.csv': badInput('picture.png.csv') },
    errors: [{ code: 'unreadable-file', at: 'units.csv', says: /ảnh PNG, không phải CSV/ }],
  },
  {
    name: 'an Excel workbook renamed to members.csv',
    files: { 'members.csv': badInput('workbook.xlsx.csv') },
    errors: [
      { code: 'unreadable-file', at: 'members.csv', says: /bảng tính Excel \(\.xlsx\), không phải CSV/ },
    ],
  },
  {
    name: 'random binary bytes',
    files: { 'cells.csv': Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256) },
    errors: [{ code: 'unreadable-file', at: 'cells.csv', says: /không phải văn bản CSV/ }],
  },
  {
    name: 'two roots',
    files: { 'units.csv': `${basic('units.csv')}P2,Đảng bộ tỉnh Khác,,province,,,\n` },
    errors: [{ code: 'two-roots', at: 'units.csv:11:4', value: 'province', says: /đơn vị gốc thứ hai/ }],
  },
  {
    name: 'a cycle of parents',
    files: { 'units.csv': `${basic('units.csv')}X1,Huyện X,X2,district,,,\nX2,Huyện Y,X1,district,,,\n` },
    errors: [
      { code: 'parent-level', at: 'units.csv:11:3', value: 'X2', says: /không cao hơn cấp/ },
      { code: 'cycle', at: 'units.csv:11:3', value: 'X2', says: /vòng lặp cấp trên: X1 → X2 → X1/ },
      { code: 'parent-level', at: 'units.csv:12:3', value: 'X1', says: /không cao hơn cấp/ },
    ],
  },
  {
    name: 'a column of people’s names and phone numbers',
    files: { 'members.csv': 'unit_id,year,members,Họ và tên,SĐT\nG1,2020,3,Nguyễn Văn An,0912345678\n' },
    errors: [
      {
        code: 'personal-data-column',
        at: 'members.csv:1:4',
        value: 'Họ và tên',
        says: /thông tin cá nhân \(họ tên người\)/,
      },
      {
        code: 'personal-data-column',
        at: 'members.csv:1:5',
        value: 'SĐT',
        says: /thông tin cá nhân \(số điện thoại\)/,
      },
    ],
  },
  {
    name: 'units.csv and Units.csv side by side (neither is chosen)',
    files: { 'Units.csv': basic('units.csv') },
    errors: [{ code: 'duplicate-file', at: 'units.csv', says: /Units\.csv, units\.csv.*không đọc tệp nào/ }],
  },
  {
    name: 'a header wider than 200 columns',
    files: { 'cells.csv': `${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}\nG4,2020\n` },
    errors: [{ code: 'too-many-columns', at: 'cells.csv:1', says: /có 201 ô, quá giới hạn 200 cột/ }],
  },
  {
    name: 'a right-to-left override in a unit name',
    files: { 'units.csv': `${basic('units.csv')}G5,Chi bộ \u202eNăm,D2,grassroots,,,\n` },
    errors: [
      {
        code: 'bidi-character',
        at: 'units.csv:11:2',
        value: 'Chi bộ <U+202E>Năm',
        says: /ký tự điều khiển chiều viết <U\+202E> ở ký tự thứ 8/,
      },
    ],
  },
  {
    name: 'a direction mark in an id and in a level',
    files: { 'units.csv': `${basic('units.csv')}G5\u200f,Chi bộ Năm,D2,grass\u2066roots,,,\n` },
    errors: [
      { code: 'bidi-character', at: 'units.csv:11:1', value: 'G5<U+200F>', says: /<U\+200F> ở ký tự thứ 3/ },
      {
        code: 'bidi-character',
        at: 'units.csv:11:4',
        value: 'grass<U+2066>roots',
        says: /<U\+2066> ở ký tự thứ 6/,
      },
    ],
  },
  {
    name: 'a name longer than 300 characters, quoted as an excerpt',
    files: { 'units.csv': `${basic('units.csv')}G5,${'Chi bộ '.repeat(1000)},D2,grassroots,,,\n` },
    errors: [
      {
        code: 'too-long',
        at: 'units.csv:11:2',
        value: `${'Chi bộ '.repeat(8)}Chi …`,
        says: /dài 6\.999 ký tự, quá giới hạn 300 ký tự/,
      },
    ],
  },
  {
    name: 'an id longer than 64 characters',
    files: { 'units.csv': `${basic('units.csv')}${'G'.repeat(65)},Chi bộ Năm,D2,grassroots,,,\n` },
    errors: [
      { code: 'too-long', at: 'units.csv:11:1', value: `${'G'.repeat(60)}…`, says: /quá giới hạn 64/ },
    ],
  },
  {
    name: 'a note longer than 2,000 characters',
    files: {
      'restructurings.csv': `id,date,kind,title,parent_id,result_unit_id,note\nE1,2021-03-01,establish,Thành lập chi bộ,D1,G2,${'x'.repeat(2001)}\n`,
    },
    errors: [
      {
        code: 'too-long',
        at: 'restructurings.csv:2:7',
        value: `${'x'.repeat(60)}…`,
        says: /quá giới hạn 2\.000/,
      },
    ],
  },
  {
    name: 'a number too large to store exactly',
    files: { 'members.csv': `${basic('members.csv')}G4;2021;123456789012345678901234567890;;;;;;\n` },
    errors: [
      {
        code: 'too-large-count',
        at: 'members.csv:10:3',
        value: '123456789012345678901234567890',
        says: /là số quá lớn/,
      },
    ],
  },
  {
    name: 'a member count beyond what one unit can have',
    files: { 'members.csv': `${basic('members.csv')}G4;2021;12.000.000;;;;;;\n` },
    errors: [
      {
        code: 'implausible-count',
        at: 'members.csv:10:3',
        value: '12.000.000',
        says: /quá lớn so với thực tế: cột này tối đa 10\.000\.000/,
      },
    ],
  },
  {
    name: 'a zero-width space inside a number, shown where it is',
    files: { 'admissions.csv': `${basic('admissions.csv')}G2,2020,1\u200b23,\n` },
    errors: [
      {
        code: 'invisible-character',
        at: 'admissions.csv:9:3',
        value: '1<U+200B>23',
        says: /ký tự ẩn <U\+200B>/,
      },
    ],
  },
  {
    name: 'a right-to-left override in a header cell',
    files: { 'admissions.csv': basic('admissions.csv').replace('target', 'tar\u202eget') },
    errors: [
      {
        code: 'bidi-character',
        at: 'admissions.csv:1:4',
        value: 'tar<U+202E>get',
        says: /chiều viết <U\+202E>/,
      },
    ],
  },
];

const where = (p: Problem) => [p.file, p.line, p.column].filter((x) => x !== undefined).join(':');

describe('every kind of broken file is refused with file, line, column, value and a fix', () => {
  test.each(CASES)('$name', async ({ files, errors }) => {
    const { province, problems } = await load(folder(files));
    expect(province).toBeUndefined();
    const found = problems.filter((p) => p.severity === 'error');
    expect(found.map((p) => ({ code: p.code, at: where(p), value: p.value }))).toEqual(
      errors.map(({ code, at, value }) => ({ code, at, value })),
    );
    found.forEach((p, i) => {
      const text = formatProblem(p);
      expect(text.startsWith(errors[i]?.at ?? '?')).toBe(true);
      if (p.value !== undefined) expect(text).toContain(`"${p.value}"`);
      expect(p.message).toMatch(errors[i]?.says ?? /^$/);
      // Vietnamese first, the English key in parentheses, and always something to do.
      expect(p.english).not.toBe('');
      expect(text).toContain(`(${p.english})`);
      expect(p.fix ?? p.message).toMatch(
        /hãy|sửa|ghi |kiểm tra|thêm|xóa|dùng|mở |bổ sung|đổi|giữ|điền|xuất|đặt|lưu/i,
      );
    });
  });

  test('a problem with no fix of its own still says what to do (binary files explain in the message)', async () => {
    const { problems } = await load(folder({ 'units.csv': badInput('picture.png.csv') }));
    expect(problems[0]?.message).toMatch(/lưu thành CSV UTF-8/);
  });
});

describe('encodings offices produce read end to end (UTF-16, Windows-1258, TCVN3, VNI)', () => {
  const units = basic('units.csv');
  const lines = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').split(/\r?\n/).filter(Boolean);
  /** A TCVN3/VNI units file from the encoding fixture, hung under a root so it is a valid tree. */
  const legacyTree = (name: string): Uint8Array => {
    const [header = '', ...rows] = lines(readFileSync(fixture(`encoding/${name}`)));
    const body = [`${header},parent_id`, 'P,Dang bo tinh,province,', ...rows.map((r) => `${r},P`)];
    return Buffer.from(`${body.join('\r\n')}\r\n`, 'latin1');
  };

  test.each([
    [
      'UTF-16 LE with BOM (Excel “Unicode Text”)',
      iconv.encode(units, 'utf-16le', { addBOM: true }),
      'utf-16le',
      [],
    ],
    ['UTF-16 BE with BOM', iconv.encode(units, 'utf-16be', { addBOM: true }), 'utf-16be', []],
    [
      'UTF-16 LE, tab separated',
      iconv.encode(units.replace(/,/g, '\t'), 'utf-16le', { addBOM: true }),
      'utf-16le',
      [],
    ],
  ] as const)('%s', async (_name, bytes, encoding, warnings) => {
    const dir = folder({ 'units.csv': bytes });
    const { data, problems } = await readDataset(dir);
    expect(problems.map((p) => p.code)).toEqual(warnings);
    expect(data.sources.get('units.csv')?.encoding).toBe(encoding);
    expect(data.units.map((u) => u.name)).toContain('Chi bộ Trường Tiểu học An Bình');
    const { province } = await load(dir);
    expect(province?.tree).toBeDefined();
  });

  test.each([
    ['Windows-1258', 'units-cp1258.csv', 'windows-1258'],
    ['TCVN3 (ABC)', 'units-tcvn3.csv', 'tcvn3'],
    ['VNI', 'units-vni.csv', 'vni'],
  ])('%s is converted to Unicode with a warning', async (_name, file, encoding) => {
    const dir = folder({
      'units.csv': legacyTree(file),
      'members.csv': null,
      'admissions.csv': null,
      'cells.csv': null,
    });
    const { data, problems } = await readDataset(dir);
    expect(problems).toMatchObject([{ severity: 'warning', code: 'legacy-encoding', file: 'units.csv' }]);
    expect(data.sources.get('units.csv')?.encoding).toBe(encoding);
    expect(data.units.map((u) => u.name)).toContain('Đảng bộ phường Thủy Châu');
    expect((await load(dir)).province).toBeDefined();
  });

  test('a member register in TCVN3 is decoded, then refused as personal data', async () => {
    const dir = folder({ 'members.csv': readFileSync(fixture('encoding/members-tcvn3.csv')) });
    const { problems } = await readDataset(dir);
    const refused = problems.filter((p) => p.code === 'personal-data-column').map((p) => p.value);
    expect(refused).toEqual(['Họ và tên', 'Năm sinh', 'Quê quán']);
  });
});

// ---------------------------------------------------------------------------------------------
// The real command, as a publisher runs it.

const ROOT = join(import.meta.dirname, '..');

interface Run {
  readonly code: number | null;
  readonly out: string;
}

function checkData(dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/check-data.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // What goes to stderr is part of what the publisher sees.
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Several kinds of mistakes at once, in four files: one run must list them all. */
const MANY_MISTAKES: Files = {
  'units.csv': `${basic('units.csv')}G3,Chi bộ Ba,D2,grassroots,,,\nG5,Chi bộ Năm,D2,grassroots,,31/02/2021,\nP2,Đảng bộ tỉnh Khác,,province,,,\n`,
  'members.csv': `${basic('members.csv')}G4;2021;12a;;;;;;\nG1;2020;121;;;;;;\n`,
  'admissions.csv': `${basic('admissions.csv')}G9,2021,-2,\nG2,2020,3,4,5\n`,
  'cells.csv': `${basic('cells.csv')}G4,2O21,3,loại A\n`,
  'restructurings.csv': EVENTS,
  'restructuring_units.csv': 'restructuring_id,unit_id\nE2,G2\n',
};

describe('npm run check:data on broken folders', () => {
  const runs = new Map<string, Run>();
  const inputs: Record<string, Files> = {
    valid: {},
    many: MANY_MISTAKES,
    'no units': { 'units.csv': null },
    picture: { 'units.csv': badInput('picture.png.csv') },
    'unclosed quote': { 'units.csv': `${basic('units.csv')}G5,"Chi bộ Năm,D2,grassroots,,,\n` },
    cycle: { 'units.csv': `${basic('units.csv')}X1,Huyện X,X2,district,,,\nX2,Huyện Y,X1,district,,,\n` },
    // 100,000 columns over 50 rows: refused at the header, not read to the end.
    wide: { 'cells.csv': `${'x,'.repeat(99_999)}x\n`.repeat(50) },
    // Made 200 MB below (a sparse file: nothing is written to disk, and nothing must read it).
    giant: {},
  };

  beforeAll(async () => {
    // Two at a time: the machine has two cores and the processes spend most time starting up.
    const names = Object.keys(inputs);
    for (let i = 0; i < names.length; i += 2) {
      await Promise.all(
        names.slice(i, i + 2).map(async (name) => {
          const dir = folder(inputs[name] ?? {});
          if (name === 'giant') truncateSync(join(dir, 'members.csv'), 200 * 1024 * 1024);
          runs.set(name, await checkData(dir));
        }),
      );
    }
  });

  const run = (name: string): Run => {
    const found = runs.get(name);
    if (!found) throw new Error(`no run ${name}`);
    return found;
  };

  test('valid data passes with exit 0', () => {
    expect(run('valid')).toMatchObject({ code: 0 });
    expect(run('valid').out).toContain('Dữ liệu hợp lệ.');
  });

  test.each(['many', 'no units', 'picture', 'unclosed quote', 'cycle', 'wide', 'giant'])(
    '%s: exit 1, a Vietnamese refusal, no stack trace',
    (name) => {
      const { code, out } = run(name);
      expect(code).toBe(1);
      expect(out).toContain('Dữ liệu có lỗi: chưa thể xuất bản.');
      expect(out).not.toMatch(/^\s+at /m);
      expect(out).not.toMatch(/\b(?:Error|TypeError|RangeError|SyntaxError)\b:/);
      expect(out).not.toContain('node:internal');
    },
  );

  test('every mistake of a multi-error folder is printed in one run, with file:line:column and value', () => {
    const { out } = run('many');
    for (const expected of [
      'units.csv:11:1 cột id: "G3" trùng mã với đơn vị ở dòng 7',
      'units.csv:12:6 cột established: "31/02/2021" không phải ngày có thật trên lịch',
      'units.csv:13:4 cột level: "province" là đơn vị gốc thứ hai',
      'members.csv:10:3 cột members: "12a" không phải số nguyên không âm',
      'members.csv:11:2 cột year: "2020" đơn vị G1 đã có số liệu năm 2020 ở dòng 2',
      'admissions.csv:9:3 cột admitted: "-2" là số âm',
      'admissions.csv:10: có 5 ô nhưng dòng tiêu đề có 4 cột',
      'cells.csv:9:2 cột year: "2O21" không phải năm hợp lệ',
      'cells.csv:9:4 cột rating: "loại A" không phải giá trị được phép',
      'restructuring_units.csv:2:1 cột restructuring_id: "E2" không có sự kiện nào mang mã này',
    ]) {
      expect(out).toContain(expected);
    }
    expect(out).toMatch(/LỖI \(1\d\) — phải sửa trước khi xuất bản:/);
  });

  test.each([
    ['no units', 'units.csv: không có tệp units.csv trong thư mục dữ liệu'],
    ['picture', 'units.csv: Tệp này là ảnh PNG, không phải CSV'],
    ['unclosed quote', 'units.csv:11: có dấu ngoặc kép (") mở ở dòng này nhưng không được đóng'],
    ['cycle', 'units.csv:11:3 cột parent_id: "X2" tạo thành vòng lặp cấp trên: X1 → X2 → X1'],
    ['wide', 'cells.csv:1: dòng này có 100.000 ô, quá giới hạn 200 cột'],
    ['giant', 'members.csv: tệp nặng 200 MB, quá giới hạn 64 MB của một tệp dữ liệu'],
  ])('%s: the message names the place', (name, expected) => {
    expect(run(name).out).toContain(expected);
  });
});
