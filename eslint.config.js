// ESLint flat config: typescript-eslint, plus the layer boundaries of ARCHITECTURE.md:
// core/ imports nothing outside core (no node:, no electron/renderer/lessons/test) and
// uses no wall clock, timers or Math.random; the virtual clock and seeded Rng are its only
// sources of time and chance.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outsideCore = ['**/electron/**', '**/renderer/**', '**/lessons/**', '**/test/**', '**/scripts/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'core/api/generated/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
    files: ['renderer/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        console: 'readonly',
      },
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
