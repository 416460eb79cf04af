// Issue 14.6: "berkas" is the dossier only; a computer file is a "dokumen" or "file", and the
// reasons an import gives are in the user's language.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('importing an empty file: the button says "Impor dokumen" and the reason is Indonesian, then English', { timeout: 90_000 }, async () => {
  const folder = join(tempDir(), 'kiriman');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'kosong.pdf'), '');
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Impor dokumen' }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Impor berkas' }).count(), 0, '"berkas" is the dossier, not a computer file');
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    const panel = page.getByTestId('import-panel');
    await panel.getByRole('heading', { name: 'Impor selesai' }).waitFor({ timeout: 60_000 });
    const row = panel.locator('li.result-rejected');
    await row.waitFor();
    assert.match(await row.innerText(), /file kosong \(0 byte\)/);
    assert.doesNotMatch(await row.innerText(), /the file is empty/);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await panel.getByText('the file is empty (0 bytes)').waitFor();
    await s.screenshot('import-reason-english');
  } finally {
    await s.close();
  }
});
