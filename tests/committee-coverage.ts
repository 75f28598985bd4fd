import { levelAt } from '../src/model/organizations.ts';
import type { Province } from '../src/model/province.ts';
import { PAGE_LEVELS } from '../src/model/units.ts';

/**
 * The (unit, term) pairs that should have a committee and have none: every unit that was a
 * province, district-level or grassroots organization at the end of a year of the term before its
 * last, or on 30/06 of its last year (a reorganization takes effect on 01/07: a commune ended then
 * belongs to 2020-2025 only, a committee formed then to 2025-2030 only).
 */
export function missingCommittees(province: Province, terms: readonly string[]): string[] {
  const { tree } = province;
  const missing: string[] = [];
  for (const term of terms) {
    const [start = 0, end = 0] = term.split('-').map(Number);
    const moments: string[] = [];
    for (let y = start; y < end; y++) moments.push(`${y}-12-31`);
    moments.push(`${end}-06-30`);
    const lived = (id: string) =>
      moments.some(
        (when) => tree.existsAt(id, when) && PAGE_LEVELS.has(levelAt(tree, tree.units.get(id)!, when)),
      );
    for (const id of tree.units.keys()) {
      const has = province.terms.committees.get(id)?.some((c) => c.term === term) ?? false;
      if (!has && lived(id)) missing.push(`${id} ${term}`);
    }
  }
  return missing;
}
