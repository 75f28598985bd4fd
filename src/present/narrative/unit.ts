/**
 * Written summaries: Vietnamese paragraphs computed from the model, for unit pages. Plain text
 * (pages escape it). Every figure goes through `format.ts`; a figure that is missing is said to
 * be missing, never printed as a dash or `undefined` inside a sentence.
 */
import { isAbove } from '../../model/organizations.ts';
import type { Province } from '../../model/province.ts';
import { paragraphs } from '../wording.ts';
import { admissionsParagraph } from './admissions.ts';
import { cellsQuality } from './cells.ts';
import { contextFor } from './context.ts';
import { balance, composition } from './members.ts';
import { targetOutliers } from './outliers.ts';
import { lifeNotes, missing, noFigures, overview, restructuring } from './overview.ts';
import { provinceTermProgress } from './terms.ts';
import { membersOnToday } from './topics.ts';

/** The summary of one unit's page: plain-text paragraphs, latest year first. */
export function unitNarrative(province: Province, unitId: string): string[] {
  const unit = province.tree.units.get(unitId);
  if (!unit) throw new Error(`unitNarrative: unknown unit ${unitId}`);
  const c = contextFor(province, unit);
  if (!c) return [noFigures(province, unit)];
  const above = isAbove(unit);
  return paragraphs([
    overview(c, { members: true, cells: true }),
    admissionsParagraph(c),
    composition(c),
    balance(c),
    cellsQuality(c),
    unit.id === province.root.id ? provinceTermProgress(province) : '',
    above ? membersOnToday(c, false) : '',
    above ? targetOutliers(c) : '',
    restructuring(c),
    lifeNotes(c) ?? '',
    missing(c, ['members', 'admissions', 'cells']),
  ]);
}
