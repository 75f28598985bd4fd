import { describe, expect, test } from 'vitest';
import { readCommandLine, USAGE } from '../src/cli/gen-data.ts';

describe('the gen:data command line', () => {
  test.each([['--help'], ['-h'], ['--out', '/tmp/x', '--help']])('%s asks for the usage text', (...args) => {
    expect(readCommandLine(args)).toEqual({ kind: 'help' });
  });

  test('the usage text is Vietnamese and names every option', () => {
    for (const option of ['--out', '--units', '--years', '--seed', '--reorganize', '--merge-provinces']) {
      expect(USAGE).toContain(option);
    }
    expect(USAGE).toMatch(/^Cách dùng: npm run gen:data -- --out/);
  });

  test('options are read with their defaults', () => {
    expect(readCommandLine(['--out', '/tmp/x', '--reorganize', '2025', '--merge-provinces'])).toEqual({
      kind: 'generate',
      options: {
        units: 1500,
        years: 10,
        out: '/tmp/x',
        seed: 1,
        reorganize: 2025,
        mergeProvinces: true,
      },
    });
  });

  test.each([
    [['--bogus', '--out', '/tmp/x'], 'không có tùy chọn --bogus'],
    [['--units'], 'tùy chọn --units cần một giá trị viết ngay sau nó'],
    [['--units', 'abc', '--out', '/tmp/x'], '--units phải là một số nguyên, không phải "abc"'],
    [['--years', '', '--out', '/tmp/x'], '--years phải là một số nguyên, không phải ""'],
    [['--out', '/tmp/x', '--reorganize', 'năm'], '--reorganize cần một năm, ví dụ 2025, không phải "năm"'],
    [[], 'thiếu --out: cần cho biết thư mục ghi dữ liệu'],
    [
      ['du-lieu', '--out', '/tmp/x'],
      'không hiểu "du-lieu": mỗi giá trị phải đứng sau tên tùy chọn của nó, ví dụ --out /tmp/du-lieu',
    ],
  ])('%j is answered in Vietnamese: %s', (args, message) => {
    expect(readCommandLine(args)).toEqual({ kind: 'wrong', message });
  });
});
