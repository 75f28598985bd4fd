/** The "what changed" page (`/cap-nhat/`), from this build's snapshot (model/current-snapshot.ts). */
import type { ChangeCounts, HistoryEntry, Snapshot, SnapshotFigure, UnitRef } from '../model/snapshot.ts';
import { slug } from '../model/units.ts';
import { NOT_REPORTED, formatDate, formatNumber, formatSigned } from './format.ts';
import type { Link } from './links.ts';

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

/** One publication of new data, with its own anchor (the feed links each entry to it). */
export interface PublicationView {
  readonly id: string;
  readonly title: string;
  /** `lúc 14:05 ngày 05/12/2026`, or a note that the time was not recorded. */
  readonly when: string;
  readonly summary: string;
}

export interface ChangesView {
  readonly first: boolean;
  /** Sentences above the lists. */
  readonly lead: readonly string[];
  readonly sections: readonly ChangeSection[];
  /** Whether data warnings appeared or were resolved: counted in the lead, listed (with where
   * and how to fix) only on the data-quality report, which the page links. */
  readonly warningsChanged: boolean;
  /** Every publication remembered, newest first. */
  readonly publications: readonly PublicationView[];
}

export const FIGURE_LABELS: Readonly<Record<SnapshotFigure, (year: number | null) => string>> = {
  members: () => 'Đảng viên',
  admitted: (year) => (year === null ? 'Kết nạp' : `Kết nạp năm ${year}`),
  cells: () => 'Chi bộ trực thuộc',
};

export const unitLink = (unit: UnitRef, exists: boolean): Link => ({
  label: unit.name,
  path: exists ? `don-vi/${slug(unit.id)}/` : undefined,
});

export const figure = (value: number | null) => (value === null ? NOT_REPORTED : formatNumber(value));

export const asOf = (year: number | null) => (year === null ? undefined : formatDate(`${year}-12-31`));

/** Vietnam keeps UTC+7 all year: readers see their own clock whatever the build machine's zone. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `lúc 04:54 ngày 06/12/2026` (Vietnam time) from an RFC 3339 UTC time. */
export function formatPublished(publishedAt: string): string {
  const local = new Date(Date.parse(publishedAt) + VIETNAM_OFFSET_MS).toISOString();
  return `lúc ${local.slice(11, 16)} ngày ${formatDate(local.slice(0, 10))}`;
}

/** The anchor of a publication on `/cap-nhat/`: `lan-3` for the third. */
export const publicationId = (entry: HistoryEntry): string => `lan-${entry.sequence}`;

export const publicationTitle = (entry: HistoryEntry): string => {
  const when = asOf(entry.year);
  return `Lần xuất bản thứ ${formatNumber(entry.sequence)}${when ? ` (số liệu tính đến ${when})` : ''}`;
};

export const publicationSummary = (entry: HistoryEntry): string =>
  entry.counts === null
    ? 'Lần xuất bản đầu tiên.'
    : `So với lần xuất bản trước: ${countsSentence(entry.counts)}.`;

function publicationView(entry: HistoryEntry): PublicationView {
  return {
    id: publicationId(entry),
    title: publicationTitle(entry),
    when:
      entry.publishedAt === null
        ? 'thời điểm xuất bản không được ghi lại'
        : formatPublished(entry.publishedAt),
    summary: publicationSummary(entry),
  };
}

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

/**
 * The page is for readers: units by name, figures, and when each publication happened. Data
 * warnings (file, line, how to fix) are the publishers' business: counted here, listed on the
 * data-quality report.
 */
export function changesView(snapshot: Snapshot): ChangesView {
  const { changes } = snapshot;
  const publications = snapshot.history.map(publicationView);
  const latest = snapshot.history[0];
  const sequence = latest?.sequence ?? 1;
  const when = latest?.publishedAt ? `, ${formatPublished(latest.publishedAt)}` : '';
  const asOfNow = asOf(snapshot.year) ? `, số liệu tính đến ${asOf(snapshot.year)}` : '';
  if (changes === null) {
    return {
      first: true,
      lead: [
        `Đây là lần xuất bản đầu tiên của trang số liệu này${when}${asOfNow}, nên chưa có lần xuất bản trước để so sánh.`,
        'Từ lần cập nhật dữ liệu sau, trang này sẽ liệt kê các đơn vị mới, đơn vị không còn trong danh sách, đơn vị chuyển đơn vị cấp trên, đơn vị đổi tên và số liệu chính thay đổi.',
      ],
      sections: [],
      warningsChanged: false,
      publications,
    };
  }
  const now = new Set(snapshot.units.map((u) => u[0]));
  const lead = [
    `Lần xuất bản gần nhất là lần thứ ${formatNumber(sequence)}${when}${asOfNow}. So với lần xuất bản trước${asOf(changes.fromYear) ? ` (số liệu tính đến ${asOf(changes.fromYear)})` : ''}: ${countsSentence(changes.counts)}.`,
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
      changes.removed.map((u) => ({ link: unitLink(u, false), detail: undefined })),
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
        detail: `trước đây là ${u.before}`,
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
  ];
  return {
    first: false,
    lead,
    sections,
    warningsChanged: changes.counts.appeared + changes.counts.resolved > 0,
    publications,
  };
}
