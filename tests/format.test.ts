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

describe('percentages: one rule everywhere', () => {
  const whole = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
  const upToOne = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  // Ratios as the pages make them (a part over a whole), halves, and any number at all.
  const ratios = fc.oneof(
    fc.tuple(fc.nat(100_000), fc.integer({ min: 1, max: 100_000 })).map(([a, b]) => a / b),
    fc.integer({ min: 0, max: 100_000 }).map((n) => (n + 0.5) / 1000),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );

  test.each([
    ['a share from 10% up is a whole percent', 0.8, '80%'],
    ['a share from 10% up is rounded to the whole percent', 0.125, '13%'],
    ['an achievement far over target is a whole percent', 5.5, '550%'],
    ['a large percentage is grouped', 12.345, '1.235%'],
    ['a share under 10% keeps one decimal', 0.028, '2,8%'],
    ['a whole share under 10% has no trailing zero', 0.05, '5%'],
    ['zero is 0%', 0, '0%'],
    ['a share that rounds to 10% is written as a whole percent', 0.0996, '10%'],
    ['a target nearly met is not rounded up to 100%', 0.996, '99,6%'],
    ['a target just exceeded is not rounded down to 100%', 1.004, '100,4%'],
    ['a target met exactly is 100%', 1, '100%'],
    ['a tiny share above zero never reads as 0%', 0.0001, 'dưới 0,1%'],
    ['a decrease keeps its sign', -0.028, '-2,8%'],
    ['a figure not reported is a dash', undefined, NOT_REPORTED],
  ])('%s: %s → %s', (_, ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  test('rounds every ratio exactly as Intl.NumberFormat vi-VN does, at the precision the rule gives', () => {
    fc.assert(
      fc.property(ratios, (ratio) => {
        const value = Math.abs(ratio * 100);
        const decimal = value < 9.95 || (value >= 99.5 && value < 100.5 && value !== 100);
        const text = `${(decimal ? upToOne : whole).format(value)}%`;
        const expected = text === '0%' && value > 0 ? 'dưới 0,1%' : text;
        expect(formatPercent(ratio)).toBe(ratio < 0 ? `-${expected}` : expected);
      }),
      { numRuns: 20_000 },
    );
  });
});
