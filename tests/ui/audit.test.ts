import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('the audit screen filters the trail by user and action, checks the chain, and exports CSV', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await s.addUser('siti', ['staff']);
    await s.invoke('accounts.login', { name: 'siti', password: 'salah-sandi' }).catch(() => undefined);
    await s.loginAs('admin');
    await page.getByRole('navigation').getByRole('button', { name: 'Audit' }).click();
    const table = page.locator('.audit-table');
    await table.waitFor();
    assert.ok((await table.locator('tbody tr').count()) >= 4);

    await page.getByRole('combobox', { name: 'Tindakan' }).selectOption('account.login-failed');
    await page.locator('.audit-table tbody tr').first().filter({ hasText: 'Gagal masuk' }).waitFor();
    const failed = await table.locator('tbody tr').allInnerTexts();
    assert.equal(failed.length, 1);
    // In plain words (issue 14.6): the action and its details, not raw keys.
    assert.match(failed[0]!, /siti\s+Gagal masuk/);
    assert.match(failed[0]!, /Alasan: kata sandi salah/);
    assert.doesNotMatch(failed[0]!, /account\.login-failed|wrong-password/);
    assert.doesNotMatch(failed[0]!, /salah-sandi/, 'never the password');

    await page.getByRole('combobox', { name: 'Tindakan' }).selectOption('account.*');
    await page.getByRole('combobox', { name: 'Pengguna' }).selectOption('admin');
    // Until the user filter's answer arrives the rows are those of "account.*" for everyone, and
    // the newest of them is the admin's own login: wait until every row's actor (the third
    // column) is the admin, not just for an admin row.
    await page.waitForFunction(() => {
      const actors = [...document.querySelectorAll('.audit-table tbody tr td:nth-child(3)')].map((td) => td.textContent?.trim());
      return actors.length > 0 && actors.every((a) => a === 'admin');
    });
    for (const row of await table.locator('tbody tr').allInnerTexts()) {
      assert.match(row, /\badmin\s/);
      assert.doesNotMatch(row, /account\./, 'every account action has its words');
    }

    await page.getByRole('button', { name: 'Periksa rantai' }).click();
    await page.getByTestId('chain-check').filter({ hasText: /Rantai utuh: \d+ catatan/ }).waitFor();
    await s.screenshot('audit-trail');

    await page.getByRole('button', { name: 'Ekspor CSV' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Jejak audit tersimpan' });
    await status.waitFor();
    const path = /: (\/.+\.csv)/.exec(await status.innerText())![1]!;
    assert.ok(existsSync(path));
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'id,at,actor,action,entity,entity_id,before,after,prev_hash,hash');
    assert.ok(lines.slice(1).every((l) => /,admin,account\./.test(l)), 'the export follows the filters');
  } finally {
    await s.close();
  }
});

test('a user without the supervisor role gets no Audit area, and main refuses them the trail', async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await s.addUser('budi', ['staff']);
    await s.loginAs('budi');
    await page.getByRole('navigation').getByRole('button', { name: 'Arsip' }).waitFor();
    assert.equal(await page.getByRole('navigation').getByRole('button', { name: 'Audit' }).count(), 0, 'the area is not offered to staff (issue 14.10)');
    await assert.rejects(s.invoke('audit.facets', {}), /forbidden|supervisor|role/i, 'the channel itself is refused');
  } finally {
    await s.close();
  }
});
