// Import only what the user picked: the renderer hands over handles of what was chosen, dropped or
// uploaded, never a path; a folder import stays inside the chosen folder and never loops.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../../main/archive/import.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

const RENDERER = { kind: 'browser-shell', tokenVerified: true } as const;

async function finished(backend: Backend, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const r = await ok<{ progress: { state: string; imported: number; rejected: number }; outcomes: { path: string; status: string; reason: string | null }[] }>(
      backend.dispatch('import.result', { jobId }, CLI_SENDER),
    );
    if (r.progress.state === 'done') return r;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('import did not finish');
}

test('import.start from the renderer cannot name a path: /etc/passwd is refused, a made-up handle too', async () => {
  const backend = await createBackend({ archiveDir: join(tempDir(), 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const byPath = await backend.dispatch('import.start', { paths: ['/etc/passwd'] }, RENDERER);
    assert.equal(byPath.ok, false);
    assert.equal(!byPath.ok && byPath.error.code, 'validation');
    const pathAsHandle = await backend.dispatch('import.start', { handles: ['/etc/passwd'] }, RENDERER);
    assert.equal(!pathAsHandle.ok && pathAsHandle.error.code, 'validation');
    const madeUp = await backend.dispatch('import.start', { handles: ['pk_AAAAAAAAAAAAAAAAAAAAAA'] }, RENDERER);
    assert.equal(!madeUp.ok && madeUp.error.code, 'not-found');
    const jra = await backend.dispatch('retention.jra.import', { path: '/etc/passwd' }, RENDERER);
    assert.equal(!jra.ok && jra.error.code, 'validation', 'the JRA import takes a handle too');
    const stats = await ok<{ records: number }>(backend.dispatch('archive.stats', {}, CLI_SENDER));
    assert.equal(stats.records, 0, 'nothing was imported');
  } finally {
    await backend.close();
  }
});

test('a handle works once, only in the session it was made in', async () => {
  const root = tempDir();
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    writeFileSync(join(root, 'surat.txt'), 'Surat undangan');
    writeFileSync(join(root, 'nota.txt'), 'Nota dinas');
    const [once] = backend.registerPicks([{ path: join(root, 'surat.txt'), kind: 'file' }]);
    const first = await ok<{ jobId: string }>(backend.dispatch('import.start', { handles: [once] }, RENDERER));
    assert.equal((await finished(backend, first.jobId)).progress.imported, 1);
    const again = await backend.dispatch('import.start', { handles: [once] }, RENDERER);
    assert.equal(!again.ok && again.error.code, 'not-found', 'a used handle is gone');

    const [beforeLock] = backend.registerPicks([{ path: join(root, 'nota.txt'), kind: 'file' }]);
    await ok(backend.dispatch('accounts.lock', {}, CLI_SENDER));
    await loginAsAdmin(backend);
    const stale = await backend.dispatch('import.start', { handles: [beforeLock] }, RENDERER);
    assert.equal(!stale.ok && stale.error.code, 'not-found', 'a handle dies with the session');
  } finally {
    await backend.close();
  }
});

test('a picked folder is imported without following links out of it, and a link loop finishes', async () => {
  const root = tempDir();
  const chosen = join(root, 'surat-masuk');
  mkdirSync(join(chosen, 'bulan-05'), { recursive: true });
  writeFileSync(join(chosen, 'undangan.txt'), 'Undangan rapat koordinasi');
  writeFileSync(join(chosen, 'bulan-05', 'nota.txt'), 'Nota dinas Mei');
  mkdirSync(join(root, 'pribadi'));
  writeFileSync(join(root, 'pribadi', 'gaji.txt'), 'Slip gaji pegawai');
  symlinkSync('/etc', join(chosen, 'etc'));
  symlinkSync('/etc/passwd', join(chosen, 'passwd'));
  symlinkSync(join(root, 'pribadi'), join(chosen, 'pribadi'));
  symlinkSync('..', join(chosen, 'bulan-05', 'naik')); // a loop back to the chosen folder
  symlinkSync(chosen, join(chosen, 'bulan-05', 'lagi')); // and another
  symlinkSync(join(chosen, 'undangan.txt'), join(chosen, 'bulan-05', 'undangan-juga.txt')); // inside: fine, once

  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const handles = backend.registerPicks([{ path: chosen, kind: 'folder' }]);
    const { jobId } = await ok<{ jobId: string }>(backend.dispatch('import.start', { handles }, RENDERER));
    const result = await finished(backend, jobId);
    const imported = result.outcomes.filter((o) => o.status === 'imported').map((o) => o.path.slice(chosen.length + 1)).sort();
    // undangan.txt is reached first through the link inside bulan-05 (names sort), and only once.
    assert.deepEqual(imported, ['bulan-05/nota.txt', 'bulan-05/undangan-juga.txt'], 'only the files inside the folder, each once');
    const refused = result.outcomes.filter((o) => o.status === 'rejected').map((o) => o.path.slice(chosen.length + 1)).sort();
    assert.deepEqual(refused, ['etc', 'passwd', 'pribadi']);
    assert.ok(result.outcomes.filter((o) => o.status === 'rejected').every((o) => /outside the chosen folder/.test(o.reason ?? '')));
    const subjects = (await ok<{ rows: { subject: string }[] }>(backend.dispatch('records.list', { limit: 50 }, CLI_SENDER))).rows.map((r) => r.subject);
    assert.ok(!subjects.some((s) => /passwd|gaji/.test(s)));
  } finally {
    await backend.close();
  }
});

test('the CLI still takes paths (it runs as the OS user), and a folder that links to itself finishes', async () => {
  const root = tempDir();
  const folder = join(root, 'lingkaran');
  mkdirSync(join(folder, 'a'), { recursive: true });
  writeFileSync(join(folder, 'a', 'surat.txt'), 'Surat');
  symlinkSync(folder, join(folder, 'a', 'balik'));
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell' });
  try {
    const report = await runImport(backend.archive, [folder], { actor: 'cli' });
    assert.equal(report.progress.state, 'done');
    assert.equal(report.progress.imported, 1);
    // Walked once: not the same file again down a/balik/a/balik/… until the OS gives up (ELOOP).
    assert.deepEqual(
      report.outcomes.map((o) => [o.path.slice(folder.length + 1), o.status]),
      [['a/surat.txt', 'imported']],
    );
  } finally {
    await backend.close();
  }
});
