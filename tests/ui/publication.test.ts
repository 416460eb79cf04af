import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { objectPath } from '../../main/archive/store.ts';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { openArchive } from '../../main/archive/open.ts';
import { seedDocument, seedRecord, type SeedRecord } from '../helpers/publication.ts';
import { closeBrowser, countOnceSettled, openSession, type Session } from './harness.ts';

after(closeBrowser);

/** Writes records straight into the archive the shell serves (a second connection; WAL). */
function seed(s: Session, records: { fields: SeedRecord; pages?: string[] }[]): number[] {
  const archive = openArchive(s.archiveDir);
  try {
    return records.map(({ fields, pages }) => {
      const id = seedRecord(archive.db, fields);
      seedDocument(archive.db, id, { name: `dokumen-${id}.pdf`, pages });
      return id;
    });
  } finally {
    archive.close();
  }
}

/**
 * Gives every seeded document real PDF bytes in the store (one page per seeded page of text), so
 * the review's preview opens it as a supervisor would.
 */
async function storeRealPdfs(s: Session): Promise<void> {
  const archive = openArchive(s.archiveDir);
  try {
    const docs = archive.db.prepare('SELECT id, record_id FROM documents').all() as { id: number; record_id: number }[];
    for (const d of docs) {
      const pages = archive.db.prepare('SELECT body FROM search_index WHERE document_id = ? ORDER BY page').pluck().all(d.id) as string[];
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      for (const text of pages.length ? pages : ['Dokumen']) pdf.addPage([595, 842]).drawText(text.slice(0, 80), { x: 48, y: 780, size: 11, font });
      const bytes = await pdf.save();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const path = objectPath(join(s.archiveDir, 'store'), sha256);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      archive.db.prepare('UPDATE documents SET sha256 = ?, size = ? WHERE id = ?').run(sha256, bytes.length, d.id);
    }
  } finally {
    archive.close();
  }
}

function outbox(s: Session): { record_id: number; kind: string; payload: string }[] {
  const archive = openArchive(s.archiveDir);
  try {
    return archive.db.prepare('SELECT record_id, kind, payload FROM outbox ORDER BY id').all() as { record_id: number; kind: string; payload: string }[];
  } finally {
    archive.close();
  }
}

