// The CLI as IT uses it: the first `user add` creates the admin without a login, later commands
// act as the named user (BERKAS_PASSWORD), and the publication workflow runs four-eyes from the
// command line too.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { forgetCliLogins } from '../../main/accounts/cli-auth.ts';
import { openArchive } from '../../main/archive/open.ts';
import { main } from '../../main/cli.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _enc, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

async function berkas(archiveDir: string, env: Record<string, string>, ...argv: string[]) {
  forgetCliLogins();
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const stdout = sink();
  const stderr = sink();
  try {
    const code = await main(['--archive', archiveDir, ...argv], { stdout: stdout as never, stderr: stderr as never });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    for (const k of Object.keys(env)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    forgetCliLogins();
  }
}

test('user add, passwd and list; propose and approve by two people; DIP, DIK and audit exports', async () => {
  const dir = join(tempDir(), 'arsip');
  const tmp = tempDir();
  const as = (user: string, password: string) => ({ BERKAS_USER: user, BERKAS_PASSWORD: password });

  const first = await berkas(dir, { BERKAS_NEW_PASSWORD: 'sandi-admin-cli' }, 'user', 'add', 'admin', '--role', 'staff');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /User admin added with roles staff, admin \(first user: admin\)/);
  assert.equal((await berkas(dir, { ...as('admin', 'sandi-admin-cli'), BERKAS_NEW_PASSWORD: 'sandi-siti-cli' }, 'user', 'add', 'siti', '--role', 'staff')).code, 0);
  assert.equal((await berkas(dir, { ...as('admin', 'sandi-admin-cli'), BERKAS_NEW_PASSWORD: 'sandi-andi-cli' }, 'user', 'add', 'andi', '--role', 'supervisor', '--display-name', 'Andi Pratama')).code, 0);
  const bad = await berkas(dir, as('admin', 'sandi-admin-cli'), 'user', 'add', 'xyz', '--role', 'boss');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown role "boss"/);
  const list = await berkas(dir, as('admin', 'sandi-admin-cli'), '--json', 'user', 'list');
  assert.deepEqual(
    (JSON.parse(list.stdout) as { name: string; roles: string[] }[]).map((u) => [u.name, u.roles.join('+')]),
    [
      ['admin', 'staff+admin'],
      ['andi', 'supervisor'],
      ['siti', 'staff'],
    ],
  );
  // Anyone may set their own password; only an admin someone else's.
  assert.equal((await berkas(dir, { ...as('siti', 'sandi-siti-cli'), BERKAS_NEW_PASSWORD: 'sandi-siti-baru' }, 'user', 'passwd', 'siti')).code, 0);
  assert.equal((await berkas(dir, { ...as('siti', 'sandi-siti-baru'), BERKAS_NEW_PASSWORD: 'x-x-x-x-x-x' }, 'user', 'passwd', 'andi')).code, 1);

  const archive = openArchive(dir);
  let id: number;
  try {
    id = seedRecord(archive.db, { subject: 'Undangan rapat koordinasi', publicCategory: 'setiap-saat' });
    seedDocument(archive.db, id, { pages: ['Narahubung: 0812-3456-7890'] });
  } finally {
    archive.close();
  }
  const proposed = await berkas(dir, as('siti', 'sandi-siti-baru'), 'publish', 'propose', String(id), '--comment', 'untuk portal');
  assert.equal(proposed.code, 0, proposed.stderr);
  const noAck = await berkas(dir, as('andi', 'sandi-andi-cli'), 'publish', 'approve', String(id));
  assert.equal(noAck.code, 1);
  assert.match(noAck.stderr, /telepon\/phone "0812-3456-7890" — dokumen-\d+\.pdf, page 1/);
  assert.match(noAck.stderr, /found 1 possible personal data/);
  const approved = await berkas(dir, as('andi', 'sandi-andi-cli'), 'publish', 'approve', String(id), '--ack-personal-data', '--comment', 'ok');
  assert.equal(approved.code, 0, approved.stderr);
  const listed = await berkas(dir, as('siti', 'sandi-siti-baru'), 'publish', 'list', '--state', 'approved');
  assert.match(listed.stdout, /record \d+ \[approved\] "Undangan rapat koordinasi" proposed by siti, decided by andi/);

  for (const format of ['xlsx', 'pdf', 'csv']) {
    const out = join(tmp, `dip.${format}`);
    const r = await berkas(dir, as('siti', 'sandi-siti-baru'), 'dip', 'export', '--format', format, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(out));
  }
  assert.match(execFileSync('pdftotext', [join(tmp, 'dip.pdf'), '-']).toString(), /Undangan rapat koordinasi/);
  assert.equal((await berkas(dir, as('siti', 'sandi-siti-baru'), 'dik', 'export', '--format', 'csv', '--out', join(tmp, 'dik.csv'))).code, 0);
  const usage = await berkas(dir, as('siti', 'sandi-siti-baru'), 'dip', 'export', '--format', 'docx', '--out', join(tmp, 'x'));
  assert.equal(usage.code, 2);

  const auditOut = join(tmp, 'audit.csv');
  const audit = await berkas(dir, as('andi', 'sandi-andi-cli'), 'audit', 'export', '--out', auditOut, '--action', 'publication.*');
  assert.equal(audit.code, 0, audit.stderr);
  const lines = readFileSync(auditOut, 'utf8').trim().split('\r\n');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[3]),
    ['publication.propose', 'publication.approve'],
  );
  const verify = await berkas(dir, as('andi', 'sandi-andi-cli'), 'audit', 'verify');
  assert.equal(verify.code, 0);
  assert.match(verify.stdout, /The audit chain holds/);
});
