// The Retensi screen in real Chromium over the browser shell: the dashboard on a seeded archive,
// the JRA import with its change preview, and a destruction run from the queue to the berita acara.
// The archive is seeded through the retention services before the session opens.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import type { Page } from 'playwright';
import { openArchive } from '../../main/archive/open.ts';
import { saveLetterhead } from '../../main/reports/letterhead.ts';
import { addYears, localToday } from '../../main/retention/clock.ts';
import { createHold } from '../../main/retention/holds.ts';
import { proposeDestruction, recordApproval, recordCommittee } from '../../main/retention/destruction.ts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { tempDir } from '../helpers/tmp.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from '../node/retention-helpers.ts';
import { closeBrowser, countOnceSettled, openSession, UI_ADMIN } from './harness.ts';

after(closeBrowser);

const TODAY = localToday();

function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const LETTERHEAD = {
  instansi: 'Pemerintah Provinsi Kalimantan Tengah',
  unit: 'Dinas Komunikasi, Informatika, Persandian dan Statistik',
  alamat: 'Jalan Willem AS Nomor 5, Palangka Raya 73112',
  kontak: 'Telepon (0536) 3221234',
  kota: 'Palangka Raya',
  kepala: 'Dr. Agus Siswadi, M.Si.',
  nip: '19700101 199503 1 001',
  jabatan: 'Kepala Dinas',
};

async function openRetensi(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Retensi' }).click();
  await page.getByRole('tab', { name: 'Ringkasan' }).waitFor();
}

async function seedDashboard(dir: string): Promise<void> {
  const archive = freshArchive(dir);
  try {
    await applySampleJra(archive, TODAY);
    saveLetterhead(archive.db, LETTERHEAD, 'admin');
    const file = (code: string, closedAt: string | null, title: string, records: number, status = 'inaktif', triggerDate: string | null = null) => {
      const id = addFile(archive, { code, closedAt, title, triggerDate });
      for (let i = 0; i < records; i++) addRecord(archive, { fileId: id, status, subject: `${title} — surat ${i + 1}` });
      return id;
    };
    file('000.1.1', '2019-06-30', 'Tagihan telepon 2019', 4);
    file('900.1.3.7', '2012-12-31', 'Daftar gaji 2012', 6);
    file('000.1.5', '2020-03-31', 'Notulen rapat pimpinan 2020', 3);
    file('000.2.5', '2016-01-31', 'Database BMD 2015', 2);
    file('000.1.6', addYears(plusDays(TODAY, -400), 0), 'Konsumsi rapat', 3, 'aktif');
    // Falling due over the coming months, for the chart.
    for (let m = 1; m <= 10; m++) file('000.1.1', plusDays(addYears(TODAY, -1), m * 30), `Telekomunikasi bulan ${m}`, (m % 4) + 1, 'aktif');
    for (let m = 2; m <= 11; m += 3) file('000.3.2', plusDays(addYears(TODAY, -5), m * 30), `Pengadaan langsung ${m}`, 2);
    file('611', '2014-12-31', 'Irigasi (kode lama)', 2);
    file('PR.00.01', '2015-12-31', 'Kebijakan yang masih berlaku', 1);
    file('KP.01.07.c', '2012-01-31', 'Rekrutmen 2011', 2, 'inaktif', '2013-02-01');
    file('000.1.1', null, 'Berkas masih terbuka', 2, 'aktif');
    const held = file('800.1.6.2', '2015-06-30', 'Disiplin pegawai 2015', 2);
    addRecord(archive, { fileId: null, code: '400.14', status: 'aktif', subject: 'Siaran pers belum diberkaskan' });
    createHold(archive.db, { name: 'Perkara 12/Pdt.G/2026', reason: 'Gugatan kepegawaian', caseRef: '12/Pdt.G/2026/PN Plk', targets: [{ kind: 'file', fileId: held }] }, 'admin');
  } finally {
    archive.close();
  }
}

