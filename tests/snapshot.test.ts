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
import { changesView } from '../src/present/changes-page.ts';
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
    const first = nextSnapshot(undefined, before);
    expect(first.changes).toBeNull();
    expect(changesView(first).lead[0]).toMatch(/^Đây là lần xuất bản đầu tiên/);
    expect(feedEntries(first)).toHaveLength(1);
  });

  it('compares with the published snapshot and adds one history entry per data version', () => {
    const first = nextSnapshot(undefined, before);
    const second = nextSnapshot(first, after);
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
    expect(entries.map((e) => e.updated)).toEqual(['2024-12-31T00:00:02Z', '2024-12-31T00:00:01Z']);
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
  });

  it('publishing the same data again changes no byte', () => {
    const second = nextSnapshot(nextSnapshot(undefined, before), after);
    const again = nextSnapshot(parseSnapshot(serializeSnapshot(second)), after);
    expect(serializeSnapshot(again)).toBe(serializeSnapshot(second));
  });

  it('formats changed figures for vi-VN readers with links to pages that still exist', () => {
    const view = changesView(nextSnapshot(nextSnapshot(undefined, before), after));
    const changed = view.sections.find((s) => s.id === 'so-lieu-thay-doi');
    expect(changed?.items.find((i) => i.link.label === 'Đảng bộ xã An')).toEqual({
      link: { label: 'Đảng bộ xã An', path: 'don-vi/g1/' },
      detail: 'Đảng viên: 60 → 65 (+5)',
    });
    const removed = view.sections.find((s) => s.id === 'don-vi-khong-con');
    expect(removed?.items[0]?.link.path).toBeUndefined();
  });
});

describe('serializeSnapshot and parseSnapshot', () => {
  it('writes keys in sorted order and reads back what it wrote', () => {
    const snapshot = nextSnapshot(undefined, after);
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
