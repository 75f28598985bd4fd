import type { Random } from './random.ts';

export type GrassrootsType =
  'commune' | 'ward' | 'township' | 'agency' | 'enterprise' | 'public_service' | 'armed_forces' | 'other';

/** Mix of grassroots types in a district, roughly as in provincial reports. */
const TYPE_WEIGHTS: readonly (readonly [GrassrootsType, number])[] = [
  ['commune', 34],
  ['ward', 8],
  ['township', 3],
  ['agency', 22],
  ['enterprise', 12],
  ['public_service', 14],
  ['armed_forces', 4],
  ['other', 3],
];
const TYPE_TOTAL = TYPE_WEIGHTS.reduce((a, [, w]) => a + w, 0);

export function pickType(random: Random): GrassrootsType {
  let roll = random.next() * TYPE_TOTAL;
  for (const [type, weight] of TYPE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'other';
}

/** Communes, wards and townships: larger, with residential cells, never dissolved or moved here. */
export const TERRITORIAL = new Set<GrassrootsType>(['commune', 'ward', 'township']);
