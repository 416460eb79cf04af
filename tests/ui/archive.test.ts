// The screens staff live in: import with its progress panel, filing with the classification
// picker, search to the right page, bulk edit, and a 100,000-record list.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { ensureDefaultScheme } from '../../main/archive/defaults.ts';
import { seedRecords } from '../helpers/seed.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('import a folder from the corpus: the progress panel counts files and lists what was rejected or duplicate', { timeout: 180_000 }, async () => {
  const folder = join(tempDir(), 'kiriman');
  cpSync(join(CORPUS, 'pdfjs'), folder, { recursive: true });
  cpSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(folder, 'salinan-tracemonkey.pdf'));
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('heading', { name: 'Arsip masih kosong' }).waitFor();
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    const panel = page.getByTestId('import-panel');
    await panel.waitFor();
    await panel.getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 120_000 });
    const summary = await panel.getByTestId('import-summary').innerText();
    assert.match(summary, /28 diimpor · 1 duplikat · 0 ditolak/);
    // the per-file results arrive in their own answer just after the final progress event
    await panel.getByText('sudah ada sebagai arsip').waitFor({ timeout: 10_000 });
    await s.screenshot('archive-import-folder');
    await page.getByRole('grid', { name: 'Daftar arsip' }).waitFor();
    assert.match(await page.locator('.table-foot').innerText(), /28 arsip/);
    await panel.getByRole('button', { name: 'Tutup panel impor' }).click();
    const row = page.locator('.tr[data-record-id]').filter({ hasText: 'tracemonkey' });
    // extraction finishes after the import; the list updates in place when it does
    await row.getByText('Teks terindeks').waitFor({ timeout: 60_000 });
    await row.click();
    await page.getByTestId('detail-pane').getByText('tracemonkey.pdf').waitFor();
    await s.screenshot('archive-overview');
  } finally {
    await s.close();
  }
});

test('file a record with the classification picker and the letter-number reader', { timeout: 60_000 }, async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Arsip baru' }).click();
    const form = page.getByRole('dialog', { name: 'Arsip baru' });
    await form.getByRole('button', { name: 'Simpan' }).click();
    assert.ok(await form.getByText('Isi perihal arsip ini.').isVisible(), 'says what to fix');
    await form.getByLabel('Nomor naskah').fill('B/000.1.2/573/BPBD-KL/IX/2026');
    await form.getByRole('button', { name: 'Baca nomor' }).click();
    await form.getByText(/Dari nomor naskah: kode 000.1.2/).waitFor();
    assert.equal(await form.getByLabel('Unit pengolah').inputValue(), 'BPBD-KL');
    await form.getByLabel('Perihal (hal)').fill('Perjalanan dinas ke provinsi');
    const picker = form.getByRole('combobox', { name: 'Kode klasifikasi' });
    await picker.fill('perjalanan');
    await form.getByRole('option', { name: /000\.1\.2\.3/ }).click();
    assert.equal(await picker.inputValue(), '000.1.2.3');
    await s.screenshot('archive-file-record');
    await form.getByRole('button', { name: 'Simpan' }).click();
    const detail = page.getByTestId('detail-pane');
    await detail.getByRole('heading', { name: 'Perjalanan dinas ke provinsi' }).waitFor();
    assert.ok(await detail.getByText('Perjalanan Dinas Pegawai').isVisible(), 'the code title shows');
    await s.screenshot('archive-record-detail');
  } finally {
    await s.close();
  }
});

test('search finds a word on page 5 of tracemonkey and opens the document on that page', { timeout: 90_000 }, async () => {
  const archiveDir = join(tempDir(), 'a');
  const incoming = join(tempDir(), 'in');
  mkdirSync(incoming);
  cpSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(incoming, 'tracemonkey.pdf'));
  writeFileSync(join(incoming, 'catatan.txt'), 'Catatan rapat tanpa kata kunci itu');
  const s = await openSession({ archiveDir });
  try {
    const { page } = s;
    await page.getByTestId('import-folder-input').setInputFiles(incoming);
    await page.getByTestId('import-panel').getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 60_000 });
    // text extraction runs after the import; wait until the word is searchable
    const box = page.getByRole('searchbox', { name: 'Cari arsip' });
    await box.fill('oracle');
    const hit = page.locator('.hit-button').first();
    for (let i = 0; i < 40 && !(await hit.isVisible()); i++) {
      await page.waitForTimeout(500);
      await box.fill('');
      await box.fill('oracle');
    }
    assert.match(await hit.innerText(), /hal\. 5/);
    assert.equal(await hit.locator('mark').first().innerText(), 'oracle');
    await s.screenshot('archive-search-hit');
    await hit.click();
    await page.locator('.preview-overlay').waitFor();
    await page.getByLabel(/Halaman 5 dari 14/).first().waitFor({ timeout: 20_000 });
    await s.screenshot('archive-search-opened-on-page');
  } finally {
    await s.close();
  }
});

