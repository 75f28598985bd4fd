import { beforeAll, describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { lineageOf, predecessors, successors } from '../src/model/lineage.ts';
import type { Province } from '../src/model/province.ts';
import { fixture } from './helpers.ts';

// reorganization: on 01/07/2025 communes A1 and A2 merge into the new commune committee X,
// schools S1 and S2 move under X, B2 is merged into B1 (which carries on), D1 and D2 end.
// restructuring (Thốt Nốt): P08 and P09 merge into the new ward P10 in 2015.
let reorganized: Province;
let thotNot: Province;
beforeAll(async () => {
  const [a, b] = await Promise.all([load(fixture('reorganization')), load(fixture('restructuring'))]);
  if (!a.province || !b.province) throw new Error('fixtures must be valid');
  [reorganized, thotNot] = [a.province, b.province];
});

describe('direct predecessors and successors come from merge events', () => {
  test.each([
    ['a new unit lists the units the merge ended', 'X', ['A1', 'A2']],
    ['an absorbing unit lists only the unit it absorbed', 'B1', ['B2']],
    ['a unit moved under the new unit is not its predecessor', 'S1', []],
    ['a dissolved district has no successor and no predecessor', 'D1', []],
  ])('%s', (_, unitId, expected) => {
    expect(predecessors(reorganized, unitId).map((l) => l.unitId)).toEqual(expected);
  });

  test('each link names the event and the date it took effect', () => {
    expect(successors(reorganized, 'A1')).toEqual([{ unitId: 'X', eventId: 'M1', date: '2025-07-01' }]);
    expect(successors(reorganized, 'B1')).toEqual([]);
    expect(successors(reorganized, 'D1')).toEqual([]);
  });

  test('v1 data: the 2015 ward merger of the seed', () => {
    expect(predecessors(thotNot, 'TN.P10').map((l) => l.unitId)).toEqual(['TN.P08', 'TN.P09']);
  });
});

describe('lineage across chains of merges', () => {
  test('the heir of an ended unit is the unit that carries it on today', () => {
    const lineage = lineageOf(reorganized);
    expect(lineage.heir('A2')).toBe('X');
    expect(lineage.heir('B2')).toBe('B1');
    expect(lineage.heir('X')).toBe('X');
    expect(lineage.heir('D1')).toBeUndefined();
  });

  test('all predecessors follow merges of merged units', async () => {
    const chained = await load(fixture('reorganization-chain'));
    if (!chained.province) throw new Error('fixture must be valid');
    expect(lineageOf(chained.province).allPredecessors('Z')).toEqual(['Y', 'C', 'A', 'B']);
  });
});
