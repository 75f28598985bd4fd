import { labelOf } from '../model/labels.ts';
import type { Dataset } from '../read/dataset.ts';
import { LEVELS } from '../read/schemas.ts';
import { LEVEL_RANK } from '../model/units.ts';
import { error, type Problem, type ProblemInput } from '../problems.ts';

type Cell = Omit<ProblemInput, 'file' | 'line' | 'column' | 'key' | 'value'>;

/** Builds problems that point at one cell, looking its column number up in the file's header. */
export function cellProblems(data: Dataset, problems: Problem[]) {
  return (
    make: typeof error,
    file: string,
    line: number,
    key: string,
    value: string | number | undefined,
    body: Cell,
  ) => {
    const column = data.sources.get(file)?.columns.get(key);
    problems.push(
      make({
        file,
        line,
        ...(column === undefined ? {} : { column }),
        key,
        ...(value === undefined ? {} : { value: String(value) }),
        ...body,
      }),
    );
  };
}

const levelLabel = (level: string) => labelOf(LEVELS, level);

/** Units that a merge ends: listed in a merge event without being its result. */
function mergedAway(data: Dataset): Set<string> {
  const merges = new Map(data.restructurings.filter((e) => e.kind === 'merge').map((e) => [e.id, e]));
  const found = new Set<string>();
  for (const row of data.restructuringUnits) {
    const event = merges.get(row.restructuring_id);
    if (event && event.result_unit_id !== row.unit_id) found.add(row.unit_id);
  }
  return found;
}

/**
 * Events that may leave `parent_id` empty (contract v2 A.1): a merge or a rename whose result
 * and listed units are all roots, such as two provinces merged into one, have no committee above
 * them where the change happens.
 */
function eventsOfRoots(
  data: Dataset,
  units: ReadonlyMap<string, { readonly parent_id: string | undefined }>,
) {
  const isRoot = (id: string) => units.get(id)?.parent_id === undefined;
  const notRoot = new Set<string>();
  const listed = new Set<string>();
  for (const row of data.restructuringUnits) {
    listed.add(row.restructuring_id);
    if (!isRoot(row.unit_id)) notRoot.add(row.restructuring_id);
  }
  const found = new Set<string>();
  for (const event of data.restructurings) {
    if (event.kind !== 'merge' && event.kind !== 'rename') continue;
    if (event.result_unit_id !== undefined && !isRoot(event.result_unit_id)) continue;
    if (listed.has(event.id) && !notRoot.has(event.id)) found.add(event.id);
  }
  return found;
}

/**
 * Errors that make the data unusable: ids that collide or point nowhere, a tree without a
 * root, more than one root alive today, cycles, parents below their children. The model
 * assumes none remain. That every earlier root was merged into today's is checked on the
 * replayed tree (reorganization.ts).
 */
