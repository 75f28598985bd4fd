import { describe, expect, it } from 'vitest';
import {
  diffSnapshots,
  LIST_LIMIT,
  nextSnapshot,
  parseSnapshot,
  serializeSnapshot,
  snapshotFigures,
  type SnapshotInput,
} from '../src/model/snapshot.ts';
import { changesView, formatPublished } from '../src/present/changes-page.ts';
import { feedEntries } from '../src/present/changes-feed.ts';

type Row = SnapshotInput['units'] extends Iterable<infer U> ? U : never;
const unit = (id: string, parentId: string | undefined, members?: number, name = `Đảng bộ ${id}`): Row => ({
  id,
  name,
  parentId,
  members,
  admitted: 3,
  cells: 4,
});
const figures = (hash: string, units: Row[], warnings: string[] = [], year = 2024) =>
  snapshotFigures({
    dataHash: hash,
    year,
    units,
    warnings: warnings.map((key) => ({ key, text: `cảnh báo ${key}` })),
  });

const before = figures(
  'a',
  [unit('P', undefined, 100), unit('D1', 'P', 60), unit('G1', 'D1', 60), unit('G2', 'P', 40)],
  ['w-old', 'w-kept'],
);
const after = figures(
  'b',
  [
    unit('P', undefined, 105),
    unit('D1', 'P', 60),
    unit('G1', 'P', 65, 'Đảng bộ xã An'),
    unit('G3', 'D1', 40),
  ],
  ['w-kept', 'w-new'],
);

/** Two publication times: the first is 20:30 on 10/03/2025 in Vietnam, the second the next morning there. */
const MARCH = new Date('2025-03-10T13:30:00Z');
const LATER = new Date('2025-03-11T01:05:09Z');

