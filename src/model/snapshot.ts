/**
 * A compact record of what a build published: for every unit with a page, its name, parent and
 * latest-year figures, plus the warnings. The next build compares its own snapshot with the
 * one already published and lists what changed. Pure: no clock, no file system; the same data
 * and the same previous snapshot always give the same bytes.
 */

export const SNAPSHOT_FORMAT = 1;

/** The figures compared between two publications, as of the latest year's end. */
export const SNAPSHOT_FIGURES = ['members', 'admitted', 'cells'] as const;
export type SnapshotFigure = (typeof SNAPSHOT_FIGURES)[number];

/** `[id, name, parent id, members, admitted, cells]`; `null` = root / not reported. Arrays keep
 * the file small: 52,000 units fit in a few megabytes. */
export type SnapshotUnit = readonly [
  id: string,
  name: string,
  parent: string | null,
  members: number | null,
  admitted: number | null,
  cells: number | null,
];

export interface SnapshotWarning {
  /** Stable identity (file, row, check, column): the same warning keeps its key from build to build. */
  readonly key: string;
  /** The message as the data-quality page shows it. */
  readonly text: string;
}

export interface UnitRef {
  readonly id: string;
  readonly name: string;
}

export interface MovedUnit extends UnitRef {
  readonly from: UnitRef | null;
  readonly to: UnitRef | null;
}

export interface RenamedUnit extends UnitRef {
  readonly before: string;
}

export interface FigureChange {
  readonly figure: SnapshotFigure;
  readonly before: number | null;
  readonly after: number | null;
}

export interface ChangedUnit extends UnitRef {
  readonly figures: readonly FigureChange[];
}

export interface ChangeCounts {
  readonly added: number;
  readonly removed: number;
  readonly moved: number;
  readonly renamed: number;
  readonly changed: number;
  readonly appeared: number;
  readonly resolved: number;
}

/** What changed since the previously published data. Lists are capped; `counts` are whole. */
export interface Changes {
  readonly fromHash: string;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly counts: ChangeCounts;
  readonly added: readonly UnitRef[];
  readonly removed: readonly UnitRef[];
  readonly moved: readonly MovedUnit[];
  readonly renamed: readonly RenamedUnit[];
  /** Empty when the latest year differs: figures of two different years are not "changes". */
  readonly changed: readonly ChangedUnit[];
  readonly appeared: readonly SnapshotWarning[];
  readonly resolved: readonly SnapshotWarning[];
}

/** One publication of new data, newest first; the feed has one entry per item. */
export interface HistoryEntry {
  readonly dataHash: string;
  readonly previousHash: string | null;
  /** 1 for the first publication, then +1 for each publication of different data. */
  readonly sequence: number;
  readonly year: number | null;
  readonly counts: ChangeCounts | null;
  /** When this data was first published (RFC 3339, UTC, whole seconds), handed in by the build;
   * `null` in entries recorded before publication times were kept. */
  readonly publishedAt: string | null;
}

export interface SnapshotFigures {
  readonly dataHash: string;
  readonly year: number | null;
  readonly units: readonly SnapshotUnit[];
  readonly warnings: readonly SnapshotWarning[];
}

export interface Snapshot extends SnapshotFigures {
  readonly format: typeof SNAPSHOT_FORMAT;
  /** Compared with the previous publication; `null` on the first one. */
  readonly changes: Changes | null;
  readonly history: readonly HistoryEntry[];
}

/** Lists longer than this are cut on the page and in the file; the counts stay exact. */
export const LIST_LIMIT = 500;
/** Publications remembered for the feed. */
export const HISTORY_LIMIT = 30;

