// Issue 13 item 6: the Daftar Arsip Aktif and Daftar Arsip Inaktif, per originating unit and year,
// with the columns of the forms (Permenko Polhukam 3/2024; the DPR guide's DAI), as PDF (read back
// with pdftotext, rendered with pdftoppm for a person to look at) and XLSX; never a record above
// the caller's clearance.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Archive } from '../../main/archive/open.ts';
import { saveLetterhead } from '../../main/reports/letterhead.ts';
import { DAA_HEADERS, DAI_HEADERS, archiveList, archiveListChoices } from '../../main/retention/lists.ts';
import { exportArchiveList } from '../../main/retention/lists-export.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from './retention-helpers.ts';

const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const TODAY = '2026-03-12';

function set(archive: Archive, table: 'records' | 'files', id: number, fields: Record<string, string | number | null>): void {
  const keys = Object.keys(fields);
  archive.db.prepare(`UPDATE ${table} SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...Object.values(fields), id);
}

async function seeded(): Promise<Archive> {
  const archive = freshArchive();
  await applySampleJra(archive, TODAY);
  saveLetterhead(archive.db, { instansi: 'Pemerintah Provinsi Kalimantan Tengah', unit: 'Dinas Komunikasi dan Informatika', alamat: 'Jl. Willem AS 5', kontak: '', kota: 'Palangka Raya', kepala: 'Dr. Agus Siswadi, M.Si.', nip: '19700101 199503 1 001', jabatan: 'Kepala Dinas' }, 'admin');
  // Active: a file of two letters in 2025 (Sekretariat), one in 2024, one of another unit.
  const rapat = addFile(archive, { code: '000.1.2', closedAt: null, title: 'Rapat koordinasi kehumasan 2025', fileNumber: '12', openedAt: '2025-01-06' });
  set(archive, 'files', rapat, { location_room: 'Ruang Arsip Aktif', location_shelf: 'Lemari 2', location_box: '3', location_folder: '7' });
  for (const [subject, date, n] of [['Undangan rapat koordinasi', '2025-02-03', 1], ['Notulen rapat koordinasi', '2025-02-05', 2]] as const) {
    const { recordId } = addRecord(archive, { fileId: rapat, subject, letterDate: date, status: 'aktif' });
    set(archive, 'records', recordId, { originating_unit: 'Sekretariat', item_number: n, medium: 'tekstual', count: 3, count_unit: 'lembar', condition: 'baik' });
  }
  const old = addFile(archive, { code: '000.1.2', closedAt: '2024-12-31', title: 'Rapat koordinasi 2024', fileNumber: '11', openedAt: '2024-01-02' });
  set(archive, 'records', addRecord(archive, { fileId: old, subject: 'Undangan rapat 2024', letterDate: '2024-03-01', status: 'aktif' }).recordId, { originating_unit: 'Sekretariat' });
  set(archive, 'records', addRecord(archive, { fileId: null, code: '500.1', subject: 'Laporan bidang ekonomi', letterDate: '2025-04-01', status: 'aktif' }).recordId, { originating_unit: 'Bidang Ekonomi' });
  const secret = addRecord(archive, { fileId: rapat, subject: 'Catatan rahasia rapat', letterDate: '2025-02-06', status: 'aktif' }).recordId;
  set(archive, 'records', secret, { originating_unit: 'Sekretariat', security_class: 'rahasia', item_number: 3 });
  // Inactive: a transferred file in box 12, folder 4, with its JRA retention.
  const tel = addFile(archive, { code: '000.1.1', closedAt: '2023-06-30', title: 'Tagihan telepon 2023', fileNumber: 'IN-23', openedAt: '2023-01-01' });
  set(archive, 'files', tel, { location_room: 'Record Center', location_shelf: 'Rak 5', location_box: '12', location_folder: '4' });
  for (let i = 1; i <= 2; i++) {
    const { recordId } = addRecord(archive, { fileId: tel, subject: `Tagihan telepon bulan ${i}`, letterDate: `2023-0${i}-10`, status: 'inaktif' });
    set(archive, 'records', recordId, { originating_unit: 'Sekretariat', records_category: i === 2 ? 'terjaga' : 'umum', development_level: i === 2 ? 'salinan' : 'asli' });
  }
  return archive;
}

test('the Daftar Arsip Aktif per unit and year: the ten columns, file columns on the first item, items below; nothing above the clearance', async () => {
  const archive = await seeded();
  try {
    const all = archiveList(archive.db, { kind: 'aktif', unit: 'Sekretariat', year: 2025 }, null);
    assert.deepEqual(all.columns.map((c) => c.header), [...DAA_HEADERS]);
    assert.equal(all.title, 'DAFTAR ARSIP AKTIF');
    assert.equal(all.unit, 'Sekretariat');
    assert.equal(all.period, 'Tahun 2025');
    assert.equal(all.agency, 'Pemerintah Provinsi Kalimantan Tengah — Dinas Komunikasi dan Informatika');
    assert.equal(all.records, 3, 'the 2024 letter and the other unit are not in it');
    const seen = archiveList(archive.db, { kind: 'aktif', unit: 'Sekretariat', year: 2025 }, ['biasa', 'terbatas']);
    assert.equal(seen.records, 2);
    assert.deepEqual(seen.rows, [
      ['12', '000.1.2', 'Rapat koordinasi kehumasan 2025', '2025–…', '2 item', '1', `Undangan rapat koordinasi (Nomor 000.1.2/${seen.rows[0]![6]!.match(/\/(\d+)\//)![1]}/2019)`, '3 Februari 2025', 'Asli', 'Tekstual, 3 lembar; baik; Ruang Arsip Aktif, Lemari 2, Boks 3, Folder 7'],
      ['', '', '', '', '', '2', seen.rows[1]![6]!, '5 Februari 2025', 'Asli', 'Tekstual, 3 lembar; baik; Ruang Arsip Aktif, Lemari 2, Boks 3, Folder 7'],
    ]);
    assert.ok(!JSON.stringify(seen).includes('rahasia rapat'), 'the secret record is not listed for a biasa/terbatas viewer');
    assert.deepEqual(archiveListChoices(archive.db, 'aktif', ['biasa']), { units: ['Bidang Ekonomi', 'Sekretariat'], years: [2025, 2024] });
    const unfiled = archiveList(archive.db, { kind: 'aktif', unit: 'Bidang Ekonomi', year: null }, null);
    assert.deepEqual(unfiled.rows[0]!.slice(0, 5), ['—', '500.1', 'Belum diberkaskan', '2025', '1 item']);

    // As PDF: the page a records unit hands in, read back and rendered.
    const dir = tempDir();
    const pdf = await exportArchiveList(archive.db, 'siti', seen, 'pdf', join(dir, 'daa.pdf'));
    const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of ['DAFTAR ARSIP AKTIF', 'Pemerintah Provinsi Kalimantan Tengah', 'Unit pengolah: Sekretariat · Tahun 2025', 'Rapat koordinasi kehumasan 2025', 'Undangan rapat koordinasi', '3 Februari 2025', 'Jumlah: 1 berkas, 2 arsip.', 'Dr. Agus Siswadi, M.Si.', 'NIP 19700101 199503 1 001']) {
      assert.ok(flat.includes(expected), `the DAA says "${expected}"`);
    }
    for (const h of ['Nomor', 'Berkas', 'Klasifikasi', 'Kurun', 'Tingkat', 'Perkembangan', 'Keterangan']) assert.ok(flat.includes(h), `header ${h}`);
    assert.ok(!flat.includes('rahasia rapat'));
    assert.match(execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' }), /Page size:\s+841\.89 x 595\.28/, 'A4 landscape');
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '80', '-png', '-singlefile', pdf.path, join(SHOTS, 'retention-daa-pdf')]);
    const audit = JSON.parse(archive.db.prepare("SELECT after FROM audit_log WHERE action = 'archive-list.export'").pluck().get() as string);
    assert.deepEqual([audit.kind, audit.unit, audit.format, audit.rows], ['aktif', 'Sekretariat', 'pdf', 2]);
  } finally {
    archive.close();
  }
});