describe('diffSnapshots', () => {
  const changes = diffSnapshots(before, after);
  it.each([
    ['added', changes.added.map((u) => u.id), ['G3']],
    ['removed', changes.removed.map((u) => u.id), ['G2']],
    ['moved', changes.moved.map((u) => `${u.id}:${u.from?.id}>${u.to?.id}`), ['G1:D1>P']],
    ['changed', changes.changed.map((u) => u.id), ['G1', 'P']],
    ['renamed', changes.renamed.map((u) => `${u.before} > ${u.name}`), ['Đảng bộ G1 > Đảng bộ xã An']],
    ['appeared', changes.appeared.map((w) => w.key), ['w-new']],
    ['resolved', changes.resolved.map((w) => w.key), ['w-old']],
  ])('lists units and warnings %s', (_kind, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('gives each changed figure old and new value', () => {
    expect(changes.changed.find((u) => u.id === 'G1')?.figures).toEqual([
      { figure: 'members', before: 60, after: 65 },
    ]);
  });

  it('does not compare figures of two different years', () => {
    const nextYear = figures('c', [unit('P', undefined, 120)], [], 2025);
    const diff = diffSnapshots(figures('d', [unit('P', undefined, 100)]), nextYear);
    expect(diff.changed).toEqual([]);
    expect(diff.counts.changed).toBe(0);
  });

  it('caps long lists but keeps the exact count', () => {
    const many = Array.from({ length: LIST_LIMIT + 7 }, (_, i) =>
      unit(`N${String(i).padStart(4, '0')}`, 'P'),
    );
    const diff = diffSnapshots(figures('e', []), figures('f', many));
    expect(diff.added).toHaveLength(LIST_LIMIT);
    expect(diff.counts.added).toBe(LIST_LIMIT + 7);
  });
});

describe('nextSnapshot', () => {
  it('says there is nothing to compare on the first publication', () => {
    const first = nextSnapshot(undefined, before, MARCH);
    expect(first.changes).toBeNull();
    expect(changesView(first).lead[0]).toMatch(/^Đây là lần xuất bản đầu tiên/);
    expect(feedEntries(first)).toHaveLength(1);
  });

  it('compares with the published snapshot and adds one history entry per data version', () => {
    const first = nextSnapshot(undefined, before, MARCH);
    const second = nextSnapshot(first, after, LATER);
    expect(second.changes?.counts).toEqual({
      added: 1,
      removed: 1,
      moved: 1,
      renamed: 1,
      changed: 2,
      appeared: 1,
      resolved: 1,
    });
    expect(second.history.map((h) => h.sequence)).toEqual([2, 1]);
    const entries = feedEntries(second);
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
  });

  it('records when each data version was published, and the feed gives those times and each its own anchor', () => {
    const second = nextSnapshot(nextSnapshot(undefined, before, MARCH), after, LATER);
    expect(second.history.map((h) => h.publishedAt)).toEqual([
      '2025-03-11T01:05:09Z',
      '2025-03-10T13:30:00Z',
    ]);
    expect(feedEntries(second).map((e) => [e.updated, e.anchor])).toEqual([
      ['2025-03-11T01:05:09Z', 'lan-2'],
      ['2025-03-10T13:30:00Z', 'lan-1'],
    ]);
    expect(changesView(second).publications).toEqual([
      {
        id: 'lan-2',
        title: 'Lần xuất bản thứ 2 (số liệu tính đến 31/12/2024)',
        when: 'lúc 08:05 ngày 11/03/2025',
        summary: expect.stringMatching(/^So với lần xuất bản trước: 1 đơn vị mới, /),
      },
      {
        id: 'lan-1',
        title: 'Lần xuất bản thứ 1 (số liệu tính đến 31/12/2024)',
        when: 'lúc 20:30 ngày 10/03/2025',
        summary: 'Lần xuất bản đầu tiên.',
      },
    ]);
    expect(changesView(second).lead[0]).toMatch(
      /^Lần xuất bản gần nhất là lần thứ 2, lúc 08:05 ngày 11\/03\/2025, số liệu tính đến 31\/12\/2024\./,
    );
  });

  it('keeps the recorded time when the same data is published again later', () => {
    const first = nextSnapshot(undefined, before, MARCH);
    expect(nextSnapshot(first, before, LATER).history).toEqual(first.history);
  });

  it('reads a snapshot written before times were kept, lists its publications without a time and leaves them out of the feed', () => {
    const second = nextSnapshot(nextSnapshot(undefined, before, MARCH), after, LATER);
    const old = JSON.parse(serializeSnapshot(second)) as { history: Record<string, unknown>[] };
    for (const entry of old.history) delete entry['publishedAt'];
    const legacy = parseSnapshot(JSON.stringify(old));
    expect(legacy?.history.map((h) => h.publishedAt)).toEqual([null, null]);
    if (!legacy) return;
    expect(feedEntries(legacy)).toEqual([]);
    expect(changesView(legacy).publications.map((p) => p.when)).toEqual([
      'thời điểm xuất bản không được ghi lại',
      'thời điểm xuất bản không được ghi lại',
    ]);
    // The next data version is the first with a time: the feed has it alone.
    const third = nextSnapshot(legacy, before, new Date('2025-04-01T02:00:00Z'));
    expect(feedEntries(third).map((e) => e.anchor)).toEqual(['lan-3']);
  });

  it('shows readers unit names, never unit ids or the data warnings themselves', () => {
    const view = changesView(nextSnapshot(nextSnapshot(undefined, before, MARCH), after, LATER));
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/mã G2|cảnh báo w-/);
    expect(view.sections.map((s) => s.id)).not.toContain('canh-bao-moi');
    expect(view.warningsChanged).toBe(true);
    const removed = view.sections.find((s) => s.id === 'don-vi-khong-con');
    expect(removed?.items).toEqual([{ link: { label: 'Đảng bộ G2', path: undefined }, detail: undefined }]);
  });

  it('publishing the same data again changes no byte', () => {
    const second = nextSnapshot(nextSnapshot(undefined, before, MARCH), after, LATER);
    const again = nextSnapshot(
      parseSnapshot(serializeSnapshot(second)),
      after,
      new Date('2026-01-01T00:00:00Z'),
    );
    expect(serializeSnapshot(again)).toBe(serializeSnapshot(second));
  });

  it('formats changed figures for vi-VN readers with links to pages that still exist', () => {
    const view = changesView(nextSnapshot(nextSnapshot(undefined, before, MARCH), after, LATER));
    const changed = view.sections.find((s) => s.id === 'so-lieu-thay-doi');
    expect(changed?.items.find((i) => i.link.label === 'Đảng bộ xã An')).toEqual({
      link: { label: 'Đảng bộ xã An', path: 'don-vi/g1/' },
      detail: 'Đảng viên: 60 → 65 (+5)',
    });
    const removed = view.sections.find((s) => s.id === 'don-vi-khong-con');
    expect(removed?.items[0]?.link.path).toBeUndefined();
  });
});

describe('formatPublished', () => {
  it.each([
    ['2025-03-10T13:30:00Z', 'lúc 20:30 ngày 10/03/2025'],
    // After 17:00 UTC it is already the next day in Vietnam, and the next year on 31 December.
    ['2025-12-31T17:00:00Z', 'lúc 00:00 ngày 01/01/2026'],
    ['2026-02-28T23:59:59Z', 'lúc 06:59 ngày 01/03/2026'],
  ])('writes %s in Vietnam time as "%s"', (time, expected) => {
    expect(formatPublished(time)).toBe(expected);
  });
});

describe('serializeSnapshot and parseSnapshot', () => {
  it('writes keys in sorted order and reads back what it wrote', () => {
    const snapshot = nextSnapshot(undefined, after, MARCH);
    const text = serializeSnapshot(snapshot);
    expect(text.indexOf('"changes"')).toBeLessThan(text.indexOf('"dataHash"'));
    expect(parseSnapshot(text)).toEqual(snapshot);
  });

  it.each([
    ['not JSON', '{'],
    ['another format', '{"format":2}'],
    [
      'units of the wrong shape',
      '{"format":1,"dataHash":"x","year":2024,"units":[["A"]],"warnings":[],"history":[],"changes":null}',
    ],
  ])('reads %s as no snapshot', (_case, text) => {
    expect(parseSnapshot(text)).toBeUndefined();
  });
});
