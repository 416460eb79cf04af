// Search as a clerk sees it: each hit with its own snippet, found words marked.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fullViewer } from '../../main/clearance/viewer.ts';
import { openArchive } from '../../main/archive/open.ts';
import { createRecord, DEFAULT_FIELDS } from '../../main/archive/records.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

test('two hits for "Kutai" each show a snippet of their own record', { timeout: 60_000 }, async () => {
  const archiveDir = join(tempDir(), 'a');
  const archive = openArchive(archiveDir);
  createRecord(archive.db, { ...DEFAULT_FIELDS, subject: 'Percepatan SPBE Kutai Kartanegara' }, fullViewer('seed'));
  createRecord(archive.db, { ...DEFAULT_FIELDS, subject: 'Integrasi Data Kutai Timur' }, fullViewer('seed'));
  archive.close();
  const s = await openSession({ archiveDir });
  try {
    const { page } = s;
    await page.getByRole('searchbox', { name: 'Cari arsip' }).fill('Kutai');
    const hits = page.locator('.hit-button');
    await hits.nth(1).waitFor();
    assert.equal(await hits.count(), 2);
    for (const [title, own, other] of [
      ['Percepatan SPBE', 'Kartanegara', 'Timur'],
      ['Integrasi Data', 'Timur', 'Kartanegara'],
    ] as const) {
      const hit = hits.filter({ has: page.locator('.hit-title', { hasText: title }) });
      const snippet = await hit.locator('.hit-snippet').innerText();
      assert.match(snippet, new RegExp(own), `the "${title}" hit shows its own words`);
      assert.doesNotMatch(snippet, new RegExp(other), `the "${title}" hit does not show the other record's words`);
      assert.equal(await hit.locator('.hit-snippet mark').first().innerText(), 'Kutai');
    }
    await s.screenshot('search-two-hits-own-snippets');
  } finally {
    await s.close();
  }
});