export function checkStructure(data: Dataset): Problem[] {
  const problems: Problem[] = [];
  const report = cellProblems(data, problems);
  const units = new Map<string, (typeof data.units)[number]>();
  // Units and events whose own row had a bad cell: that cell is the one error to report.
  const refusedUnits = data.rejectedIds?.units ?? new Set<string>();
  const refusedEvents = data.rejectedIds?.events ?? new Set<string>();
  const lowerIds = new Map<string, (typeof data.units)[number]>();

  for (const unit of data.units) {
    const first = units.get(unit.id) ?? lowerIds.get(unit.id.toLowerCase());
    if (first) {
      report(error, 'units.csv', unit.line, 'id', unit.id, {
        code: 'duplicate-id',
        message: `trùng mã với đơn vị ở dòng ${first.line} ("${first.name}")${first.id === unit.id ? '' : ' (mã chỉ khác chữ hoa, chữ thường, trang web sẽ trùng địa chỉ)'}`,
        english: 'duplicate unit id',
        fix: 'Mỗi đơn vị cần một mã riêng: đổi mã của một trong hai đơn vị, hoặc xóa dòng lặp.',
      });
      continue;
    }
    units.set(unit.id, unit);
    lowerIds.set(unit.id.toLowerCase(), unit);
  }

  const roots = [...units.values()].filter((u) => u.parent_id === undefined);
  for (const unit of roots) {
    if (unit.level !== 'province') {
      report(error, 'units.csv', unit.line, 'parent_id', '', {
        code: 'missing-parent',
        message: `đơn vị "${unit.name}" không có đơn vị cấp trên; chỉ đơn vị cấp tỉnh (gốc) được để trống`,
        english: 'only the root may have no parent_id',
        fix: 'Điền mã đơn vị cấp trên cho đơn vị này.',
      });
    }
  }
  const provinceRoots = roots.filter((u) => u.level === 'province');
  // Several roots may follow one another (contract v2 A.1); those alive today must be one.
  const merged = mergedAway(data);
  const living = provinceRoots.filter((u) => u.dissolved === undefined && !merged.has(u.id));
  for (const extra of living.slice(1)) {
    report(error, 'units.csv', extra.line, 'level', extra.level, {
      code: 'two-roots',
      message: `là đơn vị gốc thứ hai vẫn còn hoạt động (đã có "${living[0]?.name}" ở dòng ${living[0]?.line}); hiện nay chỉ được có một đơn vị cấp tỉnh, các đơn vị gốc trước đây phải có ngày giải thể hoặc đã hợp nhất vào đơn vị gốc hiện nay`,
      english: 'more than one root today',
      fix: 'Giữ một dòng cấp tỉnh còn hoạt động; đơn vị khác cần có mã đơn vị cấp trên, hoặc, nếu là tỉnh cũ đã hợp nhất, ghi sự kiện hợp nhất (merge) và liệt kê nó trong restructuring_units.csv.',
    });
  }
  if (units.size === 0 && data.sources.get('units.csv')?.present) {
    problems.push(
      error({
        code: 'no-units',
        file: 'units.csv',
        message: 'tệp không có đơn vị nào (chỉ có dòng tiêu đề hoặc mọi dòng đều lỗi)',
        english: 'units.csv lists no units',
        fix: 'Thêm các dòng đơn vị dưới dòng tiêu đề, bắt đầu bằng Đảng bộ tỉnh (cấp tỉnh).',
      }),
    );
  }
  if (provinceRoots.length === 0 && units.size > 0) {
    problems.push(
      error({
        code: 'no-root',
        file: 'units.csv',
        message: 'không có đơn vị gốc: cần đúng một dòng cấp "province" (tỉnh) để trống mã cấp trên',
        english: 'no root unit (level province, no parent_id)',
        fix: 'Thêm dòng cho Đảng bộ tỉnh với cấp "tỉnh" và để trống cột Mã đơn vị cấp trên.',
      }),
    );
  }
  for (const unit of units.values()) {
    if (unit.level === 'province' && unit.parent_id !== undefined) {
      report(error, 'units.csv', unit.line, 'level', unit.level, {
        code: 'province-with-parent',
        message: 'đơn vị cấp tỉnh là gốc của cây nên không có đơn vị cấp trên',
        english: 'the province level is the root and has no parent',
        fix: 'Để trống mã đơn vị cấp trên của dòng cấp tỉnh, hoặc sửa cấp của đơn vị.',
      });
    }
    if (unit.parent_id === undefined) continue;
    const parent = units.get(unit.parent_id);
    if (!parent && refusedUnits.has(unit.parent_id)) continue;
    if (!parent) {
      report(error, 'units.csv', unit.line, 'parent_id', unit.parent_id, {
        code: 'unknown-parent',
        message: 'không có đơn vị nào mang mã này trong units.csv',
        english: 'parent_id refers to an unknown unit',
        fix: 'Sửa mã đơn vị cấp trên cho đúng, hoặc thêm đơn vị cấp trên vào units.csv.',
      });
    } else if (LEVEL_RANK[parent.level] <= LEVEL_RANK[unit.level]) {
      report(error, 'units.csv', unit.line, 'parent_id', unit.parent_id, {
        code: 'parent-level',
        message: `đơn vị cấp trên "${parent.name}" có cấp "${levelLabel(parent.level)}", không cao hơn cấp "${levelLabel(unit.level)}" của đơn vị này`,
        english: 'a parent must be at a higher level than its child',
        fix: 'Kiểm tra lại cột Cấp của hai đơn vị hoặc mã đơn vị cấp trên.',
      });
    }
    if (unit.established && unit.dissolved && unit.dissolved < unit.established) {
      report(error, 'units.csv', unit.line, 'dissolved', unit.dissolved, {
        code: 'dissolved-before-established',
        message: 'ngày giải thể trước ngày thành lập',
        english: 'dissolved before established',
        fix: 'Kiểm tra lại hai ngày này.',
      });
    }
  }

  // Walk up from every unit; a walk that meets itself is a cycle. Each cycle is reported once.
  const settled = new Set<string>();
  for (const start of units.values()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | undefined = start.id;
    while (current !== undefined && !settled.has(current) && !onPath.has(current)) {
      path.push(current);
      onPath.add(current);
      current = units.get(current)?.parent_id;
    }
    if (current !== undefined && onPath.has(current)) {
      const cycle = path.slice(path.indexOf(current));
      const unit = units.get(current);
      if (unit) {
        report(error, 'units.csv', unit.line, 'parent_id', unit.parent_id, {
          code: 'cycle',
          message: `tạo thành vòng lặp cấp trên: ${[...cycle, current].join(' → ')}`,
          english: 'the parent links form a cycle',
          fix: 'Sửa mã đơn vị cấp trên của một trong các đơn vị này để cây có gốc là đơn vị cấp tỉnh.',
        });
      }
    }
    for (const id of path) settled.add(id);
  }

  // Without units.csv every reference would be "unknown": the missing file is the one error.
  if (units.size === 0) return problems;

  const unknownUnit = (file: string, line: number, key: string, id: string) => {
    if (refusedUnits.has(id)) return;
    report(error, file, line, key, id, {
      code: 'unknown-unit',
      message: 'không có đơn vị nào mang mã này trong units.csv',
      english: `${key} refers to an unknown unit`,
      fix: 'Sửa mã cho khớp với units.csv, hoặc thêm đơn vị vào units.csv.',
    });
  };

  for (const [file, rows] of [
    ['members.csv', data.members],
    ['admissions.csv', data.admissions],
    ['cells.csv', data.cells],
  ] as const) {
    const seen = new Map<string, number>();
    for (const row of rows) {
      if (!units.has(row.unit_id)) {
        unknownUnit(file, row.line, 'unit_id', row.unit_id);
        continue;
      }
      const key = `${row.unit_id}\u0000${row.year}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report(error, file, row.line, 'year', row.year, {
          code: 'duplicate-row',
          message: `đơn vị ${row.unit_id} đã có số liệu năm ${row.year} ở dòng ${first}`,
          english: 'duplicate (unit_id, year)',
          fix: 'Mỗi đơn vị chỉ có một dòng cho mỗi năm: xóa dòng lặp hoặc sửa năm.',
        });
      } else {
        seen.set(key, row.line);
      }
    }
  }

  for (const [file, rows] of [
    ['committees.csv', data.committees],
    ['term_targets.csv', data.termTargets],
  ] as const) {
    for (const row of rows) if (!units.has(row.unit_id)) unknownUnit(file, row.line, 'unit_id', row.unit_id);
  }

  const parentless = eventsOfRoots(data, units);
  const events = new Map<string, number>();
  for (const event of data.restructurings) {
    const first = events.get(event.id);
    if (first !== undefined) {
      report(error, 'restructurings.csv', event.line, 'id', event.id, {
        code: 'duplicate-id',
        message: `trùng mã với sự kiện ở dòng ${first}`,
        english: 'duplicate event id',
        fix: 'Đổi mã của một trong hai sự kiện.',
      });
      continue;
    }
    events.set(event.id, event.line);
    if (event.parent_id === undefined) {
      if (!parentless.has(event.id)) {
        report(error, 'restructurings.csv', event.line, 'parent_id', '', {
          code: 'missing-value',
          message:
            'thiếu đơn vị cấp trên; chỉ được để trống khi hợp nhất hoặc đổi tên đơn vị gốc (cấp tỉnh), nghĩa là mọi đơn vị của sự kiện đều không có đơn vị cấp trên',
          english: 'parent_id may be empty only for a merge or rename of root units',
          fix: 'Điền mã cấp ủy nơi diễn ra việc sắp xếp (phải có trong units.csv).',
        });
      }
    } else if (!units.has(event.parent_id)) {
      unknownUnit('restructurings.csv', event.line, 'parent_id', event.parent_id);
    }
    if (event.result_unit_id === undefined) {
      if (event.kind === 'pilot_committee' || event.kind === 'merge' || event.kind === 'establish') {
        report(error, 'restructurings.csv', event.line, 'result_unit_id', '', {
          code: 'missing-value',
          message: 'thiếu đơn vị sau sắp xếp; bắt buộc với thí điểm, hợp nhất và thành lập',
          english: 'result_unit_id is required for pilot_committee, merge and establish',
          fix: 'Điền mã của đơn vị mới hoặc đơn vị còn lại (phải có trong units.csv).',
        });
      }
    } else if (!units.has(event.result_unit_id)) {
      unknownUnit('restructurings.csv', event.line, 'result_unit_id', event.result_unit_id);
    }
  }
  const listed = new Map<string, number>();
  for (const row of data.restructuringUnits) {
    if (!events.has(row.restructuring_id) && !refusedEvents.has(row.restructuring_id)) {
      report(error, 'restructuring_units.csv', row.line, 'restructuring_id', row.restructuring_id, {
        code: 'unknown-event',
        message: 'không có sự kiện nào mang mã này trong restructurings.csv',
        english: 'restructuring_id refers to an unknown event',
        fix: 'Sửa mã sự kiện cho khớp với restructurings.csv.',
      });
    }
    if (!units.has(row.unit_id)) unknownUnit('restructuring_units.csv', row.line, 'unit_id', row.unit_id);
    if (row.previous_parent_id !== undefined && !units.has(row.previous_parent_id)) {
      unknownUnit('restructuring_units.csv', row.line, 'previous_parent_id', row.previous_parent_id);
    }
    const key = `${row.restructuring_id}\u0000${row.unit_id}`;
    const first = listed.get(key);
    if (first !== undefined) {
      report(error, 'restructuring_units.csv', row.line, 'unit_id', row.unit_id, {
        code: 'duplicate-row',
        message: `đơn vị này đã được liệt kê cho cùng sự kiện ở dòng ${first}`,
        english: 'duplicate (restructuring_id, unit_id)',
        fix: 'Xóa dòng lặp.',
      });
    } else {
      listed.set(key, row.line);
    }
  }
  if (data.dataset.length > 1) {
    problems.push(
      error({
        code: 'dataset-rows',
        file: 'dataset.csv',
        line: data.dataset[1]?.line ?? 3,
        message: 'tệp thông tin bộ dữ liệu chỉ được có một dòng số liệu',
        english: 'dataset.csv holds exactly one row',
        fix: 'Giữ lại một dòng dưới dòng tiêu đề.',
      }),
    );
  }
  return problems;
}
