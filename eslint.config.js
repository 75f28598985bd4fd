import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The pipeline's layers (docs/architecture.md): read → model → validate → present →
 * pages/components/layouts/cli/build/client. Each folder below may import itself, the folders
 * listed for it and src/problems.ts (the problem type every layer reports with), nothing else
 * under src/ (no root file such as site.ts). Folders not listed here sit on top and may import
 * anything. Validation runs twice, on the rows as read and on the model built from them, so
 * validate/ may use the model it checks.
 */
const LAYERS = {
  read: [],
  model: ['read'],
  validate: ['read', 'model'],
  present: ['read', 'model', 'validate'],
};

const layerZones = Object.entries(LAYERS).map(([layer, allowed]) => ({
  target: `./src/${layer}`,
  from: './src',
  except: [layer, ...allowed, 'problems.ts'].map((path) => `./${path}`),
  message: `src/${layer}/ may import only ${[...allowed.map((a) => `src/${a}/`), 'src/problems.ts'].join(', ')} (layers: eslint.config.js).`,
}));

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', '.dist-*/', 'tests/.output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    // Type-aware rules on TypeScript files only. In .astro files astro-eslint-parser hands
    // typescript-eslint a TSX rendering without Astro's JSX types, so every template expression
    // comes out as an error type (31 false no-unsafe-return on the pages when tried); `astro check`
    // (npm run typecheck) checks those files' types, and their frontmatter only awaits getSite().
    // Plain .js/.mjs files are not type-checked by tsc either (no checkJs).
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The build leaves some promises pending on purpose: those say so with `void` and a comment.
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any` by design.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver()],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      // Cycles through `import type` only are erased before Node runs the code and are not reported.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
