// Acceptance of OCR as a clerk meets it: a word that exists only in the image of the Pergub phone
// scan is typed into search, the hit names its page, and opening it shows that page of the scan
// with the word marked. Two pages of the real scan, read by the real OCR pool.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { ImportOutcome, ImportProgress, RecordView } from '../../preload/contract.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession } from './harness.ts';

after(closeBrowser);

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('search finds a word only the phone scan\'s image holds, and the preview opens on its page with the word marked', { timeout: 300_000 }, async () => {
  const dir = tempDir();
  const scan = join(dir, 'pergub-4-2021-hal-1-2.pdf');
  const source = await PDFDocument.load(readFileSync(join(CORPUS, 'indonesian', 'pergub-4-2021-phone-scan.pdf')));
  const out = await PDFDocument.create();
  for (const p of await out.copyPages(source, [0, 1])) out.addPage(p);
  writeFileSync(scan, await out.save());

  const s = await openSession();
  try {
    const picked = await s.shell.backend.registerPicks([{ path: scan, kind: 'file' }]);
    if (!picked.ok) throw new Error(picked.error.message.en);
    const { jobId } = await s.invoke<{ jobId: string }>('import.start', { handles: picked.value });
    const result = await until('the import', async () => {
      const r = await s.invoke<{ progress: ImportProgress; outcomes: ImportOutcome[] }>('import.result', { jobId });
      return r.progress.state === 'done' && r.outcomes.length ? r : null;
    }, 60_000);
    const recordId = result.outcomes[0]!.recordId!;
    const doc = await until('OCR of both pages', async () => {
      const d = (await s.invoke<RecordView>('records.get', { id: recordId })).documents[0]!;
      return d.ocrStatus === 'done' && d.previewMime === 'application/pdf' ? d : null;
    }, 240_000);
    assert.equal(doc.ocrPagesDone, 2);

    const { page } = s;
    await page.reload();
    await page.getByRole('searchbox', { name: 'Cari arsip' }).fill('Keterbukaan');
    const hit = page.locator('.hit-button');
    await hit.first().waitFor();
    assert.equal(await hit.count(), 1);
    assert.match(await hit.first().innerText(), /Hal(aman|\.)\s*2/i, 'the hit names page 2');
    await hit.first().click();

    const preview = page.getByTestId('document-preview');
    await preview.waitFor();
    await page.getByTestId('preview-find-status').filter({ hasText: /^1 \/ \d+$/ }).waitFor({ timeout: 60_000 });
    const pageInput = page.getByRole('textbox', { name: /^Nomor halaman/ });
    assert.equal(await pageInput.inputValue(), '2', 'the preview opens on page 2');
    const marked = page.locator('.pv-page[data-page="2"] .pv-hit.pv-selected').first();
    assert.equal((await marked.innerText()).toLowerCase(), 'keterbukaan');
    const box = await marked.boundingBox();
    assert.ok(box && box.width > 20 && box.height > 5, 'the mark has the size of a word on the page');
    await s.screenshot('ocr-scan-hit-marked');
  } finally {
    await s.close();
  }
});
