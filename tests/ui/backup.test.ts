// Backups from the Pengaturan screen: back up now, then restore through the wizard — the archive
// goes back to what the backup held, and the replaced archive is kept aside.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { runImport } from '../../main/archive/import.ts';
import { openArchive } from '../../main/archive/open.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession, UI_ADMIN } from './harness.ts';

after(closeBrowser);

async function importText(archiveDir: string, name: string, text: string): Promise<void> {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  const archive = openArchive(archiveDir);
  try {
    await runImport(archive, [join(dir, name)], { actor: 'test' });
  } finally {
    archive.close();
  }
}

test('an admin backs up, then restores that backup with the wizard; the archive comes back and the old one is kept', { timeout: 120_000 }, async () => {
  const archiveDir = join(tempDir(), 'arsip');
  await importText(archiveDir, 'undangan.txt', 'Undangan rapat koordinasi');
  const s = await openSession({ archiveDir });
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    const card = page.getByRole('region', { name: 'Cadangan (backup)' });
    await card.getByRole('button', { name: 'Buat cadangan sekarang' }).click();
    await page.getByText(/Cadangan berkas-backup-\d{8}-\d{6} dibuat dan diperiksa/).waitFor();
    await card.getByRole('button', { name: 'Periksa' }).click();
    await card.getByText('utuh ✓').waitFor();

    // work continues after the backup: a second record
    const r = await s.invoke<{ id: number }>('records.create', { fields: { subject: 'Arsip setelah cadangan', letterNumber: null, letterDate: null, description: null, creator: null, originatingUnit: null, classificationCode: null, fileId: null, itemNumber: null, developmentLevel: 'asli', medium: 'elektronik', count: 1, countUnit: 'lembar', condition: null, location: null, securityClass: 'biasa', recordsCategory: 'umum' } });
    assert.ok(r.id > 0);

    await card.getByRole('button', { name: 'Pulihkan…' }).click();
    const wizard = page.getByRole('dialog', { name: /Pulihkan arsip dari berkas-backup-/ });
    const go = wizard.getByRole('button', { name: 'Pulihkan sekarang' });
    assert.equal(await go.isDisabled(), true, 'needs the typed confirmation');
    await wizard.getByLabel('Ketik PULIHKAN untuk melanjutkan').fill('PULIHKAN');
    await go.click();
    // the archive is intact, so restore asks for the explicit roll-back choice
    await wizard.getByRole('alert').waitFor();
    assert.match(await wizard.getByRole('alert').innerText(), /masih utuh/);
    await wizard.getByLabel(/tetap pulihkan/).check();
    await go.click();
    const done = page.getByRole('dialog', { name: 'Arsip dipulihkan' });
    await done.waitFor({ timeout: 30_000 });
    assert.match(await done.innerText(), /before-restore-/, 'says where the replaced archive was kept');
    await s.screenshot('backup-restored');
    await done.getByRole('button', { name: 'Buka kembali Berkas' }).click();
    await s.loginAs(UI_ADMIN.name, UI_ADMIN.password);
    await page.getByRole('navigation').getByRole('button', { name: 'Arsip' }).click();
    await page.locator('.table-foot').getByText('1 arsip').waitFor();
    assert.equal(await page.getByText('Arsip setelah cadangan').count(), 0, 'the record made after the backup is gone');
    const aside = readdirSync(dirname(archiveDir)).filter((n) => n.startsWith('arsip.before-restore-'));
    assert.equal(aside.length, 1, 'the replaced archive is kept beside it');
    assert.ok(existsSync(join(dirname(archiveDir), aside[0]!, 'berkas.sqlite')));
  } finally {
    await s.close();
  }
});
