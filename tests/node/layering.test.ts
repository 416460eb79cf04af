// The layering rules are lint rules; this proves they bite.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { ROOT } from '../helpers/tmp.ts';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('domain code in main/ may not import electron', async () => {
  const found = await problems('main/archive/example.ts', "import { app } from 'electron';\nexport const x = app;\n");
  assert.equal(found.length, 1);
  assert.match(found[0]!, /must not import electron/);
});

test('the Electron shell in main/electron/ may import electron', async () => {
  assert.deepEqual(await problems('main/electron/example.ts', "import { app } from 'electron';\nexport const x = app;\n"), []);
});

test('the renderer may not import main/, electron or Node built-ins', async () => {
  assert.equal((await problems('renderer/src/x.ts', "import { openArchive } from '../../main/archive/open.ts';\nexport const x = openArchive;\n")).length, 1);
  assert.equal((await problems('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).length, 1);
  assert.equal((await problems('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
  assert.deepEqual(await problems('renderer/src/x.ts', "import type { Channel } from '../../preload/contract.ts';\nexport type X = Channel;\n"), []);
});

test('preload/ may import only electron and the contract', async () => {
  assert.equal((await problems('preload/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
  assert.equal((await problems('preload/x.ts', "import { openArchive } from '../main/archive/open.ts';\nexport const x = openArchive;\n")).length, 1);
  assert.deepEqual(await problems('preload/x.ts', "import { contextBridge } from 'electron';\nimport { channels } from './contract.ts';\nexport const x = [contextBridge, channels];\n"), []);
});

// ── the floors inside main/ (docs/architecture.md) ───────────────────────────────────────────

const imports = (specifier: string, name = 'x') => `import { ${name} } from '${specifier}';\nexport const y = ${name};\n`;

test('areas of main/ may not import the composition, the transport or a host', async () => {
  for (const [file, specifier] of [
    ['main/archive/example.ts', '../host/compose.ts'],
    ['main/publication/example.ts', '../ipc/router.ts'],
    ['main/retention/example.ts', '../host/backend.ts'],
    ['main/portal/example.ts', '../cli/args.ts'],
    ['main/ops/example.ts', '../electron/updater.ts'],
    ['main/search/example.ts', '../browser-shell/server.ts'],
    ['main/accounts/example.ts', '../ipc/router.ts'],
    ['main/audit/example.ts', '../host/backend.ts'],
    ['main/kernel/example.ts', '../ipc/router.ts'],
  ] as const) {
    const found = await problems(file, imports(specifier));
    assert.equal(found.length, 1, `${file} importing ${specifier}`);
    assert.match(found[0]!, /composition \(host\/\)|kernel/);
  }
  // What they share comes from the kernel, and the composition may wire every area.
  assert.deepEqual(await problems('main/archive/example.ts', imports('../kernel/events.ts')), []);
  assert.deepEqual(await problems('main/host/example.ts', imports('../publication/workflow.ts')), []);
  assert.deepEqual(await problems('main/cli/example.ts', imports('../host/compose.ts')), []);
});

test('the kernel imports no area', async () => {
  const found = await problems('main/kernel/example.ts', imports('../archive/records.ts'));
  assert.equal(found.length, 1);
  assert.match(found[0]!, /must not import an area/);
  assert.deepEqual(await problems('main/kernel/example.ts', `import type { Db } from '../db/connection.ts';\nexport type Y = Db;\n`), []);
});

test('portal/ may not reach into publication/; it asks through the kernel gate', async () => {
  const found = await problems('main/portal/example.ts', imports('../publication/rules.ts', 'blockersFor'));
  assert.equal(found.length, 1);
  assert.match(found[0]!, /portal\/ must not reach into publication/);
  assert.deepEqual(await problems('main/portal/example.ts', imports('../kernel/publication-gate.ts', 'askPublicationGate')), []);
});

test('retention/ may not import ops/', async () => {
  const found = await problems('main/retention/example.ts', imports('../ops/backup.ts', 'listBackups'));
  assert.equal(found.length, 1);
  assert.match(found[0]!, /retention\/ must not import ops/);
});

test('archive/ may not import search/ (search builds on the archive), nor a workflow', async () => {
  const found = await problems('main/archive/example.ts', imports('../search/search.ts', 'search'));
  assert.equal(found.length, 1);
  assert.match(found[0]!, /archive\/ must not import search/);
  assert.equal((await problems('main/archive/example.ts', imports('../publication/workflow.ts'))).length, 1);
  assert.deepEqual(await problems('main/search/example.ts', imports('../archive/records.ts', 'filterSql')), []);
  assert.equal((await problems('main/search/example.ts', imports('../retention/holds.ts'))).length, 1, 'search is domain: no workflow');
});

test('electron-updater only in the Electron shell', async () => {
  const found = await problems('main/ops/example.ts', "import type { AppUpdater } from 'electron-updater';\nexport type Y = AppUpdater;\n");
  assert.equal(found.length, 1);
  assert.match(found[0]!, /Only the Electron shell/);
  assert.deepEqual(await problems('main/electron/example.ts', "import electronUpdater from 'electron-updater';\nexport const y = electronUpdater;\n"), []);
});

test('the real main/ tree obeys every floor rule', async () => {
  const results = await eslint.lintFiles(['main/**/*.ts']);
  const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
  assert.deepEqual(broken, []);
});
