import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { scanRecord, scanText } from '../../main/publication/personal-data.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { tempDir } from '../helpers/tmp.ts';

const kinds = (text: string) => scanText(text).map((h) => `${h.kind}:${h.match}`);

test('NIK (16 digits) and NIP (18 digits, also written 8-6-1-3) are told apart', () => {
  assert.deepEqual(kinds('NIK 6271031505870002 dan NIP 198705152010011003.'), ['nik:6271031505870002', 'nip:198705152010011003']);
  assert.deepEqual(kinds('NIP. 19870515 201001 1 003'), ['nip:19870515 201001 1 003']);
  assert.deepEqual(kinds('NIK: 3201 0112 3456 0001'), ['nik:3201 0112 3456 0001']);
  assert.deepEqual(kinds('nomor 12345678901234567 (17 digit) bukan keduanya'), []);
  assert.deepEqual(kinds('kode 6271031505870002123'), [], 'a longer run of digits is neither');
});

test('Indonesian phone numbers in their usual forms, not dates, amounts or letter numbers', () => {
  assert.deepEqual(kinds('HP 0812-3456-7890, WA +62 812 3456 7890, 6281234567890'), ['phone:0812-3456-7890', 'phone:+62 812 3456 7890', 'phone:6281234567890']);
  assert.deepEqual(kinds('Telp. (0536) 3221234 atau 021-5551234'), ['phone:(0536) 3221234', 'phone:021-5551234']);
  assert.deepEqual(kinds('Nomor 000.8.3.3/15/OR tanggal 12-05-2026, anggaran Rp 1.250.000.000, tahun 2026'), []);
});

test('e-mail addresses', () => {
  assert.deepEqual(kinds('Kirim ke ppid.dinas@kaltengprov.go.id atau budi_s+ppid@example.com.'), ['email:ppid.dinas@kaltengprov.go.id', 'email:budi_s+ppid@example.com']);
});

test('a record scan reports each hit with its document, page and surrounding text', () => {
  const archive = openArchive(join(tempDir(), 'arsip'));
  try {
    const db = archive.db;
    const id = seedRecord(db, { subject: 'Undangan rapat', description: 'Narahubung: sari@example.org' });
    const doc = seedDocument(db, id, { name: 'undangan.pdf', pages: ['Halaman satu.', 'Hormat kami,\nBudi Santoso\nNIP 198705152010011003\nHP 0812 3456 7890'] });
    const other = seedRecord(db, { subject: 'Arsip lain' });
    seedDocument(db, other, { pages: ['NIK 6271031505870002'] });
    seedDocument(db, id, { name: 'pindaian.jpg', extractStatus: 'no-text', role: 'attachment' });
    const scan = scanRecord(db, id);
    assert.equal(scan.total, 3);
    assert.deepEqual(
      scan.hits.map((h) => [h.kind, h.match, h.documentName, h.page]),
      [
        ['email', 'sari@example.org', null, null],
        ['nip', '198705152010011003', 'undangan.pdf', 2],
        ['phone', '0812 3456 7890', 'undangan.pdf', 2],
      ],
    );
    const nip = scan.hits[1]!;
    assert.equal(nip.documentId, doc.id);
    assert.match(nip.before, /Budi Santoso NIP $/);
    assert.equal(scan.unscanned.length, 1);
    assert.equal(scan.unscanned[0]!.reason, 'no-text');
    assert.deepEqual(scan.pending, []);
  } finally {
    archive.close();
  }
});
