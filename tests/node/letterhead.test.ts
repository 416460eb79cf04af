// The letterhead (kop surat) an admin sets once and every generated document prints: empty until
// filled in (no example text printed as if real), a PNG/JPEG logo checked before it is stored,
// refused files leave the stored letterhead as it was, and only an admin changes it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import type { LetterheadView } from '../../preload/contract.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { CLI_SENDER, addUser, loginAs, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { tempDir } from '../helpers/tmp.ts';

async function logoPng(): Promise<Buffer> {
  const canvas = createCanvas(240, 240);
  const g = canvas.getContext('2d');
  g.fillStyle = '#1a5c3a';
  g.beginPath();
  g.arc(120, 120, 110, 0, Math.PI * 2);
  g.fill();
  return canvas.encode('png');
}

function pick(backend: Backend, path: string): string {
  return backend.registerPicks([{ path, kind: 'file' }])[0]!;
}

async function listPdf(backend: Backend): Promise<{ text: string; images: number; path: string }> {
  const { path } = await ok<{ path: string }>(backend.dispatch('retention.lists.export', { kind: 'aktif', format: 'pdf' }, CLI_SENDER));
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  // Rows after the two header lines; a PNG's alpha channel is listed as its own 'smask' row.
  const rows = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  const images = rows.filter((r) => r.trim().split(/\s+/)[2] === 'image').length;
  return { text, images, path };
}

test('the letterhead starts empty, prints nothing in another office’s name, and prints names and logo once set', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const blank = await ok<LetterheadView>(backend.dispatch('retention.letterhead.get', {}, CLI_SENDER));
    assert.equal(blank.isDefault, true);
    assert.deepEqual(Object.values(blank.letterhead), ['', '', '', '', '', '', '', ''], 'no example text stored as if it were real');
    assert.equal(blank.logo, null);
    const before = await listPdf(backend);
    assert.doesNotMatch(before.text, /PEMERINTAH DAERAH|PERANGKAT DAERAH|belum diatur/, 'no generic kop printed');
    assert.equal(before.images, 0);

    const saved = await ok<LetterheadView>(
      backend.dispatch(
        'retention.letterhead.set',
        { letterhead: { instansi: 'Pemerintah Provinsi Kalimantan Tengah', unit: 'Dinas Komunikasi dan Informatika', alamat: 'Jl. Imam Bonjol No. 2, Palangka Raya', kontak: '', kota: 'Palangka Raya', kepala: '', nip: '', jabatan: '' } },
        CLI_SENDER,
      ),
    );
    assert.equal(saved.isDefault, false);
    const logoPath = join(dir, 'logo-kalteng.png');
    writeFileSync(logoPath, await logoPng());
    const withLogo = await ok<LetterheadView>(backend.dispatch('retention.letterhead.setLogo', { handle: pick(backend, logoPath) }, CLI_SENDER));
    assert.equal(withLogo.logo?.name, 'logo-kalteng.png');
    assert.equal(withLogo.logo?.mime, 'image/png');
    assert.match(withLogo.logo?.dataUrl ?? '', /^data:image\/png;base64,iVBOR/);

    const after = await listPdf(backend);
    assert.match(after.text, /PEMERINTAH PROVINSI KALIMANTAN TENGAH/);
    assert.match(after.text, /DINAS KOMUNIKASI DAN INFORMATIKA/);
    assert.match(after.text, /Jl\. Imam Bonjol No\. 2/);
    assert.equal(after.images, 1, 'the logo is drawn once, on the first page');

    const removed = await ok<LetterheadView>(backend.dispatch('retention.letterhead.clearLogo', {}, CLI_SENDER));
    assert.equal(removed.logo, null);
    assert.equal((await listPdf(backend)).images, 0);
    const audit = backend.archive.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('settings.letterhead', 'settings.letterhead-logo')").get() as { n: number };
    assert.equal(audit.n, 3, 'saving, setting and removing the logo are audited');
  } finally {
    await backend.close();
  }
});

test('a logo that is not a PNG/JPEG, is damaged or too large is refused with what to do, and the stored one stays', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'browser-shell' });
  try {
    await loginAsAdmin(backend);
    const good = join(dir, 'logo.png');
    writeFileSync(good, await logoPng());
    await ok(backend.dispatch('retention.letterhead.setLogo', { handle: pick(backend, good) }, CLI_SENDER));

    const cases: [string, Buffer, RegExp][] = [
      ['surat.pdf', Buffer.from('%PDF-1.7\n'), /bukan gambar PNG atau JPEG/],
      ['rusak.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]), /rusak atau tidak dapat dibaca/],
      ['besar.png', Buffer.concat([await logoPng(), Buffer.alloc(300 * 1024)]), /terlalu besar .*paling besar 256 KB/],
      ['kosong.png', Buffer.alloc(0), /kosong/],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const result = await backend.dispatch('retention.letterhead.setLogo', { handle: pick(backend, path) }, CLI_SENDER);
      assert.equal(result.ok, false, `${name} is refused`);
      if (!result.ok) {
        assert.equal(result.error.code, 'validation');
        assert.match(result.error.message.id, message, name);
      }
    }
    const view = await ok<LetterheadView>(backend.dispatch('retention.letterhead.get', {}, CLI_SENDER));
    assert.equal(view.logo?.name, 'logo.png', 'the stored logo is untouched');
  } finally {
    await backend.close();
  }
});

test('only an admin changes the letterhead; staff and supervisors read it', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const backend = await createBackend({ archiveDir: join(dir, 'arsip'), host: 'browser-shell' });
  try {
    const supervisor = await addUser(backend, 'atasan', ['staff', 'supervisor']);
    await loginAs(backend, supervisor.name, supervisor.password);
    const letterhead = { instansi: 'Pemerintah Kota Lain', unit: 'Dinas Lain', alamat: '', kontak: '', kota: '', kepala: '', nip: '', jabatan: '' };
    const refused = await backend.dispatch('retention.letterhead.set', { letterhead }, CLI_SENDER);
    assert.equal(refused.ok, false);
    if (!refused.ok) assert.equal(refused.error.code, 'forbidden');
    assert.equal((await ok<LetterheadView>(backend.dispatch('retention.letterhead.get', {}, CLI_SENDER))).letterhead.instansi, '');
  } finally {
    await backend.close();
  }
});