const byId = <T extends { readonly id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byKey = (a: SnapshotWarning, b: SnapshotWarning) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export interface SnapshotInput {
  readonly dataHash: string;
  readonly year: number | undefined;
  readonly units: Iterable<{
    readonly id: string;
    readonly name: string;
    readonly parentId: string | undefined;
    readonly members: number | undefined;
    readonly admitted: number | undefined;
    readonly cells: number | undefined;
  }>;
  readonly warnings: Iterable<SnapshotWarning>;
}

/** The figures of one build, in a canonical order (units by id, warnings by key, no duplicates). */
export function snapshotFigures(input: SnapshotInput): SnapshotFigures {
  const units: SnapshotUnit[] = [];
  for (const u of input.units) {
    units.push([u.id, u.name, u.parentId ?? null, u.members ?? null, u.admitted ?? null, u.cells ?? null]);
  }
  units.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const warnings = new Map<string, SnapshotWarning>();
  for (const w of input.warnings) if (!warnings.has(w.key)) warnings.set(w.key, w);
  return {
    dataHash: input.dataHash,
    year: input.year ?? null,
    units,
    warnings: [...warnings.values()].sort(byKey),
  };
}

const figureAt = (unit: SnapshotUnit, figure: SnapshotFigure): number | null =>
  unit[3 + SNAPSHOT_FIGURES.indexOf(figure)] as number | null;

/** Compares two publications. Pure and linear in the number of units. */
export function diffSnapshots(before: SnapshotFigures, after: SnapshotFigures): Changes {
  const old = new Map(before.units.map((u) => [u[0], u]));
  const now = new Map(after.units.map((u) => [u[0], u]));
  const ref = (units: ReadonlyMap<string, SnapshotUnit>, id: string | null): UnitRef | null =>
    id === null ? null : { id, name: units.get(id)?.[1] ?? id };
  const sameYear = before.year === after.year;
  const added: UnitRef[] = [];
  const moved: MovedUnit[] = [];
  const renamed: RenamedUnit[] = [];
  const changed: ChangedUnit[] = [];
  for (const unit of after.units) {
    const [id, name, parent] = unit;
    const previous = old.get(id);
    if (!previous) {
      added.push({ id, name });
      continue;
    }
    if (previous[2] !== parent) {
      moved.push({ id, name, from: ref(old, previous[2]), to: ref(now, parent) });
    }
    if (previous[1] !== name) renamed.push({ id, name, before: previous[1] });
    if (!sameYear) continue;
    const figures: FigureChange[] = [];
    for (const figure of SNAPSHOT_FIGURES) {
      const a = figureAt(previous, figure);
      const b = figureAt(unit, figure);
      if (a !== b) figures.push({ figure, before: a, after: b });
    }
    if (figures.length > 0) changed.push({ id, name, figures });
  }
  const removed: UnitRef[] = before.units.filter((u) => !now.has(u[0])).map(([id, name]) => ({ id, name }));
  const oldWarnings = new Set(before.warnings.map((w) => w.key));
  const newWarnings = new Set(after.warnings.map((w) => w.key));
  const appeared = after.warnings.filter((w) => !oldWarnings.has(w.key));
  const resolved = before.warnings.filter((w) => !newWarnings.has(w.key));
  const cap = <T>(items: T[]) => items.slice(0, LIST_LIMIT);
  return {
    fromHash: before.dataHash,
    fromYear: before.year,
    toYear: after.year,
    counts: {
      added: added.length,
      removed: removed.length,
      moved: moved.length,
      renamed: renamed.length,
      changed: changed.length,
      appeared: appeared.length,
      resolved: resolved.length,
    },
    added: cap(added.sort(byId)),
    removed: cap(removed.sort(byId)),
    moved: cap(moved.sort(byId)),
    renamed: cap(renamed.sort(byId)),
    changed: cap(changed.sort(byId)),
    appeared: cap(appeared),
    resolved: cap(resolved),
  };
}

/** RFC 3339 in UTC to the second: `2026-12-05T21:54:36Z`. */
export const publicationTime = (when: Date): string => when.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * This build's snapshot, given the one already published. Publishing the same data again
 * keeps the earlier comparison and history (and so its publication time), so rebuilding
 * unchanged data changes no byte. `now` is recorded only when the data is new.
 */
export function nextSnapshot(previous: Snapshot | undefined, current: SnapshotFigures, now: Date): Snapshot {
  const publishedAt = publicationTime(now);
  if (previous === undefined) {
    return {
      format: SNAPSHOT_FORMAT,
      ...current,
      changes: null,
      history: [
        {
          dataHash: current.dataHash,
          previousHash: null,
          sequence: 1,
          year: current.year,
          counts: null,
          publishedAt,
        },
      ],
    };
  }
  if (previous.dataHash === current.dataHash) {
    return { format: SNAPSHOT_FORMAT, ...current, changes: previous.changes, history: previous.history };
  }
  const changes = diffSnapshots(previous, current);
  const entry: HistoryEntry = {
    dataHash: current.dataHash,
    previousHash: previous.dataHash,
    sequence: (previous.history[0]?.sequence ?? 0) + 1,
    year: current.year,
    counts: changes.counts,
    publishedAt,
  };
  return {
    format: SNAPSHOT_FORMAT,
    ...current,
    changes,
    history: [entry, ...previous.history].slice(0, HISTORY_LIMIT),
  };
}

/** JSON with object keys sorted at every depth: equal snapshots are equal bytes. */
export function serializeSnapshot(snapshot: Snapshot): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
    }
    return value;
  };
  return `${JSON.stringify(sorted(snapshot))}\n`;
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isUnit = (value: unknown): value is SnapshotUnit =>
  Array.isArray(value) &&
  value.length === 6 &&
  typeof value[0] === 'string' &&
  typeof value[1] === 'string' &&
  (value[2] === null || typeof value[2] === 'string') &&
  value.slice(3).every((v) => v === null || typeof v === 'number');
const isWarning = (value: unknown): value is SnapshotWarning =>
  isObject(value) && typeof value['key'] === 'string' && typeof value['text'] === 'string';

/**
 * Reads a published snapshot. Anything that is not one this code wrote (another format, a
 * hand-edited or truncated file) reads as "none", so the build treats it as a first publication
 * instead of failing or comparing against garbage.
 */
export function parseSnapshot(text: string): Snapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || value['format'] !== SNAPSHOT_FORMAT) return undefined;
  const { dataHash, year, units, warnings, history, changes } = value;
  if (typeof dataHash !== 'string' || !(year === null || typeof year === 'number')) return undefined;
  if (!Array.isArray(units) || !units.every(isUnit)) return undefined;
  if (!Array.isArray(warnings) || !warnings.every(isWarning)) return undefined;
  if (!Array.isArray(history) || !history.every((h) => isObject(h) && typeof h['dataHash'] === 'string')) {
    return undefined;
  }
  if (!(changes === null || (isObject(changes) && isObject(changes['counts'])))) return undefined;
  const snapshot = value as unknown as Snapshot;
  // Entries written before publication times were kept have none: read as unknown, not as absent.
  return {
    ...snapshot,
    history: snapshot.history.map((h) => ({
      ...h,
      publishedAt: typeof h.publishedAt === 'string' && TIME.test(h.publishedAt) ? h.publishedAt : null,
    })),
  };
}
