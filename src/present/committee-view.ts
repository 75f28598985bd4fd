/**
 * A unit page's committee (cấp ủy) in office in the page's year beside the previous term's, and
 * its members' annual quality rating and the party badges awarded (contract v2 B).
 */
import { columnLabel } from '../model/labels.ts';
import type { Province } from '../model/province.ts';
import { committeesAt, type Committee } from '../model/terms.ts';
import { committeesSchema, membersSchema } from '../read/schemas.ts';
import { formatDate, ratio } from './format.ts';
import { contextFor } from './narrative/context.ts';
import {
  COMPOSITION,
  committeeParagraphs,
  executiveBody,
  memberQualityParagraph,
  RATED,
  ratedMembers,
  termText,
} from './narrative/committees.ts';
import { unitLastYear, unitOwnYears } from './unit-years.ts';
import { capitalize, SMALL_BASE } from './wording.ts';
import { pageNames } from './unit-names.ts';
import {
  column,
  count,
  countWithShare,
  counted,
  missingFrom,
  signed,
  text,
  type Cell,
  type TableView,
} from './table.ts';

export interface CommitteeView {
  /** The committee and its comparison with the previous term: plain-text paragraphs. */
  readonly summary: readonly string[];
  /** The committee in office beside the previous term's, with the change. */
  readonly table: TableView;
}

export interface MemberQualityView {
  readonly summary: string;
  /** Members by rating (count and share of those rated) and badges, by year. */
  readonly table: TableView;
}

/** `Đại hội` or `Chỉ định`; undefined (a dash) when the file says neither nor gives a date. */
const formedBy = (c: Committee): string | undefined =>
  c.appointed === 'yes'
    ? 'Chỉ định'
    : c.congress_date !== undefined || c.appointed === 'no'
      ? 'Đại hội'
      : undefined;

/** `Đại hội ngày 15/07/2020`, `Chỉ định ngày 01/07/2025`; undefined (a dash) when unknown. */
export function formedText(c: Committee): string | undefined {
  const by = formedBy(c);
  return by && (c.congress_date === undefined ? by : `${by} ngày ${formatDate(c.congress_date)}`);
}

export const yesNoText = (value: 'yes' | 'no' | undefined): string | undefined =>
  value === undefined ? undefined : value === 'yes' ? 'Có' : 'Không';

/** `5 (33%)`: a share of the executive committee only from SMALL_BASE members up. */
export function ofCommittee(c: Committee | undefined, value: number | undefined): Cell {
  const size = c?.executive_committee;
  return countWithShare(value, size !== undefined && size >= SMALL_BASE ? ratio(value, size) : undefined);
}

const change = (now: number | undefined, before: number | undefined): Cell =>
  signed(now === undefined || before === undefined ? undefined : now - before);

/** The year a unit page speaks of: its last (its own for an ended unit), else its latest term. */
function pageYear(province: Province, unitId: string): number {
  return unitLastYear(province, unitId) ?? Number.MAX_SAFE_INTEGER;
}

function committeeTable(unitName: string, current: Committee, previous: Committee | undefined): TableView {
  const body = executiveBody(unitName);
  const label = (key: keyof Committee) => columnLabel(committeesSchema, key);
  const counts: {
    label: string;
    key: 'executive_committee' | 'standing_committee' | 'inspection_committee';
  }[] = [
    { label: `${body} (ủy viên)`, key: 'executive_committee' },
    { label: 'Ban Thường vụ (ủy viên)', key: 'standing_committee' },
    { label: 'Ủy ban Kiểm tra (ủy viên)', key: 'inspection_committee' },
  ];
  const terms = previous ? [current, previous] : [current];
  return {
    caption: `${body} nhiệm kỳ ${termText(current)}${previous ? ` so với nhiệm kỳ ${termText(previous)}` : ''} (tỷ lệ trên số ủy viên ${body})`,
    columns: [
      column('Cấp ủy', false),
      ...terms.map((t) => column(`Nhiệm kỳ ${termText(t)}`)),
      ...(previous ? [column('Thay đổi')] : []),
    ],
    rows: [
      // Apart, so that the narrow numeric columns never hold a long phrase.
      [text('Hình thức'), ...terms.map((t) => text(formedBy(t))), ...(previous ? [text('')] : [])],
      [
        text('Ngày đại hội, chỉ định'),
        ...terms.map((t) => text(t.congress_date && formatDate(t.congress_date))),
        ...(previous ? [text('')] : []),
      ],
      // A chi bộ has no standing or inspection committee: those rows only where some term has one.
      ...counts
        .filter(({ key }) => key === 'executive_committee' || terms.some((t) => t[key] !== undefined))
        .map(({ label: l, key }) => [
          text(l),
          ...terms.map((t) => count(t[key])),
          ...(previous ? [change(current[key], previous[key])] : []),
        ]),
      ...COMPOSITION.map(({ key }) => [
        text(label(key)),
        ...terms.map((t) => ofCommittee(t, t[key])),
        ...(previous ? [change(current[key], previous[key])] : []),
      ]),
      // Said of commune and ward committees only: elsewhere a row of dashes would read as missing.
      ...(terms.some((t) => t.secretary_as_chair !== undefined)
        ? [
            [
              text(label('secretary_as_chair')),
              ...terms.map((t) => text(yesNoText(t.secretary_as_chair))),
              ...(previous ? [text('')] : []),
            ],
          ]
        : []),
    ],
  };
}

/** The unit's committee in office in its page's year; undefined when it has none. */
export function committeeView(province: Province, unitId: string): CommitteeView | undefined {
  const { current, previous } = committeesAt(province.terms, unitId, pageYear(province, unitId));
  if (!current) return undefined;
  const name = pageNames(province, unitId)(unitId);
  return {
    summary: committeeParagraphs(name, current, previous),
    table: committeeTable(name, current, previous),
  };
}

/** Members by rating and badges for the years with any of them; undefined when none. */
export function memberQualityView(province: Province, unitId: string): MemberQualityView | undefined {
  const unit = province.tree.units.get(unitId);
  const c = unit && contextFor(province, unit);
  if (!unit || !c) return undefined;
  const reading = (year: number, key: (typeof RATED)[number]['key'] | 'badges' | 'members') =>
    c.read.reading(province.members, unit, year, key);
  const years = unitOwnYears(province, unitId).filter((y) =>
    [...RATED.map((r) => r.key), 'badges' as const].some((k) => reading(y, k) !== undefined),
  );
  if (years.length === 0) return undefined;
  const label = (key: string) => columnLabel(membersSchema, key);
  return {
    summary: memberQualityParagraph(c),
    table: {
      caption: 'Xếp loại chất lượng đảng viên (tỷ lệ trên số được xếp loại) và Huy hiệu Đảng',
      columns: [
        column('Năm', false),
        column('Đảng viên'),
        column('Được xếp loại'),
        ...RATED.map((r) => column(capitalize(r.label))),
        column(label('badges')),
      ],
      rows: years.map((year) => {
        const rated = ratedMembers(c, year);
        return [
          text(String(year)),
          counted(reading(year, 'members')),
          rated
            ? countWithShare(rated.rated, undefined, missingFrom({ value: rated.rated, scope: rated.scope }))
            : count(undefined),
          // Each count as reported; shares only where all of them cover the same organizations.
          ...RATED.map((r) => {
            const value = reading(year, r.key);
            return countWithShare(
              value?.value,
              rated && rated.rated >= SMALL_BASE ? ratio(value?.value, rated.rated) : undefined,
              missingFrom(value),
            );
          }),
          counted(reading(year, 'badges')),
        ];
      }),
    },
  };
}
