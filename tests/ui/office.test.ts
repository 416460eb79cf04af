// Item 9 of issue 14, as a clerk and an admin see it: the NIP and jabatan every signature block
// prints, set in "Profil saya" by the user and in the users dialog by the admin.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('a user sets their own NIP and jabatan in Profil saya, a wrong NIP is refused, and the admin edits another user', async () => {
  const s = await openSession({ viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    await s.addUser('budi', ['staff']);
    await page.getByRole('button', { name: 'Profil saya' }).click();
    const profile = page.getByRole('dialog', { name: 'Profil saya' });
    await profile.getByLabel('NIP').fill('1980 0101');
    await profile.getByText('NIP terdiri atas 18 angka').waitFor();
    assert.equal(await profile.getByRole('button', { name: 'Simpan' }).isDisabled(), true, 'a short NIP cannot be saved');
    await profile.getByLabel('NIP').fill('19800101 200501 2 001');
    await profile.getByLabel('Jabatan').fill('Kepala Sub Bagian Umum');
    await s.screenshot('office-profile');
    await profile.getByRole('button', { name: 'Simpan' }).click();
    await profile.getByRole('status').filter({ hasText: 'Profil disimpan.' }).waitFor();
    assert.equal(await profile.getByLabel('NIP').inputValue(), '198001012005012001');
    await profile.getByRole('button', { name: 'Tutup' }).click();

    // Past the form: main refuses a bad NIP with words a user can act on.
    const refused = await s.invoke('accounts.updateProfile', { displayName: 'Admin', nip: '12345', jabatan: '' }).then(() => 'saved', (e: Error) => e.message);
    assert.match(refused, /validation[\s\S]*18 digits/);

    await page.getByRole('button', { name: 'Pengguna' }).click();
    const users = page.getByRole('dialog', { name: 'Pengguna Berkas' });
    const row = users.locator('tr[data-user="budi"]');
    await row.getByText('NIP/jabatan belum diisi').waitFor();
    await row.getByRole('button', { name: 'Ubah profil' }).click();
    const form = users.getByRole('form', { name: /Profil budi/ });
    await form.getByLabel('Nama lengkap').fill('Budi Santoso, S.E.');
    await form.getByLabel('NIP').fill('197505052000011002');
    await form.getByLabel('Jabatan').fill('Arsiparis Pelaksana');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await users.getByRole('status').filter({ hasText: 'Perubahan untuk budi disimpan.' }).waitFor();
    await row.getByText('Arsiparis Pelaksana · NIP 197505052000011002').waitFor();
    assert.match(await row.innerText(), /Budi Santoso, S\.E\./);
    await s.screenshot('office-users');
  } finally {
    await s.close();
  }
});
