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
