/**
 * The "what changed" page (`/cap-nhat/`) and its Atom feed, from this build's snapshot. The
 * snapshot is computed once per Province (memoized), whichever page asks first.
 */
import { createHash } from 'node:crypto';
import type { Dataset } from '../read/dataset.ts';
import type { Province } from '../model/province.ts';
import {
  nextSnapshot,
  snapshotFigures,
  type ChangeCounts,
  type HistoryEntry,
  type Snapshot,
  type SnapshotFigure,
  type SnapshotWarning,
  type UnitRef,
} from '../model/snapshot.ts';
import { PAGE_LEVELS, slug } from '../model/units.ts';
import { formatProblem, type Problem } from '../problems.ts';
import { formatDate, formatNumber, formatSigned, NOT_REPORTED } from './format.ts';
import type { Link } from './links.ts';

export interface SnapshotSource {
  readonly province: Province;
  readonly data: Dataset;
  readonly problems: readonly Problem[];
  /** Content hash of the data files (see src/cache.ts); the build and `getSite()` both set it. */
  readonly dataHash?: string | undefined;
  /** The snapshot already published in the output folder, if any. */
  readonly previousSnapshot?: Snapshot | undefined;
}

/** Which row of its file a problem is about, by the row's own identity rather than its line. */
function rowIdentities(data: Dataset, file: string): Map<number, string> {
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
  for (const row of rows as readonly Record<string, unknown>[]) {
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

const memo = new WeakMap<Province, Snapshot>();

/** This build's snapshot (figures + comparison with the previous publication), once per build. */
export function currentSnapshot(source: SnapshotSource): Snapshot {
  const known = memo.get(source.province);
  if (known) return known;
  const { province, dataHash } = source;
  if (dataHash === undefined) throw new Error('currentSnapshot: the site was handed over without dataHash');
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
  const snapshot = nextSnapshot(source.previousSnapshot, figures);
  memo.set(province, snapshot);
  return snapshot;
}

export interface ChangeItem {
  readonly link: Link;
  readonly detail: string | undefined;
}

export interface ChangeSection {
  /** Anchor on the page. */
  readonly id: string;
  readonly heading: string;
  /** Said when the list is empty. */
  readonly none: string;
  readonly items: readonly ChangeItem[];
  /** How many more there are than listed (lists are capped). */
  readonly more: number;
}

export interface ChangesView {
  readonly first: boolean;
  /** Sentences above the lists. */
  readonly lead: readonly string[];
  readonly sections: readonly ChangeSection[];
}

const FIGURE_LABELS: Readonly<Record<SnapshotFigure, (year: number | null) => string>> = {
  members: () => 'Đảng viên',
  admitted: (year) => (year === null ? 'Kết nạp' : `Kết nạp năm ${year}`),
  cells: () => 'Chi bộ trực thuộc',
};

const unitLink = (unit: UnitRef, exists: boolean): Link => ({
  label: unit.name,
  path: exists ? `don-vi/${slug(unit.id)}/` : undefined,
});

const figure = (value: number | null) => (value === null ? NOT_REPORTED : formatNumber(value));

const asOf = (year: number | null) => (year === null ? undefined : formatDate(`${year}-12-31`));

/** `3 đơn vị mới, 12 đơn vị thay đổi số liệu …`; empty parts are left out. */
export function countsSentence(counts: ChangeCounts): string {
  const parts = [
    counts.added > 0 && `${formatNumber(counts.added)} đơn vị mới`,
    counts.removed > 0 && `${formatNumber(counts.removed)} đơn vị không còn trong danh sách`,
    counts.moved > 0 && `${formatNumber(counts.moved)} đơn vị chuyển đơn vị cấp trên`,
    // Snapshots written before renames were tracked have no count: read as none.
    (counts.renamed ?? 0) > 0 && `${formatNumber(counts.renamed)} đơn vị đổi tên`,
    counts.changed > 0 && `${formatNumber(counts.changed)} đơn vị thay đổi số liệu`,
    counts.appeared > 0 && `${formatNumber(counts.appeared)} cảnh báo dữ liệu mới`,
    counts.resolved > 0 && `${formatNumber(counts.resolved)} cảnh báo đã được khắc phục`,
  ].filter((p): p is string => typeof p === 'string');
  return parts.length === 0 ? 'không có thay đổi về đơn vị, số liệu chính hay cảnh báo' : parts.join(', ');
}

export function changesView(snapshot: Snapshot): ChangesView {
  const { changes } = snapshot;
  const sequence = snapshot.history[0]?.sequence ?? 1;
  if (changes === null) {
    return {
      first: true,
      lead: [
        'Đây là lần xuất bản đầu tiên của trang số liệu này, nên chưa có lần xuất bản trước để so sánh.',
        'Từ lần cập nhật dữ liệu sau, trang này sẽ liệt kê các đơn vị mới, đơn vị không còn trong danh sách, đơn vị chuyển đơn vị cấp trên, số liệu chính thay đổi và các cảnh báo dữ liệu mới xuất hiện hoặc đã được khắc phục.',
      ],
      sections: [],
    };
  }
  const now = new Set(snapshot.units.map((u) => u[0]));
  const lead = [
    `Lần xuất bản thứ ${formatNumber(sequence)}${asOf(snapshot.year) ? `, số liệu tính đến ${asOf(snapshot.year)}` : ''}. So với lần xuất bản trước${asOf(changes.fromYear) ? ` (số liệu tính đến ${asOf(changes.fromYear)})` : ''}: ${countsSentence(changes.counts)}.`,
  ];
  if (changes.fromYear !== changes.toYear) {
    lead.push(
      `Số liệu mới nhất nay là của năm ${changes.toYear ?? NOT_REPORTED} (lần trước: năm ${changes.fromYear ?? NOT_REPORTED}), nên số liệu của từng đơn vị không so sánh trực tiếp ở đây; số liệu các năm có trên trang của từng đơn vị.`,
    );
  }
  const year = snapshot.year;
  const section = (
    id: string,
    heading: string,
    none: string,
    total: number,
    items: readonly ChangeItem[],
  ): ChangeSection => ({
    id,
    heading: `${heading} (${formatNumber(total)})`,
    none,
    items,
    more: total - items.length,
  });
  const sections = [
    section(
      'don-vi-moi',
      'Đơn vị mới',
      'Không có đơn vị mới.',
      changes.counts.added,
      changes.added.map((u) => ({ link: unitLink(u, now.has(u.id)), detail: undefined })),
    ),
    section(
      'don-vi-khong-con',
      'Đơn vị không còn trong danh sách',
      'Không có đơn vị nào bị bỏ khỏi danh sách.',
      changes.counts.removed,
      changes.removed.map((u) => ({ link: unitLink(u, false), detail: `mã ${u.id}` })),
    ),
    section(
      'chuyen-cap-tren',
      'Đơn vị chuyển đơn vị cấp trên',
      'Không có đơn vị nào chuyển đơn vị cấp trên.',
      changes.counts.moved,
      changes.moved.map((u) => ({
        link: unitLink(u, now.has(u.id)),
        detail: `từ ${u.from?.name ?? NOT_REPORTED} sang ${u.to?.name ?? NOT_REPORTED}`,
      })),
    ),
    section(
      'doi-ten',
      'Đơn vị đổi tên',
      'Không có đơn vị nào đổi tên.',
      changes.counts.renamed ?? 0,
      (changes.renamed ?? []).map((u) => ({
        link: unitLink(u, now.has(u.id)),
        detail: `tên cũ: ${u.before}`,
      })),
    ),
    section(
      'so-lieu-thay-doi',
      'Số liệu chính thay đổi',
      changes.fromYear === changes.toYear
        ? 'Số liệu chính của các đơn vị không thay đổi.'
        : 'Không so sánh vì số liệu mới nhất là của một năm khác.',
      changes.counts.changed,
      changes.changed.map((u) => ({
        link: unitLink(u, now.has(u.id)),
        detail: u.figures
          .map((f) => {
            const diff =
              f.before !== null && f.after !== null ? ` (${formatSigned(f.after - f.before)})` : '';
            return `${FIGURE_LABELS[f.figure](year)}: ${figure(f.before)} → ${figure(f.after)}${diff}`;
          })
          .join('; '),
      })),
    ),
    section(
      'canh-bao-moi',
      'Cảnh báo dữ liệu mới',
      'Không có cảnh báo dữ liệu mới.',
      changes.counts.appeared,
      changes.appeared.map((w) => ({ link: { label: w.text, path: undefined }, detail: undefined })),
    ),
    section(
      'canh-bao-da-khac-phuc',
      'Cảnh báo đã được khắc phục',
      'Không có cảnh báo nào được khắc phục.',
      changes.counts.resolved,
      changes.resolved.map((w) => ({ link: { label: w.text, path: undefined }, detail: undefined })),
    ),
  ];
  return { first: false, lead, sections };
}

export interface FeedEntry {
  /** `urn:uuid:` derived from the data's hash: the same data is the same entry. */
  readonly id: string;
  readonly title: string;
  /** RFC 3339, from the data (31 December of its latest year, plus the publication's sequence
   * number in seconds so entries stay ordered), never the build clock. */
  readonly updated: string;
  readonly summary: string;
}

const uuidFrom = (hash: string) => {
  const hex = hash.replace(/[^0-9a-f]/gi, '').padEnd(32, '0');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** The feed's own id: one per province, stable for as long as the root unit keeps its id. */
export const feedId = (province: Province): string =>
  uuidFrom(createHash('sha256').update(`nguồn tin cập nhật ${province.root.id}`).digest('hex'));

export function feedUpdated(entry: HistoryEntry): string {
  const year = entry.year ?? 1970;
  return new Date(Date.UTC(year, 11, 31) + entry.sequence * 1000).toISOString().replace('.000Z', 'Z');
}

export function feedEntries(snapshot: Snapshot): FeedEntry[] {
  return snapshot.history.map((entry) => {
    const when = asOf(entry.year);
    return {
      id: uuidFrom(entry.dataHash),
      title: `Cập nhật số liệu lần thứ ${formatNumber(entry.sequence)}${when ? ` (số liệu tính đến ${when})` : ''}`,
      updated: feedUpdated(entry),
      summary:
        entry.counts === null
          ? 'Lần xuất bản đầu tiên.'
          : `So với lần xuất bản trước: ${countsSentence(entry.counts)}.`,
    };
  });
}
