// The drop folder as an admin sets it up and a clerk sees it work: the folder is chosen in the
// host's folder dialog, a scan and an empty file saved there show up in the import panel as they
// are taken in (imported; refused with the reason in Indonesian), the history keeps them, and the
// source files are moved into their subfolders.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('folder pantau: chosen in the folder dialog, files taken in show in the import panel and the history, sources moved', { timeout: 180_000 }, async () => {
  const drop = join(tempDir(), 'pindaian');
  mkdirSync(drop);
  const s = await openSession({ pick: async (kind) => (kind === 'folder' ? [drop] : []) });
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    const card = page.getByRole('region', { name: 'Folder pantau (pemindai)' });
    await card.getByText('Belum ada folder pantau.').waitFor();
    await card.getByLabel('Subfolder untuk yang ditolak').fill('gagal');
    await card.getByRole('button', { name: 'Tambah folder pantau…' }).click();
    const folders = card.getByRole('table', { name: 'Folder pantau (pemindai)' });
    await folders.getByText(drop).waitFor();
    assert.match(await folders.innerText(), /Dipantau[\s\S]*diimpor\/ · gagal\//);

    cpSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(drop, 'scan-0001.pdf'));
    writeFileSync(join(drop, 'scan-0002.pdf'), '');
    // the history in Pengaturan fills as the files are taken in
    const history = card.getByRole('table', { name: 'Riwayat folder pantau' });
    await history.getByRole('cell', { name: 'scan-0002.pdf', exact: true }).waitFor({ timeout: 60_000 });
    await history.getByRole('cell', { name: 'scan-0001.pdf', exact: true }).waitFor({ timeout: 60_000 });
    assert.match(await history.innerText(), /scan-0002\.pdf\s+Ditolak\s+file kosong \(0 byte\) · dipindah ke gagal\/scan-0002\.pdf/, 'the refusal says why, in Indonesian, and where the file went');
    assert.match(await history.innerText(), /scan-0001\.pdf\s+Diimpor\s+dipindah ke diimpor\/scan-0001\.pdf/);
    await s.screenshot('settings-dropfolder');
    assert.deepEqual(readdirSync(drop).sort(), ['diimpor', 'gagal']);
    assert.ok(existsSync(join(drop, 'diimpor', 'scan-0001.pdf')));
    assert.ok(existsSync(join(drop, 'gagal', 'scan-0002.pdf.alasan.txt')));

    // a clerk in Arsip sees them in the import panel as they arrive
    await page.getByRole('navigation').getByRole('button', { name: 'Arsip' }).click();
    const feed = page.getByTestId('import-drops');
    cpSync(join(CORPUS, 'pdfjs', 'freeculture.pdf'), join(drop, 'scan-0003.pdf'));
    await feed.getByRole('cell', { name: 'scan-0003.pdf', exact: true }).waitFor({ timeout: 60_000 });
    assert.match(await feed.innerText(), /scan-0003\.pdf\s+Diimpor/);
    await page.locator('.table-foot').getByText('2 arsip').waitFor({ timeout: 10_000 });
    await page.getByTestId('import-panel').getByRole('heading', { name: 'Dari folder pantau' }).waitFor();
    await s.screenshot('dropfolder-import-panel');
    await feed.getByRole('row').filter({ hasText: 'scan-0003.pdf' }).getByRole('button', { name: /^Buka arsip \d+$/ }).click();
    await page.getByTestId('detail-pane').getByText('scan-0003.pdf').waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    await history.getByRole('cell', { name: 'scan-0003.pdf', exact: true }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await folders.getByRole('button', { name: 'Hapus' }).click();
    await card.getByText('Belum ada folder pantau.').waitFor();
  } finally {
    await s.close();
  }
});

test('without a folder dialog (browser shell) the card says how a drop folder is chosen instead', { timeout: 60_000 }, async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    const card = page.getByRole('region', { name: 'Folder pantau (pemindai)' });
    await card.getByRole('button', { name: 'Tambah folder pantau…' }).click();
    await card.getByText(/berkas watch FOLDER/).waitFor();
    assert.equal(await card.getByText('Belum ada folder pantau.').isVisible(), true, 'nothing was added');
  } finally {
    await s.close();
  }
});
