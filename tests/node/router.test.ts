import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelNames, channels } from '../../preload/contract.ts';
import { AppError } from '../../main/errors.ts';
import { contextFor, isTrustedSender, type Handlers } from '../../main/kernel/calls.ts';
import { handle } from '../../main/ipc/router.ts';
import { createBackend } from '../../main/host/backend.ts';
import { loginAsAdmin } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

test('only the app’s own top frame on app://bundle is a trusted Electron sender', () => {
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'app://bundle/index.html', isMainFrame: true }), true);
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'app://bundle/index.html', isMainFrame: false }), false, 'an iframe');
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'https://evil.example/', isMainFrame: true }), false);
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'app://bundle.evil/', isMainFrame: true }), false);
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'file:///etc/passwd', isMainFrame: true }), false);
  assert.equal(isTrustedSender({ kind: 'electron', frameUrl: 'not a url', isMainFrame: true }), false);
  assert.equal(isTrustedSender({ kind: 'browser-shell', tokenVerified: false }), false);
});

test('every contract channel has a handler and schemas', async () => {
  const backend = await createBackend({ archiveDir: tempDir(), host: 'browser-shell' });
  try {
    assert.deepEqual(Object.keys(backend.handlers).sort(), [...channelNames].sort());
    for (const name of channelNames) {
      assert.ok(channels[name].input.safeParse, `${name} input schema`);
      assert.ok(channels[name].output.safeParse, `${name} output schema`);
    }
  } finally {
    await backend.close();
  }
});

test('a call from an untrusted frame is refused before the handler runs', async () => {
  let ran = false;
  const handlers = { 'app.info': () => ((ran = true), {}) } as unknown as Handlers;
  const result = await handle(handlers, 'app.info', {}, contextFor({ kind: 'electron', frameUrl: 'app://bundle/', isMainFrame: false }, null));
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'forbidden');
  assert.equal(ran, false);
});

test('domain errors keep their code and both messages; unexpected ones hide the stack', async () => {
  const quiet = { error: () => {} };
  const ctx = contextFor({ kind: 'cli' }, null);
  const failing = {
    'app.info': () => {
      throw new AppError('conflict', { id: 'Sudah ada.', en: 'Already there.' });
    },
  } as unknown as Handlers;
  const known = await handle(failing, 'app.info', {}, ctx, quiet);
  assert.deepEqual(known, { ok: false, error: { code: 'conflict', message: { id: 'Sudah ada.', en: 'Already there.' } } });

  const crashing = {
    'app.info': () => {
      throw new TypeError('secret internals at /home/x');
    },
  } as unknown as Handlers;
  const unknown = await handle(crashing, 'app.info', {}, ctx, quiet);
  assert.equal(unknown.ok, false);
  assert.equal(!unknown.ok && unknown.error.code, 'internal');
  assert.doesNotMatch(JSON.stringify(unknown), /secret internals/);
});

test('outputs of the handlers match their output schemas', async () => {
  const backend = await createBackend({ archiveDir: tempDir(), host: 'electron' });
  try {
    await loginAsAdmin(backend);
    for (const name of ['app.info', 'archive.stats'] as const) {
      const result = await backend.dispatch(name, {}, { kind: 'cli' });
      assert.equal(result.ok, true, name);
      if (result.ok) assert.equal(channels[name].output.safeParse(result.value).success, true, name);
    }
  } finally {
    await backend.close();
  }
});
