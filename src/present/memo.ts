import type { Province } from '../model/province.ts';
import { sharedWeakMap } from '../model/shared.ts';

/**
 * Computes something over the whole province once per build and shares it between pages:
 * province tables and rankings are asked for by many pages but must not cost a scan each.
 * Keyed weakly by the Province object, so a test that loads another fixture gets fresh values.
 * `name` is the cache's, unique among them; the build's process and the pages' bundled code share
 * it (model/shared.ts): the build computes some of the same values first (the committees' charts
 * for the embedded charts' keys).
 */
export function perProvince<T>(name: string, compute: (province: Province) => T): (province: Province) => T {
  const cache = sharedWeakMap<Province, T>(name);
  return (province) => {
    if (cache.has(province)) return cache.get(province) as T;
    const value = compute(province);
    cache.set(province, value);
    return value;
  };
}

/** The same, for values keyed by a unit (or unit and year) within one province. */
export function perProvinceKey<T>(
  name: string,
  compute: (province: Province, key: string) => T,
): (province: Province, key: string) => T {
  const cache = sharedWeakMap<Province, Map<string, T>>(name);
  return (province, key) => {
    let byKey = cache.get(province);
    if (!byKey) cache.set(province, (byKey = new Map<string, T>()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute(province, key);
    byKey.set(key, value);
    return value;
  };
}
