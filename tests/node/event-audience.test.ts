// Events follow the same clearance rule as reads: with several sessions open (a server's clients),
// news about a record reaches only the sessions whose user may see that record, an event meant for
// one session (an import's progress) only that one, and a locked or logged-out session nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBackend } from '../../main/host/backend.ts';
import { LOCAL_SESSION, type Sender } from '../../main/kernel/calls.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { confidentialRecord } from '../helpers/clearance.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir();

test('a record event reaches only sessions cleared for the record; a session event only its session', async () => {
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'server' });
  try {
    await loginAsAdmin(backend);
    await ok(backend.dispatch('accounts.create', { name: 'penyidik', displayName: 'Penyidik', password: 'sandi-penyidik-1', roles: ['staff'], clearance: 'rahasia' }, CLI_SENDER));
    await ok(backend.dispatch('accounts.create', { name: 'loket', displayName: 'Loket', password: 'sandi-loket-1', roles: ['staff'], clearance: 'biasa' }, CLI_SENDER));
    await ok(backend.dispatch('accounts.create', { name: 'kabid', displayName: 'Kabid', password: 'sandi-kabid-1', roles: ['supervisor'], clearance: 'rahasia' }, CLI_SENDER));
    const cleared: Sender = { kind: 'server', session: 'pc-penyidik' };
    const counter: Sender = { kind: 'server', session: 'pc-loket' };
    await ok(backend.dispatch('accounts.login', { name: 'penyidik', password: 'sandi-penyidik-1' }, cleared));
    await ok(backend.dispatch('accounts.login', { name: 'loket', password: 'sandi-loket-1' }, counter));
    await ok(backend.dispatch('accounts.login', { name: 'kabid', password: 'sandi-kabid-1' }, { kind: 'server', session: 'pc-kabid' }));
    const secret = await confidentialRecord(backend, dir, { name: 'laporan-intel.txt', text: 'Laporan intelijen', subject: 'Laporan intelijen', securityClass: 'rahasia' });
    const plain = await confidentialRecord(backend, dir, { name: 'pengumuman.txt', text: 'Pengumuman', subject: 'Pengumuman', securityClass: 'biasa' });

    const about = (recordId: number) => backend.audienceOf({ name: 'document.indexed', payload: { documentId: 1, recordId, status: 'ok' } }).sort();
    assert.deepEqual(about(secret.recordId), [LOCAL_SESSION, 'pc-kabid', 'pc-penyidik'].sort(), 'the biasa counter PC hears nothing of the rahasia record');
    assert.deepEqual(about(plain.recordId), [LOCAL_SESSION, 'pc-kabid', 'pc-loket', 'pc-penyidik'].sort());
    // A refused drop-folder file names a file but no record: the people who import hear of it.
    const refused = { id: 1, folder: '/pindai', fileName: 'ktp-warga.pdf', size: 10, status: 'rejected' as const, recordId: null, reason: 'empty', message: null, movedTo: 'ditolak/ktp-warga.pdf', at: '2026-12-03T10:00:00Z' };
    assert.deepEqual(backend.audienceOf({ name: 'dropFolder.entry', payload: refused }).sort(), [LOCAL_SESSION, 'pc-loket', 'pc-penyidik'].sort());
    assert.deepEqual(backend.audienceOf({ name: 'app.toast', payload: { level: 'info', message: { id: 'x', en: 'x' } }, session: 'pc-loket' }), ['pc-loket']);
    assert.deepEqual(backend.audienceOf({ name: 'publication.changed', payload: { recordId: null, kind: 'withdrawn' } }).sort(), [LOCAL_SESSION, 'pc-kabid', 'pc-loket', 'pc-penyidik'].sort());

    // A locked session hears nothing at all.
    await ok(backend.dispatch('accounts.lock', {}, cleared));
    assert.deepEqual(about(secret.recordId), [LOCAL_SESSION, 'pc-kabid'].sort());
  } finally {
    await backend.close();
  }
});
