import { countKeys, type ColumnKind, type EnumValue, type FileSchema, type RowOf } from './schema.ts';

/** Codes, not words: room for any hierarchical code (`HT.TC.CB01` is 10). */
const id = { type: 'id', maxLength: 64 } as const;
/** Names, titles, decision numbers: the longest real unit names are under 150 characters. */
const short = { type: 'text', maxLength: 300 } as const;
/** Notes and sources: a paragraph, not a pasted document. */
const long = { type: 'text', maxLength: 2000 } as const;

// Plausibility limits of counts: a figure above one is a typing slip (digits typed twice, a
// year or a code in the wrong column). Each is far above anything real, so none refuses real data.
/** Members of one unit: the whole Party has about 5.6 million; the largest provinces (Hà Nội) about 400,000. */
const memberCount = { type: 'count', max: 10_000_000 } as const;
/** Admissions of one unit in a year: the whole Party admits about 200,000 a year. */
const admissionCount = { type: 'count', max: 1_000_000 } as const;
/** Cells: each has at least three members, so the whole Party has fewer than 2 million. */
const cellCount = { type: 'count', max: 2_000_000 } as const;
/** Members of one committee: the Party's Central Committee has about 200. */
const committeeCount = { type: 'count', max: 1_000 } as const;
/** A term target: admissions over a term are at most a few times a year's (see admissionCount). */
const targetFigure = { type: 'target', max: 10_000_000 } as const;
const term = { type: 'term' } as const;
const year = { type: 'year' } as const;
const date = { type: 'date' } as const;
const oneOf = <const V extends readonly EnumValue[]>(values: V) => ({ type: 'enum', values }) as const;

export const LEVELS = [
  { value: 'province', label: 'tỉnh', aliases: ['đảng bộ tỉnh'] },
  {
    value: 'district',
    label: 'cấp trên cơ sở',
    aliases: ['cấp trên trực tiếp cơ sở', 'huyện', 'huyện ủy', 'đảng ủy khối'],
  },
  {
    value: 'grassroots',
    label: 'cơ sở',
    aliases: ['tổ chức cơ sở đảng', 'tccsđ', 'đảng bộ cơ sở', 'chi bộ cơ sở'],
  },
  { value: 'subcommittee', label: 'đảng bộ bộ phận' },
  { value: 'cell', label: 'chi bộ', aliases: ['chi bộ trực thuộc'] },
] as const satisfies readonly EnumValue[];

export const UNIT_TYPES = [
  { value: 'commune', label: 'xã' },
  { value: 'ward', label: 'phường' },
  { value: 'township', label: 'thị trấn' },
  { value: 'agency', label: 'cơ quan' },
  { value: 'enterprise', label: 'doanh nghiệp' },
  { value: 'public_service', label: 'đơn vị sự nghiệp' },
  { value: 'armed_forces', label: 'lực lượng vũ trang' },
  { value: 'other', label: 'khác' },
] as const satisfies readonly EnumValue[];

export const RATINGS = [
  { value: 'excellent', label: 'hoàn thành xuất sắc nhiệm vụ', aliases: ['HTXSNV', 'xuất sắc'] },
  { value: 'good', label: 'hoàn thành tốt nhiệm vụ', aliases: ['HTTNV', 'tốt'] },
  { value: 'complete', label: 'hoàn thành nhiệm vụ', aliases: ['HTNV', 'hoàn thành'] },
  { value: 'incomplete', label: 'không hoàn thành nhiệm vụ', aliases: ['KHTNV', 'không hoàn thành'] },
] as const satisfies readonly EnumValue[];

/** The members.csv and cells.csv columns counting each rating, in the order of RATINGS. */
export const MEMBER_RATING_COLUMNS = RATINGS.map((r) => `members_${r.value}` as const);
export const CELL_RATING_COLUMNS = RATINGS.map((r) => `cells_${r.value}` as const);

export const EVENT_KINDS = [
  { value: 'pilot_committee', label: 'thí điểm đảng bộ cơ quan', aliases: ['thí điểm'] },
  { value: 'merge', label: 'hợp nhất', aliases: ['sáp nhập', 'hợp nhất, sáp nhập'] },
  { value: 'establish', label: 'thành lập' },
  { value: 'dissolve', label: 'giải thể' },
  { value: 'transfer', label: 'điều chuyển', aliases: ['tiếp nhận', 'điều chuyển, tiếp nhận'] },
  { value: 'rename', label: 'đổi tên' },
] as const satisfies readonly EnumValue[];

