// Electron smoke tests: the real window, preload and protocol. They need an Electron binary
// (ELECTRON_OVERRIDE_DIST_PATH pointing at an unpacked one); without it they are reported as
// skipped with the reason — never counted as passed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright';
import { findElectronBinary } from '../../scripts/electron-binary.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';

const binary = findElectronBinary(ROOT);
const skip = binary ? false : 'no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 to run the Electron smoke tests)';
if (skip) console.log(`Electron smoke tests skipped: ${skip}`);

test('the Electron window loads app://bundle sandboxed, with no Node in the page', { skip }, async () => {
  const archive = join(tempDir(), 'archive');
  const app = await _electron.launch({ executablePath: binary!, args: [ROOT, '--archive', archive], env: { ...process.env, BERKAS_E2E: '1' } });
  try {
    const page = await app.firstWindow();
    await page.getByRole('navigation').waitFor();
    assert.match(page.url(), /^app:\/\/bundle\//);
    assert.equal(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require), 'undefined');
    assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process), 'undefined');
    const info = await page.evaluate(() => (window as unknown as { berkas: { invoke(c: string, i: unknown): Promise<unknown> } }).berkas.invoke('app.info', {}));
    assert.deepEqual((info as { ok: boolean }).ok, true);
    // navigation away from the app is refused
    await page.evaluate(() => (location.href = 'https://example.org/'));
    await page.waitForTimeout(300);
    assert.match(page.url(), /^app:\/\/bundle\//);
  } finally {
    await app.close();
  }
});
