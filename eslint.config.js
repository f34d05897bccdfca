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

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/sdk/src/generated/**', '.batchyard/**'] },
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
