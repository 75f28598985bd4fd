import { describe, expect, it } from 'vitest';
import type { Province } from '../src/model/province.ts';
import { perProvince, perProvinceKey } from '../src/present/memo.ts';

// Two module instances of memo.ts, as the build's process and the pages' bundle have.
const copy = '../src/present/memo.ts?bundled';
const other = (await import(/* @vite-ignore */ copy)) as typeof import('../src/present/memo.ts');
const province = () => ({}) as Province;

describe('caches over a province', () => {
  it('computes a value once for another copy of the code as well (the build and the pages share it)', () => {
    let computed = 0;
    const here = perProvince('test-shared', () => ++computed);
    const there = other.perProvince('test-shared', () => ++computed);
    const p = province();
    expect([here(p), there(p), here(p)]).toEqual([1, 1, 1]);
    expect(computed).toBe(1);
  });

  it('computes again for another province', () => {
    const count = perProvince('test-per-province', (p) => p);
    const a = province();
    const b = province();
    expect(count(a)).toBe(a);
    expect(count(b)).toBe(b);
  });

  it('keeps a value per key, shared between copies of the code', () => {
    const calls: string[] = [];
    const here = perProvinceKey('test-keyed', (_, key) => (calls.push(key), key.length));
    const there = other.perProvinceKey('test-keyed', (_, key) => (calls.push(key), -1));
    const p = province();
    expect([here(p, 'ab'), there(p, 'ab'), there(p, 'abc')]).toEqual([2, 2, -1]);
    expect(calls).toEqual(['ab', 'abc']);
  });

  it('refuses two caches of one name in the same code: they would answer for each other', () => {
    perProvince('test-once', () => 1);
    expect(() => perProvince('test-once', () => 2)).toThrow(/test-once/);
  });
});
