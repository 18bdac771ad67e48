import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The core (datalog/, solver/, runner/ except the CLI shell, viz/ view models) must run in a browser:
// no Node built-ins, no process, no console, no clocks or Math.random (inject them instead).
const nodeFree = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*', 'fs', 'path', 'os', 'child_process', 'url'],
          message: 'The core never imports Node APIs: inject them.',
        },
      ],
    },
  ],
  'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Pass a seeded generator in.' },
    { object: 'Date', property: 'now', message: 'Pass a clock in.' },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'ldfi-report/**',
      'coverage/**',
      'viz/client/vendor/**',
      'playground/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: [
      'index.ts',
      'datalog/**/*.ts',
      'solver/**/*.ts',
      'runner/**/*.ts',
      'viz/**/*.ts',
      'playground/src/**/*.ts',
    ],
    ignores: ['**/*.test.ts', 'runner/cli/**', 'viz/node/**'],
    rules: nodeFree,
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js', 'scripts/**/*.js', '.ci/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
