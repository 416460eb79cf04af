// Issue 14.4: with no portal configured, nothing on screen says a record is on, or queued for, the
// portal: the approval says where the record went (the local catalogue export), and Sinkronisasi
// counts it as in the catalogue, never as "sudah sesuai di portal".
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { seedDocument, seedRecord } from '../helpers/publication.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('no portal: the approval and Sinkronisasi speak of the local catalogue, never of the portal', { timeout: 120_000 }, async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.addUser('andi', ['supervisor']);
    const archive = openArchive(s.archiveDir);
    let id: number;
    try {
      id = seedRecord(archive.db, { subject: 'Rencana kerja dinas 2026', publicCategory: 'setiap-saat' });
      seedDocument(archive.db, id, { name: 'renja.pdf', pages: ['Rencana kerja.'] });
    } finally {
      archive.close();
    }
    await s.loginAs('siti');
    await s.invoke('publication.propose', { recordId: id, note: '' });
    await s.loginAs('andi');
    await page.getByRole('navigation').getByRole('button', { name: 'Publikasi' }).click();
    const review = page.getByRole('article');
    await review.getByRole('heading', { name: 'Rencana kerja dinas 2026' }).waitFor();
    const approve = review.getByRole('button', { name: 'Setujui dan terbitkan' });
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Setujui dan terbitkan');
      return b && !(b as HTMLButtonElement).disabled;
    });
    await approve.click();
    const toast = page.getByRole('status').filter({ hasText: 'disetujui' });
    await toast.waitFor();
    const said = await toast.innerText();
    assert.doesNotMatch(said, /antrean pengiriman ke portal/, 'no portal, so nothing is queued for one');
    assert.match(said, /katalog/);

    await page.getByRole('navigation').getByRole('button', { name: 'Sinkronisasi' }).click();
    await page.getByRole('heading', { name: 'Sinkronisasi', level: 1 }).waitFor();
    await page.getByTestId('sync-empty').waitFor();
    await page.getByTestId('sync-count-catalogue').waitFor();
    const body = await page.locator('.sy-body').innerText();
    assert.doesNotMatch(body, /sesuai di portal/, 'no portal: nothing is "in line with the portal"');
    assert.doesNotMatch(body, /Sedang mengirim ke portal/);
    assert.match(await page.getByTestId('sync-progress-text').innerText(), /1 dari 1 arsip masuk ekspor katalog lokal/);
    assert.equal(await page.getByRole('heading', { name: 'Pengaturan portal' }).count(), 0, 'a supervisor cannot set a portal up, so no empty form reads as settings in force');
    await s.screenshot('sync-no-portal');

  } finally {
    await s.close();
  }
});
