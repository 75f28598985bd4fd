/**
 * The crosswalk (bảng đối chiếu đơn vị cũ – mới, contract v2 A.7): every unit a restructuring
 * ended or moved, with the unit(s) of today it lives on in, so an office can carry its own
 * spreadsheets across a reorganization. One row per unit, event and unit of today.
 */
import { orderedEvents } from '../model/events.ts';
import type { Province } from '../model/province.ts';
import { justBefore, roleOf } from '../model/tree.ts';
import { csvCell, encodeCsv } from './downloads.ts';
import { namesAt, namesOf, shownKind, shownKindLabel } from './event-words.ts';
import { formatDate } from './format.ts';
import { perProvince } from './memo.ts';
import { todaysUnits } from './unit-changes.ts';

export const CROSSWALK_FILE = 'doi-chieu-don-vi.csv';
export const CROSSWALK_TITLE = 'Bảng đối chiếu đơn vị cũ – mới';

/** The file's columns with what each holds: its header and its entry in the data dictionary. */
export const CROSSWALK_COLUMNS = [
  { label: 'Mã đơn vị cũ', doc: 'mã của đơn vị đã kết thúc hoạt động hoặc được điều chuyển' },
  { label: 'Tên đơn vị cũ', doc: 'tên của đơn vị ngay trước sự kiện (tên cũ nếu sau đó đổi tên)' },
  { label: 'Trực thuộc trước sắp xếp', doc: 'đơn vị cấp trên ngay trước sự kiện, với tên lúc đó' },
  {
    label: 'Mã đơn vị hiện nay',
    doc: 'đơn vị hiện nay kế tục (theo các lần hợp nhất); trống khi đơn vị giải thể, không có đơn vị kế tục',
  },
  { label: 'Tên đơn vị hiện nay', doc: 'tên hiện nay của đơn vị kế tục' },
  { label: 'Trực thuộc hiện nay', doc: 'đơn vị cấp trên hiện nay của đơn vị kế tục' },
  {
    label: 'Hình thức',
    doc: 'hình thức sắp xếp của sự kiện (hợp nhất, kết thúc hoạt động, giải thể, điều chuyển…)',
  },
  { label: 'Mã sự kiện', doc: 'mã sự kiện trong restructurings.csv' },
  { label: 'Sự kiện', doc: 'tên sự kiện' },
  { label: 'Ngày hiệu lực', doc: 'ngày sự kiện có hiệu lực (dd/mm/yyyy)' },
] as const;

export type CrosswalkRow = readonly string[];

/** Rows in the order the events took effect, then as the event lists its units. */
export const crosswalkRows = perProvince('crosswalkRows', (province): CrosswalkRow[] => {
  const names = namesOf(province);
  const { tree } = province;
  const rows: CrosswalkRow[] = [];
  for (const event of orderedEvents(province)) {
    const moment = tree.moment(event.id);
    // An office's old spreadsheet holds the names of then, not those the units took later.
    const then = namesAt(province, moment && justBefore(moment));
    const date = formatDate(moment?.date ?? event.date);
    for (const listed of event.units) {
      if (!tree.units.has(listed.unit_id) || roleOf(event, listed.unit_id) === 'continues') continue;
      const before = listed.previous_parent_id ?? event.parent_id;
      const today = todaysUnits(province, listed.unit_id);
      for (const now of today.length === 0 ? [undefined] : today) {
        const parentNow = now === undefined ? undefined : tree.units.get(now)?.parentId;
        rows.push([
          listed.unit_id,
          then(listed.unit_id),
          then(before),
          now ?? '',
          names(now),
          names(parentNow),
          shownKindLabel(shownKind(province, event)),
          event.id,
          event.title,
          date,
        ]);
      }
    }
  }
  return rows;
});

/** The crosswalk as a spreadsheet: UTF-8 with BOM and CRLF, as every download. */
export function crosswalkCsv(province: Province): Uint8Array<ArrayBuffer> {
  const lines = crosswalkRows(province).map((row) => row.map(csvCell).join(','));
  return encodeCsv([CROSSWALK_COLUMNS.map((c) => csvCell(c.label)).join(','), ...lines]);
}
