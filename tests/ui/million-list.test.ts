// The records list of a million-record archive in Chromium (issue 16.5): its last row is reached
// by the keyboard and by dragging the scrollbar to the bottom, and the middle of the scrollbar
// shows the middle of the archive. 36 px rows × 1M is past Chromium's ~33.5M px layout limit,
// where rows after ~930,000 used to be unreachable. The archive is a real SQLite file whose
// records are written in one INSERT … SELECT (the app's write path would take ten minutes).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openArchive } from '../../main/archive/open.ts';
import { tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

const RECORDS = 1_000_000;

test('a million records: the last row is reached with Ctrl+End and with the scrollbar, the middle shows the middle', { timeout: 300_000 }, async () => {
  const dir = join(tempDir('berkas-ui-'), 'archive');
  const archive = openArchive(dir);
  try {
    // Newest first is the list's default order: record 1 (the oldest) is its last row.
    archive.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${RECORDS})
      INSERT INTO records (id, subject, letter_date, security_class, status, created_at, updated_at, created_by)
      SELECT i, 'Arsip nomor ' || i, '2025-01-01', 'biasa', 'aktif', strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', '+' || i || ' seconds'), '2025-01-01T00:00:00.000Z', 'siti' FROM n`);
  } finally {
    archive.close();
  }
  const s = await openSession({ archiveDir: dir, viewport: { width: 1366, height: 768 } });
  try {
    const { page } = s;
    const scroller = page.getByTestId('records-scroller');
    await page.locator('.table-foot').getByText('1.000.000 arsip').waitFor({ timeout: 60_000 });
    await page.locator(`.tr[data-record-id="${RECORDS}"]`).waitFor();
    const view = (await scroller.boundingBox())!;
    const inView = async (recordId: number) => {
      const row = page.locator(`.tr[data-record-id="${recordId}"]`);
      await row.waitFor({ timeout: 30_000 });
      const b = (await row.boundingBox())!;
      return b.y >= view.y - 1 && b.y + b.height <= view.y + view.height + 1;
    };

    // Keyboard: Ctrl+End moves the focus to the last row and scrolls it into view.
    await page.locator(`.tr[data-record-id="${RECORDS}"]`).click();
    await scroller.press('Control+End');
    assert.ok(await inView(1), 'the last record is on screen after Ctrl+End');
    assert.equal(await page.locator('.tr.focused').getAttribute('data-record-id'), '1');
    assert.equal(await page.locator('.tr.focused').getAttribute('aria-rowindex'), String(RECORDS + 1));
    await s.screenshot('list-1m-last-row');

    // The scrollbar dragged to the top and to the bottom: first and last rows.
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    assert.ok(await inView(RECORDS), 'the first record is on screen at the top');
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    assert.ok(await inView(1), 'the last record is on screen at the bottom of the scrollbar');
    const bottom = await page.locator('.tr[data-record-id="1"]').boundingBox();
    assert.ok(bottom && bottom.y + bottom.height <= view.y + view.height + 1 && bottom.y + bottom.height >= view.y + view.height - 40, 'the last row sits at the bottom of the list, not cut off');

    // Halfway down the scrollbar is halfway through the archive.
    await scroller.evaluate((el) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) / 2 }));
    await page.waitForFunction(() => document.querySelectorAll('.tr[data-record-id]').length > 5 && [...document.querySelectorAll('.tr[data-record-id]')].some((r) => Math.abs(Number(r.getAttribute('data-record-id')) - 500_000) < 50));
    const middle = Number(await page.locator('.tr[data-record-id]').nth(13).getAttribute('aria-rowindex'));
    assert.ok(Math.abs(middle - RECORDS / 2) < 50, `the middle of the scrollbar shows row ${middle}`);
  } finally {
    await s.close();
  }
});
