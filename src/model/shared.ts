/**
 * Caches over the model that every copy of this code in the process shares. The build's own
 * process and the pages' bundled code are two module instances of the same modules, handed the
 * same Province: what the build computed first (the digests' lineage, the comparable figures of
 * the province's embedded charts) the pages find instead of computing it again.
 */
const REGISTRY = Symbol.for('thong-ke-dang.shared-caches');

/** Names taken in this module instance: two caches of one name would answer for each other. */
const taken = new Set<string>();

/** The cache named `name` (unique among them), created by the first copy of the code to ask. */
export function sharedWeakMap<K extends object, V>(name: string): WeakMap<K, V> {
  if (taken.has(name)) throw new Error(`shared.ts: two caches named "${name}"`);
  taken.add(name);
  const holder = globalThis as { [REGISTRY]?: Map<string, WeakMap<object, unknown>> };
  const registry = (holder[REGISTRY] ??= new Map());
  let cache = registry.get(name);
  if (!cache) registry.set(name, (cache = new WeakMap()));
  return cache as WeakMap<K, V>;
}
