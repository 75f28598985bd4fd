/** mulberry32: tiny, fast and good enough for test data; the same seed gives the same stream. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** `count` of `total` with a per-draw probability `share`, without drawing `total` times. */
  const part = (total: number, share: number) =>
    Math.max(0, Math.min(total, Math.round(total * share * (0.85 + 0.3 * next()))));
  return { next, int, pick, part };
}

/**
 * One stream shared by every step, in order: a step that draws once more, or earlier, changes
 * everything generated after it.
 */
export type Random = ReturnType<typeof prng>;