export const EVENT_STATUSES = [
  { value: 'pilot', label: 'thí điểm' },
  { value: 'official', label: 'chính thức' },
  { value: 'ended', label: 'kết thúc', aliases: ['đã kết thúc'] },
] as const satisfies readonly EnumValue[];

const YES_NO = [
  { value: 'yes', label: 'có', aliases: ['true', '1', 'x'] },
  { value: 'no', label: 'không', aliases: ['false', '0'] },
] as const satisfies readonly EnumValue[];

const unitRef = (doc: string) =>
  ({ key: 'unit_id', label: 'Mã đơn vị', kind: id, required: true, doc }) as const;
const yearCol = {
  key: 'year',
  label: 'Năm',
  kind: year,
  required: true,
  doc: 'Năm thống kê (4 chữ số); số liệu tính đến 31/12 của năm.',
} as const;
const opt = <const K extends string, const C extends ColumnKind>(
  kind: C,
  key: K,
  label: string,
  doc: string,
) => ({ key, label, kind, required: false, doc }) as const;
/** An optional count that is a part of the file's `total` column (never more than it). */
const part = <const T extends string, const K extends string, const C extends ColumnKind>(
  total: T,
  kind: C,
  key: K,
  label: string,
  doc: string,
) => ({ ...opt(kind, key, label, doc), partOf: total }) as const;

export const unitsSchema = {
  file: 'units.csv',
  title: 'Đơn vị',
  doc: 'Cây tổ chức đảng hiện tại, cùng các đơn vị đã kết thúc hoạt động: mỗi dòng một đơn vị.',
  required: true,
  columns: [
    {
      key: 'id',
      label: 'Mã đơn vị',
      kind: id,
      required: true,
      doc: 'Mã duy nhất: chữ, số, dấu chấm, gạch dưới, gạch ngang.',
      aliases: ['unit_id'],
    },
    { key: 'name', label: 'Tên đơn vị', kind: short, required: true, doc: 'Tên đầy đủ.' },
    {
      key: 'parent_id',
      label: 'Mã đơn vị cấp trên',
      kind: id,
      required: false,
      doc: 'Đơn vị cấp trên hiện nay (với đơn vị đã kết thúc: đơn vị cấp trên cuối cùng); để trống chỉ ở đơn vị gốc (tỉnh, kể cả tỉnh cũ đã hợp nhất).',
    },
    {
      key: 'level',
      label: 'Cấp',
      kind: oneOf(LEVELS),
      required: true,
      doc: 'Cấp của tổ chức đảng hiện nay (hoặc vào ngày kết thúc hoạt động); cấp trước đây ghi ở cột Cấp trước của restructuring_units.csv.',
    },
    {
      key: 'type',
      label: 'Loại hình',
      kind: oneOf(UNIT_TYPES),
      required: false,
      doc: 'Loại hình tổ chức cơ sở đảng.',
    },
    { key: 'established', label: 'Ngày thành lập', kind: date, required: false, doc: 'Ngày thành lập.' },
    {
      key: 'dissolved',
      label: 'Ngày giải thể',
      kind: date,
      required: false,
      doc: 'Ngày giải thể; không có số liệu nào sau ngày này.',
    },
  ],
} as const satisfies FileSchema;

