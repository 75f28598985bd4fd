/**
 * `npm run gen:data -- --units N --years Y --out DIR [--seed S]`: writes a synthetic province
 * that follows the data contract and is internally consistent (it validates with no errors and
 * no warnings), for benchmarks and tests at any scale. Same seed, same bytes: a small seeded
 * PRNG drives every choice and nothing reads the clock.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { restructure, restructuringCounts } from './gen-data/events.ts';
import { figureRows } from './gen-data/figures.ts';
import { prng } from './gen-data/random.ts';
import { buildStructure } from './gen-data/structure.ts';
import { writeProvince } from './gen-data/write.ts';

export interface GenerateOptions {
  /** Grassroots units in units.csv, those dissolved or created by restructurings included. */
  readonly units: number;
  /** Years of statistics, ending with `lastYear`. */
  readonly years: number;
  readonly out: string;
  readonly seed?: number;
  readonly lastYear?: number;
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
  const seed = options.seed ?? 1;
  const random = prng(seed);
  const last = options.lastYear ?? 2024;
  const years = { first: last - yearCount + 1, last };

  // Steps in this order: they draw from one random stream, so the order is part of the output.
  const counts = restructuringCounts(total);
  const structure = buildStructure(random, {
    total,
    createdLater: counts.merges + counts.establishments,
    years,
  });
  const { events, pilots, created } = restructure(random, structure, years, counts);
  const units = [...structure.grassroots, ...created];
  const committees = [...structure.districts.map((d) => ({ id: d.id, from: years.first })), ...pilots];
  const written = writeProvince(resolve(options.out), {
    districts: structure.districts,
    pilots,
    units,
    events,
    figures: figureRows(random, units, committees, years.last),
    seed,
  });

  return {
    districts: structure.districts.length + pilots.length,
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
    },
  });
  if (values.out === undefined) {
    process.stderr.write(
      'Cách dùng: npm run gen:data -- --units 1500 --years 10 --out /tmp/du-lieu [--seed 1]\n',
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
