import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  NOT_REPORTED,
  formatNumber,
  formatPercent,
  formatPercentAgainst,
  formatPercentFixed,
  formatSigned,
  percentDigits,
} from '../src/present/format.ts';

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

describe('a percentage beside its target never reads as the target when it falls short', () => {
  test.each([
    ['a share just under its target gets the decimal that shows it', 1140 / 1348, 0.85, '84,6%'],
    ['closer still, two decimals', 9264 / 10072, 0.92, '91,98%'],
    ['a share that met its target is written as usual', 0.9012, 0.9, '90%'],
    ['a share far under its target is written as usual', 0.82, 0.9, '82%'],
    ['a share under a target given to a decimal gets one decimal more', 0.99512, 0.9954, '99,51%'],
  ])('%s: %s against %s → %s', (_, ratio, target, text) => {
    expect(formatPercentAgainst(ratio, target)).toBe(text);
  });
});

describe('a column of percentages has one precision', () => {
  test.each([
    ['whole percents need none', [0.82, 1.06, 0.59], undefined, 0],
    ['one value under 10% gives the whole column one decimal', [0.82, 0.028], undefined, 1],
    // An achievement's reference is 100%: 99,7% must not read 100% beside a met target.
    ['an achievement just under 100% gives the column one decimal', [1.06, 0.997], undefined, 1],
    ['an achievement just over 100% needs none: it is met', [1.06, 1.004], undefined, 0],
    ['each share against its own target', [0.8457, 0.93], [0.85, 0.9], 1],
    ['as many as the closest share needs', [0.9198, 0.8457], [0.92, 0.85], 2],
  ])('%s', (_, values, targets, digits) => {
    expect(percentDigits(values, targets && ((i) => targets[i]))).toBe(digits);
  });

  test.each([
    [0.8457, 1, '84,6%'],
    [0.59, 1, '59,0%'],
    [1.0633, 0, '106%'],
    [0.00001, 1, 'dưới 0,1%'],
    [undefined, 1, NOT_REPORTED],
  ])('%s with %s decimals is %s', (ratio, digits, text) => {
    expect(formatPercentFixed(ratio, digits)).toBe(text);
  });
});
