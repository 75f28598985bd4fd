/**
 * `npm run gen:data -- --units N --years Y --out DIR [--seed S] [--reorganize 2025 [--merge-provinces]]`:
 * writes a synthetic province that follows the data contract and is internally consistent (it
 * validates with no errors and no warnings), for benchmarks and tests at any scale. Same seed, same bytes: a small seeded
 * PRNG drives every choice and nothing reads the clock.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { restructure, restructuringCounts } from './gen-data/events.ts';
import { figureRows } from './gen-data/figures.ts';
import { prng } from './gen-data/random.ts';
import { FORMER_ROOTS, reorganize } from './gen-data/reorganization.ts';
import { buildStructure, ROOT } from './gen-data/structure.ts';
import { writeProvince } from './gen-data/write.ts';

export interface GenerateOptions {
  /** Grassroots units in units.csv, those dissolved or created by restructurings included. */
  readonly units: number;
  /** Years of statistics, ending with `lastYear`. */
  readonly years: number;
  readonly out: string;
  readonly seed?: number;
  readonly lastYear?: number;
  /**
   * The year of the 2025-style reorganization (reorganization.ts); it becomes the last year and
   * the other restructurings happen before it.
   */
  readonly reorganize?: number | undefined;
  /** With `reorganize`: the province is formed from two on 01/07 of that year. */
  readonly mergeProvinces?: boolean;
}

export interface GenerateResult {
  readonly districts: number;
  readonly grassroots: number;
  readonly cells: number;
  readonly events: number;
  /** Data rows per file (headers not counted). */
  readonly rows: Readonly<Record<string, number>>;
}

export function generate(options: GenerateOptions): GenerateResult {
  const { units: total, years: yearCount } = options;
  if (!Number.isInteger(total) || total < 20) throw new Error('--units phải là số nguyên từ 20 trở lên');
  if (!Number.isInteger(yearCount) || yearCount < 1 || yearCount > 50) {
    throw new Error('--years phải là số nguyên từ 1 đến 50');
  }
  const { reorganize: year, mergeProvinces = false } = options;
  if (year !== undefined && (!Number.isInteger(year) || yearCount < 2)) {
    throw new Error('--reorganize cần một năm (ví dụ 2025) và --years từ 2 trở lên');
  }
  if (mergeProvinces && year === undefined) throw new Error('--merge-provinces chỉ dùng cùng --reorganize');
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const last = year ?? options.lastYear ?? 2024;
  const years = { first: last - yearCount + 1, last };

  // Steps in this order: they draw from one random stream, so the order is part of the output.
  const counts = restructuringCounts(total);
  const structure = buildStructure(random, {
    total,
    createdLater: counts.merges + counts.establishments,
    years,
    reorganize: year !== undefined,
  });
  const before = year === undefined ? years : { first: years.first, last: year - 1 };
  const restructured = restructure(random, structure, before, counts);
  const { pilots, created } = restructured;
  const units = [...structure.grassroots, ...created];
  const reorganized =
    year === undefined
      ? undefined
      : reorganize(
          random,
          { districts: structure.districts, pilots, units, events: restructured.events },
          { year, mergeProvinces },
        );
  const committees = [
    ...structure.districts.map((d) => ({ id: d.id, from: years.first })),
    ...pilots,
    ...(reorganized?.summed ?? []),
  ];
  const roots = new Set([ROOT, ...(mergeProvinces ? FORMER_ROOTS : [])]);
  const events = reorganized?.events ?? restructured.events;
  const written = writeProvince(resolve(options.out), {
    districts: structure.districts,
    pilots,
    units,
    events,
    committees: reorganized?.committees,
    formedIn: mergeProvinces ? year : undefined,
    figures: figureRows(random, units, committees, years.last, roots),
    seed,
  });

  return {
    districts: structure.districts.length + pilots.length + (reorganized?.committees.length ?? 0),
    grassroots: units.length,
    cells: written.cells,
    events: events.length,
    rows: written.rows,
  };
}

function main() {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '1500' },
      years: { type: 'string', default: '10' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      reorganize: { type: 'string' },
      'merge-provinces': { type: 'boolean', default: false },
    },
  });
  if (values.out === undefined) {
    process.stderr.write(
      'Cách dùng: npm run gen:data -- --units 1500 --years 10 --out /tmp/du-lieu [--seed 1] [--reorganize 2025 [--merge-provinces]]\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  try {
    const result = generate({
      units: Number(values.units),
      years: Number(values.years),
      out: values.out,
      seed: Number(values.seed),
      reorganize: values.reorganize === undefined ? undefined : Number(values.reorganize),
      mergeProvinces: values['merge-provinces'],
    });
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Đã sinh ${result.grassroots} tổ chức cơ sở đảng, ${result.districts} đơn vị cấp trên cơ sở, ${result.events} sự kiện sắp xếp — ${rows} dòng vào ${resolve(values.out)} (${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
    );
  } catch (cause) {
    process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
