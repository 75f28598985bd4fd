import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

// The project's own eslint.config.js, on code written here as if it were the given file of src/
// (an existing file, so that the type-aware rules find it in the TypeScript project).
const root = join(import.meta.dirname, '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the layers read → model → validate → present → pages/build/cli', () => {
  test.each([
    ['src/read/values.ts', "import { formatNumber } from '../present/format.ts';"],
    ['src/read/values.ts', "import { slug } from '../model/units.ts';"],
    ['src/read/values.ts', "import { validate } from '../validate/validate.ts';"],
    ['src/read/values.ts', "import { href } from '../components/paths.ts';"],
    ['src/read/values.ts', "import { printProblems } from '../build/report.ts';"],
    ['src/model/units.ts', "import { validate } from '../validate/validate.ts';"],
    ['src/model/units.ts', "import { formatNumber } from '../present/format.ts';"],
    ['src/validate/calendar.ts', "import { formatNumber } from '../present/format.ts';"],
    ['src/present/format.ts', "import { href } from '../components/paths.ts';"],
  ])('%s may not say %s', async (file, line) => {
    expect(await rulesBroken(file, `${line}\n`)).toContain('import-x/no-restricted-paths');
  });

  test.each([
    ['src/read/values.ts', "import { error } from '../problems.ts';"],
    ['src/model/units.ts', "import { LEVELS } from '../read/schemas.ts';"],
    ['src/validate/calendar.ts', "import { slug } from '../model/units.ts';"],
    ['src/present/format.ts', "import { validate } from '../validate/validate.ts';"],
    ['src/build/report.ts', "import { formatNumber } from '../present/format.ts';"],
  ])('%s may say %s', async (file, line) => {
    expect(
      await rulesBroken(file, `${line}\nexport const used = [${/\{ (\w+) \}/.exec(line)?.[1]}];\n`),
    ).toEqual([]);
  });

  test('a file that imports a file that imports it back is refused', async () => {
    // unit-view.ts imports format.ts.
    const code = "import { unitPath } from './unit-view.ts';\nexport const used = unitPath;\n";
    expect(await rulesBroken('src/present/format.ts', code)).toContain('import-x/no-cycle');
  });
});

test('a promise neither awaited nor marked `void` is refused', async () => {
  const code = 'export function start(run: () => Promise<void>): void {\n  run();\n}\n';
  expect(await rulesBroken('src/present/format.ts', code)).toEqual([
    '@typescript-eslint/no-floating-promises',
  ]);
  expect(await rulesBroken('src/present/format.ts', code.replace('  run();', '  void run();'))).toEqual([]);
});