export const membersSchema = {
  file: 'members.csv',
  title: 'Đảng viên',
  doc: 'Mỗi dòng một đơn vị và một năm, số liệu tính đến 31/12. Giới hạn trên của mỗi cột rất xa số thật (cả Đảng có khoảng 5,6 triệu đảng viên): số lớn hơn là gõ nhầm.',
  required: false,
  columns: [
    unitRef('Đơn vị báo cáo.'),
    yearCol,
    {
      key: 'members',
      label: 'Tổng số đảng viên',
      kind: memberCount,
      required: true,
      doc: 'Tổng số đảng viên (chính thức và dự bị).',
    },
    part('members', memberCount, 'probationary', 'Đảng viên dự bị', 'Số đảng viên dự bị.'),
    part('members', memberCount, 'women', 'Nữ', 'Số đảng viên nữ.'),
    part(
      'members',
      memberCount,
      'ethnic_minority',
      'Dân tộc thiểu số',
      'Số đảng viên là người dân tộc thiểu số.',
    ),
    part('members', memberCount, 'religious', 'Tôn giáo', 'Số đảng viên theo tôn giáo.'),
    part('members', memberCount, 'age_under_30', 'Dưới 30 tuổi', 'Số đảng viên dưới 30 tuổi.'),
    part(
      'members',
      memberCount,
      'higher_education',
      'Cao đẳng, đại học trở lên',
      'Số đảng viên có trình độ cao đẳng, đại học trở lên.',
    ),
    part(
      'members',
      memberCount,
      'theory_advanced',
      'Lý luận chính trị cao cấp, cử nhân',
      'Số đảng viên có trình độ lý luận chính trị cao cấp, cử nhân.',
    ),
    opt(memberCount, 'members_excellent', 'Đảng viên HTXSNV', 'Số đảng viên hoàn thành xuất sắc nhiệm vụ.'),
    opt(memberCount, 'members_good', 'Đảng viên HTTNV', 'Số đảng viên hoàn thành tốt nhiệm vụ.'),
    opt(memberCount, 'members_complete', 'Đảng viên HTNV', 'Số đảng viên hoàn thành nhiệm vụ.'),
    opt(memberCount, 'members_incomplete', 'Đảng viên KHTNV', 'Số đảng viên không hoàn thành nhiệm vụ.'),
    opt(memberCount, 'badges', 'Huy hiệu Đảng', 'Số huy hiệu Đảng được trao trong năm.'),
    opt(memberCount, 'transferred_in', 'Chuyển đến', 'Số đảng viên chuyển sinh hoạt đảng đến trong năm.'),
    opt(memberCount, 'transferred_out', 'Chuyển đi', 'Số đảng viên chuyển sinh hoạt đảng đi trong năm.'),
    opt(memberCount, 'deceased', 'Từ trần', 'Số đảng viên từ trần trong năm.'),
    {
      ...opt(
        memberCount,
        'removed',
        'Đưa ra khỏi Đảng (khai trừ, xóa tên, cho ra)',
        'Số đảng viên bị đưa ra khỏi Đảng (khai trừ, xóa tên, cho ra khỏi Đảng) trong năm.',
      ),
      aliases: ['Đưa ra khỏi Đảng'],
    },
  ],
} as const satisfies FileSchema;

export const admissionsSchema = {
  file: 'admissions.csv',
  title: 'Kết nạp đảng viên',
  doc: 'Mỗi dòng một đơn vị và một năm. Giới hạn trên của mỗi cột rất xa số thật (cả Đảng mỗi năm kết nạp khoảng 200.000 đảng viên): số lớn hơn là gõ nhầm.',
  required: false,
  columns: [
    unitRef('Đơn vị báo cáo.'),
    yearCol,
    {
      key: 'admitted',
      label: 'Số kết nạp',
      kind: admissionCount,
      required: true,
      doc: 'Số đảng viên mới được kết nạp trong năm.',
    },
    opt(admissionCount, 'target', 'Chỉ tiêu', 'Chỉ tiêu kết nạp của năm.'),
    part('admitted', admissionCount, 'women', 'Nữ', 'Trong đó nữ.'),
    part('admitted', admissionCount, 'youth_union', 'Đoàn viên', 'Trong đó đoàn viên Đoàn TNCS Hồ Chí Minh.'),
    part(
      'admitted',
      admissionCount,
      'ethnic_minority',
      'Dân tộc thiểu số',
      'Trong đó người dân tộc thiểu số.',
    ),
    part('admitted', admissionCount, 'religious', 'Tôn giáo', 'Trong đó người theo tôn giáo.'),
    part(
      'admitted',
      admissionCount,
      'private_enterprise',
      'Trong doanh nghiệp ngoài nhà nước',
      'Trong đó ở doanh nghiệp ngoài khu vực nhà nước.',
    ),
  ],
} as const satisfies FileSchema;

