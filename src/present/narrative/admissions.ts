/** Paragraphs about admissions (kết nạp đảng viên): the year against its target, and the years before. */
import { comparable } from '../../model/coverage.ts';
import { formatNumber } from '../format.ts';
import { changeWords, paragraph, sentence, shareOf, targetWords } from '../wording.ts';
import { against, figureBefore } from '../year-before.ts';
import { coverageNote, coveredOf, reshapedChange, reshapedSentences, type Context } from './context.ts';

/** `kết nạp 12 đảng viên mới`, `không kết nạp đảng viên mới nào`, after `Năm 2024 `. */
export const admittedWords = (admitted: number): string =>
  admitted === 0 ? 'không kết nạp đảng viên mới nào' : `kết nạp ${formatNumber(admitted)} đảng viên mới`;

/** Admissions of the year against the target, the members they add to, and last year. */
export function admissionsParagraph(c: Context): string {
  const { province, read, unit, year, previous } = c;
  const admitted = read.reading(province.admissions, unit, year, 'admitted');
  if (!admitted) return '';
  const target = read.reading(province.admissions, unit, year, 'target');
  let main = `Năm ${year} ${admittedWords(admitted.value)}`;
  if (!target) main += '; chưa có số liệu chỉ tiêu kết nạp';
  else if (comparable(admitted, target)) main += `, ${targetWords(admitted.value, target.value)}`;
  else {
    main += `; chưa tính được tỷ lệ đạt chỉ tiêu vì mới có số liệu chỉ tiêu của ${coveredOf(target.scope)} tổ chức cơ sở đảng`;
  }
  const sentences = [sentence(main), coverageNote('Số kết nạp', admitted, year)];
  // A unit reshaped during the year is compared on the organization it has now (year-before.ts).
  const membersBefore = figureBefore(province, province.members, 'members', unit, year);
  const admittedBefore = figureBefore(province, province.admissions, 'admitted', unit, year);
  if (membersBefore.comparable || previous !== undefined) {
    const base = against(admitted, membersBefore);
    const share = base && shareOf(admitted.value, base[1].value);
    if (share !== undefined && admitted.value > 0) {
      const counted = membersBefore.comparable ? ' quy đổi theo tổ chức hiện nay' : '';
      sentences.push(sentence(`Số kết nạp bằng ${share} tổng số đảng viên cuối năm ${year - 1}${counted}`));
    }
  }
  if (admittedBefore.comparable) {
    sentences.push(
      ...reshapedSentences(c, [
        reshapedChange(c, 'số đảng viên kết nạp mới', admitted, admittedBefore, changeWords),
      ]),
    );
  } else if (previous !== undefined) {
    const before = comparable(admitted, admittedBefore.reading);
    if (before) sentences.push(sentence(admittedChange(before[0].value, before[1].value, previous)));
  }
  return paragraph(sentences);
}

/**
 * Against the year before. Where either year admitted no one, that year's count reads better
 * than "tăng 3 người" or "giảm 1 người (từ 1 xuống 0)" after "không kết nạp … nào".
 */
function admittedChange(now: number, before: number, previous: number): string {
  if (now === 0 && before === 0) return `Năm ${previous} cũng không kết nạp đảng viên mới nào`;
  if (now === 0 || before === 0) return `Năm ${previous} ${admittedWords(before)}`;
  return `Số đảng viên kết nạp mới ${changeWords(now, before)} so với năm ${previous}`;
}

/** Admissions over all years with figures, and the year with the most. */
export function admissionHistory(c: Context): string {
  const { province, read, unit } = c;
  const byYear = c.years
    .map((y) => ({ year: y, admitted: read.value(province.admissions, unit.id, y, 'admitted') }))
    .filter((x): x is { year: number; admitted: number } => x.admitted !== undefined);
  const first = byYear[0];
  const last = byYear.at(-1);
  if (!first || !last || byYear.length < 2) return '';
  const total = byYear.reduce((sum, x) => sum + x.admitted, 0);
  const most = [...byYear].sort((a, b) => b.admitted - a.admitted || a.year - b.year)[0];
  return paragraph([
    sentence(
      `Từ năm ${first.year} đến năm ${last.year}, theo số liệu đã có, ${c.name} kết nạp tổng cộng ${formatNumber(total)} đảng viên mới`,
    ),
    most && sentence(`Năm kết nạp nhiều nhất là năm ${most.year} (${formatNumber(most.admitted)} đảng viên)`),
  ]);
}
