// Lint, including the layering rules. The layers are an allow-list (eslint-plugin-boundaries): a file may
// import only from the layers named for it below, and only the npm packages named for its layer.
//
//   core ← contract ← services ← adapters, cli ← electron        renderer → contract, core
//
// core is pure TypeScript (no Node, no DOM: tsconfig.core.json checks it with neither type library, and its
// globals here are the language's own plus the few in src/core/platform.d.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

// Node's built-in modules by their bare names (paths, so that a local './events' is not caught) and as node:…
const nodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'url', 'util', 'stream', 'zlib', 'worker_threads', 'events', 'buffer', 'process', 'readline', 'dns', 'v8', 'vm'];
const noNode = (message, extraPaths = []) => ({
  'no-restricted-imports': ['error', { paths: [...nodeBuiltins.map((name) => ({ name, message })), ...extraPaths], patterns: [{ group: ['node:*'], message }] }],
});
// One diff entry point: jsdiff is imported in src/core/diff only; everything else calls diffText/diffSequence.
const oneDiff = [{ name: 'diff', message: 'diff through src/core/diff (diffText, diffSequence), the one entry point' }];

/** Layers: a folder each. Files outside them (tests, bench, eval, scripts) may import any layer. */
const layers = [
  { type: 'core', pattern: 'src/core', mode: 'folder' },
  { type: 'contract', pattern: 'src/contract', mode: 'folder' },
  { type: 'services', pattern: 'src/services', mode: 'folder' },
  { type: 'adapters', pattern: 'src/adapters', mode: 'folder' },
  { type: 'cli', pattern: 'src/cli', mode: 'folder' },
  { type: 'renderer', pattern: 'src/renderer', mode: 'folder' },
  { type: 'electron', pattern: 'electron', mode: 'folder' },
  // Reviewed word lists (校对): data modules, not code; only core reads them.
  { type: 'data', pattern: 'data', mode: 'folder' },
];

/** Which layers each layer may import (itself included). */
const allowedLayers = {
  core: ['core', 'data'],
  data: [],
  contract: ['contract', 'core'],
  services: ['services', 'contract', 'core'],
  adapters: ['adapters', 'services', 'contract', 'core'],
  cli: ['cli', 'services', 'contract', 'core'],
  electron: ['electron', 'adapters', 'services', 'contract', 'core'],
  renderer: ['renderer', 'contract', 'core'],
};

/** Which packages each layer may import; Node's built-in modules (imported as node:…) only where `node` is listed. */
const node = ['node:*'];
const allowedPackages = {
  data: [],
  core: ['diff', 'opencc-js', 'zod'],
  contract: ['zod'],
  services: [...node, 'zod', 'docx', 'jszip', 'pg', 'pg-copy-streams', '@xmldom/xmldom'],
  adapters: [...node, 'zod'],
  cli: [...node, 'zod'],
  electron: [...node, 'electron', 'zod'],
  renderer: ['react', 'react-dom', 'slate', 'slate-react', 'slate-history', 'zod'],
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'dist-cli', 'release', 'tests/artifacts', '.cache'] },
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
    files: ['src/**/*.{ts,tsx}', 'electron/**/*.ts', 'data/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*', 'electron/**/*', 'data/**/*'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/element-types': ['error', {
        default: 'disallow',
        message: '${file.type} may not import ${dependency.type} (layers: core ← contract ← services ← adapters/cli ← electron; renderer → contract, core)',
        rules: Object.entries(allowedLayers).map(([from, allow]) => ({ from, allow })),
      }],
      'boundaries/external': ['error', {
        default: 'disallow',
        message: '${file.type} may not import the package ${dependency.source} (see allowedPackages in eslint.config.js)',
        rules: Object.entries(allowedPackages).map(([from, allow]) => ({ from, allow: allow.flatMap((p) => [p, `${p}/**`]) })),
      }],
      'boundaries/no-unknown': 'error',
    },
  },
  {
    // Tests of the main process import electron/ modules; the 'electron' package itself stays faked.
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'eval/**/*.ts', 'scripts/**/*'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron may only be imported in electron/ (tests use the fakes in tests/electron)' }] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021, TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly' } },
    rules: noNode('core is pure TypeScript: no Node (host globals allowed in core are declared in src/core/platform.d.ts)', oneDiff),
  },
  {
    files: ['src/core/diff/**/*.ts'],
    rules: noNode('core is pure TypeScript: no Node (host globals allowed in core are declared in src/core/platform.d.ts)'),
  },
  {
    files: ['src/contract/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: noNode('the contract depends on core and zod only'),
  },
  {
    files: ['src/services/**/*.ts', 'src/adapters/**/*.ts', 'src/cli/**/*.ts', 'electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      ...noNode('the renderer talks to services only through the API contract'),
    },
  },
);
