/** The written summary of a topic page (members, admissions, cells), for the whole province. */
import type { Province } from '../../model/province.ts';
import { paragraph, paragraphs } from '../wording.ts';
import { admissionHistory, admissionsParagraph } from './admissions.ts';
import { cellRatings, grassrootsRatings, residential } from './cells.ts';
import { contextFor, type Topic } from './context.ts';
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
        memberOutliers(c, true),
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
