// The department server (team mode) end to end: `berkas server init` makes the configuration, the
// archive, the first admin and a certificate; clients over real HTTPS pin its fingerprint; each
// client is its own login session, and every read still respects that session's user and clearance.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PinnedAgent } from '../../main/server/pinned.ts';
import type { ServerClient } from '../../main/server/client.ts';
import { ADMIN } from '../helpers/accounts.ts';
import { must, startTestServer, type TestServer } from '../helpers/server.ts';
import { tempDir } from '../helpers/tmp.ts';

interface Status {
  session: { user: { name: string; clearance: string }; locked: boolean } | null;
}

let ts: TestServer;
const files = tempDir('berkas-server-files-');
const serverDir = tempDir('berkas-server-');

async function login(client: ServerClient, name: string, password: string): Promise<Status> {
  return must<Status>(client.call('accounts.login', { name, password }));
}

async function importFile(client: ServerClient, name: string, text: string): Promise<number> {
  const path = join(files, name);
  writeFileSync(path, text);
  const handle = await must<string>(client.upload(path));
  const { jobId } = await must<{ jobId: string }>(client.call('import.start', { handles: [handle] }));
  for (;;) {
    const r = await must<{ progress: { state: string }; outcomes: { recordId: number | null; status: string }[] }>(client.call('import.result', { jobId }));
    if (r.progress.state !== 'running' && r.progress.state !== 'scanning') {
      assert.equal(r.outcomes[0]?.status, 'imported', JSON.stringify(r));
      return r.outcomes[0]!.recordId!;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function raw(headers: Record<string, string>, method = 'GET', path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ts.server.port, path, method, headers, agent: new PinnedAgent(ts.server.fingerprint, { keepAlive: false }) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

before(async () => {
  ts = await startTestServer(serverDir);
});
after(async () => {
  await ts?.close();
});

test('init writes the configuration, the certificate for the names and the first admin; the server shows that certificate', async () => {
  const cert = new X509Certificate(readFileSync(ts.config.tls.cert));
  assert.equal(ts.server.fingerprint, cert.fingerprint256);
  assert.match(cert.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
  assert.match(cert.subjectAltName ?? '', /DNS:localhost/);
  const admin = ts.client();
  const status = await login(admin, ADMIN.name, ADMIN.password);
  assert.equal(status.session?.user.name, ADMIN.name);
  const info = await must<{ host: string; schemaVersion: number }>(admin.call('app.info'));
  assert.equal(info.host, 'server');
  assert.ok(info.schemaVersion > 0);
});

test('a client that pinned another fingerprint sends nothing: the connection is refused with what to do', async () => {
  const wrong = ts.client('00'.repeat(32));
  const result = await wrong.call('accounts.login', { name: ADMIN.name, password: ADMIN.password });
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.error.code === 'forbidden' && /fingerprint does not match/.test(result.error.message.en), JSON.stringify(result));
});

test('each client is its own session: users, clearance, document links and logout stay with their client', async () => {
  const admin = ts.client();
  await login(admin, ADMIN.name, ADMIN.password);
  await must(admin.call('accounts.create', { name: 'arsiparis', displayName: 'Arsiparis', password: 'sandi-arsiparis-1', roles: ['staff'], clearance: 'rahasia' }));
  await must(admin.call('accounts.create', { name: 'staf', displayName: 'Staf Biasa', password: 'sandi-staf-1', roles: ['staff'], clearance: 'biasa' }));

  const keeper = ts.client();
  const clerk = ts.client();
  await login(keeper, 'arsiparis', 'sandi-arsiparis-1');
  await login(clerk, 'staf', 'sandi-staf-1');
  const open = await importFile(keeper, 'undangan-rapat.txt', 'Undangan rapat koordinasi anggaran');
  const secret = await importFile(keeper, 'laporan-penyidikan.txt', 'Laporan penyidikan yang dikecualikan');
  await must(keeper.call('records.update', { id: secret, fields: { subject: 'Laporan penyidikan', securityClass: 'rahasia' } }));

  // Three people at once, each seeing what their own login allows.
  assert.equal((await must<Status>(keeper.call('accounts.status'))).session?.user.name, 'arsiparis');
  assert.equal((await must<Status>(clerk.call('accounts.status'))).session?.user.name, 'staf');
  assert.equal((await must<Status>(admin.call('accounts.status'))).session?.user.name, ADMIN.name);
  const keeperList = await must<{ total: number; rows: { id: number }[] }>(keeper.call('records.list', {}));
  const clerkList = await must<{ total: number; rows: { id: number }[] }>(clerk.call('records.list', {}));
  assert.deepEqual(keeperList.rows.map((r) => r.id).sort(), [open, secret].sort());
  assert.equal(clerkList.total, 1, 'the rahasia record is neither counted nor shown to a biasa user');
  assert.deepEqual(clerkList.rows.map((r) => r.id), [open]);
  const refused = await clerk.call('records.get', { id: secret });
  assert.equal(refused.ok, false);

  // A document link belongs to the session that asked for it.
  const record = await must<{ documents: { id: number }[] }>(keeper.call('records.get', { id: open }));
  const { url } = await must<{ url: string }>(keeper.call('documents.url', { documentId: record.documents[0]!.id }));
  const mine = await must<{ status: number; body: Buffer }>(keeper.get(url));
  assert.equal(mine.status, 200);
  assert.equal(mine.body.toString(), 'Undangan rapat koordinasi anggaran');
  const theirs = await must<{ status: number }>(clerk.get(url));
  assert.equal(theirs.status, 404, "another client's browser cannot open the link");

  // One person logging out leaves the others at work.
  await must(clerk.call('accounts.logout'));
  assert.equal((await must<Status>(clerk.call('accounts.status'))).session, null);
  assert.equal((await must<Status>(keeper.call('accounts.status'))).session?.user.name, 'arsiparis');
  const afterLogout = await clerk.call('records.list', {});
  assert.ok(!afterLogout.ok && afterLogout.error.code === 'unauthenticated');
});

test('two PCs importing the same files at once store each file once, and see only their own import', async () => {
  const admin = ts.client();
  await login(admin, ADMIN.name, ADMIN.password);
  await must(admin.call('accounts.create', { name: 'staf2', displayName: 'Staf Dua', password: 'sandi-staf2-1', roles: ['staff'], clearance: 'rahasia' }));
  const one = ts.client();
  const two = ts.client();
  await login(one, 'arsiparis', 'sandi-arsiparis-1');
  await login(two, 'staf2', 'sandi-staf2-1');
  const before = (await must<{ total: number }>(one.call('records.list', {}))).total;
  const paths = Array.from({ length: 24 }, (_, i) => {
    const path = join(files, `pindaian-bersama-${i}.txt`);
    writeFileSync(path, `Surat masuk nomor ${i} tentang koordinasi lintas bidang`);
    return path;
  });
  const handlesOf = async (client: ServerClient) => Promise.all(paths.map((p) => must<string>(client.upload(p))));
  const [h1, h2] = await Promise.all([handlesOf(one), handlesOf(two)]);
  // Both start before either finishes: a session waits only for its own import.
  const [j1, j2] = await Promise.all([must<{ jobId: string }>(one.call('import.start', { handles: h1 })), must<{ jobId: string }>(two.call('import.start', { handles: h2 }))]);
  const finished = async (client: ServerClient, jobId: string) => {
    for (;;) {
      const r = await must<{ progress: { state: string }; outcomes: { path: string; status: string; recordId: number | null }[] }>(client.call('import.result', { jobId }));
      if (r.progress.state === 'done') return r.outcomes;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const [o1, o2] = await Promise.all([finished(one, j1.jobId), finished(two, j2.jobId)]);
  const byName = new Map<string, { status: string; recordId: number | null }[]>();
  for (const o of [...o1, ...o2]) {
    const name = o.path.split('/').pop()!;
    byName.set(name, [...(byName.get(name) ?? []), o]);
  }
  assert.equal(byName.size, paths.length);
  for (const [name, outcomes] of byName) {
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['duplicate', 'imported'], name);
    assert.equal(outcomes[0]!.recordId, outcomes[1]!.recordId, `${name}: the duplicate names the one record`);
  }
  assert.equal((await must<{ total: number }>(one.call('records.list', {}))).total, before + paths.length);
  // An import's outcomes name files: another session cannot read them.
  const peek = await two.call('import.result', { jobId: j1.jobId });
  assert.ok(!peek.ok && peek.error.code === 'not-found');
});

test("events reach only the sessions allowed to see them: an import's progress its own, a record's news those cleared for it", async () => {
  const keeper = ts.client();
  const clerk = ts.client();
  await login(keeper, 'arsiparis', 'sandi-arsiparis-1');
  await login(clerk, 'staf', 'sandi-staf-1');
  const seen = { keeper: [] as { name: string; payload: unknown }[], clerk: [] as { name: string; payload: unknown }[] };
  const stops = [keeper.events((e) => seen.keeper.push(e)), clerk.events((e) => seen.clerk.push(e))];
  try {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const secret = await importFile(keeper, 'nota-penyidikan-kanari.txt', 'Nota penyidikan kanari');
    await must(keeper.call('records.update', { id: secret, fields: { subject: 'Nota penyidikan', securityClass: 'rahasia' } }));
    // A record's news (its text indexed, OCR, publication) goes by clearance, like any read.
    const indexedLater = await importFile(keeper, 'surat-biasa-kanari.txt', 'Surat biasa kanari');
    const deadline = Date.now() + 10_000;
    while (!seen.clerk.some((e) => e.name === 'document.indexed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const names = (list: { name: string }[]) => new Set(list.map((e) => e.name));
    assert.ok(names(seen.keeper).has('import.progress'), 'the importer sees its import move');
    assert.ok(!names(seen.clerk).has('import.progress'), "another person's import (its file names) does not reach the clerk");
    assert.ok(!JSON.stringify(seen.clerk).includes('kanari'), 'no file name of the other import reached the clerk');
    const clerkRecords = seen.clerk.map((e) => (e.payload as { recordId?: number }).recordId).filter((id) => id !== undefined);
    assert.ok(clerkRecords.includes(indexedLater), 'the biasa record\'s news reaches the clerk');
    const keeperRecords = seen.keeper.map((e) => (e.payload as { recordId?: number }).recordId);
    assert.ok(keeperRecords.includes(indexedLater));
  } finally {
    for (const stop of stops) stop();
  }
});

test('signing in moves the browser to a fresh cookie: one planted beforehand (session fixation) stays signed out', async () => {
  const host = `127.0.0.1:${ts.server.port}`;
  const exchange = (method: string, path: string, cookie: string | null, body?: unknown) =>
    new Promise<{ cookie: string | null; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = { host, origin: `https://${host}`, 'content-type': 'application/json' };
      if (cookie) headers.cookie = `berkas_sid=${cookie}`;
      const req = request({ host: '127.0.0.1', port: ts.server.port, path, method, headers, agent: new PinnedAgent(ts.server.fingerprint, { keepAlive: false }) }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ cookie: /berkas_sid=([^;]+)/.exec([res.headers['set-cookie'] ?? []].flat().join(';'))?.[1] ?? null, body: text }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const planted = (await exchange('GET', '/', null)).cookie!;
  assert.ok(planted);
  const signedIn = await exchange('POST', '/api/invoke/accounts.login', planted, { name: 'arsiparis', password: 'sandi-arsiparis-1' });
  assert.ok(signedIn.cookie && signedIn.cookie !== planted, 'a new cookie comes with the sign-in');
  assert.match(signedIn.body, /"name":"arsiparis"/);
  assert.match((await exchange('POST', '/api/invoke/accounts.status', planted, {})).body, /"session":null/, 'the planted cookie is not signed in');
  assert.match((await exchange('POST', '/api/invoke/accounts.status', signedIn.cookie, {})).body, /"name":"arsiparis"/);
  // Signing in as someone else in the same browser ends the session left behind.
  const other = await exchange('POST', '/api/invoke/accounts.login', signedIn.cookie, { name: 'staf', password: 'sandi-staf-1' });
  assert.match(other.body, /"name":"staf"/);
  assert.match((await exchange('POST', '/api/invoke/accounts.status', signedIn.cookie, {})).body, /"session":null/, 'the earlier session is over, not left open');
});

test('a Host that is not one of the names, a foreign Origin, and a POST with neither Origin nor client header are refused', async () => {
  const host = `127.0.0.1:${ts.server.port}`;
  assert.equal((await raw({ host })).status, 200);
  const rebinding = await raw({ host: `attacker.example:${ts.server.port}` });
  assert.equal(rebinding.status, 403);
  assert.match(rebinding.body, /names/);
  assert.equal((await raw({ host, origin: 'https://attacker.example' }, 'POST', '/api/invoke/accounts.status')).status, 403);
  assert.equal((await raw({ host }, 'POST', '/api/invoke/accounts.status')).status, 403);
  assert.equal((await raw({ host, origin: `https://${host}` }, 'POST', '/api/invoke/accounts.status')).status, 200);
});

test('a restart keeps the archive and who is signed in: a PC carries on, a new browser signs in; a stopped server is a clear error', async () => {
  const keeper = ts.client();
  await login(keeper, 'arsiparis', 'sandi-arsiparis-1');
  const before = await must<{ total: number }>(keeper.call('records.list', {}));
  await ts.server.close();
  const down = await keeper.call('records.list', {});
  assert.ok(!down.ok && down.error.code === 'unavailable', 'a client of the stopped server gets a clear error, not a hang');
  await ts.restart();
  // The session came back with the server (the sessions file holds hashes of the cookies).
  assert.equal((await must<Status>(keeper.call('accounts.status'))).session?.user.name, 'arsiparis');
  assert.equal((await must<{ total: number }>(keeper.call('records.list', {}))).total, before.total);
  const fresh = ts.client();
  assert.equal((await must<Status>(fresh.call('accounts.status'))).session, null);
  const saved = readFileSync(`${ts.config.file}.sessions`, 'utf8');
  assert.doesNotMatch(saved, /sandi|arsiparis/, 'no password or name in the sessions file');
  assert.match(saved, /"key":"[0-9a-f]{64}"/, 'sessions are kept by the hash of the cookie');
});
