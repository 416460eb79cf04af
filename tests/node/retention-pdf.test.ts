// The documents the office signs, read back: the berita acara of transfer, destruction and
// handover and the DAUM, generated through the workflows, checked with pdftotext for the fields
// that matter, and rendered with pdftoppm into test-artifacts/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Archive } from '../../main/archive/open.ts';
import { beritaAcaraPemusnahan } from '../../main/reports/beritaAcara.ts';
import { hariTanggalTerbilang, tanggal, terbilang } from '../../main/reports/idDate.ts';
import { saveLetterhead } from '../../main/reports/letterhead.ts';
import { winAnsi } from '../../main/reports/pdf.ts';
import { executeDestruction, generateDaum, proposeDestruction, recordApproval, recordCommittee, recordLkd } from '../../main/retention/destruction.ts';
import { createHandover, executeHandover } from '../../main/retention/handover.ts';
import { approveSimple, createTransfer, executeTransfer } from '../../main/retention/transfer.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';
import { SIGNER, WITNESS, addFile, addRecord, applySampleJra, freshArchive, objectFile } from './retention-helpers.ts';

const TODAY = '2026-03-12';
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const LETTERHEAD = {
  instansi: 'Pemerintah Provinsi Kalimantan Tengah',
  unit: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
  alamat: 'Jalan Willem AS Nomor 5, Palangka Raya 73112',
  kontak: 'Telepon (0536) 3221234 · Laman diskominfo.kalteng.go.id',
  kota: 'Palangka Raya',
  kepala: 'Dr. Agus Siswadi, M.Si.',
  nip: '19700101 199503 1 001',
  jabatan: 'Kepala Dinas',
};

function pdfOf(archive: Archive, documentId: number): Buffer {
  const { sha256 } = archive.db.prepare('SELECT sha256 FROM documents WHERE id = ?').get(documentId) as { sha256: string };
  return readFileSync(objectFile(archive, sha256));
}

function text(pdf: Buffer): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'x.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
}

/** Renders every page at 70 dpi into the screenshots folder; returns the files. */
function render(pdf: Buffer, name: string): string[] {
  const dir = tempDir();
  writeFileSync(join(dir, 'x.pdf'), pdf);
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '70', '-png', join(dir, 'x.pdf'), join(SHOTS, name)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'x.pdf')], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) => join(SHOTS, `${name}-${pages >= 10 ? String(i + 1).padStart(2, '0') : i + 1}.png`));
}

async function seeded() {
  const archive = freshArchive();
  await applySampleJra(archive, TODAY);
  saveLetterhead(archive.db, LETTERHEAD, 'admin');
  return archive;
}

test('Indonesian dates and numbers are spelled as official documents write them', () => {
  assert.equal(terbilang(12), 'dua belas');
  assert.equal(terbilang(11), 'sebelas');
  assert.equal(terbilang(100), 'seratus');
  assert.equal(terbilang(1000), 'seribu');
  assert.equal(terbilang(2026), 'dua ribu dua puluh enam');
  assert.equal(terbilang(1945), 'seribu sembilan ratus empat puluh lima');
  assert.equal(tanggal('2026-03-12'), '12 Maret 2026');
  assert.equal(hariTanggalTerbilang('2026-03-12'), 'Kamis tanggal dua belas bulan Maret tahun dua ribu dua puluh enam');
  assert.equal(winAnsi('retensi ≥ 10 tahun — “kecuali” café ą ł'), 'retensi >= 10 tahun — “kecuali” café a ?');
});

