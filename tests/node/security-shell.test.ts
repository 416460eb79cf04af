// Sessions and links in the browser shell, as a user (or whoever sits down at the screen next)
// would meet them: document links die with the session that made them; the event stream and
// uploads need an unlocked session; app.info tells a logged-out page nothing about the archive;
// upload copies do not outlive their import or the shell.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/server.ts';
import { tempDir } from '../helpers/tmp.ts';

const ADMIN = { name: 'admin', displayName: 'Admin Uji', password: 'sandi-admin-uji-1' };

function send(shell: BrowserShell, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, method: options.method ?? 'GET', headers: { 'x-berkas-token': shell.token, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function invoke<T = unknown>(shell: BrowserShell, channel: string, input: unknown = {}): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: { en: string } } }> {
  const res = await send(shell, `/api/invoke/${channel}`, { method: 'POST', body: JSON.stringify(input), headers: { 'content-type': 'application/json' } });
  return JSON.parse(res.body);
}

async function value<T>(shell: BrowserShell, channel: string, input: unknown = {}): Promise<T> {
  const r = await invoke<T>(shell, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} — ${r.error.message.en}`);
  return r.value;
}

async function upload(shell: BrowserShell, name: string, content: string) {
  return send(shell, `/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body: Buffer.from(content) });
}

async function importHandles(shell: BrowserShell, handles: string[]): Promise<{ recordId: number | null; status: string }[]> {
  const { jobId } = await value<{ jobId: string }>(shell, 'import.start', { handles });
  for (let i = 0; i < 200; i++) {
    const r = await value<{ progress: { state: string }; outcomes: { recordId: number | null; status: string }[] }>(shell, 'import.result', { jobId });
    if (r.progress.state === 'done') return r.outcomes;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

function uploadFolders(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('berkas-uploads-'));
}

test('a document link works only for the session that asked for it: lock, logout and another user kill it', async () => {
  const shell = await startBrowserShell({ archiveDir: join(tempDir(), 'arsip') });
  try {
    await value(shell, 'accounts.setup', { ...ADMIN, roles: ['staff', 'supervisor', 'admin'] });
    await value(shell, 'accounts.create', { name: 'budi', displayName: 'Budi', password: 'sandi-budi-uji', roles: ['staff'] });
    const up = JSON.parse((await upload(shell, 'memo.txt', 'Memo kepala dinas')).body) as { handle: string };
    const [outcome] = await importHandles(shell, [up.handle]);
    const record = await value<{ documents: { id: number }[] }>(shell, 'records.get', { id: outcome!.recordId });
    const documentId = record.documents[0]!.id;
    const link = async () => (await value<{ url: string }>(shell, 'documents.url', { documentId })).url;

    const first = await link();
    assert.equal((await send(shell, first)).status, 200, 'the link opens while the session is open');
    await value(shell, 'accounts.lock');
    assert.equal((await send(shell, first)).status, 404, 'locking kills the link');
    await value(shell, 'accounts.unlock', { password: ADMIN.password });
    assert.equal((await send(shell, first)).status, 404, 'and unlocking does not bring it back');

    const second = await link();
    assert.equal((await send(shell, second)).status, 200);
    await value(shell, 'accounts.logout');
    assert.equal((await send(shell, second)).status, 404, 'logging out kills the link');

    await value(shell, 'accounts.login', { name: ADMIN.name, password: ADMIN.password });
    const third = await link();
    await value(shell, 'accounts.login', { name: 'budi', password: 'sandi-budi-uji' });
    assert.equal((await send(shell, third)).status, 404, 'another user logging in kills the link');
  } finally {
    await shell.close();
  }
});

test('the event stream and uploads need an unlocked session; lock ends the stream; app.info before login names no path', async () => {
  const shell = await startBrowserShell({ archiveDir: join(tempDir(), 'arsip') });
  try {
    const info = await value<{ archivePath: string | null; databasePath: string | null; recordCount: number | null; version: string }>(shell, 'app.info');
    assert.equal(info.archivePath, null);
    assert.equal(info.databasePath, null);
    assert.equal(info.recordCount, null);
    assert.ok(info.version, 'the version is there for the login screen');

    assert.equal((await send(shell, '/api/events')).status, 204, 'no events before login (204: the page stops asking)');
    assert.equal((await upload(shell, 'a.txt', 'isi')).status, 401, 'no uploads before login');

    await value(shell, 'accounts.setup', { ...ADMIN, roles: ['staff', 'supervisor', 'admin'] });
    const after = await value<{ archivePath: string | null }>(shell, 'app.info');
    assert.ok(after.archivePath, 'after login the About panel shows where the archive is');

    // An open stream, then lock: the shell ends it, and reconnecting is refused until unlock.
    const ended = new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: shell.port, path: '/api/events', headers: { 'x-berkas-token': shell.token } }, (res) => {
        const status = res.statusCode ?? 0;
        res.on('data', () => undefined);
        res.on('end', () => resolve(status));
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await value(shell, 'accounts.lock');
    assert.equal(await ended, 200, 'the stream was open, and lock ended it');
    assert.equal((await send(shell, '/api/events')).status, 204);
    assert.equal((await upload(shell, 'a.txt', 'isi')).status, 401, 'no uploads while locked');
    await value(shell, 'accounts.unlock', { password: ADMIN.password });
    assert.equal((await upload(shell, 'a.txt', 'isi')).status, 200);
  } finally {
    await shell.close();
  }
});

test('upload copies are deleted after their import, and the upload folder is gone after close', async () => {
  const before = new Set(uploadFolders());
  const shell = await startBrowserShell({ archiveDir: join(tempDir(), 'arsip') });
  const mine = () => uploadFolders().filter((n) => !before.has(n));
  let folder: string;
  try {
    await value(shell, 'accounts.setup', { ...ADMIN, roles: ['staff', 'supervisor', 'admin'] });
    folder = join(tmpdir(), mine()[0]!);
    const used = JSON.parse((await upload(shell, 'dipakai.txt', 'Surat yang diimpor')).body) as { handle: string };
    const unused = JSON.parse((await upload(shell, 'tidak-dipakai.txt', 'Surat yang tidak diimpor')).body) as { handle: string };
    assert.match(used.handle, /^pk_/);
    assert.equal(readdirSync(folder).length, 2, 'two upload copies');
    const outcomes = await importHandles(shell, [used.handle]);
    assert.equal(outcomes[0]!.status, 'imported');
    assert.equal(readdirSync(folder).length, 1, 'the imported copy is gone; the other waits for its import');
    assert.ok(unused.handle);
  } finally {
    await shell.close();
  }
  assert.equal(existsSync(folder!), false, 'nothing of the uploads is left after close');
});
