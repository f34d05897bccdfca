// One lint setup for the whole repository. Packages talk to each other only through their
// public entry points (`@batchyard/<name>`): deep imports across package boundaries are errors.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const crossPackage = {
  patterns: [
    {
      group: ['@batchyard/*/*'],
      message: 'Import other packages by their entry point (@batchyard/<name>), never their files.',
    },
    {
      group: [
        '**/packages/*/src/**',
        '../../*/src/**',
        '../../../*/src/**',
        '**/../sdk/**',
        '**/../server/**',
        '**/../cli/**',
      ],
      message: 'Deep import across packages: import the package by name instead.',
    },
  ],
};

// The server's layers, lowest first: a layer may import those before it, never one after it.
// src/ids.ts, src/time.ts, src/filters.ts and errors/ are vocabulary every layer may use.
const LAYERS = ['store', 'engine', 'auth', 'http', 'resources', 'compat'];

const banned = (group, message) => ({ group, message });

/** no-restricted-imports with the cross-package rule kept (a later block replaces the options). */
const restrict = (...patterns) => ['error', { patterns: [...crossPackage.patterns, ...patterns] }];

/** A layer's files may not import any later layer, nor app.ts or serve.ts. */
const layerRules = LAYERS.map((layer, index) => ({
  files: [`packages/server/src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': restrict(
      ...LAYERS.slice(index + 1).map((later) =>
        banned(
          [`**/${later}/**`, `../${later}`, `../../${later}`],
          `${layer}/ may not import ${later}/ (a later layer).`,
        ),
      ),
      banned(
        ['**/app.js', '**/serve.js'],
        `${layer}/ may not import app.ts or serve.ts (they sit above every layer).`,
      ),
      ...(layer === 'resources'
        ? [
            banned(
              ['**/engine/*', '!**/engine/index.js', '**/engine/*/**'],
              'Resources reach the engine only through engine/index.js.',
            ),
            banned(
              ['**/store/sql/**'],
              "store/sql/ holds the engine's own statements: resources call the engine.",
            ),
          ]
        : []),
      ...(layer === 'compat'
        ? [
            banned(
              ['**/store/**', '../store', '../../store'],
              'compat/ translates wires and calls the services: no SQL, no store of its own.',
            ),
            banned(
              ['**/engine/*', '!**/engine/index.js', '**/engine/*/**'],
              'compat/ reaches the engine only through engine/index.js.',
            ),
          ]
        : []),
    ),
  },
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/sdk/src/generated/**',
      '.batchyard/**',
      '.seed-clients-venv/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': ['error', crossPackage],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
  {
    // A seed family's adapter never imports another's: what two share lives in compat/ itself.
    files: ['packages/server/src/compat/*/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        banned(
          ['**/store/**'],
          'compat/ translates wires and calls the services: no SQL, no store of its own.',
        ),
        banned(
          ['**/engine/*', '!**/engine/index.js', '**/engine/*/**'],
          'compat/ reaches the engine only through engine/index.js.',
        ),
        banned(['**/app.js', '**/serve.js'], 'compat/ may not import app.ts or serve.ts.'),
        {
          regex: '^\\.\\./(?!\\.)[^/]+/',
          message: 'A compat family never imports another family: move the shared part into compat/.',
        },
      ),
    },
  },
  {
    // The dashboard talks to the server over HTTP through the SDK, never by importing it.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict(
        banned(
          ['@batchyard/server', '@batchyard/cli'],
          'The dashboard uses the SDK, never the server or the CLI.',
        ),
      ),
    },
  },
  {
    // A CLI command never imports another command: what two commands share lives outside commands/.
    files: ['packages/cli/src/commands/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        banned(['./*'], 'CLI commands never import each other: move the shared part out of commands/.'),
      ),
    },
  },
  {
    files: ['packages/cli/src/commands/*/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '^\\.\\./[^./][^/]*$',
        message: 'CLI commands never import each other: move the shared part out of commands/.',
      }),
    },
  },
  {
    // The SDK has zero runtime dependencies: only Node's built-ins and its own files.
    files: ['packages/sdk/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        banned(['@batchyard/*', '!@batchyard/sdk'], 'The SDK depends on no other package.'),
      ),
    },
  },
  {
    // The dashboard runs in browsers.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        sessionStorage: 'readonly',
        fetch: 'readonly',
        Blob: 'readonly',
        DOMException: 'readonly',
        URLSearchParams: 'readonly',
        AbortController: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
);