export const cellsSchema = {
  file: 'cells.csv',
  title: 'Chi bộ',
  doc: 'Mỗi dòng một tổ chức cơ sở đảng và một năm. Giới hạn trên của mỗi cột rất xa số thật (chi bộ có ít nhất 3 đảng viên, nên cả Đảng có chưa đến 2 triệu chi bộ): số lớn hơn là gõ nhầm.',
  required: false,
  columns: [
    unitRef('Tổ chức cơ sở đảng báo cáo.'),
    yearCol,
    {
      key: 'cells',
      label: 'Số chi bộ trực thuộc',
      kind: cellCount,
      required: true,
      doc: 'Số chi bộ trực thuộc; 0 với chi bộ cơ sở.',
    },
    part('cells', cellCount, 'residential_cells', 'Chi bộ thôn, tổ dân phố', 'Số chi bộ thôn, tổ dân phố.'),
    part(
      'cells',
      cellCount,
      'secretary_as_head',
      'Bí thư kiêm trưởng thôn, tổ trưởng',
      'Số chi bộ có bí thư chi bộ đồng thời là trưởng thôn, tổ trưởng tổ dân phố.',
    ),
    {
      key: 'rating',
      label: 'Xếp loại',
      kind: oneOf(RATINGS),
      required: false,
      doc: 'Kết quả đánh giá, xếp loại chất lượng hằng năm của chính đơn vị.',
    },
    opt(cellCount, 'cells_excellent', 'Chi bộ HTXSNV', 'Số chi bộ hoàn thành xuất sắc nhiệm vụ.'),
    opt(cellCount, 'cells_good', 'Chi bộ HTTNV', 'Số chi bộ hoàn thành tốt nhiệm vụ.'),
    opt(cellCount, 'cells_complete', 'Chi bộ HTNV', 'Số chi bộ hoàn thành nhiệm vụ.'),
    opt(cellCount, 'cells_incomplete', 'Chi bộ KHTNV', 'Số chi bộ không hoàn thành nhiệm vụ.'),
  ],
} as const satisfies FileSchema;

export const restructuringsSchema = {
  file: 'restructurings.csv',
  title: 'Sắp xếp, kiện toàn tổ chức',
  doc: 'Mỗi dòng một sự kiện sắp xếp, kiện toàn tổ chức. Giới hạn trên của số ủy viên rất xa số thật (Ban Chấp hành Trung ương có khoảng 200 ủy viên): số lớn hơn là gõ nhầm.',
  required: false,
  columns: [
    { key: 'id', label: 'Mã sự kiện', kind: id, required: true, doc: 'Mã duy nhất của sự kiện.' },
    { key: 'date', label: 'Ngày', kind: date, required: true, doc: 'Ngày ban hành quyết định.' },
    {
      key: 'effective_date',
      label: 'Ngày hiệu lực',
      kind: date,
      required: false,
      doc: 'Ngày sắp xếp có hiệu lực, nếu khác ngày ban hành; cây tổ chức thay đổi từ ngày này.',
    },
    {
      key: 'kind',
      label: 'Hình thức',
      kind: oneOf(EVENT_KINDS),
      required: true,
      doc: 'Hình thức sắp xếp. Giải thể một cấp ủy cấp trên cơ sở (như các đảng bộ huyện năm 2025), hoặc giải thể có trạng thái `ended`, được trang web ghi là "kết thúc hoạt động".',
    },
    { key: 'title', label: 'Tên', kind: short, required: true, doc: 'Tên sự kiện.' },
    {
      key: 'parent_id',
      label: 'Đơn vị cấp trên',
      kind: id,
      required: false,
      doc: 'Cấp ủy nơi diễn ra việc sắp xếp; chỉ để trống khi hợp nhất hoặc đổi tên đơn vị gốc (tỉnh).',
    },
    {
      key: 'result_unit_id',
      label: 'Đơn vị sau sắp xếp',
      kind: id,
      required: false,
      doc: 'Đơn vị mới hoặc đơn vị còn lại; bắt buộc với thí điểm, hợp nhất, thành lập.',
    },
    {
      key: 'status',
      label: 'Trạng thái',
      kind: oneOf(EVENT_STATUSES),
      required: false,
      doc: 'Thí điểm, chính thức hoặc kết thúc.',
    },
    opt(committeeCount, 'executive_committee', 'Số ủy viên BCH', 'Số ủy viên Ban Chấp hành.'),
    opt(committeeCount, 'standing_committee', 'Số ủy viên BTV', 'Số ủy viên Ban Thường vụ.'),
    opt(committeeCount, 'inspection_committee', 'Số ủy viên UBKT', 'Số ủy viên Ủy ban Kiểm tra.'),
    { key: 'decision', label: 'Số quyết định', kind: short, required: false, doc: 'Ví dụ 03-KH/BTCTU.' },
    { key: 'note', label: 'Ghi chú', kind: long, required: false, doc: 'Ghi chú.' },
  ],
} as const satisfies FileSchema;

