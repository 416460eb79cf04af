// Issue 12: a portal is reached over https only; plain http would carry the API token and the
// records in clear text. http stays allowed for a portal on this computer (loopback), which is
// where the test portal and a local proxy live.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../main/errors.ts';
import { PortalError } from '../../main/portal/adapter.ts';
import { createCkanAdapter } from '../../main/portal/ckan.ts';
import { getPortalSettings, setPortalSettings } from '../../main/portal/settings.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openPortalArchive } from '../portal/fixtures.ts';

test('an http:// portal URL on another host is refused with a clear message in both languages; nothing is stored', () => {
  const archive = openPortalArchive(join(tempDir(), 'arsip'));
  try {
    for (const url of ['http://data.kaltimprov.go.id', 'http://10.0.0.5:5000', 'http://127.example.go.id']) {
      assert.throws(
        () => setPortalSettings(archive.db, { target: 'ckan', url, organization: 'dinas-kominfo' }, 'admin'),
        (error: unknown) =>
          error instanceof AppError &&
          error.code === 'validation' &&
          /unencrypted http:\/\/.*Use the portal's https:\/\/ address/.test(error.messages.en) &&
          /http:\/\/ tanpa enkripsi.*Pakai alamat https:\/\//.test(error.messages.id),
        url,
      );
    }
    assert.equal(getPortalSettings(archive.db).url, null, 'the refused URL was not stored');
    for (const url of ['https://data.kaltimprov.go.id', 'http://127.0.0.1:8080', 'http://localhost:5000', 'http://[::1]:5000']) {
      assert.equal(setPortalSettings(archive.db, { target: 'ckan', url, organization: 'dinas-kominfo' }, 'admin').url, url.replace(/\/$/, ''));
    }
  } finally {
    archive.close();
  }
});

test('the CKAN adapter itself refuses an http:// portal off this computer', () => {
  const token = { description: 't', getToken: async () => 'x'.repeat(20) };
  assert.throws(
    () => createCkanAdapter({ url: 'http://data.kaltimprov.go.id', organization: 'dinas-kominfo', token }),
    (error: unknown) => error instanceof PortalError && error.scope === 'portal' && /https:\/\//.test(error.message),
  );
  assert.equal(createCkanAdapter({ url: 'http://127.0.0.1:9', organization: 'dinas-kominfo', token }).portalUrl, 'http://127.0.0.1:9');
});
