import { expect, test } from 'vitest';
import { eventList } from '../src/present/event-list.ts';
import { loadFiles } from './helpers.ts';

/**
 * A 2025-style day: 20 communes under two district committees merge pairwise into 10 commune
 * committees directly under the province (cấp trên cơ sở), and both district committees end.
 */
function reorganizedProvince(): Record<string, string> {
  const units = ['id,name,parent_id,level,type,established,dissolved', 'P,Đảng bộ tỉnh Mẫu,,province,,,'];
  const members = ['unit_id,year,members'];
  const events = ['id,date,kind,title,parent_id,result_unit_id,decision'];
  const listed = ['restructuring_id,unit_id,previous_parent_id'];
  for (const d of [1, 2]) units.push(`D${d},Đảng bộ huyện ${d},P,district,,,01/07/2025`);
  for (let n = 1; n <= 10; n += 1) {
    const district = n <= 5 ? 'D1' : 'D2';
    units.push(`N${n},Đảng bộ xã Mới ${n},P,district,commune,01/07/2025,`);
    members.push(`N${n},2025,${200 + n}`);
    events.push(`HN-${n},01/07/2025,merge,Hợp nhất thành Đảng bộ xã Mới ${n},P,N${n},1788-QĐ/TU`);
    for (const half of ['A', 'B']) {
      units.push(`C${n}${half},Đảng bộ xã Cũ ${n}${half},${district},grassroots,commune,,01/07/2025`);
      members.push(`C${n}${half},2024,100`);
      listed.push(`HN-${n},C${n}${half},${district}`);
    }
  }
  // The districts end after the merges have taken their communes (events apply in file order).
  for (const d of [1, 2]) {
    events.push(`GT-D${d},01/07/2025,dissolve,Kết thúc hoạt động Đảng bộ huyện ${d},P,,294-QĐ/TW`);
    listed.push(`GT-D${d},D${d},P`);
  }
  return {
    'units.csv': units.join('\n'),
    'members.csv': members.join('\n'),
    'restructurings.csv': events.join('\n'),
    'restructuring_units.csv': listed.join('\n'),
  };
}

test('a day of many events gets a before-and-after summary and its events grouped by decision', async () => {
  const loaded = await loadFiles(reorganizedProvince());
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const province = loaded.province;
  if (!province) throw new Error('the reorganized province must load');
  const [day] = eventList(province).years[0]?.days ?? [];
  expect(day?.heading).toBe('Ngày 01/07/2025: 12 sự kiện');
  expect(day?.decisions.map((d) => d.heading)).toEqual([
    // Newest first, as the whole timeline: the districts ended last.
    'Quyết định 294-QĐ/TW (2 sự kiện)',
    'Quyết định 1788-QĐ/TU (10 sự kiện)',
  ]);
  const rows = day?.summary?.rows.map((row) => row.map((cell) => cell.text));
  expect(rows).toEqual([
    ['Đảng bộ tỉnh, thành phố', '1', '1', '0'],
    ['Đảng bộ cấp trên trực tiếp cơ sở', '2', '10', '+8'],
    ['Tổ chức cơ sở đảng', '20', '0', '−20'],
    ['Đảng bộ trực thuộc tỉnh ủy, thành ủy', '2', '10', '+8'],
    ['Đảng bộ xã, phường, thị trấn, đặc khu', '20', '10', '−10'],
    ['Đảng viên (31/12/2024 và 31/12/2025)', '2.000', '2.055', '+55'],
  ]);
});
