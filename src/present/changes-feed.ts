/** The Atom feed of data updates (`/cap-nhat/feed.xml`), one entry per publication of the snapshot's history. */
import type { Province } from '../model/province.ts';
import type { Snapshot } from '../model/snapshot.ts';
import { publicationId, publicationSummary, publicationTitle } from './changes-page.ts';
import { createHash } from 'node:crypto';

export interface FeedEntry {
  /** `urn:uuid:` derived from the data's hash: the same data is the same entry. */
  readonly id: string;
  readonly title: string;
  /** RFC 3339: when this data was published, as the snapshot recorded it. */
  readonly updated: string;
  /** The publication's anchor on `/cap-nhat/` (`lan-3`). */
  readonly anchor: string;
  readonly summary: string;
}

export const uuidFrom = (hash: string) => {
  const hex = hash.replace(/[^0-9a-f]/gi, '').padEnd(32, '0');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** The feed's own id: one per province, stable for as long as the root unit keeps its id. */
export const feedId = (province: Province): string =>
  uuidFrom(createHash('sha256').update(`nguồn tin cập nhật ${province.root.id}`).digest('hex'));

/**
 * One entry per publication, newest first. A publication recorded before times were kept has no
 * true time to give, and a feed entry must have one: it is left out of the feed (the page still
 * lists it) rather than given a made-up date.
 */
export function feedEntries(snapshot: Snapshot): FeedEntry[] {
  return snapshot.history.flatMap((entry) =>
    entry.publishedAt === null
      ? []
      : [
          {
            id: uuidFrom(entry.dataHash),
            title: publicationTitle(entry),
            updated: entry.publishedAt,
            anchor: publicationId(entry),
            summary: publicationSummary(entry),
          },
        ],
  );
}
