import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NOT_REPORTED, formatNumber, formatSigned } from '../src/present/format.ts';

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
