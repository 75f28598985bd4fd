import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { encode } from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { decodeCsvBytes, type DecodeResult, type EncodingName } from '../src/read/encoding.ts';

// The fixtures were written by a one-off script with its own hand-made TCVN3 (TCVN 5712:1993 VN3)
// and VNI tables, so a wrong entry in the decoder's tables shows up as a wrong letter here.
const fixture = (name: string): Uint8Array =>
  readFileSync(new URL(`./fixtures/encoding/${name}`, import.meta.url));

const UNITS =
  'Mã đơn vị,Tên đơn vị,Cấp\n' +
  'HT.TC,Đảng bộ phường Thủy Châu,cơ sở\n' +
  'DH,Đảng bộ xã Dương Hòa,cơ sở\n' +
  'QT,Chi bộ Quân sự thị xã Hương Thủy,cơ sở\n';

/** What Excel's "Unicode Text" writes: tabs and CRLF. */
const UNITS_UNICODE_TEXT = UNITS.replaceAll(',', '\t').replaceAll('\n', '\r\n');

// No capital with a tone mark: TCVN3 has none, so one text serves all three legacy encodings.
const MEMBERS =
  'Họ và tên,Năm sinh,Giới tính,Dân tộc,Chức vụ,Chi bộ,Ngày vào Đảng,Lý luận chính trị,Quê quán,Ghi chú\n' +
  'Nguyễn Văn Hùng,1968,Nam,Kinh,Bí thư Đảng ủy,Chi bộ Khu phố 1,12/05/1992,Cao cấp,"xã Thủy Phù, thị xã Hương Thủy",Được tặng giấy khen năm 2023\n' +
  'Trần Thị Thu Hương,1975,Nữ,Kinh,Phó Bí thư thường trực,Chi bộ Khu phố 2,03/02/1999,Cao cấp,"phường Phú Bài, thị xã Hương Thủy",Tham gia tốt các phong trào thi đua ở địa phương\n' +
  'Lê Quang Vinh,1982,Nam,Kinh,Chủ tịch Hội Cựu chiến binh,Chi bộ Quân sự,19/08/2006,Trung cấp,"xã Dương Hòa, thị xã Hương Thủy",Chuyển sinh hoạt đảng từ Đảng bộ huyện Phú Lộc\n' +
  'Phạm Thị Ngọc Lan,1990,Nữ,Tày,Đảng viên,Chi bộ Trường Tiểu học Thủy Châu,22/12/2015,Sơ cấp,"huyện Trùng Khánh, tỉnh Cao Bằng",Đề nghị xét tặng Huy hiệu 30 năm tuổi Đảng\n' +
  'Hồ Văn Tuấn,1979,Nam,Pa Kô,Trưởng thôn,Chi bộ thôn Hòa Phong,07/11/2003,Sơ cấp,"xã A Lưới, huyện A Lưới",Người dân tộc thiểu số; khuyến khích học tập\n' +
  'Võ Đình Khoa,1986,Nam,Kinh,Công an xã,Chi bộ Công an,30/04/2010,Trung cấp,phường Thủy Lương,Bồi dưỡng lý luận chính trị cho quần chúng ưu tú\n' +
  'Đặng Thị Mỹ Duyên,1995,Nữ,Kinh,Bí thư Đoàn thanh niên,Chi bộ Khu phố 3,02/09/2020,Sơ cấp,xã Thủy Tân,Kết nạp đảng viên mới\n' +
  'Huỳnh Ngọc Quý,1970,Nam,Kinh,Chủ nhiệm kiểm tra,Chi bộ Khu phố 4,15/03/1996,Cao cấp,"xã Lộc Thủy, huyện Phú Lộc",Nghỉ hưu từ tháng 6 năm 2021\n' +
  'Nguyễn Thị Giang,1988,Nữ,Kinh,Đảng viên,Chi bộ Trạm y tế,05/06/2014,Sơ cấp,"phường Thủy Dương",Quyết định số 123-QĐ/ĐU ngày 15 tháng 3 năm 2024\n' +
  'Trương Quốc Nghĩa,1984,Nam,Kinh,Giáo viên,Chi bộ Trường Trung học cơ sở,10/10/2009,Trung cấp,"xã Thủy Thanh",Giữ gìn phẩm chất đạo đức; được khen thưởng\n';

/** The 67 lower-case Vietnamese letters outside ASCII; with their capitals, all 134. */
const LOWER = (
  'á à ả ã ạ ă ắ ằ ẳ ẵ ặ â ấ ầ ẩ ẫ ậ é è ẻ ẽ ẹ ê ế ề ể ễ ệ í ì ỉ ĩ ị ' +
  'ó ò ỏ õ ọ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ ú ù ủ ũ ụ ư ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ đ'
).split(' ');
const ALL_LETTERS = [...LOWER, ...LOWER.map((l) => l.toUpperCase())];
/** TCVN3 (VN3) has every lower-case letter but only these capitals. */
const TCVN3_LETTERS = [...LOWER, ...'Ă Â Ê Ô Ơ Ư Đ'.split(' ')];

