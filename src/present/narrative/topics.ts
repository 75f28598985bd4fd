/** The written summary of a topic page (members, admissions, cells), for the whole province. */
import { complete } from '../../model/coverage.ts';
import type { Province } from '../../model/province.ts';
import { yearEnd } from '../../model/units.ts';
import { formatNumber } from '../format.ts';
import { membersBefore } from '../topic-views.ts';
import { listVi, paragraph, paragraphs, sentence } from '../wording.ts';
import { admissionHistory, admissionsParagraph } from './admissions.ts';
import { cellRatings, grassrootsRatings, residential } from './cells.ts';
import { contextFor, coveredOf, type Context, type Topic } from './context.ts';
import { balance, composition, longRun } from './members.ts';
import { memberOutliers, targetOutliers } from './outliers.ts';
import { missing, noFigures, overview } from './overview.ts';

/** The summary of a topic page, for the whole province. */
export function topicNarrative(province: Province, topic: Topic): string[] {
  const c = contextFor(province, province.root);
  if (!c) return [noFigures(province, province.root)];
  switch (topic) {
    case 'members':
      return paragraphs([
        paragraph([overview(c, { members: true, cells: false }), longRun(c)]),
        composition(c),
        balance(c),
        paragraph([
          memberOutliers(c, true, (child) => membersBefore(province, child, c.year).reading),
          comparedOnToday(c),
        ]),
        missing(c, ['members']),
      ]);
    case 'admissions':
      return paragraphs([
        admissionsParagraph(c),
        admissionHistory(c),
        targetOutliers(c),
        missing(c, ['admissions']),
      ]);
    case 'cells':
      return paragraphs([
        overview(c, { members: false, cells: true }),
        paragraph([...cellRatings(c), grassrootsRatings(c), ...residential(c)]),
        missing(c, ['cells']),
      ]);
  }
}

/** How many units a sentence names before it counts the rest. */
const NAMED = 3;

/**
 * Which subordinates were compared with the year before on today's organization, and which
 * could not be because their comparable figure covers only some organizations. Empty where no
 * restructuring formed or reshaped a unit directly under the province in the year.
 */
function comparedOnToday(c: Context): string {
  const { province, unit, year, previous } = c;
  if (previous === undefined) return '';
  const rows = province.tree
    .childrenAt(unit.id, yearEnd(year))
    .filter((child) => child.level !== 'cell')
    .map((child) => ({ child, before: membersBefore(province, child, year) }))
    .filter((r) => r.before.comparable && r.before.reading);
  const whole = rows.filter((r) => r.before.value !== undefined).map((r) => r.child.name);
  const sentences: string[] = [];
  if (whole.length > 0) {
    const who =
      whole.length <= NAMED
        ? `${listVi(whole)} (hình thành hoặc thay đổi do sắp xếp tổ chức)`
        : `${formatNumber(whole.length)} tổ chức đảng hình thành hoặc thay đổi do sắp xếp tổ chức (${whole.slice(0, NAMED).join(', ')} và ${formatNumber(whole.length - NAMED)} tổ chức khác)`;
    sentences.push(
      sentence(
        `Với ${who}, số đảng viên năm ${previous} dùng để so sánh là số quy đổi theo tổ chức hiện nay: tổng số đảng viên năm ${previous} của các tổ chức nay thuộc đơn vị`,
      ),
    );
  }
  for (const { child, before } of rows) {
    if (before.value !== undefined || !before.reading || complete(before.reading.scope)) continue;
    sentences.push(
      sentence(
        `Số đảng viên năm ${previous} quy đổi theo tổ chức hiện nay của ${child.name} mới tính trên ${coveredOf(before.reading.scope)} tổ chức cơ sở đảng, nên chưa so sánh được với năm ${year}`,
      ),
    );
  }
  return paragraph(sentences);
}
