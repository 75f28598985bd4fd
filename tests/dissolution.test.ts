import { describe, expect, test } from 'vitest';
import { formatProblem } from '../src/problems.ts';
import { loadFiles } from './helpers.ts';

const HEADER = 'id,name,parent_id,level,established,dissolved';
const units = (...rows: string[]) =>
  [HEADER, 'P,Đảng bộ tỉnh Mẫu,,province,,', 'D2,Đảng bộ huyện Hai,P,district,,', ...rows].join('\n');
const EVENTS = 'id,date,kind,title,parent_id,result_unit_id\n';
const LISTED = 'restructuring_id,unit_id,previous_parent_id\n';
const summarize = (problems: readonly { severity: string; code: string; file: string; line?: number }[]) =>
  problems.map((p) => `${p.severity} ${p.code} ${p.file}:${p.line ?? ''}`);

describe('a unit that ends while units under it live on is an error on its own row', () => {
  test.each([
    [
      'a district dissolved in units.csv, its communes without a date',
      {
        'units.csv': units(
          'D1,Huyện Một,P,district,,31/12/2020',
          'G1,Xã An,D1,grassroots,,',
          'G2,Xã Bình,D1,grassroots,,',
        ),
      },
      ['error dissolved-with-living-units units.csv:4'],
    ],
    [
      'a commune dissolved after its district',
      {
        'units.csv': units('D1,Huyện Một,P,district,,31/12/2020', 'G1,Xã An,D1,grassroots,,01/01/2021'),
      },
      ['error dissolved-with-living-units units.csv:4'],
    ],
    [
      'a commune established under a district that had already ended',
      { 'units.csv': units('D1,Huyện Một,P,district,,31/12/2020', 'G1,Xã An,D1,grassroots,01/06/2022,') },
      ['error dissolved-with-living-units units.csv:4'],
    ],
    [
      // Contract v2 A.4: a handover may follow the end by up to 31 days, not more.
      'a move 32 days after the end (one error, not one more on the event row)',
      {
        'units.csv': units('D1,Huyện Một,P,district,,30/06/2025', 'G1,Xã An,D2,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,01/08/2025,transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,D1\n`,
      },
      ['error dissolved-with-living-units units.csv:4'],
    ],
    [
      'a dissolution event that leaves the district’s communes behind (no date in units.csv)',
      {
        'units.csv': units('D1,Huyện Một,P,district,,', 'G1,Xã An,D1,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,01/07/2020,dissolve,Giải thể huyện Một,P,\n`,
        'restructuring_units.csv': `${LISTED}E1,D1,\n`,
      },
      ['error dissolved-with-living-units restructuring_units.csv:2'],
    ],
  ])('%s', async (_name, files, expected) => {
    const { province, problems } = await loadFiles(files);
    expect(province).toBeUndefined();
    expect(summarize(problems)).toEqual(expected);
  });
});

describe('units that ended with their parent, or left it first, are fine', () => {
  test.each([
    [
      'dissolved the same day',
      { 'units.csv': units('D1,Huyện Một,P,district,,31/12/2020', 'G1,Xã An,D1,grassroots,,31/12/2020') },
    ],
    [
      'dissolved before',
      { 'units.csv': units('D1,Huyện Một,P,district,,31/12/2020', 'G1,Xã An,D1,grassroots,,01/06/2019') },
    ],
    [
      'moved away by an event the day before',
      {
        'units.csv': units('D1,Huyện Một,P,district,,31/12/2020', 'G1,Xã An,D2,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,30/12/2020,transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,D1\n`,
      },
    ],
    ...[
      ['30/06/2025', '01/07/2025'],
      ['30/06/2025', '30/06/2025'],
      ['30/06/2025', '31/07/2025'],
    ].map(([dissolved = '', moved = '']): [string, Record<string, string>] => [
      `moved away by an event ${moved}, within 31 days of the district's last day ${dissolved}`,
      {
        'units.csv': units(`D1,Huyện Một,P,district,,${dissolved}`, 'G1,Xã An,D2,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,${moved},transfer,Về huyện Hai,D2,\n`,
        'restructuring_units.csv': `${LISTED}E1,G1,D1\n`,
      },
    ]),
    [
      'merged by the event that ends the district',
      {
        'units.csv': units('D1,Huyện Một,P,district,,', 'G1,Xã An,D2,grassroots,,'),
        'restructurings.csv': `${EVENTS}E1,01/07/2020,merge,Nhập huyện Một vào huyện Hai,P,D2\n`,
        'restructuring_units.csv': `${LISTED}E1,D1,\nE1,D2,\n`,
      },
    ],
  ])('%s', async (_name, files) => {
    const { province, problems } = await loadFiles(files);
    expect(summarize(problems)).toEqual([]);
    expect(province).toBeDefined();
  });
});

describe('the cause is named once, not as a warning for every total it breaks', () => {
  // A district with 61 communes is given a dissolution date by mistake; the province reports its
  // total. Before, 61 communes silently left the province's sums and only mismatches were told.
  const communes = Array.from({ length: 61 }, (_, i) => `G${String(i + 1).padStart(2, '0')}`);
  const files = {
    'units.csv': units(
      'D1,Huyện Một,P,district,,30/06/2021',
      ...communes.map((id) => `${id},Xã ${id},D1,grassroots,,`),
    ),
    'members.csv': [
      'unit_id,year,members',
      ...[2020, 2021, 2022].flatMap((year) => [`P,${year},610`, ...communes.map((id) => `${id},${year},10`)]),
    ].join('\n'),
  };

  test('one error, on the dissolved date, naming how many units and the first five', async () => {
    const { province, problems } = await loadFiles(files);
    expect(province).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      'units.csv:4:6 cột dissolved: "30/06/2021" đơn vị D1 kết thúc hoạt động ngày 30/06/2021, nhưng 61 đơn vị trực thuộc vẫn hoạt động sau khi D1 kết thúc (G01, G02, G03, G04, G05 và 56 đơn vị khác); số liệu của các đơn vị này sẽ không được cộng vào đơn vị cấp trên nào (unit ended while 61 units under it live on). Cách sửa: Chuyển các đơn vị này sang đơn vị cấp trên mới trước ngày đó (sửa cột Mã đơn vị cấp trên trong units.csv và ghi sự kiện điều chuyển trong restructurings.csv, restructuring_units.csv), hoặc ghi ngày giải thể cho những đơn vị đã giải thể cùng D1, hoặc sửa ngày kết thúc của D1 nếu gõ nhầm.',
    ]);
  });
});
