/** The Atom feed of data updates (`/cap-nhat/feed.xml`), one entry per publication of the snapshot's history. */
import type { Province } from '../model/province.ts';
import type { HistoryEntry, Snapshot } from '../model/snapshot.ts';
import { asOf, countsSentence } from './changes-page.ts';
import { formatNumber } from './format.ts';
import { createHash } from 'node:crypto';

export interface FeedEntry {
  /** `urn:uuid:` derived from the data's hash: the same data is the same entry. */
  readonly id: string;
  readonly title: string;
  /** RFC 3339, from the data (31 December of its latest year, plus the publication's sequence
   * number in seconds so entries stay ordered), never the build clock. */
  readonly updated: string;
  readonly summary: string;
}

export const uuidFrom = (hash: string) => {
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
