/**
 * This build's snapshot: the figures a later build compares with, and the comparison with the
 * snapshot already published. Computed once per Province (memoized), whichever page asks first.
 */
import { formatProblem, type Problem } from '../problems.ts';
import type { Dataset } from '../read/dataset.ts';
import type { Province } from './province.ts';
import { nextSnapshot, snapshotFigures, type Snapshot, type SnapshotWarning } from './snapshot.ts';
import { PAGE_LEVELS } from './units.ts';
import { sharedWeakMap } from './shared.ts';

export interface SnapshotSource {
  readonly province: Province;
  readonly data: Dataset;
  readonly problems: readonly Problem[];
  /** Content hash of the data files (see src/build/cache.ts); the build and `getSite()` both set it. */
  readonly dataHash?: string | undefined;
  /** The snapshot already published in the output folder, if any. */
  readonly previousSnapshot?: Snapshot | undefined;
  /** When this build publishes (src/build/snapshot-file.ts): recorded if the data is new. */
  readonly publishedAt?: Date | undefined;
}

/** Which row of its file a problem is about, by the row's own identity rather than its line. */
export function rowIdentities(data: Dataset, file: string): Map<number, string> {
  const rows: readonly { line: number }[] & readonly object[] =
    file === 'units.csv'
      ? data.units
      : file === 'members.csv'
        ? data.members
        : file === 'admissions.csv'
          ? data.admissions
          : file === 'cells.csv'
            ? data.cells
            : file === 'restructurings.csv'
              ? data.restructurings
              : file === 'restructuring_units.csv'
                ? data.restructuringUnits
                : [];
  const ids = new Map<number, string>();
  for (const row of rows as readonly Readonly<Record<string, string | number | undefined>>[]) {
    const parts = ['id', 'restructuring_id', 'unit_id', 'year']
      .map((k) => row[k])
      .filter((v) => v !== undefined);
    ids.set(row['line'] as number, parts.join(' '));
  }
  return ids;
}

/**
 * A warning's identity survives rows being inserted above it: file, the row's own key
 * (unit and year, event id …), the check and the column. Line numbers are only the fallback.
 */
export function warningKeys(data: Dataset, problems: readonly Problem[]): SnapshotWarning[] {
  const byFile = new Map<string, Map<number, string>>();
  const keys: SnapshotWarning[] = [];
  for (const p of problems) {
    if (p.severity !== 'warning') continue;
    let ids = byFile.get(p.file);
    if (!ids) byFile.set(p.file, (ids = rowIdentities(data, p.file)));
    const row = p.line === undefined ? '' : (ids.get(p.line) ?? `dòng ${p.line}`);
    keys.push({ key: [p.file, row, p.code, p.key ?? ''].join('|'), text: formatProblem(p) });
  }
  return keys;
}

export const memo = sharedWeakMap<Province, Snapshot>('current-snapshot');

/** This build's snapshot (figures + comparison with the previous publication), once per build. */
export function currentSnapshot(source: SnapshotSource): Snapshot {
  const known = memo.get(source.province);
  if (known) return known;
  const { province, dataHash, publishedAt } = source;
  if (dataHash === undefined || publishedAt === undefined) {
    throw new Error('currentSnapshot: the site was handed over without dataHash or publishedAt');
  }
  const year = province.lastYear;
  const at = <K extends string>(
    stats: { rollup: { at(id: string, y: number): { values: Record<K, number | undefined> } | undefined } },
    id: string,
    key: K,
  ) => (year === undefined ? undefined : stats.rollup.at(id, year)?.values[key]);
  const units = [...province.tree.units.values()]
    .filter((u) => PAGE_LEVELS.has(u.level))
    .map((u) => ({
      id: u.id,
      name: u.name,
      parentId: u.parentId,
      members: at(province.members, u.id, 'members'),
      admitted: at(province.admissions, u.id, 'admitted'),
      cells: at(province.cells, u.id, 'cells'),
    }));
  const figures = snapshotFigures({
    dataHash,
    year,
    units,
    warnings: warningKeys(source.data, source.problems),
  });
  const snapshot = nextSnapshot(source.previousSnapshot, figures, publishedAt);
  memo.set(province, snapshot);
  return snapshot;
}
