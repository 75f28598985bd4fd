import { describe, expect, test } from 'vitest';
import { readCsvText } from '../src/read/csv.ts';
import { datasetSchema, membersSchema, restructuringsSchema, unitsSchema } from '../src/read/schemas.ts';
import { personalColumn, personalValue } from '../src/read/privacy.ts';

describe('column headers that name personal data are refused', () => {
  test.each([
    ['Họ tên', 'họ tên người'],
    ['Họ và tên', 'họ tên người'],
    ['ho va ten', 'họ tên người'],
    ['HO_TEN', 'họ tên người'],
    ['HoTen', 'họ tên người'],
    ['Tên đảng viên', 'họ tên người'],
    ['ten dang vien', 'họ tên người'],
    ['Full name', 'họ tên người'],
    ['CCCD', 'số giấy tờ tùy thân'],
    ['Số CCCD/CMND', 'số giấy tờ tùy thân'],
    ['Căn cước công dân', 'số giấy tờ tùy thân'],
    ['Số thẻ đảng viên', 'số giấy tờ tùy thân'],
    ['so the dang', 'số giấy tờ tùy thân'],
    ['Số định danh cá nhân', 'số giấy tờ tùy thân'],
    ['ID number', 'số giấy tờ tùy thân'],
    ['Điện thoại', 'số điện thoại'],
    ['Số điện thoại liên hệ', 'số điện thoại'],
    ['SĐT', 'số điện thoại'],
    ['sdt', 'số điện thoại'],
    ['Phone', 'số điện thoại'],
    ['Ngày sinh', 'ngày sinh'],
    ['ngay_sinh', 'ngày sinh'],
    ['Năm sinh', 'ngày sinh'],
    ['Date of birth', 'ngày sinh'],
    ['Địa chỉ', 'địa chỉ'],
    ['dia chi thuong tru', 'địa chỉ'],
    ['Nơi ở hiện nay', 'địa chỉ'],
    ['Quê quán', 'địa chỉ'],
    ['Email', 'thư điện tử'],
    ['E-mail', 'thư điện tử'],
  ])('%s', (header, what) => {
    expect(personalColumn(header)?.what).toBe(what);
  });

  test.each([
    'Tên',
    'Tên đơn vị',
    'Nữ',
    'Dân tộc thiểu số',
    'Dưới 30 tuổi',
    'Đoàn viên',
    'Ghi chú',
    'Số quyết định',
    'Đảng viên dự bị',
    'Chi bộ thôn, tổ dân phố',
    'Bí thư kiêm trưởng thôn, tổ trưởng',
    'Hotel',
  ])('%s is not personal data', (header) => {
    expect(personalColumn(header)).toBeUndefined();
  });

  test('a personal column is an error (not a warning) that says to remove it; figures still read', () => {
    const table = readCsvText('unit_id,year,members,Họ và tên\nG1,2020,3,Nguyễn Văn An\n', membersSchema);
    expect(table.problems).toMatchObject([
      { severity: 'error', code: 'personal-data-column', line: 1, column: 4, value: 'Họ và tên' },
    ]);
    const [problem] = table.problems;
    expect(problem?.message).toMatch(/thông tin cá nhân.*không bao giờ được công bố.*số liệu tổng hợp/);
    expect(problem?.fix).toMatch(/^Xóa cột/);
  });

  test('a column the contract knows is never mistaken for personal data', () => {
    const all = 'unit_id,year,members,women,ethnic_minority,age_under_30\nG1,2020,3,1,0,1\n';
    expect(readCsvText(all, membersSchema).problems).toEqual([]);
  });
});

describe('cells in text columns that hold an ID card or phone number are refused', () => {
  test.each([
    ['001092012345', 'số căn cước công dân (12 chữ số)', '001••••••345'],
    ['CCCD 046201000123 cấp 2021', 'số căn cước công dân (12 chữ số)', '046••••••123'],
    ['0912345678', 'số điện thoại', '091••••678'],
    ['liên hệ 0912 345 678', 'số điện thoại', '091••••678'],
    ['ĐT: 0912.345.678', 'số điện thoại', '091••••678'],
    ['+84 912 345 678', 'số điện thoại', '849•••••678'],
    ['84912345678', 'số điện thoại', '849•••••678'],
    ['0234 3822 123', 'số điện thoại', '023•••••123'],
  ])('%s', (text, what, masked) => {
    expect(personalValue(text)).toEqual({ what, english: expect.any(String) as string, masked });
  });

  test.each([
    'Đảng bộ phường Thủy Châu',
    'Chi bộ thôn 12',
    '03-KH/BTCTU',
    'Quyết định số 1234-QĐ/TU ngày 17/08/2011',
    'Nhiệm kỳ 2020-2025',
    'Năm 2024 kết nạp 1.234 đảng viên',
    '12345678901',
    '1234567890123',
  ])('%s is not personal data', (text) => {
    expect(personalValue(text)).toBeUndefined();
  });

  test.each([
    [unitsSchema, 'id,name,parent_id,level\nP,Tỉnh 0912345678,,province\n', 'name', 2],
    [
      restructuringsSchema,
      'id,date,kind,title,parent_id,note\nE1,2021-01-01,dissolve,Giải thể,P,Liên hệ anh Nam 0905 123 456\n',
      'note',
      6,
    ],
    [datasetSchema, 'publisher,source\nBan Tổ chức,Bảng kê CCCD 001092012345\n', 'source', 2],
  ])('in %# the cell is an error with its place and the number masked', (schema, text, key, column) => {
    const table = readCsvText(text, schema);
    expect(table.problems).toMatchObject([
      {
        severity: 'error',
        code: 'personal-data-value',
        line: 2,
        column,
        key,
        value: expect.stringMatching(/•/),
      },
    ]);
    expect(table.rows).toEqual([]);
  });

  test('numbers in count columns are figures, not phone numbers', () => {
    const table = readCsvText('unit_id,year,members\nG1,2020,9123456\n', membersSchema);
    expect(table.problems).toEqual([]);
    // A phone number's nine digits are refused, but as a figure no unit can have.
    const phone = readCsvText('unit_id,year,members\nG1,2020,912345678\n', membersSchema);
    expect(phone.problems.map((p) => p.code)).toEqual(['implausible-count']);
  });
});
