import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openSession, uiPassword } from './harness.ts';

after(closeBrowser);

test('first run asks for the admin account, then the app opens as that admin', async () => {
  const s = await openSession({ login: false });
  try {
    const { page } = s;
    await page.getByRole('heading', { name: 'Selamat datang di Berkas' }).waitFor();
    await s.screenshot('accounts-first-run');
    await page.getByLabel('Nama pengguna').fill('siti');
    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati');
    await page.getByLabel('Kata sandi', { exact: true }).fill('sandi-siti-panjang');
    await page.getByLabel('Ulangi kata sandi').fill('sandi-siti-panjang');
    await page.getByRole('button', { name: 'Buat akun admin' }).click();
    await page.getByTestId('session-user').waitFor();
    assert.match(await page.getByTestId('session-user').innerText(), /Masuk sebagai Siti Rahmawati \(Staf, Atasan, Admin\)/);
  } finally {
    await s.close();
  }
});

test('login refuses a wrong password with a clear message, accepts the right one; lock needs the password again', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await s.addUser('budi', ['staff']);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Masuk ke Berkas' }).waitFor();
    await page.getByLabel('Nama pengguna').fill('budi');
    await page.getByLabel('Kata sandi').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nama pengguna atau kata sandi salah' }).waitFor();
    assert.equal(await page.getByLabel('Kata sandi').inputValue(), '', 'the wrong password is cleared');
    await s.screenshot('accounts-login-wrong');
    await page.getByLabel('Kata sandi').fill(uiPassword('budi'));
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('session-user').waitFor();
    assert.match(await page.getByTestId('session-user').innerText(), /budi \(Staf\)/);
    assert.equal(await page.getByRole('button', { name: 'Pengguna' }).count(), 0, 'only admins manage users');

    await page.getByRole('button', { name: 'Kunci' }).click();
    await page.getByRole('heading', { name: 'Sesi terkunci' }).waitFor();
    // The backend refuses calls while locked, whatever the page does.
    const locked = await page.evaluate(() => fetch('/api/invoke/archive.stats', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }).then((r) => r.json()));
    assert.equal((locked as { error: { code: string } }).error.code, 'unauthenticated');
    await s.screenshot('accounts-locked');
    await page.getByLabel('Kata sandi').fill(uiPassword('budi'));
    await page.getByRole('button', { name: 'Buka kunci' }).click();
    await page.getByTestId('session-user').waitFor();
  } finally {
    await s.close();
  }
});

test('the admin adds a user with roles and resets a password in the users dialog', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('button', { name: 'Pengguna' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pengguna Berkas' });
    await dialog.getByLabel('Nama pengguna').fill('andi');
    await dialog.getByLabel('Nama lengkap').fill('Andi Pratama');
    await dialog.getByLabel('Kata sandi', { exact: true }).fill('sandi-andi-baru');
    await dialog.getByRole('checkbox', { name: 'Atasan' }).last().check();
    await dialog.getByRole('button', { name: 'Tambah pengguna' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Pengguna andi ditambahkan.' }).waitFor();
    const row = dialog.locator('tr[data-user="andi"]');
    await row.waitFor();
    assert.match(await row.innerText(), /Andi Pratama/);
    await row.getByRole('button', { name: 'Atur ulang sandi' }).click();
    await dialog.getByLabel('Kata sandi', { exact: true }).first().fill('sandi-andi-reset');
    await dialog.getByLabel('Ulangi kata sandi').fill('sandi-andi-reset');
    await dialog.getByRole('button', { name: 'Simpan' }).first().click();
    await dialog.getByRole('status').filter({ hasText: 'diatur ulang' }).waitFor();
    await s.screenshot('accounts-users');
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    await s.loginAs('andi', 'sandi-andi-reset');
    await page.getByTestId('session-user').filter({ hasText: 'Andi Pratama' }).waitFor();
  } finally {
    await s.close();
  }
});
