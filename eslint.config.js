import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeModules = [
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'readline',
  'util',
  'crypto',
  'url',
  'stream',
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The browser extension: plain scripts loaded as they are (no build), in Chromium and Firefox.
    files: ['extension/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['chrome', 'globalThis', 'self', 'window', 'document', 'location', 'fetch', 'crypto', 'console', 'URL']
          .concat(['URLSearchParams', 'Blob', 'setTimeout'])
          .map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The domain core runs in Node, the main process and the renderer alike: no platform imports.
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'dexie', 'zustand', ...nodeModules],
          patterns: ['node:*', 'dexie*', 'react*', '**/renderer/**', '**/main/**'],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: ['electron', ...nodeModules], patterns: ['node:*', '**/main/**', '**/src/node/**', '**/src/cli/**'] },
      ],
    },
  },
);
