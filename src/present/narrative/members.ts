/** Paragraphs about members: the change on the year before, the long run, composition, balance. */
import { comparable, complete, type Reading } from '../../model/coverage.ts';
import { formatNumber } from '../format.ts';
import { changeWords, paragraph, sentence, shareOf } from '../wording.ts';
import { membersMoved } from '../../model/comparable.ts';
import { yearEnd } from '../../model/units.ts';
import type { Before } from '../year-before.ts';
import { differentScopes, type Context } from './context.ts';

/**
 * `Số đảng viên tăng 12 người (4,3%) so với năm 2024.` on the reported figures; `undefined` for a
 * unit reshaped by a restructuring, whose change is said on comparable figures (overview.ts).
 */
export function memberChange(c: Context, members: Reading, before: Before): string | undefined {
  const { year, previous } = c;
  if (before.comparable || previous === undefined || !before.reading) return undefined;
  if (!comparable(members, before.reading)) {
    return sentence(
      `Chưa so sánh được số đảng viên với năm ${previous} vì ${differentScopes([
        [year, members.scope],
        [previous, before.reading.scope],
      ])}`,
    );
  }
  return sentence(`Số đảng viên ${changeWords(members.value, before.reading.value)} so với năm ${previous}`);
}

/**
 * Women, probationary, under 30, ethnic minority (when any): shares of the members, or counts
 * alone in a unit of fewer than SMALL_BASE members.
 */
export function composition(c: Context): string {
  const { province, read, unit, year } = c;
  const members = read.reading(province.members, unit, year, 'members');
  if (!members || members.value === 0) return '';
  const parts: string[] = [];
  let wholeSaid = false;
  const share = (
    metric: 'women' | 'probationary' | 'age_under_30' | 'ethnic_minority',
    label: string,
    none: string,
  ) => {
    const part = comparable(read.reading(province.members, unit, year, metric), members);
    if (!part) return;
    const value = part[0].value;
    // Ethnic minority members are named only where there are some (most units have none).
    if (value === 0) {
      if (metric !== 'ethnic_minority') parts.push(none);
      return;
    }
    const percent = shareOf(value, members.value);
    if (percent === undefined) {
      parts.push(`${label}: ${formatNumber(value)} người`);
      return;
    }
    const whole = wholeSaid ? '' : ' tổng số đảng viên';
    wholeSaid = true;
    parts.push(`${label} chiếm ${percent}${whole} (${formatNumber(value)} người)`);
  };
  share('women', 'nữ', 'không có đảng viên nữ');
  share('probationary', 'đảng viên dự bị', 'không có đảng viên dự bị');
  share('age_under_30', 'đảng viên dưới 30 tuổi', 'không có đảng viên dưới 30 tuổi');
  share('ethnic_minority', 'đảng viên người dân tộc thiểu số', '');
  return parts.length === 0 ? '' : sentence(parts.join('; '));
}

/** Admitted, transferred in/out, deceased, removed, and whether they add up. */
export function balance(c: Context): string {
  const { province, read, unit, year, previous } = c;
  const term = (reading: Reading | undefined) => (reading && complete(reading.scope) ? reading : undefined);
  const admitted = term(read.reading(province.admissions, unit, year, 'admitted'));
  const moves = {
    in: term(read.reading(province.members, unit, year, 'transferred_in')),
    out: term(read.reading(province.members, unit, year, 'transferred_out')),
    deceased: term(read.reading(province.members, unit, year, 'deceased')),
    removed: term(read.reading(province.members, unit, year, 'removed')),
  };
  if (!moves.in && !moves.out && !moves.deceased && !moves.removed) return '';
  // Members that came or went with units moved by restructurings are neither admissions nor
  // transfers (contract v2 A.6): said apart, and counted in the balance.
  const moved = membersMoved(province, unit.id, year);
  const items: string[] = [];
  const add = (label: string, reading: Reading | undefined) => {
    if (reading) items.push(`${label} ${formatNumber(reading.value)}`);
  };
  if (moved !== undefined && moved > 0) {
    items.push(`nhận ${formatNumber(moved)} đảng viên từ các tổ chức đảng chuyển về do sắp xếp`);
  } else if (moved !== undefined && moved < 0) {
    items.push(`chuyển ${formatNumber(-moved)} đảng viên cùng các tổ chức đảng chuyển đi do sắp xếp`);
  }
  add('kết nạp', admitted);
  add('chuyển sinh hoạt đảng đến', moves.in);
  add('chuyển sinh hoạt đảng đi', moves.out);
  add('từ trần', moves.deceased);
  add('đưa ra khỏi Đảng', moves.removed);
  const sentences = [sentence(`Biến động đảng viên trong năm ${year}: ${items.join(', ')}`)];

  const members = read.reading(province.members, unit, year, 'members');
  const reported =
    previous === undefined ? undefined : read.reading(province.members, unit, previous, 'members');
  // A unit formed during the year starts from what the restructuring brought it.
  const formed = !province.tree.existsAt(unit.id, yearEnd(year - 1)) && moved !== undefined && moved > 0;
  const before = formed && members ? { value: 0, scope: members.scope } : reported;
  if (
    admitted &&
    moves.in &&
    moves.out &&
    moves.deceased &&
    moves.removed &&
    members &&
    before &&
    moved !== undefined
  ) {
    const expected =
      before.value +
      moved +
      admitted.value +
      moves.in.value -
      moves.out.value -
      moves.deceased.value -
      moves.removed.value;
    if (comparable(members, before) && expected !== members.value) {
      sentences.push(
        sentence(
          `Theo biến động, số đảng viên cuối năm ${year} phải là ${formatNumber(expected)}, nhưng số báo cáo là ${formatNumber(members.value)}; cần kiểm tra lại số liệu`,
        ),
      );
    }
  }
  return paragraph(sentences);
}

/** `Từ năm 2015 đến năm 2024, số đảng viên tăng 1.234 người (10,1%).` */
export function longRun(c: Context): string | undefined {
  const { province, read, unit, year } = c;
  const first = c.years.find((y) => read.value(province.members, unit.id, y, 'members') !== undefined);
  if (first === undefined || first >= year - 1) return undefined;
  const pair = comparable(
    read.reading(province.members, unit, year, 'members'),
    read.reading(province.members, unit, first, 'members'),
  );
  if (!pair) return undefined;
  return sentence(
    `Từ năm ${first} đến năm ${year}, số đảng viên ${changeWords(pair[0].value, pair[1].value)}`,
  );
}
