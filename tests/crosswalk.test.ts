import { describe, expect, test } from 'vitest';
import { load } from '../src/build/project.ts';
import { CROSSWALK_COLUMNS, crosswalkCsv, crosswalkRows } from '../src/present/crosswalk.ts';
import { fixture } from './helpers.ts';

const loaded = await load(fixture('restructuring'));
if (!loaded.province) throw new Error('the restructuring fixture must load');
const province = loaded.province;
const rowsOf = (unitId: string) => crosswalkRows(province).filter((row) => row[0] === unitId);

describe('the crosswalk maps every ended or moved unit to today’s unit', () => {
  test.each([
    // old unit, parent before, unit today, its parent today, kind, event, date
    [
      'TN.P08',
      'Đảng bộ quận Thốt Nốt',
      'TN.P10',
      'Đảng bộ quận Thốt Nốt',
      'Hợp nhất',
      'TN-2015-HN',
      '01/07/2015',
    ],
    ['TN.S13', 'Đảng bộ quận Thốt Nốt', '', '', 'Giải thể', 'TN-2016-GT', '15/03/2016'],
    // A chi bộ cơ sở taken over as a cell by the pilot committee: still here, under the new committee.
    [
      'TN.DT01',
      'Đảng bộ quận Thốt Nốt',
      'TN.DT01',
      'Đảng bộ Cơ quan Đảng, đoàn thể quận Thốt Nốt',
      'Thí điểm đảng bộ cơ quan',
      'TN-2011-CQDDT',
      '17/08/2011',
    ],
  ])('%s (before under %s) → %j', (unitId, before, today, parentToday, kind, eventId, date) => {
    const [row, ...more] = rowsOf(unitId);
    expect(more).toEqual([]);
    expect([row?.[2], row?.[3], row?.[5], row?.[6], row?.[7], row?.[9]]).toEqual([
      before,
      today,
      parentToday,
      kind,
      eventId,
      date,
    ]);
  });

  test('the result of a merge is not a row: it neither ended nor moved', () => {
    expect(rowsOf('TN.P10')).toEqual([]);
  });

  test('the file is UTF-8 with BOM and CRLF, with Vietnamese headers', () => {
    const text = Buffer.from(crosswalkCsv(province)).toString('utf8');
    expect(text.startsWith('\uFEFFMã đơn vị cũ,Tên đơn vị cũ,')).toBe(true);
    const lines = text.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(crosswalkRows(province).length + 1);
    expect(lines[0]?.replace('\uFEFF', '').split(',')).toEqual(CROSSWALK_COLUMNS.map((c) => c.label));
  });
});