test('bulk-edit 50 records at once: code, location and security class', { timeout: 90_000 }, async () => {
  const archiveDir = join(tempDir(), 'a');
  const archive = openArchive(archiveDir);
  // The synthetic records carry codes from several schemes; codes are checked only once a scheme
  // is in force, so they are seeded first and the scheme the picker offers is loaded after.
  seedRecords(archive, 120);
  await ensureDefaultScheme(archive, 'system');
  archive.close();
  const s = await openSession({ archiveDir });
  try {
    const { page } = s;
    const rows = page.locator('.tr[data-record-id]');
    await rows.first().waitFor();
    await rows.nth(0).click();
    // keyboard range selection: the list scrolls as the focus moves past the visible rows
    for (let i = 0; i < 49; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.getByText('50 dipilih').first().waitFor();
    await page.getByRole('button', { name: 'Ubah massal…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ubah 50 arsip' });
    await dialog.getByRole('combobox', { name: 'Kode klasifikasi' }).fill('600.3');
    await dialog.getByRole('option', { name: /600\.3 Tata Ruang/ }).click();
    await dialog.getByLabel('Lokasi simpan', { exact: true }).fill('Ruang Arsip, Rak 4, Boks 7');
    await dialog.getByLabel('Klasifikasi keamanan', { exact: true }).selectOption('terbatas');
    await s.screenshot('archive-bulk-edit');
    await dialog.getByRole('button', { name: 'Terapkan ke 50 arsip' }).click();
    await page.getByText('50 arsip diperbarui.').waitFor();
    const check = openArchive(archiveDir);
    try {
      const changed = check.db.prepare("SELECT count(*) AS n FROM records WHERE location = 'Ruang Arsip, Rak 4, Boks 7' AND classification_code = '600.3' AND security_class = 'terbatas'").get() as { n: number };
      assert.equal(changed.n, 50);
      const audit = check.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'record.bulk-update'").get() as { n: number };
      assert.equal(audit.n, 50, 'one audit entry per record');
    } finally {
      check.close();
    }
  } finally {
    await s.close();
  }
});

test('a 100,000-record list scrolls from top to bottom and sorts by date', { timeout: 240_000 }, async () => {
  const archiveDir = join(tempDir(), 'a');
  const archive = openArchive(archiveDir);
  seedRecords(archive, 100_000);
  archive.close();
  const s = await openSession({ archiveDir });
  try {
    const { page } = s;
    await page.locator('.table-foot').getByText('100.000 arsip').waitFor({ timeout: 30_000 });
    const scroller = page.getByTestId('records-scroller');
    const domRows = await page.locator('.tr').count();
    assert.ok(domRows < 100, `only the visible rows are in the DOM (${domRows})`);
    for (let step = 1; step <= 10; step++) {
      await scroller.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), step / 10);
      await page.waitForTimeout(50);
    }
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = page.locator('.tr[aria-rowindex="100001"][data-record-id]');
    await lastRow.waitFor({ timeout: 10_000 });
    await s.screenshot('archive-100k-bottom');
    await page.getByRole('button', { name: 'Tanggal' }).click();
    await page.locator('[aria-sort="descending"]').waitFor();
    const firstDate = page.locator('.tr[aria-rowindex="2"] .td-letterDate');
    await firstDate.waitFor();
    const a = await firstDate.innerText();
    await page.getByRole('button', { name: 'Tanggal' }).click();
    await page.locator('[aria-sort="ascending"]').waitFor();
    await page.waitForFunction((prev) => document.querySelector('.tr[aria-rowindex="2"] .td-letterDate')?.textContent !== prev, a);
    const b = await page.locator('.tr[aria-rowindex="2"] .td-letterDate').innerText();
    assert.match(a, /2026/, 'newest first');
    assert.match(b, /2015/, 'oldest first');
    await s.screenshot('archive-100k-sorted');
  } finally {
    await s.close();
  }
});
