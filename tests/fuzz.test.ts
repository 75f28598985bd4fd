/**
 * Property-based tests: whatever bytes arrive — random, or the fixture's files damaged the way
 * copying, hand editing and wrong exports damage them — the reader and the validator end in rows
 * or clean problems, quickly, and never throw.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { readCsvBytes, readDataset } from '../src/read/dataset.ts';
import { SCHEMAS } from '../src/read/schemas.ts';
import type { Problem } from '../src/problems.ts';
import { validate } from '../src/validate/validate.ts';
import { fixture } from './helpers.ts';

const encoder = new TextEncoder();
/** The basic fixture plus restructurings, so that damage also reaches the tree's replay of events. */
const BASIC = new Map([
  ...readdirSync(fixture('basic')).map(
    (name) => [name, new Uint8Array(readFileSync(join(fixture('basic'), name)))] as const,
  ),
  [
    'restructurings.csv',
    encoder.encode(
      'id,date,kind,title,parent_id,result_unit_id,status\n' +
        'E1,2021-03-01,transfer,Tiếp nhận Đảng bộ xã An Bình,D1,,official\n' +
        'E2,2020-06-01,establish,Thành lập Chi bộ thôn 2,G1,G1.C2,\n',
    ),
  ],
  [
    'restructuring_units.csv',
    encoder.encode('restructuring_id,unit_id,previous_parent_id\nE1,G1,D2\nE2,G1.C2,\n'),
  ],
]);
const schemaFor = (file: string) => SCHEMAS.find((s) => s.file === file) ?? SCHEMAS[0];
/** Per run: a hang guard, not a speed target, so generous that a loaded CI machine cannot flake. */
const TIME_LIMIT_MS = 5000;
/** FUZZ_SCALE=10 npx vitest run tests/fuzz.test.ts searches ten times longer (before a release). */
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env['FUZZ_SCALE'] ?? 1)));

const BOM = [0xef, 0xbb, 0xbf];
const enc = (text: string) => [...encoder.encode(text)];
const INSERTS = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '"\n"',
  ' ',
  '\u00a0',
  '=',
  '-',
  'ạ',
  '\u0301',
].map(enc);

/** One way of damaging a file, applied at a position given as a fraction of its length. */
type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'swap-lines'; readonly at: number; readonly to: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(
      fc.constantFrom(...INSERTS, BOM, [0], [0xff, 0xfe]),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: position }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: position, to: position }),
);

function splitLines(bytes: number[]): number[][] {
  const lines: number[][] = [[]];
  for (const b of bytes) {
    lines[lines.length - 1]?.push(b);
    if (b === 0x0a) lines.push([]);
  }
  return lines;
}

function mutate(original: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = [...original];
  for (const m of mutations) {
    const at = Math.floor(m.at * (bytes.length + 1));
    switch (m.kind) {
      case 'flip':
        if (bytes.length > 0) bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ (1 << m.bit);
        break;
      case 'insert':
        bytes.splice(at, 0, ...m.bytes);
        break;
      case 'delete':
        bytes.splice(at, m.length);
        break;
      case 'truncate':
        bytes = bytes.slice(0, at);
        break;
      case 'duplicate-line':
      case 'swap-lines': {
        const lines = splitLines(bytes);
        const i = Math.floor(m.at * lines.length);
        const line = lines[i] ?? [];
        if (m.kind === 'duplicate-line') lines.splice(i, 0, line);
        else {
          const j = Math.floor(m.to * lines.length);
          lines[i] = lines[j] ?? [];
          lines[j] = line;
        }
        bytes = lines.flat();
        break;
      }
    }
  }
  return Uint8Array.from(bytes);
}

/** Problems must be well-formed: a known severity, a file, Vietnamese and English text. */
function expectClean(problems: readonly Problem[]): void {
  for (const p of problems) {
    expect(['error', 'warning']).toContain(p.severity);
    expect(p.file).not.toBe('');
    expect(p.message.length).toBeGreaterThan(5);
    expect(p.english.length).toBeGreaterThan(3);
    if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    if (p.column !== undefined) expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
  }
}

function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
  return result;
}

const FILES = [...BASIC.keys()];

describe('the CSV reader never throws', () => {
  test('random bytes end in rows or problems', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMAS), fc.uint8Array({ maxLength: 2048 }), (schema, bytes) => {
        const table = timed(() => readCsvBytes(bytes, schema));
        expectClean(table.problems);
        expect(Array.isArray(table.rows)).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });

  test('random text made of CSV punctuation ends in rows or problems', () => {
    const piece = fc.constantFrom(
      'G1',
      '2020',
      '12',
      '"',
      ',',
      ';',
      '\n',
      '\r\n',
      '""',
      ' ',
      'ạ',
      '-1',
      '1.234',
      '=1+1',
    );
    fc.assert(
      fc.property(fc.constantFrom(...SCHEMAS), fc.array(piece, { maxLength: 200 }), (schema, pieces) => {
        const table = timed(() => readCsvBytes(encoder.encode(pieces.join('')), schema));
        expectClean(table.problems);
      }),
      { numRuns: runs(1000) },
    );
  });

  test('damaged copies of valid files end in rows or problems, and every row has a line', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (file, mutations) => {
          const bytes = mutate(BASIC.get(file) ?? new Uint8Array(), mutations);
          const table = timed(() => readCsvBytes(bytes, schemaFor(file)));
          expectClean(table.problems);
          for (const row of table.rows) expect(row.line).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  test('an undamaged file reads without problems (the mutation harness starts from valid input)', () => {
    for (const [file, bytes] of BASIC) {
      expect(readCsvBytes(mutate(bytes, []), schemaFor(file)).problems).toEqual([]);
    }
  });
});

describe('the whole folder, read and validated, never throws', () => {
  test('the undamaged folder is valid and builds a model (so damage is what the property varies)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thong-ke-fuzz-'));
    for (const [file, bytes] of BASIC) writeFileSync(join(dir, file), bytes);
    const { data, problems } = await readDataset(dir);
    const { province, problems: all } = validate(data, problems);
    rmSync(dir, { recursive: true, force: true });
    expect(all.filter((p) => p.severity === 'error')).toEqual([]);
    expect(province?.events).toHaveLength(2);
  });

  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('a folder with damaged files ends in a province or clean problems', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 4 }), {
          minKeys: 1,
          maxKeys: 3,
        }),
        async (damage) => {
          const dir = mkdtempSync(join(tmpdir(), 'thong-ke-fuzz-'));
          dirs.push(dir);
          for (const [file, bytes] of BASIC) {
            const mutations = damage[file];
            writeFileSync(join(dir, file), mutations ? mutate(bytes, mutations) : bytes);
          }
          const started = performance.now();
          const { data, problems } = await readDataset(dir);
          const { province, problems: all } = validate(data, problems);
          expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
          expectClean(all);
          // Either a model was built, or the errors say why not.
          expect(province !== undefined || all.some((p) => p.severity === 'error')).toBe(true);
        },
      ),
      { numRuns: runs(400) },
    );
  });
});