test('berita acara pemusnahan with its list: numbers, dates, approvals, witnesses and every destroyed record', { timeout: 60_000 }, async () => {
  const archive = await seeded();
  try {
    const file = addFile(archive, { code: '900.1.3.7', closedAt: '2012-12-31', fileNumber: 'KEU-12', title: 'Daftar gaji pegawai 2012' });
    const subjects = Array.from({ length: 45 }, (_, i) => `Daftar gaji bulan ${(i % 12) + 1} tahun 2012 bagian ${i + 1}`);
    for (const subject of subjects) addRecord(archive, { fileId: file, subject, letterDate: '2012-06-30' });
    const caseId = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Daftar gaji 2012' }, 'staf', TODAY);
    const daumId = await generateDaum(archive, caseId, 'staf', TODAY);
    const daum = text(pdfOf(archive, daumId));
    assert.match(daum, /DAFTAR ARSIP USUL MUSNAH/);
    assert.match(daum, /UM-\d{4}-\d{3}/);
    assert.match(daum, /Perbup Pekalongan 63\/2024 \(versi \d+\)/);
    assert.match(daum, /45 \(empat puluh lima\) arsip/);
    render(pdfOf(archive, daumId), 'retention-pdf-daum');

    recordCommittee(archive.db, caseId, { letterNumber: 'PPA-02/2026', letterDate: '2026-01-10', signedBy: 'Ketua Panitia Penilai Arsip', opinion: 'Tidak bernilai guna', agrees: true }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'anri', letterNumber: 'B-123/KA/2026', letterDate: '2026-02-01', signedBy: 'Kepala ANRI' }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '188.44/45/2026', letterDate: '2026-02-20', signedBy: 'Gubernur Kalimantan Tengah' }, 'atasan', TODAY);
    recordLkd(archive.db, caseId, { agency: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah', letterNumber: '045/112/DPK/2026', letterDate: '2026-02-25', officer: 'Arsiparis Ahli Madya' }, 'atasan', TODAY);
    const result = await executeDestruction(
      archive,
      caseId,
      { baNumber: 'BA-008/18100/KA.500/2026', place: 'Palangka Raya', method: 'pencacahan dan penghapusan elektronik', executor: SIGNER, witnesses: [WITNESS, { name: 'Rina Wati', nip: '', jabatan: 'Arsiparis' }] },
      'atasan',
      TODAY,
      { backupRoot: null },
    );
    const pdf = pdfOf(archive, result.documentId);
    const t = text(pdf);
    for (const expected of [
      'PEMERINTAH PROVINSI KALIMANTAN TENGAH',
      'DINAS KOMUNIKASI, INFORMATIKA, PERSANDIAN DAN STATISTIK',
      'BERITA ACARA PEMUSNAHAN ARSIP',
      'Nomor: BA-008/18100/KA.500/2026',
      'Kamis tanggal dua belas bulan Maret tahun dua ribu dua puluh enam',
      '45 (empat puluh lima) arsip',
      'PPA-02/2026 tanggal 10 Januari 2026',
      'Kepala Arsip Nasional Republik Indonesia Nomor B-123/KA/2026 tanggal 1 Februari 2026',
      'Nomor 188.44/45/2026 tanggal 20 Februari 2026',
      'Surat Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah Nomor 045/112/DPK/2026 tanggal 25 Februari 2026 tentang keikutsertaan lembaga kearsipan daerah dalam pemusnahan, yang diwakili oleh Arsiparis Ahli Madya.',
      'pencacahan dan penghapusan elektronik',
      'Budi Santoso',
      'Rina Wati',
      'Siti Rahma, S.Sos.',
      'NIP 19800101 200501 2 001',
      'Palangka Raya, 12 Maret 2026',
      'DAFTAR ARSIP YANG DIMUSNAHKAN',
    ]) {
      assert.ok(t.replace(/\s+/g, ' ').includes(expected), `the berita acara says "${expected}"`);
    }
    const flat = t.replace(/\s+/g, ' ');
    for (const subject of subjects) assert.ok(flat.includes(subject), `the list names "${subject}"`);
    assert.match(flat, /Halaman 1 dari \d/);
    const pages = render(pdf, 'retention-pdf-ba-pemusnahan');
    assert.ok(pages.length >= 3, 'the BA and a list over more than one page');
  } finally {
    archive.close();
  }
});

