import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NOT_REPORTED, formatNumber, formatPercent, formatSigned } from '../src/present/format.ts';

const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

describe('formatNumber', () => {
  test.each([
    [0, '0'],
    [999, '999'],
    [1000, '1.000'],
    [1234567, '1.234.567'],
    [-1234, '-1.234'],
    [2.5, '3'],
    [undefined, NOT_REPORTED],
    [Number.NaN, NOT_REPORTED],
  ])('writes %s as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  test('writes every number exactly as Intl.NumberFormat vi-VN does', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (n) => {
          expect(formatNumber(n)).toBe(intl.format(n));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

test('formatSigned puts a plus or a true minus sign before the grouped number', () => {
  expect([formatSigned(1234), formatSigned(-1234), formatSigned(0)]).toEqual(['+1.234', '−1.234', '0']);
});

describe('percentages', () => {
  const oneDecimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Ratios as the pages make them (a part over a whole), halves, and any number at all.
  const ratios = fc.oneof(
    fc.tuple(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 })).map(([a, b]) => a / b),
    fc.integer({ min: 0, max: 100_000 }).map((n) => (n + 0.5) / 1000),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  test.each([
    [0.125, '12,5%'],
    [1.2, '120,0%'],
    [0.8333, '83,3%'],
    [12.345, '1.234,5%'],
    [undefined, NOT_REPORTED],
  ])('writes %s as %s, in tables and sentences alike', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  test('writes every ratio exactly as Intl.NumberFormat vi-VN does', () => {
    fc.assert(
      fc.property(ratios, (ratio) => {
        expect(formatPercent(ratio)).toBe(`${oneDecimal.format(ratio * 100)}%`);
      }),
      { numRuns: 20_000 },
    );
  });
});
