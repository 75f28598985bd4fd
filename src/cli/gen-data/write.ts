/**
 * Step 4: the CSV files, in the data contract's columns. Draws nothing itself, but consumes the
 * figures as it writes them (see figures.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CsvWriter } from './csv-writer.ts';
import type { PilotCommittee, Restructuring } from './events.ts';
import { FIGURE_COLUMNS, type FigureFile, type FigureRow } from './figures.ts';
import { pad, ROOT, type District, type Grassroots } from './structure.ts';

export interface Province {
  readonly districts: readonly District[];
  readonly pilots: readonly PilotCommittee[];
  /** Every grassroots unit, those restructurings created included. */
  readonly units: readonly Grassroots[];
  readonly events: readonly Restructuring[];
  readonly figures: Iterable<FigureRow>;
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
  writeDataset(out, province.seed);
  return {
    cells: units.cells,
    rows: { 'units.csv': units.rows, ...figures, ...events },
  };
}

function writeUnits(out: string, { districts, pilots, units }: Province) {
  const csv = new CsvWriter(join(out, 'units.csv'), [
    'id',
    'name',
    'parent_id',
    'level',
    'type',
    'established',
    'dissolved',
  ]);
  csv.row([ROOT, 'Đảng bộ tỉnh Mô Phỏng', '', 'province', '', '', '']);
  for (const d of districts) csv.row([d.id, d.name, ROOT, 'district', '', d.established, '']);
  for (const k of pilots) csv.row([k.id, k.name, ROOT, 'district', '', k.established, '']);
  let cells = 0;
  for (const u of units) {
    csv.row([u.id, u.name, u.parent, 'grassroots', u.type, u.established, u.dissolved]);
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
  ]);
  const unitsCsv = new CsvWriter(join(out, 'restructuring_units.csv'), [
    'restructuring_id',
    'unit_id',
    'previous_parent_id',
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
    ]);
    for (const u of e.units) unitsCsv.row([e.id, u.unit, u.previous]);
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
