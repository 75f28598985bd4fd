import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicationDateFrom, readPublishedSnapshot, SNAPSHOT_PATH } from '../src/build/snapshot-file.ts';
import { nextSnapshot, serializeSnapshot, snapshotFigures } from '../src/model/snapshot.ts';
import { tempDir } from './helpers.ts';

const CLOCK = new Date('2026-12-05T21:54:36.789Z');

describe('publicationDateFrom', () => {
  it.each([
    ['unset', undefined, '2026-12-05T21:54:36.789Z'],
    ['empty', '', '2026-12-05T21:54:36.789Z'],
    ['seconds since 1970', '1767225600', '2026-01-01T00:00:00.000Z'],
    ['seconds with spaces around', ' 1767225600 ', '2026-01-01T00:00:00.000Z'],
  ])('SOURCE_DATE_EPOCH %s gives the publication time', (_case, setting, expected) => {
    const env = setting === undefined ? {} : { SOURCE_DATE_EPOCH: setting };
    expect(publicationDateFrom(env, () => CLOCK).toISOString()).toBe(expected);
  });

  it.each(['1.767.225.600', '1767225600.5', '-5', '2026-01-01', 'ngày mai'])(
    'refuses SOURCE_DATE_EPOCH="%s" with a message saying what to write',
    (setting) => {
      expect(() => publicationDateFrom({ SOURCE_DATE_EPOCH: setting }, () => CLOCK)).toThrow(
        `Biến môi trường SOURCE_DATE_EPOCH="${setting}" không hợp lệ: cần số giây kể từ 01/01/1970`,
      );
    },
  );
});

describe('readPublishedSnapshot', () => {
  const published = (history: (text: string) => string) => {
    const outDir = tempDir('snapshot-');
    mkdirSync(join(outDir, 'du-lieu'));
    const figures = snapshotFigures({ dataHash: 'a', year: 2024, units: [], warnings: [] });
    const text = serializeSnapshot(nextSnapshot(undefined, figures, new Date('2025-03-10T13:30:00Z')));
    writeFileSync(join(outDir, SNAPSHOT_PATH), history(text));
    const written = new Date('2025-03-09T08:00:00Z');
    utimesSync(join(outDir, SNAPSHOT_PATH), written, written);
    return outDir;
  };

  it('reads the recorded publication time', async () => {
    const snapshot = await readPublishedSnapshot(published((text) => text));
    expect(snapshot?.history[0]?.publishedAt).toBe('2025-03-10T13:30:00Z');
  });

  it('takes the time the file was written for the latest publication of a snapshot written before times were kept', async () => {
    const snapshot = await readPublishedSnapshot(
      published((text) => text.replace(/"publishedAt":"[^"]*",?/, '')),
    );
    expect(snapshot?.history[0]?.publishedAt).toBe('2025-03-09T08:00:00Z');
  });

  it('reads a missing snapshot as none', async () => {
    expect(await readPublishedSnapshot(tempDir('snapshot-'))).toBeUndefined();
  });
});