export const restructuringUnitsSchema = {
  file: 'restructuring_units.csv',
  title: 'Đơn vị trong sự kiện sắp xếp',
  doc: 'Các đơn vị mà mỗi sự kiện điều chuyển, hợp nhất, giải thể hoặc đổi tên. Đơn vị sau sắp xếp cũng có thể được liệt kê để ghi đơn vị cấp trên, cấp hoặc tên trước đó của nó; dòng đó không kết thúc hoạt động của đơn vị.',
  required: false,
  columns: [
    {
      key: 'restructuring_id',
      label: 'Mã sự kiện',
      kind: id,
      required: true,
      doc: 'Sự kiện trong restructurings.csv.',
    },
    unitRef('Đơn vị được sắp xếp.'),
    {
      key: 'previous_parent_id',
      label: 'Đơn vị cấp trên trước',
      kind: id,
      required: false,
      doc: 'Đơn vị cấp trên trước sự kiện; mặc định là đơn vị cấp trên của sự kiện.',
    },
    {
      key: 'previous_level',
      label: 'Cấp trước',
      kind: oneOf(LEVELS),
      required: false,
      doc: 'Cấp của đơn vị trước sự kiện, khi sự kiện thay đổi cấp của nó.',
    },
    {
      key: 'previous_name',
      label: 'Tên trước',
      kind: short,
      required: false,
      doc: 'Tên của đơn vị trước sự kiện; cần ghi với sự kiện đổi tên.',
    },
  ],
} as const satisfies FileSchema;

export const TERM_MEASURES = [
  {
    value: 'admitted_total',
    label: 'kết nạp cả nhiệm kỳ',
    aliases: ['kết nạp đảng viên cả nhiệm kỳ'],
  },
  { value: 'admitted_yearly', label: 'kết nạp bình quân mỗi năm' },
  {
    value: 'grassroots_good_share',
    label: 'tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên',
  },
  { value: 'cells_good_share', label: 'tỷ lệ chi bộ hoàn thành tốt nhiệm vụ trở lên' },
  { value: 'members_good_share', label: 'tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên' },
  {
    value: 'secretary_as_head_share',
    label: 'tỷ lệ chi bộ thôn, tổ dân phố có bí thư đồng thời là trưởng thôn, tổ trưởng',
  },
] as const satisfies readonly EnumValue[];

/** Measures whose target is a share (a percentage, `90` meaning 90 %); the others are whole numbers. */
export const SHARE_MEASURES: ReadonlySet<string> = new Set(
  TERM_MEASURES.map((m) => m.value).filter((m) => m.endsWith('_share')),
);

const termCol = {
  key: 'term',
  label: 'Nhiệm kỳ',
  kind: term,
  required: true,
  doc: 'Năm đầu và năm cuối nhiệm kỳ, ví dụ 2020-2025 (cũng nhận 2020–2025, 2020 - 2025).',
} as const;
/** A count of the committee's members that is a part of its executive committee. */
const ofCommittee = <const K extends string>(key: K, label: string, doc: string) =>
  part('executive_committee', committeeCount, key, label, doc);

export const committeesSchema = {
  file: 'committees.csv',
  title: 'Cấp ủy',
  doc: 'Mỗi dòng một đơn vị và một nhiệm kỳ. Giới hạn trên của số ủy viên rất xa số thật (Ban Chấp hành Trung ương có khoảng 200 ủy viên): số lớn hơn là gõ nhầm.',
  required: false,
  columns: [
    unitRef('Đơn vị có cấp ủy.'),
    termCol,
    opt(date, 'congress_date', 'Ngày đại hội', 'Ngày đại hội, hoặc ngày quyết định chỉ định cấp ủy.'),
    opt(oneOf(YES_NO), 'appointed', 'Chỉ định', '`yes`/`có` khi cấp ủy được chỉ định, không do đại hội bầu.'),
    {
      key: 'executive_committee',
      label: 'Số ủy viên BCH',
      kind: committeeCount,
      required: true,
      doc: 'Số ủy viên Ban Chấp hành.',
    },
    ofCommittee('standing_committee', 'Số ủy viên BTV', 'Số ủy viên Ban Thường vụ.'),
    ofCommittee('inspection_committee', 'Số ủy viên UBKT', 'Số ủy viên Ủy ban Kiểm tra.'),
    ofCommittee('women', 'Nữ', 'Số cấp ủy viên nữ.'),
    ofCommittee('under_40', 'Dưới 40 tuổi', 'Số cấp ủy viên dưới 40 tuổi.'),
    ofCommittee('ethnic_minority', 'Dân tộc thiểu số', 'Số cấp ủy viên người dân tộc thiểu số.'),
    ofCommittee('higher_education', 'Đại học trở lên', 'Số cấp ủy viên có trình độ đại học trở lên.'),
    ofCommittee(
      'theory_advanced',
      'Cao cấp lý luận chính trị',
      'Số cấp ủy viên có trình độ cao cấp lý luận chính trị.',
    ),
    ofCommittee('first_time', 'Tham gia lần đầu', 'Số cấp ủy viên tham gia cấp ủy lần đầu.'),
    opt(
      oneOf(YES_NO),
      'secretary_as_chair',
      'Bí thư đồng thời là Chủ tịch UBND',
      '`yes`/`có` khi bí thư đồng thời là chủ tịch Ủy ban nhân dân, `no`/`không` khi không.',
    ),
  ],
} as const satisfies FileSchema;

