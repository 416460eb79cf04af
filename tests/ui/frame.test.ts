import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('the app frame opens in Indonesian, switches to English and back, and remembers the choice', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Arsip' }).waitFor();
    for (const area of ['Retensi', 'Publikasi', 'Sinkronisasi', 'Audit', 'Pengaturan']) {
      assert.ok(await nav.getByRole('button', { name: area }).isVisible(), `${area} in the sidebar`);
    }
    assert.ok(await page.getByRole('heading', { name: 'Arsip masih kosong' }).isVisible());
    await s.screenshot('frame-id');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'The archive is empty' }).waitFor();
    assert.ok(await nav.getByRole('button', { name: 'Retention' }).isVisible());
    await s.screenshot('frame-en');

    await page.reload();
    await page.getByRole('heading', { name: 'The archive is empty' }).waitFor();
    await page.getByRole('button', { name: 'ID', exact: true }).click();
    await page.getByRole('heading', { name: 'Arsip masih kosong' }).waitFor();
  } finally {
    await s.close();
  }
});

test('dark theme and the About panel show version, archive path and schema version', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Gelap' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.getByRole('button', { name: 'Tentang Berkas' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tentang Berkas' });
    await dialog.getByTestId('about-version').waitFor();
    assert.match(await dialog.getByTestId('about-version').innerText(), /^\d+\.\d+\.\d+/);
    assert.equal(await dialog.getByTestId('about-archive').innerText(), s.archiveDir);
    assert.match(await dialog.getByTestId('about-schema').innerText(), /^\d+$/);
    await s.screenshot('about-dark');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    assert.equal(await dialog.isVisible(), false);
  } finally {
    await s.close();
  }
});

test('each area shows what to do first', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Retensi' }).click();
    await page.getByRole('heading', { name: 'Belum ada jadwal retensi' }).waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Sinkronisasi' }).click();
    await page.getByRole('heading', { name: 'Portal belum diatur' }).waitFor();
  } finally {
    await s.close();
  }
});
