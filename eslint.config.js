import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Where code runs is visible in its path; these rules keep the layers apart.
const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only main/electron/ may import electron (the thin desktop shell).' }],
};

/** Layers inside main/ (core → store → ingest / analysis → services → transports): each may not import those above it. */
const above = (...layers) => layers.map((layer) => ({ group: [`**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`], message: `this layer may not import main/${layer}/ (layers only call downwards)` }));
const layerRule = (...layers) => ['error', { ...electronOnlyInShell, patterns: above(...layers) }];
const TRANSPORTS = ['cli', 'bridge', 'electron'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', electronOnlyInShell],
    },
  },
  { files: ['main/core/**/*.ts'], rules: { 'no-restricted-imports': layerRule('store', 'ingest', 'analysis', 'integrity', 'services', 'demo', ...TRANSPORTS) } },
  { files: ['main/store/**/*.ts'], rules: { 'no-restricted-imports': layerRule('ingest', 'analysis', 'integrity', 'services', 'demo', ...TRANSPORTS) } },
  { files: ['main/analysis/**/*.ts', 'main/integrity/**/*.ts'], rules: { 'no-restricted-imports': layerRule('store', 'services', 'demo', ...TRANSPORTS) } },
  { files: ['main/ingest/**/*.ts'], rules: { 'no-restricted-imports': layerRule('services', 'demo', ...TRANSPORTS) } },
  { files: ['main/services/**/*.ts'], rules: { 'no-restricted-imports': layerRule('demo', ...TRANSPORTS) } },
  {
    files: ['main/electron/**/*.ts', 'preload/index.cts', 'test/unit/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**'], message: 'The renderer never imports from main/.' },
            { group: ['electron', 'node:*'], message: 'The renderer is sandboxed web code.' },
          ],
        },
      ],
    },
  },
);
