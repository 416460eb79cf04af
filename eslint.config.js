// Lint, with the layering rules that keep the house standing:
//  - the renderer never imports main/, electron or Node built-ins;
//  - domain code in main/ never imports electron or electron-updater (only main/electron/ does);
//  - the floors inside main/ (docs/architecture.md): imports point down only. Areas never import
//    the composition (host/), the transport (ipc/) or a host; the kernel imports no area; the
//    domain (archive, search, portal, accounts) never imports a workflow (publication, retention,
//    ops); the archive never imports search (search builds on it); retention never imports ops;
//  - preload/ imports only electron and the contract.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// ── the floors inside main/ ──────────────────────────────────────────────────────────────────
// An import specifier is matched against each group (gitignore style), so '../host/x.ts' and
// '../../host/x.ts' are both caught by '**/host/**'.
const under = (...folders) => folders.flatMap((f) => [`**/${f}/**`, `./${f}/**`]);
const HOSTS_AND_TRANSPORT = under('host', 'ipc', 'electron', 'browser-shell', 'server', 'cli');
const WORKFLOWS = ['publication', 'retention', 'ops'];
const AREAS = ['accounts', 'archive', 'audit', 'extract', 'log', 'ops', 'portal', 'publication', 'reports', 'retention', 'search', 'serve', 'tabular'];
const DOMAIN_FOLDERS = [...AREAS, 'db', 'kernel'];

/** One no-restricted-imports entry per folder of main/: ESLint keeps only the last entry that
 *  matches a file, so each carries the rules every main/ file has (electron, electron-updater,
 *  renderer) plus its floor's own. */
function mainFloors() {
  const base = {
    paths: [
      { name: 'electron', message: 'Domain code in main/ must not import electron; put Electron calls in main/electron/ and pass them in.' },
      { name: 'electron-updater', message: 'Only the Electron shell (main/electron/) imports electron-updater; declare the shape you need (as ops/updater-core.ts does) and let the shell pass the updater in.' },
    ],
    patterns: [{ group: ['**/renderer/**'], message: 'main/ must not import the renderer.' }],
  };
  const floor = (files, ...patterns) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { paths: base.paths, patterns: [...base.patterns, ...patterns] }] },
  });
  const noHosts = {
    group: HOSTS_AND_TRANSPORT,
    message: 'An area of main/ must not import the composition (host/), the transport (ipc/) or a host: take what you need from main/kernel/ or have the composition pass it in.',
  };
  const noWorkflows = (who) => ({
    group: under(...WORKFLOWS),
    message: `${who} is domain (floor 3) and must not import a workflow (publication/, retention/, ops/): offer a hook or a function the composition connects.`,
  });
  const areaGlob = (folders) => folders.map((f) => `main/${f}/**/*.ts`);
  return [
    // Hosts, the composition and the transport: only the common rules.
    { files: ['main/**/*.ts'], ignores: ['main/electron/**'], rules: { 'no-restricted-imports': ['error', base] } },
    floor(areaGlob(DOMAIN_FOLDERS.filter((f) => !['kernel', 'archive', 'search', 'portal', 'accounts', 'retention'].includes(f))), noHosts),
    floor(areaGlob(['kernel']), noHosts, {
      group: under(...AREAS),
      message: 'main/kernel/ is the floor every area stands on: it must not import an area (only the contract, db types and errors).',
    }),
    floor(areaGlob(['archive']), noHosts, noWorkflows('archive/'), {
      group: under('search', 'portal'),
      message: 'archive/ must not import search/ or portal/: they build on the archive, never the other way round (search hands its indexer in through the composition).',
    }),
    floor(areaGlob(['search', 'accounts']), noHosts, noWorkflows('This area')),
    floor(areaGlob(['portal']), noHosts, {
      group: under(...WORKFLOWS),
      message: 'portal/ must not reach into publication/ (or retention/, ops/): ask through main/kernel/publication-gate.ts, which the composition connects to publication.',
    }),
    floor(areaGlob(['retention']), noHosts, {
      group: under('ops'),
      message: 'retention/ must not import ops/: take backup folders and listings as deps the composition passes in.',
    }),
  ];
}

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
  ...mainFloors(),
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
