import type { Dataset } from '../read/dataset.ts';
import { buildProvince, type Province } from '../model/province.ts';
import { checkCalendar, todayInVietnam } from './calendar.ts';
import { checkConsistency } from './consistency.ts';
import { checkDissolutions } from './dissolution.ts';
import { checkEvents } from './events.ts';
import { checkReorganization } from './reorganization.ts';
import { hasErrors, sortProblems, type Problem } from '../problems.ts';
import { checkStructure } from './structure.ts';
import { checkTargetData, checkTerms } from './terms.ts';
import { placeProblems, type SheetPlace } from '../read/workbook.ts';

export interface Validated {
  /** Absent when there are errors: nothing may be built from broken data. */
  readonly province: Province | undefined;
  readonly problems: Problem[];
}

export interface ValidateOptions {
  /** Today as `YYYY-MM-DD`, for the checks against the calendar; the real date in Vietnam by default. */
  readonly today?: string | undefined;
}

/**
 * Structure first (the model cannot be built on a broken tree), then the model and the
 * replay of restructuring events over it, then the warnings that compare figures with each other.
 */
export function validate(
  data: Dataset,
  readProblems: readonly Problem[],
  { today = todayInVietnam() }: ValidateOptions = {},
): Validated {
  const places = new Map<string, SheetPlace>();
  for (const [file, source] of data.sources) if (source.place) places.set(file, source.place);
  const placed = (problems: readonly Problem[]) => sortProblems(placeProblems(problems, places));
  // A units.csv that could not be read at all (binary, empty, no header) already has its one
  // error; "no units in the file" would only repeat it.
  const unreadable = readProblems.some(
    (p) => p.severity === 'error' && p.file === 'units.csv' && (p.line ?? 1) === 1,
  );
  const structure = checkStructure(data).filter((p) => !(unreadable && p.code === 'no-units'));
  const problems = [...readProblems, ...structure, ...checkTerms(data), ...checkCalendar(data, today)];
  if (hasErrors(problems)) return { province: undefined, problems: placed(problems) };
  const province = buildProvince(data);
  // Events replay into the tree every rollup walks: a broken replay must stop before any sum.
  // A unit that ends with units still under it stops here too: the sums would silently drop them.
  problems.push(
    ...checkEvents(data, province.tree),
    ...checkDissolutions(data, province.tree),
    ...checkReorganization(data, province.tree),
  );
  if (hasErrors(problems)) return { province: undefined, problems: placed(problems) };
  problems.push(...checkConsistency(data, province), ...checkTargetData(data, province));
  return { province, problems: placed(problems) };
}
