// Issue 14.8 and 14.10: staff see only the areas they can use; the sidebar counts what waits for
// the signed-in user; the next user to sign in does not see the previous user's toasts.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright';
import { BLANK_RECORD_FIELDS } from '../../preload/contract.ts';
import { closeBrowser, openSession, uiPassword } from './harness.ts';

after(closeBrowser);

const navNames = async (page: Page) => (await page.getByRole('navigation').getByRole('button').allInnerTexts()).map((t) => t.replace(/\d+\+?$/, '').trim());

test('staff see only their areas; a supervisor signing in after them sees no stale toast and a count of proposals waiting', { timeout: 120_000 }, async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.addUser('andi', ['supervisor']);
    const record = await s.invoke<{ id: number }>('records.create', {
      fields: { ...BLANK_RECORD_FIELDS, subject: 'Rencana kerja dinas 2026', classificationCode: '000.1.1', letterDate: '2026-01-05', originatingUnit: 'Sekretariat' },
    });
    await s.invoke('publication.classify', { recordId: record.id, category: 'setiap-saat' });
    await s.invoke('publication.propose', { recordId: record.id });

    await s.loginAs('siti');
    await page.getByRole('navigation').waitFor();
    assert.deepEqual(await navNames(page), ['Arsip', 'Retensi', 'Publikasi'], 'no Audit, Sinkronisasi or Pengaturan for staff');
    assert.equal(await page.getByTestId('nav-count-publikasi').count(), 0, 'staff cannot decide proposals, so none are counted for them');

    // Siti saves a record: her toast shows.
    await page.getByRole('button', { name: 'Arsip baru' }).click();
    const form = page.getByRole('dialog', { name: 'Arsip baru' });
    await form.getByLabel('Perihal (hal)').fill('Surat undangan');
    await form.getByRole('button', { name: 'Simpan' }).click();
    const toast = page.getByRole('status').filter({ hasText: 'tersimpan' });
    await toast.waitFor();

    // Andi signs in on the same window (no reload): Siti's toast is gone; his inbox counts.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Berkas' }).waitFor();
    await page.getByLabel('Nama pengguna').fill('andi');
    await page.getByLabel('Kata sandi').fill(uiPassword('andi'));
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('session-user').getByText('andi').waitFor();
    assert.equal(await page.getByText(/Arsip \d+ tersimpan/).count(), 0, "the previous user's toast is not shown");
    assert.deepEqual(await navNames(page), ['Arsip', 'Retensi', 'Publikasi', 'Sinkronisasi', 'Audit']);
    assert.equal(await page.getByTestId('detail-pane').count(), 0, "the previous user's open record is not shown");
    const count = page.getByTestId('nav-count-publikasi');
    await count.waitFor();
    assert.equal(await count.innerText(), '1');
    assert.equal(await count.getAttribute('aria-label'), '1 usulan menunggu keputusan');
    await s.screenshot('sidebar-supervisor-inbox');
  } finally {
    await s.close();
  }
});