/** Each letter inside a syllable ("tấn", "TẤN", "đa"), one per line. */
function lettersFile(letters: readonly string[]): string {
  const word = (l: string): string => {
    const upper = l !== l.toLowerCase();
    if (l.toLowerCase() === 'đ') return upper ? `${l}A` : `${l}a`;
    return upper ? `T${l}N` : `t${l}n`;
  };
  return 'Chữ cái\n' + letters.map((l) => `${word(l)}\n`).join('');
}

function expectOk(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got refusal: ${result.message}`);
  return result;
}

function expectRefusal(result: DecodeResult): string {
  if (result.ok) throw new Error(`expected a refusal, got ${result.encoding}: ${result.text.slice(0, 80)}`);
  return result.message;
}

describe('the test data', () => {
  test('the letter list holds 67 distinct precomposed letters, 134 with capitals', () => {
    expect(new Set(LOWER).size).toBe(67);
    expect(new Set(ALL_LETTERS).size).toBe(134);
    for (const letter of ALL_LETTERS) expect([...letter.normalize('NFC')]).toHaveLength(1);
  });
});

describe('Unicode files', () => {
  test.each<[string, string, string, EncodingName]>([
    ['UTF-8 without a BOM is read as is', 'units-utf8.csv', UNITS, 'utf-8'],
    ['UTF-8 with a BOM is read with the BOM stripped', 'units-utf8-bom.csv', UNITS, 'utf-8-bom'],
    ['decomposed UTF-8 (NFD, from a Mac) comes out composed (NFC)', 'units-utf8-nfd.csv', UNITS, 'utf-8'],
    ['UTF-16LE with a BOM (Excel Unicode Text) is read', 'units-utf16le.txt', UNITS_UNICODE_TEXT, 'utf-16le'],
    ['UTF-16BE with a BOM is read', 'units-utf16be.txt', UNITS_UNICODE_TEXT, 'utf-16be'],
  ])('%s', (_name, file, expected, encoding) => {
    const result = expectOk(decodeCsvBytes(fixture(file)));
    expect(result.text).toBe(expected);
    expect(result.encoding).toBe(encoding);
    expect(result.warning).toBeUndefined();
  });

  test('empty input is an empty text (emptiness is reported by the CSV reader)', () => {
    expect(decodeCsvBytes(new Uint8Array(0))).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  test('plain ASCII is read as UTF-8', () => {
    const result = expectOk(decodeCsvBytes(Buffer.from('unit_id,year\r\nA,2024\r\n')));
    expect(result).toEqual({ ok: true, text: 'unit_id,year\r\nA,2024\r\n', encoding: 'utf-8' });
  });

  test('a BOM with nothing after it is an empty UTF-8 text', () => {
    expect(decodeCsvBytes(Uint8Array.of(0xef, 0xbb, 0xbf))).toEqual({
      ok: true,
      text: '',
      encoding: 'utf-8-bom',
    });
  });

  test('UTF-16LE without a BOM is recognised by its zero bytes', () => {
    const result = expectOk(decodeCsvBytes(encode(UNITS_UNICODE_TEXT, 'utf16le')));
    expect(result.text).toBe(UNITS_UNICODE_TEXT);
    expect(result.encoding).toBe('utf-16le');
  });
});

describe('legacy Vietnamese encodings', () => {
  test.each<[string, string, string, EncodingName]>([
    ['units in Windows-1258', 'units-cp1258.csv', UNITS, 'windows-1258'],
    ['members in Windows-1258', 'members-cp1258.csv', MEMBERS, 'windows-1258'],
    ['all 134 letters in Windows-1258', 'letters-cp1258.csv', lettersFile(ALL_LETTERS), 'windows-1258'],
    ['units in TCVN3', 'units-tcvn3.csv', UNITS, 'tcvn3'],
    ['members in TCVN3', 'members-tcvn3.csv', MEMBERS, 'tcvn3'],
    ['all letters TCVN3 has', 'letters-tcvn3.csv', lettersFile(TCVN3_LETTERS), 'tcvn3'],
    ['units in VNI', 'units-vni.csv', UNITS, 'vni'],
    ['members in VNI', 'members-vni.csv', MEMBERS, 'vni'],
    ['all 134 letters in VNI', 'letters-vni.csv', lettersFile(ALL_LETTERS), 'vni'],
  ])('%s are recognised and converted to Unicode with a warning', (_name, file, expected, encoding) => {
    const result = expectOk(decodeCsvBytes(fixture(file)));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(expected);
    expect(result.warning).toContain('CSV UTF-8');
  });

  test('the letter fixtures hold every letter their encoding has', () => {
    const letters = (text: string): Set<string> => new Set([...text].filter((c) => /[^\p{ASCII}]/u.test(c)));
    expect(letters(lettersFile(ALL_LETTERS))).toEqual(new Set(ALL_LETTERS));
    expect(letters(lettersFile(TCVN3_LETTERS))).toEqual(new Set(TCVN3_LETTERS));
  });

  test.each<[string, EncodingName, string]>([
    // Hand-checked against the published tables: § = Đ, ¶ = ả, é = ộ in TCVN3; Ñ = Đ, aû = ả, oä = ộ in VNI.
    ['§¶ng bé', 'tcvn3', 'Đảng bộ'],
    ['Ñaûng boä', 'vni', 'Đảng bộ'],
  ])('"%s" as typed with a legacy font reads as %s', (latin, encoding, expected) => {
    const result = expectOk(decodeCsvBytes(Buffer.from(latin, 'latin1')));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(expected);
  });

  test.each<[EncodingName, string]>([
    ['tcvn3', 'TCVN3'],
    ['vni', 'VNI'],
  ])('the %s warning names the legacy encoding and says how to save as CSV UTF-8', (encoding, name) => {
    const result = expectOk(decodeCsvBytes(fixture(`units-${encoding}.csv`)));
    expect(result.warning).toContain(name);
    expect(result.warning).toMatch(/Lưu thành.*CSV UTF-8/);
    expect(result.warning).toMatch(/\(.*converted.*\)$/);
  });

  test('accents that first appear after 64 KB of ASCII still decide the encoding', () => {
    const ascii = 'HT.TC,Dang bo,co so\n'.repeat(5000);
    const bytes = Buffer.concat([Buffer.from(ascii), fixture('members-vni.csv')]);
    const result = expectOk(decodeCsvBytes(bytes));
    expect(result.encoding).toBe('vni');
    expect(result.text).toBe(ascii + MEMBERS);
  });

  // Detection samples the start, decoding covers the whole file: the end must be converted too.
  test('a 10 MB legacy file is decoded to its last byte', () => {
    const members = fixture('members-vni.csv');
    const copies = Math.ceil(10e6 / members.length);
    const bytes = Buffer.concat(Array.from({ length: copies }, () => members));
    const result = expectOk(decodeCsvBytes(bytes));
    expect(result.encoding).toBe('vni');
    expect(result.text).toBe(MEMBERS.repeat(copies));
  });
});

describe('files that cannot be read as CSV text', () => {
  const controls = Uint8Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 20) : 0x41));
  const frenchCp1252 = encode('Nom,Ville\nFrançois,Besançon\nRenée,Orléans\nJürgen,Köln\n', 'win1252');
  const pastedIntoUtf8 = Buffer.concat([
    Buffer.from('\uFEFFMã,Tên\nA,Đảng bộ\n', 'utf8'),
    encode('B,Chi bo\u0323\n', 'win1258'),
  ]);

  test.each<[string, Uint8Array, RegExp]>([
    ['a PNG image renamed to .csv', fixture('picture.png.csv'), /ảnh PNG/],
    [
      'an Excel workbook (.xlsx) renamed to .csv',
      fixture('workbook.xlsx.csv'),
      /Excel \(\.xlsx\).*đổi tên tệp/,
    ],
    [
      'an Excel 97–2003 workbook (.xls) renamed to .csv',
      fixture('workbook.xls.csv'),
      /Excel 97–2003 \(\.xls\)/,
    ],
    ['random binary with NUL bytes', fixture('random-binary.csv'), /NUL/],
    ['binary full of control characters', controls, /ký tự điều khiển/],
    ['Western European text that is not Vietnamese', frenchCp1252, /Không nhận ra bảng mã.*dòng 2/],
    ['a UTF-8 file with a line pasted from Windows-1258', pastedIntoUtf8, /UTF-8.*dòng 3/],
  ])('%s is refused with a Vietnamese explanation and the English gist', (_name, bytes, expected) => {
    const message = expectRefusal(decodeCsvBytes(bytes));
    expect(message).toMatch(expected);
    expect(message).toMatch(/ \((This|The|Unrecognised) .*\)$/s);
  });

  test('the .xlsx message tells the office to rename the workbook, which is read as it is', () => {
    expect(expectRefusal(decodeCsvBytes(fixture('workbook.xlsx.csv')))).toContain(
      'Tệp này là bảng tính Excel (.xlsx), không phải CSV. Hãy đổi tên tệp, thay đuôi .csv bằng .xlsx: sổ làm việc Excel được đọc trực tiếp.',
    );
  });
});

describe('robustness', () => {
  const ENCODINGS: readonly EncodingName[] = [
    'utf-8',
    'utf-8-bom',
    'utf-16le',
    'utf-16be',
    'windows-1258',
    'tcvn3',
    'vni',
  ];

  test('arbitrary bytes never throw and always give a text or a message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const result = decodeCsvBytes(bytes);
        if (result.ok) {
          expect(typeof result.text).toBe('string');
          expect(ENCODINGS).toContain(result.encoding);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  }, 20_000);

  test('any UTF-8 text without control characters comes back in NFC', () => {
    const text = fc
      .string({ unit: 'grapheme', maxLength: 200 })
      .filter((s) => !/\p{Cc}/u.test(s) && !s.startsWith('\uFEFF'));
    fc.assert(
      fc.property(text, (s) => {
        const result = expectOk(decodeCsvBytes(Buffer.from(s, 'utf8')));
        expect(result.text).toBe(s.normalize('NFC'));
      }),
      { numRuns: 300 },
    );
  });
});
