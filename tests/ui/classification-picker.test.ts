// Issue 14.5: the classification picker accepts only codes of the scheme, × clears, typing
// replaces the shown code, Enter with nothing to pick never saves the form, and each code shows
// its place in the tree and the retention the JRA in force gives it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ensureDefaultScheme } from '../../main/archive/defaults.ts';
import { applySampleJra, freshArchive } from '../node/retention-helpers.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('the code picker takes only scheme codes, clears with ×, replaces on typing and shows retention', { timeout: 120_000 }, async () => {
  const archiveDir = join(tempDir(), 'a');
  const archive = freshArchive(archiveDir);
  await ensureDefaultScheme(archive, 'system');
  await applySampleJra(archive);
  archive.close();
  const s = await openSession({ archiveDir, viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Arsip baru' }).click();
    const form = page.getByRole('dialog', { name: 'Arsip baru' });
    await form.getByLabel('Perihal (hal)').fill('Tagihan telepon kantor');
    const picker = form.getByRole('combobox', { name: 'Kode klasifikasi' });

    // Enter with no match does nothing: the form stays, nothing is saved.
    await picker.fill('zzzz tidak ada');
    await picker.press('Enter');
    assert.ok(await form.isVisible(), 'Enter in the picker did not send the form');
    assert.equal((await s.invoke<{ total: number }>('records.list', { filter: {}, sort: 'id', direction: 'asc', offset: 0, limit: 10 })).total, 0);

    // A code that is not in the scheme is refused with a message; Simpan does not save.
    await picker.fill('999.9.9');
    await form.getByLabel('Perihal (hal)').click();
    await form.getByText('Kode ini tidak ada di skema klasifikasi.').waitFor();
    await form.getByRole('button', { name: 'Simpan' }).click();
    assert.ok(await form.isVisible(), 'an unknown code keeps the form open');
    assert.equal((await s.invoke<{ total: number }>('records.list', { filter: {}, sort: 'id', direction: 'asc', offset: 0, limit: 10 })).total, 0);

    // The options show where each code sits and its retention under the JRA in force.
    await picker.fill('telekomunikasi');
    const option = form.getByRole('option', { name: /^000\.1\.1 / });
    await option.waitFor();
    assert.match(await option.innerText(), /di bawah 000\.1/);
    assert.match(await option.innerText(), /1 th aktif \+ 1 th inaktif · [Mm]usnah/);
    await s.screenshot('picker-retention');
    await option.click();
    assert.equal(await picker.inputValue(), '000.1.1');
    assert.equal(await form.getByText('Kode ini tidak ada di skema klasifikasi.').count(), 0);

    // Typing after focusing replaces the code instead of gluing onto it.
    await picker.focus();
    await page.keyboard.type('000.1.5');
    assert.equal(await picker.inputValue(), '000.1.5');
    await form.getByRole('option', { name: /^000\.1\.5 / }).click();

    // × clears both the text and the value; the record is saved without a code.
    await form.getByRole('button', { name: 'Kosongkan kode' }).click();
    assert.equal(await picker.inputValue(), '');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByTestId('detail-pane').getByRole('heading', { name: 'Tagihan telepon kantor' }).waitFor();
    const list = await s.invoke<{ rows: { id: number }[] }>('records.list', { filter: {}, sort: 'id', direction: 'asc', offset: 0, limit: 10 });
    const saved = await s.invoke<{ classificationCode: string | null }>('records.get', { id: list.rows[0]!.id });
    assert.equal(saved.classificationCode, null);
  } finally {
    await s.close();
  }
});
