// OCR as a clerk and an admin meet it: the record says which page of a scan is being read, the
// clerk cancels and later reads it again until it is done with its confidence; the admin sets
// languages and idle-time reading in Pengaturan and the choice stays.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { ImportOutcome, ImportProgress, OcrSettings } from '../../preload/contract.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

async function scanOf(pages: number[]): Promise<string> {
  // The phone scan has no text layer, so every page goes to OCR.
  const source = await PDFDocument.load(readFileSync(join(CORPUS, 'indonesian', 'pergub-4-2021-phone-scan.pdf')));
  const out = await PDFDocument.create();
  for (const p of await out.copyPages(source, pages)) out.addPage(p);
  const path = join(tempDir(), 'pergub-4-2021-pindaian.pdf');
  writeFileSync(path, await out.save());
  return path;
}

test('a scan on the record: reading page x of y, cancelled, read again until done with its confidence', { timeout: 420_000 }, async () => {
  const scan = await scanOf([0, 1, 2, 3]);
  const s = await openSession();
  try {
    const picked = await s.shell.backend.registerPicks([{ path: scan, kind: 'file' }]);
    if (!picked.ok) throw new Error(picked.error.message.en);
    const { jobId } = await s.invoke<{ jobId: string }>('import.start', { handles: picked.value });
    let recordId: number | undefined;
    for (let i = 0; i < 300 && !recordId; i++) {
      const r = await s.invoke<{ progress: ImportProgress; outcomes: ImportOutcome[] }>('import.result', { jobId });
      if (r.progress.state === 'done' && r.outcomes.length) recordId = r.outcomes[0]!.recordId!;
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(recordId, 'the scan was imported');

    const { page } = s;
    await page.reload();
    await page.locator(`.tr[data-record-id="${recordId}"]`).click();
    const pane = page.getByTestId('detail-pane');
    const status = pane.getByTestId('ocr-status');
    await status.getByText(/^OCR: (membaca \d dari 4 halaman|menunggu giliran \(4 halaman\))$/).waitFor({ timeout: 60_000 });
    await status.getByRole('button', { name: 'Batalkan OCR' }).click();
    await status.getByText(/^OCR dibatalkan \(\d dari 4 halaman terbaca\)$/).waitFor({ timeout: 30_000 });
    await s.screenshot('ocr-status-cancelled');

    await status.getByRole('button', { name: 'Baca ulang (OCR)' }).click();
    await page.getByText(/OCR dijadwalkan ulang: \d halaman\./).waitFor();
    await status.getByText(/^OCR: (membaca|menunggu)/).waitFor();
    // the bar moves with the pages read, without reopening the record
    const bar = status.getByRole('progressbar');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('aria-valuemax'), '4');
    const done = status.getByText(/^OCR selesai · keyakinan (\d+)%$/);
    await done.waitFor({ timeout: 360_000 });
    const confidence = Number(/(\d+)%/.exec(await done.innerText())![1]);
    assert.ok(confidence >= 50 && confidence <= 100, `a plausible mean confidence (${confidence}%)`);
    assert.equal(await status.getByRole('button', { name: 'Batalkan OCR' }).count(), 0, 'nothing to cancel once done');
    await pane.getByText('Teks dari OCR').waitFor();
    assert.equal(await pane.getByText('Tanpa teks (pindaian)').count(), 0, 'a read scan no longer says it has no text');
    await s.screenshot('ocr-status-done');
  } finally {
    await s.close();
  }
});

test('Pengaturan → OCR: the admin reads Indonesian only, in idle time; the choice is kept and the queue says why it waits', { timeout: 120_000 }, async () => {
  const s = await openSession();
  try {
    const { page } = s;
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    const card = page.getByRole('region', { name: 'OCR (membaca teks pindaian)' });
    await card.waitFor();
    await card.getByTestId('ocr-queue').getByText('OCR: tidak ada pindaian yang menunggu.').waitFor();
    await card.getByLabel('Bahasa Indonesia').uncheck();
    await card.getByLabel('Bahasa Inggris').uncheck();
    await card.getByRole('button', { name: 'Simpan pengaturan OCR' }).click();
    await card.getByRole('alert').getByText('Pilih setidaknya satu bahasa.').waitFor();
    await card.getByLabel('Bahasa Indonesia').check();
    await card.getByLabel('Hanya saat komputer tidak dipakai').check();
    await card.getByRole('button', { name: 'Simpan pengaturan OCR' }).click();
    await page.getByText('Pengaturan OCR disimpan.').waitFor();
    assert.deepEqual(await s.invoke<OcrSettings>('ocr.settings'), { enabled: true, languages: ['ind'], when: 'idle' }, 'main holds what the screen says');
    await page.reload();
    await page.getByRole('navigation').getByRole('button', { name: 'Pengaturan' }).click();
    await card.waitFor();
    assert.equal(await card.getByLabel('Bahasa Inggris').isChecked(), false);
    assert.equal(await card.getByLabel('Hanya saat komputer tidak dipakai').isChecked(), true);
    await card.getByLabel('Baca pindaian dengan OCR').uncheck();
    assert.equal(await card.getByLabel('Bahasa Indonesia').isDisabled(), true, 'languages are moot while OCR is off');
    await s.screenshot('settings-ocr');
  } finally {
    await s.close();
  }
});
