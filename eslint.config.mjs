// Lint rules that guard the architecture: apps never import apps, libs never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['fetcher', 'transformer', 'importer', 'attendance', 'isams-simulator', 'cli'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // XML hardening has to name control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: `^((\\.\\./)+apps/|@isams-sync/(${APPS.join('|')})$)`, message: 'libs never import apps' }] }],
    },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./){2,}(apps/)?(${APPS.filter((a) => a !== app).join('|')})/`, message: 'apps never import other apps; share through libs/' },
          ],
        },
      ],
    },
  })),
);
