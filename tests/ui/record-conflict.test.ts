// Issue 17, item 4, as a clerk meets it: she edits a record while someone else saves it first.
// Her save is refused, the form keeps what she typed and shows the saved version beside it, and
// she chooses: take the saved version, or save hers over it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ImportOutcome, ImportProgress, RecordView } from '../../preload/contract.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('a save over a version someone else saved meanwhile shows both, keeps what was typed, and saves only when the clerk says so', { timeout: 90_000 }, async () => {
  const dir = tempDir();
  const file = join(dir, 'undangan-rapat.txt');
  writeFileSync(file, 'Undangan rapat koordinasi PPID, Senin 7 Desember 2026.');
  const s = await openSession();
  try {
    const picked = await s.shell.backend.registerPicks([{ path: file, kind: 'file' }]);
    if (!picked.ok) throw new Error(picked.error.message.en);
    const { jobId } = await s.invoke<{ jobId: string }>('import.start', { handles: picked.value });
    let outcomes: ImportOutcome[] = [];
    for (let i = 0; i < 200 && outcomes.length === 0; i++) {
      const r = await s.invoke<{ progress: ImportProgress; outcomes: ImportOutcome[] }>('import.result', { jobId });
      if (r.progress.state === 'done') outcomes = r.outcomes;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const id = outcomes[0]!.recordId!;
    const { page } = s;
    await page.reload();
    await page.locator(`.tr[data-record-id="${id}"]`).click();
    await page.getByTestId('detail-pane').getByRole('button', { name: 'Ubah metadata' }).click();
    const form = page.getByRole('dialog', { name: /Ubah arsip/ });
    await form.getByLabel('Perihal (hal)').fill('Undangan rapat koordinasi PPID (versi Siti)');
    await form.getByLabel('Lokasi simpan').fill('Rak 3');

    // Meanwhile, on another PC, the supervisor corrects the subject.
    await s.invoke('records.update', { id, fields: { subject: 'Undangan rapat koordinasi PPID (ralat Kabid)' } });

    await form.getByRole('button', { name: 'Simpan', exact: true }).click();
    const conflict = form.getByRole('region', { name: /Versi tersimpan sekarang/ });
    await conflict.waitFor();
    assert.match(await form.getByRole('alert').first().innerText(), /telah diubah orang lain/);
    const subjectRow = conflict.getByRole('row', { name: /Perihal/ });
    assert.match(await subjectRow.innerText(), /ralat Kabid[\s\S]*versi Siti/, 'the saved value beside the typed one');
    assert.match(await conflict.getByRole('row', { name: /Lokasi simpan/ }).innerText(), /—\s+Rak 3/);
    assert.equal(await form.getByLabel('Perihal (hal)').inputValue(), 'Undangan rapat koordinasi PPID (versi Siti)', 'what she typed is still there');
    assert.equal((await s.invoke<RecordView>('records.get', { id })).subject, 'Undangan rapat koordinasi PPID (ralat Kabid)', 'nothing was overwritten');
    await s.screenshot('record-conflict');

    await conflict.getByRole('button', { name: 'Simpan isian saya di atas versi ini' }).click();
    await form.waitFor({ state: 'hidden' });
    const saved = await s.invoke<RecordView>('records.get', { id });
    assert.equal(saved.subject, 'Undangan rapat koordinasi PPID (versi Siti)');
    assert.equal(saved.location, 'Rak 3');
  } finally {
    await s.close();
  }
});
