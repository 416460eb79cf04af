// Issue 14.9: the letterhead lives in Pengaturan, empty until someone fills it in (the examples
// are placeholders), takes a logo, shows a preview as the PDF draws it, and says why a wrong
// logo file is refused.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import type { LetterheadView } from '../../preload/contract.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('Pengaturan → Kop surat: empty fields with examples, a logo, the preview, a refused file, kept after reload', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const canvas = createCanvas(200, 240);
  const g = canvas.getContext('2d');
  g.fillStyle = '#1a5c3a';
  g.fillRect(10, 10, 180, 220);
  writeFileSync(join(dir, 'logo-kalteng.png'), await canvas.encode('png'));
  writeFileSync(join(dir, 'bukan-logo.png'), '%PDF-1.7\nini surat, bukan gambar');
  let chosen = join(dir, 'logo-kalteng.png');
  const s = await openSession({ viewport: { width: 1366, height: 768 }, pick: async (kind) => (kind === 'files' ? [chosen] : []) });
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Retensi' }).click();
    await page.getByRole('tab').first().waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Kop surat' }).count(), 0, 'the letterhead is no longer hidden under Retensi');

    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    const card = page.getByRole('region', { name: 'Kop surat' });
    await card.waitFor();
    await card.getByText('Kop surat belum diisi: dokumen dicetak tanpa kop.', { exact: false }).waitFor();
    const instansi = card.getByLabel('Instansi', { exact: true });
    assert.equal(await instansi.inputValue(), '', 'no example stored as a value');
    assert.match((await instansi.getAttribute('placeholder')) ?? '', /^mis\. Pemerintah/);

    await instansi.fill('Pemerintah Provinsi Kalimantan Tengah');
    await card.getByLabel('Perangkat daerah').fill('Dinas Komunikasi dan Informatika');
    await card.getByLabel('Alamat').fill('Jl. Imam Bonjol No. 2, Palangka Raya 73112');
    const preview = card.getByRole('figure', { name: 'Pratinjau kop surat' });
    await preview.getByText('DINAS KOMUNIKASI DAN INFORMATIKA').waitFor();

    await card.getByRole('button', { name: 'Pilih logo…' }).click();
    await page.getByText('Logo "logo-kalteng.png" disimpan.').waitFor();
    await preview.locator('img').waitFor();
    await card.getByRole('button', { name: 'Simpan kop surat' }).click();
    await page.getByText('Kop surat disimpan.').waitFor();
    await card.getByText('Kop surat belum diisi', { exact: false }).waitFor({ state: 'detached' });
    await s.screenshot('settings-letterhead');

    chosen = join(dir, 'bukan-logo.png');
    await card.getByRole('button', { name: 'Pilih logo…' }).click();
    await card.getByRole('alert').getByText('"bukan-logo.png" bukan gambar PNG atau JPEG.', { exact: false }).waitFor();

    const stored = await s.invoke<LetterheadView>('retention.letterhead.get');
    assert.equal(stored.letterhead.unit, 'Dinas Komunikasi dan Informatika');
    assert.equal(stored.logo?.name, 'logo-kalteng.png', 'the refused file left the logo as it was');
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    await card.waitFor();
    assert.equal(await card.getByLabel('Instansi', { exact: true }).inputValue(), 'Pemerintah Provinsi Kalimantan Tengah');
    await card.getByRole('img', { name: 'logo-kalteng.png' }).waitFor();
  } finally {
    await s.close();
  }
});