test('the Daftar Arsip Inaktif: one row per file with folder, box, location, the retention the clock enforces and the records category; as XLSX', async () => {
  const archive = await seeded();
  try {
    const dai = archiveList(archive.db, { kind: 'inaktif', unit: null, year: 2023 }, null);
    assert.deepEqual(dai.columns.map((c) => c.header), [...DAI_HEADERS]);
    assert.deepEqual(dai.rows, [
      ['1', 'IN-23', '000.1.1', 'Tagihan telepon 2023', '2023', 'Asli, Salinan', '2 item', '4', '12', 'Record Center, Rak 5', dai.rows[0]![10]!, 'Terjaga', 'Elektronik'],
    ]);
    assert.match(dai.rows[0]![10]!, /^Aktif \d+ th, inaktif \d+ th — /, 'the JRA rule of the file');
    const out = await exportArchiveList(archive.db, 'siti', dai, 'xlsx', join(tempDir(), 'dai.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out.path);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.name, 'DAI');
    assert.equal(sheet.getCell('A1').value, 'DAFTAR ARSIP INAKTIF');
    assert.deepEqual((sheet.getRow(5).values as unknown[]).slice(1), [...DAI_HEADERS]);
    assert.equal(sheet.getRow(6).getCell(1).value, 1);
    assert.equal(sheet.getRow(6).getCell(4).value, 'Tagihan telepon 2023');
    assert.equal(sheet.getRow(6).getCell(9).value, '12');
    assert.equal(sheet.rowCount, 6);
  } finally {
    archive.close();
  }
});
