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

const SQL_MESSAGE = 'SQL lives in server/src/repositories (or server/src/db): call a repository function instead.';
/** A query sent to the database (`pool.query`, `client.query`) outside the repositories and the db layer. */
const NO_SQL_SYNTAX = { selector: "CallExpression[callee.property.name='query']", message: SQL_MESSAGE };

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
      'no-restricted-syntax': [...NO_FASTIFY_SYNTAX, NO_SQL_SYNTAX],
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
      'no-restricted-syntax': [...NO_FASTIFY_SYNTAX, NO_SQL_SYNTAX],
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
        NO_SQL_SYNTAX,
      ],
    },
  },
  {
    // The loads (boundaries, demo), the upload parsing, the plugins and the app itself call repositories too.
    files: [
      'server/src/boundaries/**/*.ts',
      'server/src/demo/**/*.ts',
      'server/src/uploads/**/*.ts',
      'server/src/plugins/**/*.ts',
      'server/src/app.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', NO_SQL_SYNTAX] },
  },
  // Type-aware rules (typed linting through the TypeScript project service) for the server and the scripts: a promise
  // nobody awaits loses its error (and, in a transaction, its rollback), an `await` on a non-promise or a promise
  // where a callback's result is ignored is a bug.
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    // svelte-check (run by `npm run check`) is the judge of which a11y warnings an ignore comment silences.
    rules: { 'svelte/no-unused-svelte-ignore': 'off' },
  },
);
