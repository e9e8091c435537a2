import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const WEB_MESSAGE =
  'server/ must not import the web app: shared constants live in server/src/schemas or server/src/domain, and the web imports them.';
const LAYER_MESSAGE =
  'Layers: routes → services → repositories → db; schemas and domain (pure rules) depend on nothing above them.';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.pgdata/**',
      '.cache/**',
      'web/build/**',
      'web/.svelte-kit/**',
      'data/generated/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Layer boundaries (issue #10): a wrong import fails `npm run check`.
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE }] }],
    },
  },
  {
    files: ['server/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            { group: ['**/routes/*'], message: LAYER_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/repositories/**/*.ts', 'server/src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            { group: ['**/services/*', '**/routes/*', '**/plugins/*'], message: LAYER_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/schemas/**/*.ts', 'server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            {
              group: ['**/services/*', '**/routes/*', '**/plugins/*', '**/repositories/*', '**/db/*'],
              message: LAYER_MESSAGE,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    // svelte-check (run by `npm run check`) is the judge of which a11y warnings an ignore comment silences.
    rules: { 'svelte/no-unused-svelte-ignore': 'off' },
  },
);
