import { describe, expect, it } from 'vitest';
import { sharedWeakMap } from '../src/model/shared.ts';

// A second module instance of shared.ts, as the pages' bundled code is beside the build's.
const copy = '../src/model/shared.ts?bundled';
const other = (await import(/* @vite-ignore */ copy)) as typeof import('../src/model/shared.ts');

describe('caches shared by name', () => {
  it('are the same cache for another copy of the code (the build and the pages)', () => {
    const key = {};
    sharedWeakMap<object, number>('test-shared').set(key, 1);
    expect(other.sharedWeakMap<object, number>('test-shared').get(key)).toBe(1);
  });

  it('are apart under different names', () => {
    const key = {};
    sharedWeakMap<object, number>('test-a').set(key, 1);
    expect(other.sharedWeakMap<object, number>('test-b').has(key)).toBe(false);
  });

  it('refuse a second cache of one name in the same code: the two would answer for each other', () => {
    sharedWeakMap('test-once');
    expect(() => sharedWeakMap('test-once')).toThrow(/test-once/);
  });
});