test('the Retensi dashboard reads at a glance on a seeded archive; the queues, holds and JRA preview work', { timeout: 180_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  await seedDashboard(dir);
  const s = await openSession({ archiveDir: dir });
  try {
    const { page } = s;
    await openRetensi(page);
    await page.getByTestId('card-destroy').waitFor();
    assert.match(await page.getByTestId('card-destroy').innerText(), /^3\b[\s\S]*Siap diusulkan musnah[\s\S]*13 arsip/);
    assert.match(await page.getByTestId('card-transfer').innerText(), /^1\b[\s\S]*3 arsip/);
    assert.match(await page.getByTestId('card-handover').innerText(), /^1\b/);
    assert.match(await page.getByTestId('card-reappraise').innerText(), /^1\b/);
    assert.match(await page.getByTestId('card-hold').innerText(), /^1\b[\s\S]*2 arsip/);
    assert.match(await page.getByTestId('card-norule').innerText(), /^1\b[\s\S]*1 menunggu/);
    assert.match(await page.getByTestId('card-unfiled').innerText(), /^1\b/);
    const bars = await page.locator('.rt-chart rect').count();
    assert.ok(bars >= 8, `the chart shows bars for the coming months (${bars})`);
    assert.ok(await page.getByRole('heading', { name: 'Arsip menurut kode klasifikasi utama' }).isVisible());
    await s.screenshot('retention-dashboard');
    await page.getByRole('heading', { name: 'Arsip menurut status' }).scrollIntoViewIfNeeded();
    await s.screenshot('retention-dashboard-bars');

    await page.getByRole('tab', { name: 'Antrean' }).click();
    await page.getByRole('heading', { name: /Jatuh tempo untuk usul musnah/ }).waitFor();
    assert.ok(await page.getByText('bersyarat — perlu keputusan').first().isVisible(), 'the conditional rule is flagged');
    await s.screenshot('retention-queues');

    await page.getByRole('tab', { name: 'Penahanan' }).click();
    await page.getByRole('cell', { name: /Perkara 12\/Pdt.G\/2026/ }).waitFor();
    await page.getByRole('button', { name: 'Tampilkan laporan' }).click();
    await page.getByText('2 arsip sedang ditahan.').waitFor();
    await s.screenshot('retention-holds');

    // A new JRA version: 000.1.1 kept longer, a rule for the old 611 code. The preview comes first.
    const csv = join(tempDir(), 'jra-2026.csv');
    writeFileSync(
      csv,
      'kode,jenis arsip,retensi aktif,retensi inaktif,keterangan\n000.1.1,Telekomunikasi,2,5,Musnah\n611,Irigasi,5,-,Permanen\n000.1.5,Rapat pimpinan,1,1,"Musnah, kecuali notulen terkait kebijakan Permanen"\n',
    );
    await page.getByRole('tab', { name: 'JRA' }).click();
    await page.getByLabel('Nama versi').fill('Pergub 14/2026');
    await page.getByTestId('jra-file').setInputFiles(csv);
    const preview = page.getByTestId('jra-preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), /Perubahan bila "Pergub 14\/2026"/);
    assert.ok(await preview.getByRole('cell', { name: 'Irigasi (kode lama)' }).isVisible(), 'the 611 file gains a rule');
    await s.screenshot('retention-jra-preview');
    const apply = preview.getByRole('button', { name: 'Berlakukan versi ini' });
    assert.equal(await apply.isDisabled(), true, 'nothing is applied before the user confirms reading the changes');
    await preview.getByLabel('Saya sudah memeriksa perubahan di atas').check();
    await apply.click();
    await preview.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Pergub 14/2026' }).waitFor();
    assert.equal(await page.locator('.rt-state.applied').count(), 1);

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByTestId('card-destroy').waitFor();
    await page.getByText('Nothing falls due in the next 12 months.').waitFor();
    await s.screenshot('retention-dashboard-en');
    await page.getByRole('button', { name: 'Dark' }).click();
    await page.getByRole('tab', { name: 'Destruction' }).click();
    await s.screenshot('retention-cases-dark');
  } finally {
    await s.close();
  }
});

test('a destruction runs through the UI from the queue to the berita acara, showing what is missing at each step', { timeout: 180_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = freshArchive(dir);
  const recordIds: number[] = [];
  try {
    await applySampleJra(archive, TODAY);
    saveLetterhead(archive.db, LETTERHEAD, 'admin');
    const file = addFile(archive, { code: '000.1.1', closedAt: '2019-06-30', title: 'Tagihan telepon 2019', fileNumber: 'UM-19' });
    for (let i = 1; i <= 3; i++) recordIds.push(addRecord(archive, { fileId: file, subject: `Tagihan telepon bulan ${i}` }).recordId);
  } finally {
    archive.close();
  }
  const s = await openSession({ archiveDir: dir });
  try {
    const { page } = s;
    await openRetensi(page);
    await page.getByRole('tab', { name: 'Antrean' }).click();
    const section = page.getByRole('region', { name: /Jatuh tempo untuk usul musnah/ });
    await section.getByRole('checkbox', { name: /Tagihan telepon 2019/ }).check();
    await section.getByRole('button', { name: 'Usulkan musnah (1 berkas)' }).click();
    await section.getByLabel('Judul daftar').fill('Usul musnah tagihan telepon 2019');
    await section.getByRole('button', { name: 'Buat daftar usul musnah' }).click();

    await page.getByRole('heading', { name: /Usul musnah tagihan telepon 2019/ }).waitFor();
    assert.match(await page.getByTestId('case-band').innerText(), /di bawah 10 tahun/);
    const missing = await page.getByTestId('case-missing').innerText();
    assert.match(missing, /belum ada pertimbangan Panitia Penilai Arsip/);
    assert.match(missing, /belum ada Kepala Daerah/);
    assert.match(missing, /belum ada Kepala Perangkat Daerah/);
    assert.equal(await page.getByRole('button', { name: 'Laksanakan pemusnahan' }).count(), 0, 'no execute button while approvals are missing');
    await page.getByRole('button', { name: 'Buat PDF DAUM' }).click();
    await page.getByText(/Daftar arsip usul musnah — DAUM-/).waitFor();
    // The DAUM opens from its own step (issue 14.8), not from the bottom of the page.
    await page.getByTestId('step-daum').getByRole('button', { name: 'Buka PDF' }).waitFor();
    await s.screenshot('retention-destruction-proposed');

    const committee = page.getByTestId('step-committee');
    await committee.getByLabel('Nomor surat').fill('PPA-01/2026');
    await committee.getByLabel('Tanggal surat').fill(plusDays(TODAY, -30));
    await committee.getByLabel('Ketua panitia penilai').fill('Ir. Joko Santoso');
    await committee.getByLabel('Pertimbangan panitia').fill('Arsip tidak lagi bernilai guna dan retensinya telah habis.');
    // The committee's verdict is copied from its letter: nothing is preselected (issue 14.8).
    assert.equal(await committee.getByRole('radio', { name: 'Setuju dimusnahkan' }).isChecked(), false);
    assert.equal(await committee.getByRole('radio', { name: 'Tidak setuju' }).isChecked(), false);
    assert.equal(await committee.getByRole('button', { name: 'Catat pertimbangan panitia' }).isDisabled(), true);
    await committee.getByRole('radio', { name: 'Setuju dimusnahkan' }).check();
    await committee.getByRole('button', { name: 'Catat pertimbangan panitia' }).click();
    await committee.getByText(/Surat nomor PPA-01\/2026/).waitFor();

    const approval = page.getByTestId('step-approval');
    await approval.getByLabel('Nomor surat').fill('000.5.6/112/2026');
    await approval.getByLabel('Tanggal surat').fill(plusDays(TODAY, -20));
    await approval.getByLabel('Ditandatangani oleh').fill('Gubernur Kalimantan Tengah');
    await approval.getByRole('button', { name: 'Catat persetujuan' }).click();
    await approval.getByText(/Surat nomor 000.5.6\/112\/2026/).waitFor();
    assert.match(await page.getByTestId('case-missing').innerText(), /^[\s\S]*belum ada Kepala Perangkat Daerah\s*$/);
    await s.screenshot('retention-destruction-approvals');

    const decision = page.getByTestId('step-decision');
    await decision.getByLabel('Nomor surat').fill('800/45/DKIPS/2026');
    await decision.getByLabel('Tanggal surat').fill(plusDays(TODAY, -10));
    await decision.getByLabel('Ditandatangani oleh').fill('Kepala Dinas');
    await decision.getByRole('button', { name: 'Catat penetapan' }).click();

    const execute = page.getByTestId('step-execute');
    await execute.getByLabel('Nomor berita acara').waitFor();
    assert.equal(await page.getByTestId('case-missing').count(), 0);
    await execute.getByLabel('Nomor berita acara').fill('BA-008/UK/2026');
    await execute.getByLabel('Tempat').fill('Palangka Raya');
    const [executor, witness] = [execute.getByRole('group', { name: 'Yang melaksanakan' }), execute.getByRole('group', { name: 'Saksi 1' })];
    await executor.getByLabel('Nama').fill('Siti Rahma, S.Sos.');
    await executor.getByLabel('NIP').fill('198001012005012001');
    await executor.getByLabel('Jabatan').fill('Kepala Unit Kearsipan');
    await witness.getByLabel('Nama').fill('Budi Santoso');
    await witness.getByLabel('Jabatan').fill('Inspektorat');
    const go = execute.getByRole('button', { name: 'Laksanakan pemusnahan' });
    assert.equal(await go.isDisabled(), true, 'the user must acknowledge the deletion first');
    await execute.getByRole('checkbox', { name: /Saya memahami bahwa isi 3 arsip/ }).check();
    await go.click();
    const result = page.getByTestId('destruction-result');
    await result.waitFor();
    assert.match(await result.innerText(), /3 arsip telah dimusnahkan/);
    assert.match(await result.innerText(), /Cadangan|cadangan/);
    await page.getByText(/Berita acara pemusnahan — BA-Pemusnahan-BA-008-UK-2026\.pdf/).waitFor();
    // One account recorded every step: the case says who did each, and warns (issue 14.8).
    const who = page.getByTestId('case-who');
    assert.match(await who.innerText(), /Daftar dibuat: admin/);
    assert.match(await who.innerText(), /Pelaksanaan: admin/);
    assert.match(await page.getByTestId('case-one-person').innerText(), /Semua langkah dicatat oleh satu akun \(admin\)/);
    await s.screenshot('retention-destruction-done');

    // The berita acara opens from the archive.
    const [popup] = await Promise.all([s.context.waitForEvent('page'), page.getByTestId('step-execute').getByRole('button', { name: 'Buka PDF' }).click()]);
    await popup.waitForLoadState();
    assert.match(popup.url(), /\/documents\//);
    await popup.close();
  } finally {
    await s.close();
  }
  const after = openArchive(dir);
  try {
    for (const id of recordIds) {
      const row = after.db.prepare('SELECT status, destruction_ref FROM records WHERE id = ?').get(id) as { status: string; destruction_ref: string };
      assert.deepEqual(row, { status: 'musnah', destruction_ref: 'BA-008/UK/2026' });
    }
    const approvals = after.db.prepare('SELECT authority, recorded_by FROM disposition_approvals ORDER BY id').all();
    assert.deepEqual(approvals, [
      { authority: 'panitia-penilai', recorded_by: UI_ADMIN.name },
      { authority: 'kepala-daerah', recorded_by: UI_ADMIN.name },
      { authority: 'kepala-perangkat-daerah', recorded_by: UI_ADMIN.name },
    ]);
  } finally {
    after.close();
  }
});

test('a destruction of ten years or more waits for the LKD letter on screen; scans attach to the dossier', { timeout: 180_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = freshArchive(dir);
  let caseId: number;
  try {
    await applySampleJra(archive, TODAY);
    const file = addFile(archive, { code: '900.1.3.7', closedAt: '2012-12-31', title: 'Daftar gaji 2012', fileNumber: 'KG-12' });
    addRecord(archive, { fileId: file, subject: 'Daftar gaji Januari 2012' });
    caseId = proposeDestruction(archive.db, { fileIds: [file], recordIds: [], title: 'Usul musnah daftar gaji 2012' }, 'staf', TODAY);
    recordCommittee(archive.db, caseId, { letterNumber: 'PPA-02/2026', letterDate: plusDays(TODAY, -40), signedBy: 'Ketua Panitia', opinion: 'Setuju', agrees: true }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'anri', letterNumber: 'B-123/ANRI/2026', letterDate: plusDays(TODAY, -30), signedBy: 'Kepala ANRI' }, 'atasan', TODAY);
    recordApproval(archive.db, caseId, { authority: 'kepala-daerah', letterNumber: '188.45/9/2026', letterDate: plusDays(TODAY, -20), signedBy: 'Gubernur' }, 'atasan', TODAY);
  } finally {
    archive.close();
  }
  const scan = join(tempDir(), 'ba-ttd-basah.pdf');
  const pdf = await PDFDocument.create();
  pdf.addPage([595, 842]).drawText('Persetujuan Kepala ANRI (pindaian)', { x: 48, y: 780, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  writeFileSync(scan, await pdf.save());
  const s = await openSession({ archiveDir: dir });
  try {
    const { page } = s;
    await openRetensi(page);
    await page.getByRole('tab', { name: 'Pemusnahan' }).click();
    await page.getByRole('button', { name: 'Usul musnah daftar gaji 2012' }).click();
    assert.match(await page.getByTestId('case-band').innerText(), /10 tahun atau lebih/);
    assert.match(await page.getByTestId('case-missing').innerText(), /lembaga kearsipan daerah/);
    assert.equal(await page.getByRole('button', { name: 'Laksanakan pemusnahan' }).count(), 0, 'no execute form before the LKD letter');

    const lkd = page.getByTestId('step-lkd');
    await lkd.getByLabel('Lembaga kearsipan daerah', { exact: true }).fill('Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah');
    await lkd.getByLabel('Nomor surat').fill('045/112/DPK/2026');
    await lkd.getByLabel('Tanggal surat').fill(plusDays(TODAY, -5));
    await lkd.getByLabel('Petugas yang mewakili (bila disebut)').fill('Arsiparis Ahli Madya');
    await lkd.getByRole('button', { name: 'Catat keikutsertaan LKD' }).click();
    await lkd.getByText(/Surat Dinas Perpustakaan dan Kearsipan Provinsi Kalimantan Tengah Nomor 045\/112\/DPK\/2026/).waitFor();
    await page.getByTestId('step-execute').getByLabel('Nomor berita acara').waitFor();
    assert.equal(await page.getByTestId('case-missing').count(), 0);

    const attachments = page.getByTestId('case-attachments');
    await attachments.getByLabel('Jenis').selectOption('persetujuan');
    await attachments.getByLabel('Keterangan').fill('Surat ANRI B-123');
    await page.getByTestId('attach-file').setInputFiles(scan);
    await attachments.getByText(/Surat persetujuan — ba-ttd-basah\.pdf \(Surat ANRI B-123\)/).waitFor();
    await s.screenshot('retention-destruction-lkd-attachments');
  } finally {
    await s.close();
  }
  const after = openArchive(dir);
  try {
    assert.equal(after.db.prepare('SELECT letter_number FROM disposition_lkd WHERE case_id = ?').pluck().get(caseId), '045/112/DPK/2026');
    assert.equal(after.db.prepare('SELECT kind FROM disposition_attachments WHERE case_id = ?').pluck().get(caseId), 'persetujuan');
  } finally {
    after.close();
  }
});

test('the Daftar Arsip Aktif per unit and year on screen, exported as PDF to the ekspor folder', { timeout: 120_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = freshArchive(dir);
  try {
    await applySampleJra(archive, TODAY);
    saveLetterhead(archive.db, LETTERHEAD, 'admin');
    const file = addFile(archive, { code: '000.1.2', closedAt: null, title: 'Rapat koordinasi kehumasan 2025', fileNumber: '12', openedAt: '2025-01-06' });
    archive.db.prepare("UPDATE files SET location_room = 'Ruang Arsip Aktif', location_shelf = 'Lemari 2', location_box = '3', location_folder = '7' WHERE id = ?").run(file);
    for (const [subject, date] of [['Undangan rapat koordinasi', '2025-02-03'], ['Notulen rapat koordinasi', '2025-02-05']]) {
      const { recordId } = addRecord(archive, { fileId: file, subject, letterDate: date, status: 'aktif' });
      archive.db.prepare("UPDATE records SET originating_unit = 'Sekretariat' WHERE id = ?").run(recordId);
    }
    const other = addRecord(archive, { fileId: null, code: '500.1', subject: 'Laporan bidang ekonomi', letterDate: '2024-04-01', status: 'aktif' }).recordId;
    archive.db.prepare("UPDATE records SET originating_unit = 'Bidang Ekonomi' WHERE id = ?").run(other);
  } finally {
    archive.close();
  }
  const s = await openSession({ archiveDir: dir });
  try {
    const { page } = s;
    await openRetensi(page);
    await page.getByRole('tab', { name: 'Daftar arsip' }).click();
    await page.getByRole('heading', { name: 'Daftar Arsip Aktif dan Inaktif' }).waitFor();
    await page.getByLabel('Unit pengolah').selectOption('Sekretariat');
    await page.getByLabel('Tahun').selectOption('2025');
    const list = page.getByTestId('archive-list');
    await list.getByText('Notulen rapat koordinasi', { exact: false }).waitFor();
    assert.equal(await countOnceSettled(list.locator('tbody tr'), 2), 2, 'only Sekretariat in 2025');
    assert.deepEqual((await list.locator('thead th').allInnerTexts()).slice(0, 3), ['Nomor Berkas', 'Kode Klasifikasi', 'Uraian Informasi Berkas']);
    await s.screenshot('retention-daa-screen');
    // The export lands in the archive's ekspor folder and a copy is offered at once (issue 14.9):
    // the browser shell downloads it (Electron asks where, with a save dialog).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Ekspor daftar' }).getByRole('button', { name: 'PDF' }).click()]);
    const saved = page.getByRole('status').filter({ hasText: 'Tersimpan (2 baris)' });
    await saved.waitFor();
    const path = /: (\/.+\.pdf)/.exec(await saved.innerText())![1]!;
    assert.ok(path.startsWith(join(dir, 'ekspor')), path);
    assert.match(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }), /DAFTAR ARSIP AKTIF/);
    assert.equal(download.suggestedFilename(), basename(path));
    assert.deepEqual(readFileSync((await download.path())!), readFileSync(path), 'the downloaded copy is the exported file');
    // The link belongs to the session: after logout it is gone.
    const link = download.url();
    assert.equal((await page.request.get(link)).status(), 200);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('button', { name: 'Masuk' }).waitFor();
    assert.equal((await page.request.get(link)).status(), 404, 'the download link died with the session');
  } finally {
    await s.close();
  }
});
