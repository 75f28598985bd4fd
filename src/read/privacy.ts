/**
 * The contract holds aggregated figures only. A spreadsheet exported from a member-records
 * system looks almost the same as a statistics sheet, so the reader refuses anything that looks
 * like a person's data — a column named like one, or a cell holding an ID card or phone number —
 * before it can reach a page, a download or a log someone forwards.
 */
import { normalizeHeader } from './schema.ts';

export interface PersonalKind {
  /** What the column or cell seems to hold, in Vietnamese (for the message). */
  readonly what: string;
  readonly english: string;
}

// Header words as `normalizeHeader` leaves them: lower case, no diacritics, words split by spaces.
// Matched as whole words, so `số điện thoại liên hệ` and `dia_chi_email` are caught while
// `Dưới 30 tuổi` or `Đoàn viên` are not. Bare `tên` is left out: `Tên` is a contract column.
const HEADER_WORDS: readonly (PersonalKind & { readonly words: readonly string[] })[] = [
  {
    what: 'họ tên người',
    english: "people's names",
    words: [
      'ho ten',
      'ho va ten',
      'ten dang vien',
      'ten nguoi',
      'ten khai sinh',
      'full name',
      'first name',
      'last name',
      'surname',
      'member name',
    ],
  },
  {
    what: 'số giấy tờ tùy thân',
    english: 'ID numbers',
    words: [
      'cccd',
      'cmnd',
      'cmtnd',
      'can cuoc',
      'chung minh nhan dan',
      'so the dang',
      'the dang vien',
      'so dinh danh',
      'ma dinh danh',
      'ho chieu',
      'id number',
      'national id',
      'passport',
    ],
  },
  {
    what: 'số điện thoại',
    english: 'phone numbers',
    words: ['dien thoai', 'sdt', 'dtdd', 'di dong', 'phone', 'telephone', 'mobile', 'tel'],
  },
  {
    what: 'ngày sinh',
    english: 'birth dates',
    words: [
      'ngay sinh',
      'nam sinh',
      'sinh ngay',
      'ngay thang nam sinh',
      'date of birth',
      'birth date',
      'birthday',
      'birth year',
      'dob',
    ],
  },
  {
    what: 'địa chỉ',
    english: 'addresses',
    words: [
      'dia chi',
      'noi o',
      'cho o',
      'que quan',
      'noi sinh',
      'thuong tru',
      'tam tru',
      'ho khau',
      'address',
    ],
  },
  { what: 'thư điện tử', english: 'email addresses', words: ['email', 'e mail', 'thu dien tu', 'mail'] },
];

const compact = (words: string) => words.replace(/ /g, '');

/** What personal data a column header names, if any (`Họ và tên`, `SĐT`, `ngay_sinh`, `HoTen`). */
export function personalColumn(header: string): PersonalKind | undefined {
  const name = normalizeHeader(header.normalize('NFC'));
  if (name === '') return undefined;
  const padded = ` ${name} `;
  // `HoTen`, `SoDienThoai`: offices also glue the words together.
  const glued = compact(name);
  return HEADER_WORDS.find(({ words }) =>
    words.some((w) => padded.includes(` ${w} `) || (w.length >= 5 && glued === compact(w))),
  );
}

// A citizen ID (CCCD) has 12 digits; a Vietnamese phone number is 0 or +84/84, then 9 or 10
// digits, often grouped with spaces, dots or dashes (`0912 345 678`, `+84 912.345.678`).
const CITIZEN_ID = /(?<![\d])\d{12}(?![\d])/;
const PHONE = /(?<![\d+])(?:\+84|84|0)[ .-]?[1-9](?:[ .-]?\d){8,9}(?![\d])/;

export interface PersonalValue extends PersonalKind {
  /** The number with its middle hidden, so the log that names it does not spread it. */
  readonly masked: string;
}

const mask = (found: string): string => {
  const digits = found.replace(/\D/g, '');
  return `${digits.slice(0, 3)}${'•'.repeat(Math.max(0, digits.length - 6))}${digits.slice(-3)}`;
};

/** A free-text cell that holds an ID card or phone number (notes, titles, names). */
export function personalValue(text: string): PersonalValue | undefined {
  const id = CITIZEN_ID.exec(text);
  if (id)
    return { what: 'số căn cước công dân (12 chữ số)', english: 'a citizen ID number', masked: mask(id[0]) };
  const phone = PHONE.exec(text);
  if (phone) return { what: 'số điện thoại', english: 'a phone number', masked: mask(phone[0]) };
  return undefined;
}

export const PERSONAL_DATA_FIX =
  'Xóa cột hoặc nội dung này khỏi tệp (và xóa bản có thông tin cá nhân khỏi thư mục dữ liệu). ' +
  'Trang web chỉ công bố số liệu tổng hợp theo đơn vị; thông tin của từng người không bao giờ được đưa lên.';
