import { describe, expect, test } from 'vitest';
import { columnLabel, labelOf } from '../src/model/labels.ts';
import { isAbove } from '../src/model/organizations.ts';
import { kindText } from '../src/present/contract-docs.ts';
import { EVENT_KINDS, LEVELS, membersSchema, RATINGS, unitsSchema } from '../src/read/schemas.ts';

describe('labels come from the schemas', () => {
  test.each([
    [RATINGS, 'good', 'hoàn thành tốt nhiệm vụ'],
    [LEVELS, 'district', 'cấp trên cơ sở'],
    [EVENT_KINDS, 'pilot_committee', 'thí điểm đảng bộ cơ quan'],
    [LEVELS, 'unknown', 'unknown'],
  ] as const)('a value is shown by its schema label (%#)', (values, value, label) => {
    expect(labelOf(values, value)).toBe(label);
  });

  test.each([
    ['women', 'Nữ'],
    ['theory_advanced', 'Lý luận chính trị cao cấp, cử nhân'],
    ['no_such_column', 'no_such_column'],
  ])('column %s is headed %s', (key, label) => {
    expect(columnLabel(membersSchema, key)).toBe(label);
  });

  test.each([
    ['province', true],
    ['district', true],
    ['grassroots', false],
    ['cell', false],
  ] as const)('a %s unit is above grassroots: %s', (level, above) => {
    expect(
      isAbove({
        id: 'X',
        name: 'X',
        level,
        type: undefined,
        parentId: undefined,
        established: undefined,
        dissolved: undefined,
        line: 2,
      }),
    ).toBe(above);
  });
});

describe('one wording for both data dictionaries', () => {
  test.each([
    ['id', 'mã (chữ, số, `.`, `_`, `-`), tối đa 64 ký tự'],
    [
      'level',
      'một trong: `province` (tỉnh), `district` (cấp trên cơ sở), `grassroots` (cơ sở), `subcommittee` (đảng bộ bộ phận), `cell` (chi bộ)',
    ],
    ['established', 'ngày `DD/MM/YYYY` hoặc `YYYY-MM-DD`'],
  ])('units.csv %s is described as %s', (key, words) => {
    const column = unitsSchema.columns.find((c) => c.key === key);
    if (!column) throw new Error(`no column ${key}`);
    expect(kindText(column.kind)).toBe(words);
  });
});
