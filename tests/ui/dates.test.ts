// Issue 14.2: dates read day first in Indonesian whatever the PC's locale, typed dates are stored
// as meant, and a letter number that gives only a year leaves the date as that year.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

interface Stored {
  id: number;
  letterDate: string | null;
}

test('typing 01/12/2026 stores 1 December 2026 and the record reads "1 Desember 2026"', { timeout: 90_000 }, async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Arsip baru' }).click();
    const form = page.getByRole('dialog', { name: 'Arsip baru' });
    await form.getByLabel('Perihal (hal)').fill('Undangan rapat koordinasi');
    const date = form.getByLabel('Tanggal naskah');
    assert.equal(await date.getAttribute('placeholder'), 'HH/BB/TTTT');

    await date.fill('31/02/2026');
    await date.blur();
    await form.getByText('Tanggal itu tidak ada di kalender.').waitFor();
    await form.getByRole('button', { name: 'Simpan' }).click();
    assert.ok(await form.isVisible(), 'an impossible date keeps the form open');
    await s.screenshot('dates-invalid');

    await date.fill('01/12/2026');
    await date.blur();
    assert.equal(await form.getByText('Tanggal itu tidak ada di kalender.').count(), 0, 'the complaint goes once the date reads');
    await form.getByRole('button', { name: 'Simpan' }).click();
    const detail = page.getByTestId('detail-pane');
    await detail.getByRole('heading', { name: 'Undangan rapat koordinasi' }).waitFor();
    await detail.getByText('1 Desember 2026').waitFor();
    const id = Number(await page.locator('.tr[data-record-id]').first().getAttribute('data-record-id'));
    const stored = await s.invoke<Stored>('records.get', { id });
    assert.equal(stored.letterDate, '2026-12-01');
    assert.equal(await page.locator('.tr[data-record-id] .td-letterDate').first().innerText(), '01/12/2026', 'the list shows day first too');
    await s.screenshot('dates-detail');
  } finally {
    await s.close();
  }
});

test('"Baca nomor" on a number that says only 2025 leaves the date as the year 2025', { timeout: 90_000 }, async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Arsip baru' }).click();
    const form = page.getByRole('dialog', { name: 'Arsip baru' });
    await form.getByLabel('Nomor naskah').fill('000.1.2/573/BPBD-KL/2025');
    await form.getByRole('button', { name: 'Baca nomor' }).click();
    await form.getByText(/Dari nomor naskah: kode 000.1.2/).waitFor();
    assert.equal(await form.getByLabel('Tanggal naskah').inputValue(), '2025');
    await form.getByLabel('Perihal (hal)').fill('Nota dinas tanpa tanggal lengkap');
    await form.getByRole('button', { name: 'Simpan' }).click();
    const detail = page.getByTestId('detail-pane');
    await detail.getByRole('heading', { name: 'Nota dinas tanpa tanggal lengkap' }).waitFor();
    const id = Number(await page.locator('.tr[data-record-id]').first().getAttribute('data-record-id'));
    assert.equal((await s.invoke<Stored>('records.get', { id })).letterDate, '2025');

    // Filters take typed dates too: from 1 March 2025 still finds the year-only record.
    await page.getByLabel('Dari tanggal').fill('01/03/2025');
    await page.getByLabel('Sampai tanggal').fill('31/12/2025');
    await page.locator('.table-foot').getByText('1 arsip').waitFor();
  } finally {
    await s.close();
  }
});
