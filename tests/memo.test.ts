import { describe, expect, it } from 'vitest';
import type { Province } from '../src/model/province.ts';
import { perProvince, perProvinceKey } from '../src/present/memo.ts';

const province = () => ({}) as Province;

describe('caches over a province', () => {
  it('computes a value once per province', () => {
    let computed = 0;
    const value = perProvince('test-once-per-province', () => ++computed);
    const a = province();
    const b = province();
    expect([value(a), value(a), value(b), value(b)]).toEqual([1, 1, 2, 2]);
  });

  it('keeps a value per key', () => {
    const calls: string[] = [];
    const length = perProvinceKey('test-keyed', (_, key) => (calls.push(key), key.length));
    const p = province();
    expect([length(p, 'ab'), length(p, 'ab'), length(p, 'abc')]).toEqual([2, 2, 3]);
    expect(calls).toEqual(['ab', 'abc']);
  });
});
