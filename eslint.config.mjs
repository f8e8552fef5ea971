// Lint rules that guard the architecture: apps never import apps, libs never import apps.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const APPS = ['fetcher', 'transformer', 'importer', 'attendance', 'isams-simulator', 'cli'];
/** what boots the simulator app, as an import path below apps/ (a regex) */
const SIMULATOR_SERVER = 'isams-simulator/src/isams-simulator\\.server';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^((\\.\\./)+apps/|@isams-sync/(${APPS.join('|')})$)`, message: 'libs never import apps' },
          ],
        },
      ],
    },
  },
  ...APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){2,}(apps/)?(${APPS.filter((a) => a !== app).join('|')})/`,
              message: 'apps never import other apps; share through libs/',
            },
          ],
        },
      ],
    },
  })),
  // Tests that need a running iSAMS start the simulator in-process from the one file that boots it (it is a plain
  // http server, not a Nest app); nothing else of the simulator app, and lib source code still never imports apps.
  {
    files: ['libs/**/test/**/*.ts', 'libs/**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^((\\.\\./)+apps/(?!${SIMULATOR_SERVER}$)|@isams-sync/(${APPS.join('|')})$)`,
              message: `libs never import apps (their tests may start the simulator from apps/isams-simulator/src/isams-simulator.server)`,
            },
          ],
        },
      ],
    },
  },
  ...APPS.filter((app) => app !== 'isams-simulator').map((app) => ({
    files: [`apps/${app}/test/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./){2,}(apps/)?(?!${SIMULATOR_SERVER}$)(${APPS.filter((a) => a !== app).join('|')})/`,
              message: `apps never import other apps; share through libs/ (tests may start the simulator from apps/isams-simulator/src/isams-simulator.server)`,
            },
          ],
        },
      ],
    },
  })),
);