test('staff classify and propose; the personal-data findings are shown with their pages; a second person approves', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.addUser('andi', ['supervisor']);
    const [beasiswa] = seed(s, [
      {
        fields: { subject: 'Daftar penerima beasiswa daerah 2026', letterNumber: '400.3/118/DISDIK/2026', letterDate: '2026-04-14', classificationCode: '400.3' },
        pages: [
          'Keputusan Kepala Dinas tentang penerima beasiswa daerah tahun 2026.',
          'Lampiran: 1. Rina Lestari, NIK 6271034512030001, Palangka Raya. Narahubung panitia: beasiswa.disdik@kalteng.go.id',
        ],
      },
      { fields: { subject: 'Rencana kerja dinas 2026', publicCategory: 'setiap-saat' } },
    ]);
    await storeRealPdfs(s);

    await s.loginAs('siti');
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await page.getByRole('tab', { name: 'Klasifikasi' }).click();
    await page.getByRole('button', { name: /Daftar penerima beasiswa daerah 2026/ }).click();
    await page.getByRole('radio', { name: /Setiap saat/ }).check();
    await page.getByRole('button', { name: 'Simpan klasifikasi' }).click();
    await page.getByRole('status').filter({ hasText: 'Klasifikasi disimpan.' }).waitFor();
    await page.getByLabel('Catatan untuk atasan (opsional)').fill('Mohon diterbitkan di portal PPID');
    await page.getByRole('button', { name: 'Usulkan publikasi' }).click();
    await page.getByRole('status').filter({ hasText: 'Diusulkan.' }).waitFor();
    await page.getByTestId('dip-notice').waitFor();
    const item = page.getByRole('button', { name: /Daftar penerima beasiswa daerah 2026/ });
    await item.getByText('Diusulkan').waitFor();
    assert.match(await item.innerText(), /Setiap saat/);
    await s.screenshot('publication-proposed-by-staff');

    // Staff see the proposal but cannot decide it.
    await page.getByRole('tab', { name: 'Usulan' }).click();
    await page.getByText('Anda sendiri yang mengusulkan arsip ini.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Setujui dan terbitkan' }).count(), 0);

    await s.loginAs('andi');
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    const review = page.getByRole('article');
    await review.getByRole('heading', { name: 'Daftar penerima beasiswa daerah 2026' }).waitFor();
    const findings = review.getByTestId('personal-data');
    await findings.getByText('Ditemukan 2 kemungkinan data pribadi').waitFor();
    const nik = findings.locator('li[data-kind="nik"]');
    assert.match(await nik.innerText(), /NIK\s+dokumen-\d+\.pdf, hlm\. 2\s+.*Rina Lestari, NIK 6271034512030001, Palangka Raya/);
    assert.equal(await nik.locator('mark').innerText(), '6271034512030001');
    assert.equal(await findings.locator('li[data-kind="email"] mark').innerText(), 'beasiswa.disdik@kalteng.go.id');
    // The supervisor decides with the document and its metadata in view (issue 14.3).
    const facts = review.getByTestId('review-facts');
    await facts.getByText('Kode klasifikasi').waitFor();
    assert.match(await facts.innerText(), /Kode klasifikasi\s+400\.3/);
    assert.match(await facts.innerText(), /Nomor naskah\s+400\.3\/118\/DISDIK\/2026/);
    assert.match(await facts.innerText(), /Tanggal naskah\s+14 April 2026/);
    await page.getByRole('region', { name: 'Dokumen yang diusulkan' }).getByText(/dokumen-\d+\.pdf/).first().waitFor();
    assert.equal(await review.getByTestId('dip-gaps').count(), 0, 'a complete record has no DIP gaps');
    const approve = review.getByRole('button', { name: 'Setujui dan terbitkan' });
    assert.equal(await approve.isDisabled(), true, 'approval waits for the acknowledgement');
    await s.screenshot('publication-review-personal-data');

    await review.getByRole('checkbox', { name: /Saya sudah memeriksa temuan di atas/ }).check();
    await review.getByLabel('Komentar keputusan').fill('Lampiran sudah dicek; NIK akan disamarkan di portal.');
    await approve.click();
    await page.getByRole('status').filter({ hasText: 'Arsip disetujui dan masuk ekspor katalog lokal (DCAT).' }).waitFor();
    await page.getByText('Tidak ada usulan yang menunggu keputusan.').waitFor();
    await page.getByRole('tab', { name: 'Terbit' }).click();
    await page.getByRole('cell', { name: /Daftar penerima beasiswa daerah 2026/ }).waitFor();
    assert.match(await page.locator('.pub-table tbody tr').first().innerText(), /Disetujui andi/);
    await s.screenshot('publication-live');

    const rows = outbox(s);
    assert.deepEqual(
      rows.map((r) => [r.record_id, r.kind]),
      [[beasiswa, 'publish']],
    );
    assert.equal(JSON.parse(rows[0]!.payload).category, 'setiap-saat');
  } finally {
    await s.close();
  }
});

test('an admin holding every role cannot approve their own proposal in the screen either', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    seed(s, [{ fields: { subject: 'Laporan keuangan semester I', publicCategory: 'berkala' } }]);
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await page.getByRole('tab', { name: 'Klasifikasi' }).click();
    await page.getByRole('button', { name: /Laporan keuangan semester I/ }).click();
    await page.getByRole('button', { name: 'Usulkan publikasi' }).click();
    await page.getByRole('tab', { name: 'Usulan' }).click();
    await page.getByText('Anda sendiri yang mengusulkan arsip ini. Persetujuan harus diberikan oleh atasan lain (prinsip empat mata).').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Setujui dan terbitkan' }).count(), 0);
    // Even a hand-made call is refused by the main process.
    const result = await page.evaluate(() =>
      fetch('/api/invoke/publication.approve', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recordId: 1, acknowledgePersonalData: true }) }).then((r) => r.json()),
    );
    assert.equal((result as { error: { code: string } }).error.code, 'forbidden');
    assert.deepEqual(outbox(s), []);
  } finally {
    await s.close();
  }
});