test('berita acara pemindahan and penyerahan name the parties, the location or recipient, and the lists', { timeout: 60_000 }, async () => {
  const archive = await seeded();
  try {
    const files = [addFile(archive, { code: '000.1.6', closedAt: '2024-12-31', fileNumber: 'UM-01', title: 'Konsumsi rapat 2024' }), addFile(archive, { code: '000.1.1', closedAt: '2024-01-31', fileNumber: 'UM-02', title: 'Telepon 2023' })];
    for (const f of files) for (let i = 0; i < 3; i++) addRecord(archive, { fileId: f, status: 'aktif', subject: `Nota ${f}-${i + 1}` });
    const transfer = createTransfer(archive.db, { fileIds: files, recordIds: [], title: 'Pemindahan 2026', location: 'Record center Gedung B lantai 2', firstBox: 7, foldersPerBox: 10 }, 'staf', TODAY);
    approveSimple(archive.db, transfer, 'transfer', '', 'Kepala Bidang', TODAY);
    const baP = await executeTransfer(archive, transfer, { baNumber: '000.5.6/11/UK/2026', from: { name: 'Joko Widodo', nip: '19800202 200501 1 003', jabatan: 'Kepala Bidang Umum' }, to: SIGNER }, 'atasan', TODAY);
    const tp = text(pdfOf(archive, baP)).replace(/\s+/g, ' ');
    for (const expected of ['BERITA ACARA PEMINDAHAN ARSIP INAKTIF', 'Nomor: 000.5.6/11/UK/2026', 'PIHAK PERTAMA', 'PIHAK KEDUA', 'Joko Widodo', 'Record center Gedung B lantai 2', '6 (enam) arsip dalam 2 (dua) berkas', 'disetujui oleh Kepala Bidang', 'DAFTAR ARSIP INAKTIF YANG DIPINDAHKAN', 'Nota']) {
      assert.ok(tp.includes(expected), `the transfer record says "${expected}"`);
    }
    render(pdfOf(archive, baP), 'retention-pdf-ba-pemindahan');

    const permanent = addFile(archive, { code: '000.2.5', closedAt: '2015-01-01', fileNumber: 'BMD-01', title: 'Database BMD 2014' });
    addRecord(archive, { fileId: permanent, subject: 'Database barang milik daerah 2014' });
    const handover = createHandover(archive.db, { fileIds: [permanent], recordIds: [], title: 'Penyerahan BMD', recipient: 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah' }, 'staf', TODAY);
    approveSimple(archive.db, handover, 'handover', '', 'atasan', TODAY);
    const { documentId } = await executeHandover(archive, handover, { baNumber: 'BA-PS/3/2026', from: SIGNER, to: { name: 'Drs. Hendra', nip: '19710303 199803 1 002', jabatan: 'Kepala Bidang Arsip Statis' }, exportDir: tempDir() }, 'atasan', TODAY);
    const th = text(pdfOf(archive, documentId)).replace(/\s+/g, ' ');
    for (const expected of ['BERITA ACARA PENYERAHAN ARSIP STATIS', 'Nomor: BA-PS/3/2026', 'Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah', 'Drs. Hendra', 'DAFTAR ARSIP STATIS YANG DISERAHKAN', 'Database barang milik daerah 2014']) {
      assert.ok(th.includes(expected), `the handover record says "${expected}"`);
    }
    render(pdfOf(archive, documentId), 'retention-pdf-ba-penyerahan');
  } finally {
    archive.close();
  }
});

test('long cells wrap inside their column and text outside WinAnsi never breaks a document', async () => {
  const bytes = await beritaAcaraPemusnahan({
    letterhead: LETTERHEAD,
    number: 'BA/Ω/2026',
    date: '2024-02-29',
    place: '',
    method: 'penghapusan elektronik',
    files: 1,
    executor: SIGNER,
    witnesses: [WITNESS],
    committee: { number: 'P', date: '2024-01-01', signedBy: 'Ketua' },
    approval: { authority: 'Kepala Daerah', number: 'A', date: '2024-02-01', signedBy: 'Bupati' },
    decision: { authority: 'Kepala Perangkat Daerah', number: 'K', date: '2024-02-10', signedBy: 'Kadis' },
    band: '<10',
    rows: [{ code: '000.1.1', uraian: `${'Surat panjang sekali '.repeat(60)}数据 ≥`, kurun: '2020', tingkat: 'asli', jumlah: '1 lembar', keterangan: 'x'.repeat(300), retensi: '1/1', nasibAkhir: 'musnah' }],
  });
  const t = text(Buffer.from(bytes)).replace(/\s+/g, ' ');
  assert.match(t, /Kamis tanggal dua puluh sembilan bulan Februari tahun dua ribu dua puluh empat/);
  assert.match(t, /BA\/\?\/2026/);
  assert.match(t, /\?\? >=/);
  render(Buffer.from(bytes), 'retention-pdf-long-cells');
});