export const termTargetsSchema = {
  file: 'term_targets.csv',
  title: 'Chỉ tiêu nhiệm kỳ',
  doc: 'Mỗi dòng một đơn vị, một nhiệm kỳ và một chỉ tiêu do nghị quyết đại hội đề ra.',
  required: false,
  columns: [
    unitRef('Đơn vị đề ra chỉ tiêu.'),
    termCol,
    {
      key: 'measure',
      label: 'Chỉ tiêu',
      kind: oneOf(TERM_MEASURES),
      required: true,
      doc: 'Chỉ tiêu nào; các chỉ tiêu tên kết thúc bằng `_share` là tỷ lệ phần trăm.',
    },
    {
      key: 'target',
      label: 'Mục tiêu',
      kind: targetFigure,
      required: true,
      doc: 'Số nguyên (ví dụ 500), hoặc với chỉ tiêu tỷ lệ: phần trăm từ 0 đến 100 (`90`, `90%`, `90,5%`).',
    },
    {
      key: 'source',
      label: 'Văn bản',
      kind: long,
      required: false,
      doc: 'Văn bản đề ra chỉ tiêu, ví dụ Nghị quyết Đại hội Đảng bộ thị xã lần thứ …',
    },
  ],
} as const satisfies FileSchema;

/** Optional file this project adds: who publishes the data and whether it is illustrative. */
export const datasetSchema = {
  file: 'dataset.csv',
  title: 'Thông tin bộ dữ liệu',
  doc: 'Tệp tùy chọn, một dòng: cơ quan công bố, dữ liệu minh họa hay thật, nguồn.',
  required: false,
  columns: [
    {
      key: 'publisher',
      label: 'Cơ quan công bố',
      kind: short,
      required: false,
      doc: 'Ví dụ: Ban Tổ chức Tỉnh ủy.',
    },
    {
      key: 'demo',
      label: 'Dữ liệu minh họa',
      kind: oneOf(YES_NO),
      required: false,
      doc: '`yes`/`có` nếu số liệu chỉ để minh họa; mọi trang sẽ ghi rõ.',
    },
    { key: 'source', label: 'Nguồn', kind: long, required: false, doc: 'Nguồn số liệu.' },
    { key: 'note', label: 'Ghi chú', kind: long, required: false, doc: 'Ghi chú.' },
  ],
} as const satisfies FileSchema;

export const SCHEMAS = [
  unitsSchema,
  membersSchema,
  admissionsSchema,
  cellsSchema,
  restructuringsSchema,
  restructuringUnitsSchema,
  committeesSchema,
  termTargetsSchema,
  datasetSchema,
] as const;

export type UnitRow = RowOf<typeof unitsSchema>;
export type MembersRow = RowOf<typeof membersSchema>;
export type AdmissionsRow = RowOf<typeof admissionsSchema>;
export type CellsRow = RowOf<typeof cellsSchema>;
export type RestructuringRow = RowOf<typeof restructuringsSchema>;
export type RestructuringUnitRow = RowOf<typeof restructuringUnitsSchema>;
export type DatasetRow = RowOf<typeof datasetSchema>;
export type CommitteeRow = RowOf<typeof committeesSchema>;
export type TermTargetRow = RowOf<typeof termTargetsSchema>;

export type Rating = (typeof RATINGS)[number]['value'];
export type UnitType = (typeof UNIT_TYPES)[number]['value'];
export type EventKind = (typeof EVENT_KINDS)[number]['value'];
export type EventStatus = (typeof EVENT_STATUSES)[number]['value'];

export const MEMBER_METRICS = countKeys(membersSchema);
export const ADMISSION_METRICS = countKeys(admissionsSchema);
export const CELL_METRICS = countKeys(cellsSchema);
