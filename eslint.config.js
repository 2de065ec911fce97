// Lint, including the layering rules: core ← services ← adapters ← renderer, one way only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'stream', 'zlib', 'worker_threads'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'tests/artifacts', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'eval/**/*.ts', 'scripts/**/*'],
    rules: restrict(['electron', 'electron/*'], 'electron may only be imported in electron/'),
  },
  {
    // Tests of the main process import electron/ modules; the 'electron' package itself stays faked.
    files: ['tests/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'use the fakes in tests/electron (the Electron binary is not available in tests)' }] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'slate-react', '**/services/**', '**/adapters/**', '**/renderer/**', '**/cli/**', '**/contract/**'],
      'core is pure TypeScript: no Node, DOM, React, or upper layers',
    ),
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: restrict([...nodeBuiltins, 'electron', 'react', '**/services/**', '**/adapters/**', '**/renderer/**', '**/cli/**'], 'the contract depends on core and zod only'),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(['electron', 'react', 'react-dom', 'slate-react', '**/adapters/**', '**/renderer/**', '**/cli/**'], 'services never import adapters, the CLI or the renderer'),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      ...restrict([...nodeBuiltins, 'electron', '**/services/**', '**/adapters/**', '**/cli/**'], 'the renderer talks to services only through the API contract'),
    },
  },
);
