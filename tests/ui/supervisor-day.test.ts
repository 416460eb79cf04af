// Issue 14.8: "Tutup berkas" starts a retention clock, so it sits behind a confirmation that names
// the closing date; "Batal" leaves the file open.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('closing a file asks first; cancelling leaves it open, confirming closes it on the date shown', { timeout: 120_000 }, async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    const file = await s.invoke<{ id: number }>('files.create', { classificationCode: '000.1.1', title: 'Tagihan listrik 2026', fileNumber: null, openedAt: '2026-01-02' });
    const state = async () => (await s.invoke<{ id: number; closedAt: string | null }[]>('files.list', { openOnly: false })).find((f) => f.id === file.id)!.closedAt;
    await page.getByRole('button', { name: 'Berkas', exact: true }).click();
    const files = page.getByRole('dialog', { name: 'Berkas' });
    await files.getByRole('cell', { name: 'Tagihan listrik 2026', exact: true }).waitFor();
    await files.getByRole('button', { name: 'Tutup berkas' }).click();
    const confirm = page.getByRole('dialog', { name: 'Tutup berkas?' });
    await confirm.waitFor();
    assert.match(await confirm.innerText(), /retensinya mulai dihitung dari tanggal penutupan/);
    assert.equal(await state(), null, 'one click closes nothing');
    await s.screenshot('files-close-confirm');
    await confirm.getByRole('button', { name: 'Batal' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await state(), null, 'Batal leaves the file open');
    await s.screenshot('files-after-cancel');

    await files.getByRole('button', { name: 'Tutup berkas' }).click();
    await confirm.getByLabel('Tanggal penutupan').fill('31/01/2026');
    await confirm.getByRole('button', { name: 'Ya, tutup berkas' }).click();
    await files.getByText('Ditutup 31 Januari 2026').or(files.getByText(/Ditutup 31/)).first().waitFor();
    assert.equal(await state(), '2026-01-31');
  } finally {
    await s.close();
  }
});
