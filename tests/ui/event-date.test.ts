// The event-date dialog in real Chromium: a file whose JRA row counts from an event ("setelah
// tidak berlaku") waits in the Retensi queue; the dialog names the event, takes the date and the
// reason, and the file leaves the "waiting for an event" list.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers/tmp.ts';
import { addFile, addRecord, applySampleJra, freshArchive } from '../node/retention-helpers.ts';
import { localToday } from '../../main/retention/clock.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('the Retensi queue opens the event-date dialog, which names the event and starts the clock', { timeout: 180_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = freshArchive(dir);
  try {
    await applySampleJra(archive, localToday());
    const id = addFile(archive, { code: 'PR.00.01', closedAt: '2018-05-01', title: 'SOP pelayanan informasi 2018' });
    addRecord(archive, { fileId: id, status: 'aktif', letterDate: '2018-04-02' });
  } finally {
    archive.close();
  }
  const s = await openSession({ archiveDir: dir });
  try {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('button', { name: 'Retensi' }).click();
    await page.getByRole('tab', { name: 'Antrean' }).click();
    await page.getByRole('button', { name: 'Isi tanggal peristiwa' }).click();
    const dialog = page.getByTestId('event-date-dialog');
    await dialog.getByTestId('event-rule').getByText(/setelah tidak berlaku/).waitFor();
    await dialog.locator('#event-date').fill('01/02/2021');
    await dialog.locator('#event-reason').fill('Dicabut Perbup 3/2021');
    await s.screenshot('event-date-dialog');
    await dialog.getByRole('button', { name: 'Simpan tanggal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: /Menunggu tanggal peristiwa/ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Isi tanggal peristiwa' }).count(), 0, 'the file no longer waits for its event');
  } finally {
    await s.close();
  }
});
