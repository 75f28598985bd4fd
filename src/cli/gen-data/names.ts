import type { GrassrootsType } from './grassroots-types.ts';
import type { Random } from './random.ts';

const SYLLABLES = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thạnh', 'Long', 'Tân', 'Phước', 'Hưng', 'Thủy', 'Sơn', 'Hải', 'Minh',
  'Quang', 'Trung', 'Đông', 'Tây', 'Nam', 'Bắc', 'Lộc', 'Thọ', 'Phong', 'Xuân', 'Vĩnh', 'Hiệp',
  'Thuận', 'Lợi', 'Thắng', 'Mỹ', 'Đức', 'Hương', 'Lạc', 'Khánh', 'Thành', 'Tiến', 'Hồng', 'Cát',
  'Kim', 'Ngọc', 'Thanh', 'Quý', 'Hà', 'Lâm', 'Điền', 'Định', 'Nghĩa', 'Tường', 'Vân', 'Trà', 'Yên',
]; // prettier-ignore

const AGENCIES = [
  'Văn phòng Huyện ủy', 'Cơ quan Ủy ban nhân dân', 'Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ',
  'Phòng Giáo dục và Đào tạo', 'Phòng Tài nguyên và Môi trường', 'Ban Tổ chức', 'Ủy ban Kiểm tra',
  'Mặt trận Tổ quốc', 'Chi cục Thuế', 'Kho bạc Nhà nước', 'Tòa án nhân dân', 'Viện Kiểm sát nhân dân',
]; // prettier-ignore
const SERVICES = [
  'Trường Trung học phổ thông',
  'Trung tâm Y tế',
  'Bệnh viện Đa khoa',
  'Trường Trung học cơ sở',
];
const ENTERPRISES = [
  'Công ty cổ phần',
  'Công ty TNHH',
  'Hợp tác xã',
  'Ngân hàng Chính sách xã hội chi nhánh',
];
const OTHERS = ['Hội Nông dân', 'Hội Cựu chiến binh', 'Hội Liên hiệp Phụ nữ', 'Huyện đoàn'];

/** Two different syllables, e.g. "Phú Lộc". */
export function placeName(random: Random): string {
  const first = random.pick(SYLLABLES);
  let second = random.pick(SYLLABLES);
  while (second === first) second = random.pick(SYLLABLES);
  return `${first} ${second}`;
}

/** A committee with cells under it is a đảng bộ, one without a chi bộ cơ sở. */
function grassrootsName(random: Random, type: GrassrootsType, districtPlace: string, cells: number): string {
  const body = cells > 0 ? 'Đảng bộ' : 'Chi bộ';
  const place = placeName(random);
  switch (type) {
    case 'commune':
      return `${body} xã ${place}`;
    case 'ward':
      return `${body} phường ${place}`;
    case 'township':
      return `${body} thị trấn ${place}`;
    case 'agency':
      return `${body} ${random.pick(AGENCIES)} ${districtPlace}`;
    case 'public_service':
      return `${body} ${random.pick(SERVICES)} ${place}`;
    case 'enterprise':
      return `${body} ${random.pick(ENTERPRISES)} ${place}`;
    case 'armed_forces':
      return `${body} ${random.pick(['Công an', 'Ban Chỉ huy Quân sự'])} ${districtPlace}`;
    case 'other':
      return `${body} ${random.pick(OTHERS)} ${districtPlace}`;
  }
}

/** Names are unique within a parent, so a children table never shows two identical rows. */
export class GrassrootsNames {
  private readonly taken = new Set<string>();
  private readonly random: Random;
  constructor(random: Random) {
    this.random = random;
  }
  /** Five draws, then " số 6", " số 7" … on the last one. */
  unique(type: GrassrootsType, parent: { readonly id: string; readonly place: string }, cells: number) {
    let name = grassrootsName(this.random, type, parent.place, cells);
    for (let n = 2; this.taken.has(`${parent.id}\u0000${name}`); n++) {
      name =
        n < 6
          ? grassrootsName(this.random, type, parent.place, cells)
          : `${name.replace(/ số \d+$/, '')} số ${n}`;
    }
    this.taken.add(`${parent.id}\u0000${name}`);
    return name;
  }
}
