import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'coverage', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The core and the contract run under plain Node (core) or anywhere (shared): never Electron.
    files: ['src/core/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['electron/*'] }],
    },
  },
  {
    // The contract is shared with the renderer: no Node built-ins.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*'] }],
    },
  },
);
