import type { Province } from '../model/province.ts';

/**
 * The caches live on `globalThis`, by name: the build's own process and the pages' bundled copy
 * of this code are two module instances, and the build computes some of the same values first
 * (the committees' charts for the embedded charts' keys). Shared, each is computed once per build.
 */
const REGISTRY = Symbol.for('thong-ke-dang.memo');
type Registry = Map<string, WeakMap<Province, unknown>>;

/** Names taken in this module instance: two caches of one name would answer for each other. */
const taken = new Set<string>();

function cacheNamed<T>(name: string): WeakMap<Province, T> {
  if (taken.has(name)) throw new Error(`memo.ts: two caches named "${name}"`);
  taken.add(name);
  const holder = globalThis as { [REGISTRY]?: Registry };
  const registry = (holder[REGISTRY] ??= new Map());
  let cache = registry.get(name);
  if (!cache) registry.set(name, (cache = new WeakMap()));
  return cache as WeakMap<Province, T>;
}

/**
 * Computes something over the whole province once per build and shares it between pages:
 * province tables and rankings are asked for by many pages but must not cost a scan each.
 * Keyed weakly by the Province object, so a test that loads another fixture gets fresh values.
 * `name` is the cache's, unique among them.
 */
export function perProvince<T>(name: string, compute: (province: Province) => T): (province: Province) => T {
  const cache = cacheNamed<T>(name);
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
  const cache = cacheNamed<Map<string, T>>(name);
  return (province, key) => {
    let byKey = cache.get(province);
    if (!byKey) cache.set(province, (byKey = new Map<string, T>()));
    if (byKey.has(key)) return byKey.get(key) as T;
    const value = compute(province, key);
    byKey.set(key, value);
    return value;
  };
}
