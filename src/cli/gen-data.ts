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
import {
  AdmissionTally,
  committeeRows,
  targetRows,
  termsFor,
  termUnits,
  type Committee,
} from './gen-data/terms.ts';
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
  // Streams of their own (ratings and badges; committees and targets): what existed before them
  // is drawn exactly as it was.
  const ratings = prng(seed + 0x5bd1e995);
  const termsRandom = prng(seed + 0x27d4eb2d);
  const tally = new AdmissionTally(new Set(committees.map((c) => c.id)));
  const withCommittees = termUnits({
    root: ROOT,
    formerRoots: FORMER_ROOTS,
    reorganized: year,
    merged: mergeProvinces,
    districts: structure.districts,
    pilots,
    committees: reorganized?.committees ?? [],
    units,
  });
  const held: Committee[] = [];
  const written = writeProvince(resolve(options.out), {
    districts: structure.districts,
    pilots,
    units,
    events,
    committees: reorganized?.committees,
    formedIn: mergeProvinces ? year : undefined,
    figures: tally.watch(figureRows(random, ratings, units, committees, years.last, roots)),
    terms: {
      committees: () => committeeRows(termsRandom, withCommittees, termsFor(years.last), held),
      targets: () => targetRows(termsRandom, withCommittees, held, tally, ROOT),
    },
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

/** What `npm run gen:data -- --help` prints, and what a wrong command line is answered with. */
export const USAGE = `Cách dùng: npm run gen:data -- --out THƯ_MỤC [các tùy chọn]

Sinh dữ liệu mẫu (không có thật) của một tỉnh, đúng quy ước dữ liệu, để thử hoặc đo tốc độ.
Cùng tùy chọn thì sinh ra cùng dữ liệu.

  --out THƯ_MỤC        thư mục ghi các tệp CSV (bắt buộc; tệp cùng tên sẽ bị ghi đè)
  --units SỐ           số tổ chức cơ sở đảng, từ 20 trở lên (mặc định 1500)
  --years SỐ           số năm có số liệu, từ 1 đến 50 (mặc định 10)
  --seed SỐ            số khởi tạo ngẫu nhiên; đổi số này để được bộ dữ liệu khác (mặc định 1)
  --reorganize NĂM     thêm đợt sắp xếp tổ chức như năm 2025 vào năm đó (cần --years từ 2)
  --merge-provinces    cùng --reorganize: tỉnh được hợp nhất từ hai tỉnh
  --help               in hướng dẫn này

Ví dụ: npm run gen:data -- --units 1500 --years 10 --out /tmp/du-lieu --reorganize 2025
`;

export type CommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'generate'; readonly options: GenerateOptions }
  | { readonly kind: 'wrong'; readonly message: string };

/** A whole number written as digits (`1500`), else `undefined`: `Number('')` would be 0. */
const wholeNumber = (text: string): number | undefined => (/^\d+$/.test(text) ? Number(text) : undefined);

/** The command line read into options, or what is wrong with it, in Vietnamese. */
export function readCommandLine(args: readonly string[]): CommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        units: { type: 'string', default: '1500' },
        years: { type: 'string', default: '10' },
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        reorganize: { type: 'string' },
        'merge-provinces': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (cause) {
    // parseArgs speaks English and names only the option: said again in the user's words.
    const option = cause instanceof Error ? /'([^' ]+)/.exec(cause.message)?.[1] : undefined;
    const code = (cause as { code?: string }).code;
    const message =
      code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `tùy chọn ${option ?? ''} cần một giá trị viết ngay sau nó`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? `không hiểu "${option ?? ''}": mỗi giá trị phải đứng sau tên tùy chọn của nó, ví dụ --out /tmp/du-lieu`
          : `không có tùy chọn ${option ?? ''}`;
    return { kind: 'wrong', message };
  }
  if (values.help) return { kind: 'help' };
  if (values.out === undefined || values.out === '') {
    return { kind: 'wrong', message: 'thiếu --out: cần cho biết thư mục ghi dữ liệu' };
  }
  const numbers = { units: values.units, years: values.years, seed: values.seed };
  for (const [name, text] of Object.entries(numbers)) {
    if (wholeNumber(text) === undefined) {
      return { kind: 'wrong', message: `--${name} phải là một số nguyên, không phải "${text}"` };
    }
  }
  const reorganize = values.reorganize === undefined ? undefined : wholeNumber(values.reorganize);
  if (values.reorganize !== undefined && reorganize === undefined) {
    return {
      kind: 'wrong',
      message: `--reorganize cần một năm, ví dụ 2025, không phải "${values.reorganize}"`,
    };
  }
  return {
    kind: 'generate',
    options: {
      units: Number(values.units),
      years: Number(values.years),
      out: values.out,
      seed: Number(values.seed),
      reorganize,
      mergeProvinces: values['merge-provinces'],
    },
  };
}

function main() {
  const command = readCommandLine(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command.kind === 'wrong') {
    process.stderr.write(`Lỗi: ${command.message}.\n\n${USAGE}`);
    process.exit(2);
  }
  const { options } = command;
  const started = performance.now();
  try {
    const result = generate(options);
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Đã sinh ${result.grassroots} tổ chức cơ sở đảng, ${result.districts} đơn vị cấp trên cơ sở, ${result.events} sự kiện sắp xếp — ${rows} dòng vào ${resolve(options.out)} (${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
    );
  } catch (cause) {
    process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exit(2);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
