// Lint, with the layering rules that keep the house standing:
//  - the renderer never imports main/, electron or Node built-ins;
//  - domain code in main/ never imports electron (only main/electron/ does);
//  - preload/ imports only electron and the contract.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-artifacts/**', 'bench/results/**', '.tmp-*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Domain code in main/ must not import electron; put Electron calls in main/electron/ and pass them in.' }],
          patterns: [{ group: ['**/renderer/**'], message: 'main/ must not import the renderer.' }],
        },
      ],
    },
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
          paths: [
            { name: 'electron', message: 'The renderer reaches the backend only through window.berkas (renderer/src/api.ts).' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandbox: no Node built-ins.' })),
          ],
          patterns: [
            { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer must not import main/; use the contract in preload/.' },
            { group: ['**/preload/index*', '**/preload/browser-bridge*'], message: 'The renderer uses only the contract types, not a preload implementation.' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'preload/ imports only electron and the contract.' })),
          patterns: [{ group: ['**/main/**', '**/renderer/**', '!./contract*', '!./api-types*'], message: 'preload/ imports only electron and the contract.' }],
        },
      ],
    },
  },
  {
    files: ['preload/browser-bridge.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
