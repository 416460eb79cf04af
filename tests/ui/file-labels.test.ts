// Issue 13.7 in real Chromium: a clerk records where a file sits, ticks it, prints its folder
// labels (the page says where the PDF went), and a scanner typing the label's QR code into the
// Arsip search box (the file number, then Enter) shows that file's records.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { BLANK_RECORD_FIELDS, type FileView } from '../../preload/contract.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('Berkas → Lokasi → Cetak label folder; scanning the label into the search box lists the file’s records', { timeout: 180_000 }, async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    const file = await s.invoke<FileView>('files.create', { classificationCode: '000.1', title: 'Rapat koordinasi SPBE 2026', fileNumber: '000.1/014/2026', openedAt: '2026-01-05' });
    const other = await s.invoke<FileView>('files.create', { classificationCode: '000.1', title: 'Undangan lain', fileNumber: '000.1/015/2026', openedAt: '2026-01-05' });
    for (const [fileId, subject] of [[file.id, 'Notulen rapat koordinasi SPBE'], [other.id, 'Undangan bimbingan teknis']] as const) {
      await s.invoke('records.create', { fields: { ...BLANK_RECORD_FIELDS, subject, classificationCode: '000.1', fileId, letterDate: '2026-01-10' } });
    }
    await page.reload();
    await page.getByRole('button', { name: 'Berkas', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: 'Rapat koordinasi SPBE 2026' });
    await row.getByRole('button', { name: '—' }).click();
    const dialog = page.getByTestId('file-location-dialog');
    await dialog.getByLabel('Ruang').fill('Ruang Arsip Lt. 2');
    await dialog.getByLabel('Lemari / rak').fill('Rak 3');
    await dialog.getByLabel('Nomor boks').fill('12');
    await dialog.getByLabel('Nomor folder').fill('4');
    await dialog.getByRole('button', { name: 'Simpan lokasi' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: '12 / 4' }).waitFor();

    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Cetak label folder' }).click();
    const status = page.getByRole('status').filter({ hasText: '1 label (1 halaman) disimpan di' });
    await status.waitFor();
    const path = /disimpan di (.+\.pdf)/.exec((await status.textContent()) ?? '')?.[1];
    assert.ok(path && existsSync(path), `the label sheet was written (${path})`);
    await s.screenshot('files-location-labels');
    await page.getByRole('button', { name: 'Tutup', exact: true }).last().click();

    // The scanner "types" the QR's text and Enter.
    const search = page.getByRole('searchbox');
    await search.fill('000.1/014/2026');
    await search.press('Enter');
    await page.getByTestId('file-filter').getByText('Berkas 000.1/014/2026 · Rapat koordinasi SPBE 2026').waitFor();
    await page.getByText('Notulen rapat koordinasi SPBE').waitFor();
    assert.equal(await page.getByText('Undangan bimbingan teknis').count(), 0, 'only the scanned file’s records are listed');
    assert.equal(await search.inputValue(), '', 'the scanned code is not left as a search');
    await s.screenshot('files-label-scanned');
  } finally {
    await s.close();
  }
});
