import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { withContract } from '../src/present/contract-docs.ts';

test('the README data contract matches the schemas (run `npm run docs` after changing a schema)', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(withContract(readme)).toBe(readme);
});
