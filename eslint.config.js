// ESLint flat config: typescript-eslint, plus the layer boundaries of ARCHITECTURE.md:
// core/ imports nothing outside core (no node:, no electron/renderer/lessons/test) and
// uses no wall clock, timers or Math.random; the virtual clock and seeded Rng are its only
// sources of time and chance.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const outsideCore = ['**/electron/**', '**/renderer/**', '**/lessons/**', '**/test/**', '**/scripts/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'core/api/generated/**', 'test-results/**', 'renderer/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.ts', '*.config.*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The renderer talks to the host only through the protocol (ARCHITECTURE.md): core/protocol, and
      // type-only imports of core/api's object shapes.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+core/(?!protocol/|api/types\\.ts$|api/trace\\.ts$)',
              message: 'renderer/ imports only core/protocol (and types from core/api/types.ts, core/api/trace.ts).',
            },
            {
              regex: '^(\\.\\./)+core/api/',
              allowTypeImports: true,
              message: 'renderer/ may import only types from core/api.',
            },
            {
              regex: '^(\\.\\./){2,}(electron|lessons)/',
              message: 'renderer/ talks to the host only through the protocol.',
            },
            { group: ['node:*'], message: 'renderer/ runs in a browser page.' },
          ],
        },
      ],
    },
  },
  {
    // Builtins of the container shell are generators by contract, even those that never sleep.
    files: ['core/kubelet/shell/**/*.ts'],
    rules: { 'require-yield': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'http', 'https', 'crypto', 'child_process'],
              message: 'core/ runs in Node, a Worker and Electron alike: no Node built-ins.',
            },
            { group: outsideCore, message: 'core/ imports nothing outside core/ (ARCHITECTURE.md).' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No DOM in core/.' },
        { name: 'document', message: 'No DOM in core/.' },
        { name: 'process', message: 'No Node globals in core/.' },
        { name: 'setTimeout', message: 'Use the virtual clock (clock.after).' },
        { name: 'setInterval', message: 'Use the virtual clock (clock.after).' },
        { name: 'performance', message: 'Use the virtual clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the virtual clock (clock.now()).',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'new Date() reads the wall clock: use the virtual clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use the seeded Rng.',
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/ (ARCHITECTURE.md).' }] },
      ],
    },
  },
  {
    files: ['lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', '**/renderer/**', 'node:*'], message: 'lessons/ import only from core/.' },
          ],
        },
      ],
    },
  },
);
