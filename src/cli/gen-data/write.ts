/**
 * Step 4: the CSV files, in the data contract's columns. Draws nothing itself, but consumes the
 * figures as it writes them (see figures.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CsvWriter, type CsvCell } from './csv-writer.ts';
import type { PilotCommittee, Restructuring } from './events.ts';
import { FIGURE_COLUMNS, type FigureFile, type FigureRow } from './figures.ts';
import { FORMER_ROOTS, rootOf, type NewCommittee } from './reorganization.ts';
import { pad, ROOT, type District, type Grassroots } from './structure.ts';
import { COMMITTEE_COLUMNS, TARGET_COLUMNS } from './terms.ts';

export interface Province {
  readonly districts: readonly District[];
  readonly pilots: readonly PilotCommittee[];
  /** Every grassroots unit, those restructurings created included. */
  readonly units: readonly Grassroots[];
  readonly events: readonly Restructuring[];
  /** Made by the reorganization (`--reorganize`), under today's province. */
  readonly committees?: readonly NewCommittee[] | undefined;
  /** `--merge-provinces`: the province was formed on 01/07 of that year from two roots. */
  readonly formedIn?: number | undefined;
  readonly figures: Iterable<FigureRow>;
  /** Drawn once the figures are written: term targets are set against the admissions. */
  readonly terms: {
    readonly committees: () => Iterable<readonly CsvCell[]>;
    /** Called once every committee is written: a target counts the years from its congress. */
    readonly targets: () => Iterable<readonly CsvCell[]>;
  };
  /** Named in dataset.csv, so a generated folder says how to make it again. */
  readonly seed: number;
}

export interface Written {
  /** Cells listed one by one in units.csv. */
  readonly cells: number;
  /** Data rows per file (headers not counted; dataset.csv left out). */
  readonly rows: Readonly<Record<string, number>>;
}

export function writeProvince(out: string, province: Province): Written {
  mkdirSync(out, { recursive: true });
  const units = writeUnits(out, province);
  const figures = writeFigures(out, province.figures);
  const events = writeEvents(out, province.events);
  const terms = writeTerms(out, province.terms);
  writeDataset(out, province.seed);
  return {
    cells: units.cells,
    rows: { 'units.csv': units.rows, ...figures, ...events, ...terms },
  };
}

function writeTerms(out: string, terms: Province['terms']) {
  const write = (file: string, header: readonly string[], rows: Iterable<readonly CsvCell[]>) => {
    const csv = new CsvWriter(join(out, file), header);
    for (const row of rows) csv.row(row);
    csv.close();
    return csv.rows;
  };
  const committees = write('committees.csv', COMMITTEE_COLUMNS, terms.committees());
  return {
    'committees.csv': committees,
    'term_targets.csv': write('term_targets.csv', TARGET_COLUMNS, terms.targets()),
  };
}

function writeUnits(out: string, { districts, pilots, units, committees = [], formedIn }: Province) {
  const csv = new CsvWriter(join(out, 'units.csv'), [
    'id',
    'name',
    'parent_id',
    'level',
    'type',
    'established',
    'dissolved',
  ]);
  const merged = formedIn !== undefined;
  csv.row([ROOT, 'Đảng bộ tỉnh Mô Phỏng', '', 'province', '', merged ? `${formedIn}-07-01` : '', '']);
  if (merged) {
    for (const [i, id] of FORMER_ROOTS.entries()) {
      csv.row([id, `Đảng bộ tỉnh Mô Phỏng ${'AB'[i]}`, '', 'province', '', '', `${formedIn}-06-30`]);
    }
  }
  districts.forEach((d, i) => {
    csv.row([d.id, d.name, rootOf(i, merged), 'district', '', d.established, d.dissolved]);
  });
  for (const k of pilots)
    csv.row([k.id, k.name, rootOf(0, merged), 'district', '', k.established, k.dissolved]);
  for (const c of committees) csv.row([c.id, c.name, ROOT, 'district', c.type, c.established, '']);
  let cells = 0;
  for (const u of units) {
    csv.row([u.id, u.name, u.parent, u.level ?? 'grassroots', u.type, u.established, u.dissolved]);
    if (u.listed === 'none') continue;
    let parentOfCells = u.id;
    if (u.listed === 'subcommittee') {
      parentOfCells = `${u.id}.BP1`;
      csv.row([parentOfCells, `Đảng bộ bộ phận số 1 (${u.name})`, u.id, 'subcommittee', '', '', '']);
    }
    for (let c = 1; c <= u.cells; c++) {
      cells += 1;
      csv.row([`${u.id}.CB${pad(c, 2)}`, `Chi bộ ${c} (${u.name})`, parentOfCells, 'cell', '', '', '']);
    }
  }
  csv.close();
  return { cells, rows: csv.rows };
}

function writeFigures(out: string, figures: Iterable<FigureRow>): Record<FigureFile, number> {
  const open = (file: FigureFile) =>
    new CsvWriter(join(out, file), ['unit_id', 'year', ...FIGURE_COLUMNS[file]]);
  const writers: Record<FigureFile, CsvWriter> = {
    'members.csv': open('members.csv'),
    'admissions.csv': open('admissions.csv'),
    'cells.csv': open('cells.csv'),
  };
  for (const { file, unit, year, values } of figures) writers[file].row([unit, year, ...values]);
  for (const writer of Object.values(writers)) writer.close();
  return {
    'members.csv': writers['members.csv'].rows,
    'admissions.csv': writers['admissions.csv'].rows,
    'cells.csv': writers['cells.csv'].rows,
  };
}

function writeEvents(out: string, events: readonly Restructuring[]) {
  // The contract's v2 columns only where a reorganization uses them: a v1 folder stays v1.
  const v2 = events.some((e) => e.effective !== undefined);
  const eventsCsv = new CsvWriter(join(out, 'restructurings.csv'), [
    'id',
    'date',
    'kind',
    'title',
    'parent_id',
    'result_unit_id',
    'status',
    'executive_committee',
    'standing_committee',
    'inspection_committee',
    'decision',
    'note',
    ...(v2 ? ['effective_date'] : []),
  ]);
  const unitsCsv = new CsvWriter(join(out, 'restructuring_units.csv'), [
    'restructuring_id',
    'unit_id',
    'previous_parent_id',
    ...(v2 ? ['previous_level', 'previous_name'] : []),
  ]);
  for (const e of events) {
    eventsCsv.row([
      e.id,
      e.date,
      e.kind,
      e.title,
      e.parent,
      e.result,
      e.status,
      ...(e.committees ?? [undefined, undefined, undefined]),
      e.decision,
      '',
      ...(v2 ? [e.effective] : []),
    ]);
    for (const u of e.units) {
      unitsCsv.row([e.id, u.unit, u.previous, ...(v2 ? [u.previousLevel, u.previousName] : [])]);
    }
  }
  eventsCsv.close();
  unitsCsv.close();
  return { 'restructurings.csv': eventsCsv.rows, 'restructuring_units.csv': unitsCsv.rows };
}

function writeDataset(out: string, seed: number) {
  const csv = new CsvWriter(join(out, 'dataset.csv'), ['publisher', 'demo', 'source', 'note']);
  csv.row([
    'Ban Tổ chức Tỉnh ủy (dữ liệu mô phỏng)',
    'yes',
    `Sinh tự động bằng npm run gen:data (seed ${seed})`,
    'Số liệu tổng hợp để thử nghiệm, không phải số liệu thật.',
  ]);
  csv.close();
}
