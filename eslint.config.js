import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const WEB_MESSAGE =
  'server/ must not import the web app: shared constants live in server/src/schemas or server/src/domain, and the web imports them.';
const LAYER_MESSAGE =
  'Layers: routes → services → repositories → db; schemas and domain (pure rules) depend on nothing above them.';
const FASTIFY_MESSAGE =
  'Only routes, plugins and app.ts know Fastify: services, repositories, db, schemas and domain take an Actor (server/src/domain/actor.ts), built by actorOf(request) in the route.';
/** Fastify and its plugins, type imports included (`import type` is an import too). */
const NO_FASTIFY_PATHS = [{ name: 'fastify', message: FASTIFY_MESSAGE }];
const NO_FASTIFY_PATTERN = { group: ['fastify/*', '@fastify/*'], message: FASTIFY_MESSAGE };
/** The same for inline type imports (`import('fastify').FastifyRequest`) and module augmentations. */
const NO_FASTIFY_SYNTAX = [
  'error',
  { selector: 'TSImportType Literal[value=/^(fastify|@fastify\\/)/]', message: FASTIFY_MESSAGE },
  { selector: 'TSModuleDeclaration[id.value=/^(fastify|@fastify\\/)/]', message: FASTIFY_MESSAGE },
];

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
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
          paths: NO_FASTIFY_PATHS,
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            { group: ['**/routes/*', '**/plugins/*'], message: LAYER_MESSAGE },
            NO_FASTIFY_PATTERN,
          ],
        },
      ],
      'no-restricted-syntax': NO_FASTIFY_SYNTAX,
    },
  },
  {
    files: ['server/src/repositories/**/*.ts', 'server/src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_FASTIFY_PATHS,
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            { group: ['**/services/*', '**/routes/*', '**/plugins/*'], message: LAYER_MESSAGE },
            NO_FASTIFY_PATTERN,
          ],
        },
      ],
      'no-restricted-syntax': NO_FASTIFY_SYNTAX,
    },
  },
  {
    files: ['server/src/schemas/**/*.ts', 'server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NO_FASTIFY_PATHS,
          patterns: [
            { group: ['**/web/**', '$lib/*'], message: WEB_MESSAGE },
            {
              group: ['**/services/*', '**/routes/*', '**/plugins/*', '**/repositories/*', '**/db/*'],
              message: LAYER_MESSAGE,
            },
            NO_FASTIFY_PATTERN,
          ],
        },
      ],
      'no-restricted-syntax': NO_FASTIFY_SYNTAX,
    },
  },
  {
    // Services write the audit trail, in the same transaction as the change they record: a route only calls them.
    files: ['server/src/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='audit'][object.name='app']",
          message: 'Routes do not audit: the service they call records the event (with the actor from actorOf).',
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