test('the DIP shows the official columns and exports to XLSX in the archive’s ekspor folder', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    seed(s, [
      { fields: { subject: 'Rencana Strategis Dinas 2026–2031', letterNumber: '050/12/DISKOMINFO/2026', publicCategory: 'setiap-saat', originatingUnit: 'Sekretariat' } },
      { fields: { subject: 'Laporan kinerja triwulan I', publicCategory: 'berkala', medium: 'tekstual' } },
      { fields: { subject: 'Peringatan dini banjir Sungai Kahayan', publicCategory: 'serta-merta' } },
      { fields: { subject: 'Nota dinas internal', publicCategory: null } },
    ]);
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await page.getByRole('tab', { name: 'DIP' }).click();
    await page.getByRole('heading', { name: 'Daftar Informasi Publik' }).waitFor();
    const headers = await page.locator('.pub-dip thead th').allInnerTexts();
    assert.deepEqual(headers, ['No.', 'Ringkasan isi informasi', 'Unit yang menguasai', 'Penanggung jawab', 'Waktu dan tempat', 'Bentuk', 'Retensi', 'Kategori']);
    assert.equal(await countOnceSettled(page.locator('.pub-dip tbody tr'), 3), 3, 'unclassified records are not in the DIP');
    await page.getByText('Pengaturan daftar').click();
    await page.getByLabel('Badan publik / perangkat daerah (judul daftar)').fill('Dinas Komunikasi dan Informatika Kota Palangka Raya');
    await page.getByLabel('Tempat pembuatan (bawaan)').fill('Palangka Raya');
    await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
    await page.getByRole('status').filter({ hasText: 'Pengaturan daftar disimpan.' }).waitFor();
    await page.getByRole('group', { name: 'Ekspor' }).getByRole('button', { name: 'XLSX' }).click();
    const status = page.getByRole('status').filter({ hasText: 'DIP tersimpan (3 baris)' });
    await status.waitFor();
    await s.screenshot('publication-dip-export');
    const path = /: (\/.+\.xlsx)/.exec(await status.innerText())![1]!;
    assert.ok(path.startsWith(`${s.archiveDir}/ekspor/`), path);
    assert.ok(existsSync(path));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getCell('A2').value, 'Dinas Komunikasi dan Informatika Kota Palangka Raya');
    assert.equal(sheet.getRow(5).getCell(2).value, 'Ringkasan Isi Informasi');
    assert.equal(sheet.rowCount, 8);
  } finally {
    await s.close();
  }
});

test('a DIP holding a NIK is not exported: the screen lists the finding masked and exports it masked on request', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    seed(s, [
      { fields: { subject: 'Daftar penerima bantuan sosial', description: 'Penerima: Ibu Sari, NIK 3271046504870002', publicCategory: 'berkala' } },
      { fields: { subject: 'Laporan kinerja triwulan I', publicCategory: 'berkala' } },
    ]);
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    await page.getByRole('tab', { name: 'DIP' }).click();
    await page.getByRole('group', { name: 'Ekspor' }).getByRole('button', { name: 'CSV' }).click();
    const alert = page.getByRole('alert', { name: 'Data pribadi dalam daftar' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /DIP belum diekspor: 1 data pribadi/);
    assert.match(await alert.innerText(), /Baris 1, kolom "Ringkasan Isi Informasi": \*{12}0002 \(NIK\)/);
    assert.ok(!(await alert.innerText()).includes('3271046504870002'));
    await s.screenshot('publication-dip-personal-data');
    await alert.getByRole('button', { name: 'Ekspor dengan data pribadi disamarkan' }).click();
    const status = page.getByRole('status').filter({ hasText: '1 data pribadi disamarkan' });
    await status.waitFor();
    const path = /: (\/.+\.csv)/.exec(await status.innerText())![1]!;
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes('3271046504870002'));
    assert.match(text, /NIK \*{12}0002/);
  } finally {
    await s.close();
  }
});

test('a proposal that would leave DIP columns empty cannot be approved; the review says which', async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.addUser('andi', ['supervisor']);
    const [bare] = seed(s, [{ fields: { subject: 'Pengumuman tanpa metadata', classificationCode: null, letterDate: null, originatingUnit: null, creator: null, publicCategory: 'setiap-saat' }, pages: ['Pengumuman.'] }]);
    await storeRealPdfs(s);
    await s.loginAs('siti');
    await s.invoke('publication.propose', { recordId: bare, note: '' });
    await s.loginAs('andi');
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    const review = page.getByRole('article');
    await review.getByRole('heading', { name: 'Pengumuman tanpa metadata' }).waitFor();
    const gaps = review.getByTestId('dip-gaps');
    await gaps.waitFor();
    for (const column of ['Kode klasifikasi', 'Tanggal naskah', 'Unit pengolah', 'Pencipta arsip']) assert.match(await gaps.innerText(), new RegExp(column));
    assert.equal(await review.getByRole('button', { name: 'Setujui dan terbitkan' }).isDisabled(), true);
    await s.screenshot('publication-review-dip-gaps');
    await assert.rejects(s.invoke('publication.approve', { recordId: bare, comment: '', acknowledgePersonalData: false }), /DIP's mandated columns are incomplete/, 'main refuses it too');
  } finally {
    await s.close();
  }
});
