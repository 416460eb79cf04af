import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../main/errors.ts';
import { setPortalSettings, getPortalSettings } from '../../main/portal/settings.ts';
import { defaultTokenSource, envTokenSource, fileTokenSource, redactSecrets } from '../../main/portal/token.ts';
import { tempDir } from '../helpers/tmp.ts';
import { openPortalArchive } from '../portal/fixtures.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.rahasia-token-portal';
const posix = process.platform !== 'win32';

function tokenFile(mode: number, content = `${TOKEN}\n`): string {
  const file = join(tempDir(), 'portal.token');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

async function refused(promise: Promise<unknown>, pattern: RegExp): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.match(error.messages.en, pattern);
    assert.ok(!error.messages.en.includes(TOKEN) && !error.messages.id.includes(TOKEN), 'the message never carries the token');
    return error;
  }
  assert.fail('expected a refusal');
}

test('the token comes from BERKAS_PORTAL_TOKEN first, then from an owner-only file', async () => {
  assert.equal(await envTokenSource({ BERKAS_PORTAL_TOKEN: `  ${TOKEN}\n` }).getToken(), TOKEN);
  assert.equal(await envTokenSource({}).getToken(), null);
  const file = tokenFile(0o600, 'dari-berkas-0123456789\n');
  assert.equal(await fileTokenSource(file).getToken(), 'dari-berkas-0123456789');
  assert.equal(await defaultTokenSource(file, { BERKAS_PORTAL_TOKEN: TOKEN }).getToken(), TOKEN);
  assert.equal(await defaultTokenSource(file, {}).getToken(), 'dari-berkas-0123456789');
  assert.equal(await defaultTokenSource(null, {}).getToken(), null);
  assert.doesNotMatch(defaultTokenSource(file, {}).description, new RegExp(TOKEN));
});

test('a token file readable by the group or the world is refused with the chmod to run (POSIX)', async () => {
  for (const mode of [0o644, 0o640, 0o604, 0o660]) {
    const file = tokenFile(mode);
    if (!posix) {
      // NTFS has no mode bits; the file under the user's profile is private by its ACL.
      assert.equal(await fileTokenSource(file).getToken(), TOKEN);
      continue;
    }
    const error = await refused(fileTokenSource(file).getToken(), /readable by other users/);
    assert.match(error.messages.en, new RegExp(`chmod 600 ${file}`));
    assert.match(error.messages.id, /dapat dibaca pengguna lain/);
  }
});

test('a missing, empty or malformed token file is refused clearly', async () => {
  await refused(fileTokenSource(join(tempDir(), 'tidak-ada.token')).getToken(), /was not found/);
  await refused(fileTokenSource(tokenFile(0o600, '\n')).getToken(), /is empty/);
  await refused(fileTokenSource(tokenFile(0o600, `${TOKEN} extra words`)).getToken(), /malformed/);
  await refused(envTokenSource({ BERKAS_PORTAL_TOKEN: 'a\r\nX-Evil: 1' }).getToken(), /malformed/);
});

test('redaction removes the token in plain, URL-encoded and base64 form, and anything after an Authorization header', () => {
  const text = `failed: ${TOKEN} / ${encodeURIComponent(TOKEN)} / ${Buffer.from(TOKEN).toString('base64')} / Authorization: other-secret-value`;
  const clean = redactSecrets(text, [TOKEN]);
  assert.ok(!clean.includes(TOKEN));
  assert.ok(!clean.includes(Buffer.from(TOKEN).toString('base64')));
  assert.ok(!clean.includes('other-secret-value'));
  assert.match(clean, /\[token disembunyikan\]/);
});

test('portal settings refuse anything token-like and keep only the token file path', () => {
  const archive = openPortalArchive(join(tempDir(), 'arsip'));
  try {
    for (const key of ['token', 'apiToken', 'apiKey', 'password']) {
      assert.throws(
        () => setPortalSettings(archive.db, { [key]: TOKEN } as never, 'admin'),
        (e: unknown) => e instanceof AppError && e.code === 'validation' && /never stored in the database/.test(e.messages.en),
      );
    }
    const saved = setPortalSettings(archive.db, { target: 'ckan', url: 'https://data.contoh.go.id/api/3/action/', organization: 'dinas-kominfo', tokenFile: '/home/ppid/.berkas/portal.token' }, 'admin');
    assert.equal(saved.url, 'https://data.contoh.go.id');
    assert.equal(getPortalSettings(archive.db).tokenFile, '/home/ppid/.berkas/portal.token');
    assert.throws(() => setPortalSettings(archive.db, { url: 'https://user:pass@data.contoh.go.id' }, 'admin'), /user name or password/);
    assert.throws(() => setPortalSettings(archive.db, { organization: 'Dinas Kominfo' }, 'admin'), /CKAN slug/);
    assert.throws(() => setPortalSettings(archive.db, { withdrawFailSafePercent: 150 }, 'admin'), /0–100/);
    const audit = archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'portal.configure'").get() as { n: number };
    assert.equal(audit.n, 1);
  } finally {
    archive.close();
  }
});
