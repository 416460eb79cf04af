// The document preview in real Chromium over the browser shell: a search hit opened on its page
// with the words marked, a password-protected PDF, a broken PDF that still tells the clerk what it
// is, a 300-page document that keeps only a handful of pages drawn, and images, TIFF (as pages) and text.
// Documents are imported through the real import channel; the viewer is opened at #/preview/<id>.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { DocumentInfo, ImportOutcome, ImportProgress, RecordView } from '../../preload/contract.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { closeBrowser, openSession, type Session } from './harness.ts';

after(closeBrowser);

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Imports the files through import.start (the harness's session is an admin; the files are
 *  registered as the desktop app's dialog would), waits for their text extraction to settle, and
 *  returns each file's document by file name. */
async function importFiles(s: Session, paths: string[]): Promise<Map<string, DocumentInfo>> {
  const picked = await s.shell.backend.registerPicks(paths.map((path) => ({ path, kind: 'file' as const })));
  if (!picked.ok) throw new Error(picked.error.message.en);
  const { jobId } = await s.invoke<{ jobId: string }>('import.start', { handles: picked.value });
  const result = await until('the import to finish', async () => {
    const r = await s.invoke<{ progress: ImportProgress; outcomes: ImportOutcome[] }>('import.result', { jobId });
    return r.progress.state === 'done' && r.outcomes.length ? r : null;
  }, 60_000);
  const documents = new Map<string, DocumentInfo>();
  for (const outcome of result.outcomes) {
    assert.equal(outcome.status, 'imported', `${outcome.path}: ${outcome.reason}`);
    const doc = await until(`text extraction of ${outcome.path}`, async () => {
      const record = await s.invoke<RecordView>('records.get', { id: outcome.recordId });
      const d = record.documents[0]!;
      return d.extractStatus === 'pending' ? null : d;
    }, 60_000);
    documents.set(doc.originalName, doc);
  }
  return documents;
}

async function openPreview(s: Session, documentId: number, query = ''): Promise<void> {
  await s.page.goto(`${s.shell.origin}/#/preview/${documentId}${query}`);
  await s.page.getByTestId('document-preview').waitFor();
}

test('a search hit opens on page 5 of tracemonkey with every "oracle" on it marked, and the keyboard moves through pages and matches', { timeout: 120_000 }, async () => {
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(CORPUS, 'pdfjs', 'tracemonkey.pdf')]);
    const { page } = s;
    // pdf.js's worker fetches its colour-management wasm and ICC profile from the app's own origin,
    // under the app's CSP (tracemonkey's figures use ICC colour spaces).
    const assets: string[] = [];
    s.context.on('requestfinished', (request) => {
      if (request.url().includes('/pdfjs/')) void request.response().then((response) => assets.push(`${response?.status()} ${new URL(request.url()).pathname}`));
    });
    await openPreview(s, docs.get('tracemonkey.pdf')!.id, '?page=5&find=oracle');
    const status = page.getByTestId('preview-find-status');
    await status.filter({ hasText: '1 / 4' }).waitFor({ timeout: 20_000 });
    const pageInput = page.getByRole('textbox', { name: /^Nomor halaman/ });
    assert.equal(await pageInput.inputValue(), '5', 'page 5 is the current page');
    assert.equal(await page.getByTestId('preview-page-count').innerText(), 'dari 14');
    assert.ok(await page.getByRole('img', { name: 'Halaman 5 dari 14' }).isVisible(), 'page 5 is drawn, with its accessible name');
    const marked = await page.locator('.pv-page[data-page="5"] .pv-hit').evaluateAll((spans) => new Set(spans.map((s) => (s as HTMLElement).dataset.match)).size);
    assert.equal(marked, 4, 'all four occurrences on page 5 are highlighted');
    assert.equal(await page.locator('.pv-page[data-page="5"] .pv-hit.pv-selected').first().innerText().then((t) => t.toLowerCase()), 'oracle');
    const selected = await page.locator('.pv-hit.pv-selected').first().boundingBox();
    const viewport = await page.locator('.pv-scroll').boundingBox();
    assert.ok(selected && viewport && selected.y >= viewport.y && selected.y + selected.height <= viewport.y + viewport.height, 'the selected match is scrolled into view');
    await s.screenshot('preview-pdf-find');
    await until('pdf.js to load its wasm from the app', async () => assets.includes('200 /pdfjs/wasm/qcms_bg.wasm'), 10_000);

    const find = page.getByRole('searchbox', { name: /^Cari di dokumen ini/ });
    await find.press('Enter');
    await status.filter({ hasText: '2 / 4' }).waitFor();
    await find.press('Shift+Enter');
    await find.press('Shift+Enter');
    await status.filter({ hasText: '4 / 4' }).waitFor();

    await page.locator('.pv-scroll').focus();
    await page.keyboard.press('PageDown');
    await until('page 6 after PageDown', async () => (await pageInput.inputValue()) === '6');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await until('page 4 after two PageUps', async () => (await pageInput.inputValue()) === '4');

    await pageInput.fill('12');
    await pageInput.press('Enter');
    await page.getByRole('img', { name: 'Halaman 12 dari 14' }).waitFor();
    assert.equal(await pageInput.inputValue(), '12');

    const zoom = page.getByLabel('Tingkat perbesaran');
    const before = await zoom.innerText();
    await page.getByRole('button', { name: 'Perbesar' }).click();
    assert.notEqual(await zoom.innerText(), before, 'zoom in changes the zoom level');
    await page.getByRole('button', { name: 'Satu halaman', exact: true }).click();
    await until('fit page pressed', async () => (await page.getByRole('button', { name: 'Satu halaman', exact: true }).getAttribute('aria-pressed')) === 'true');
    await page.getByRole('button', { name: 'Putar 90° searah jarum jam' }).click();
    await until('page 12 redrawn on its side', async () => {
      const box = await page.getByRole('img', { name: 'Halaman 12 dari 14' }).boundingBox();
      return box !== null && box.width > box.height;
    });
    assert.equal(await pageInput.inputValue(), '12', 'rotating keeps the page');
    await s.screenshot('preview-pdf-rotated');

    await page.getByRole('button', { name: 'Ke halaman 2', exact: true }).click();
    await until('page 2 from its thumbnail', async () => (await pageInput.inputValue()) === '2');
    await page.getByRole('button', { name: /^Tutup/ }).click();
    await until('the preview closes', async () => (await page.getByTestId('document-preview').count()) === 0);
  } finally {
    await s.close();
  }
});

test('a password-protected PDF asks for its password, says when it is wrong, and opens with the right one; the password never leaves the page', { timeout: 90_000 }, async () => {
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(CORPUS, 'pdfjs', 'issue15893_reduced.pdf')]);
    const { page } = s;
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    await openPreview(s, docs.get('issue15893_reduced.pdf')!.id);
    await page.getByRole('heading', { name: 'Dokumen ini dikunci dengan kata sandi' }).waitFor({ timeout: 10_000 });
    const field = page.getByLabel('Kata sandi PDF');
    assert.ok(await field.evaluate((el) => el === document.activeElement), 'the password field has the focus');
    await field.fill('bukan-sandinya-91');
    await page.getByRole('button', { name: 'Buka dokumen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Kata sandi salah' }).waitFor();
    assert.equal(await page.getByLabel('Kata sandi PDF').inputValue(), '', 'the wrong password is cleared');
    await s.screenshot('preview-pdf-password-wrong');
    await page.getByLabel('Kata sandi PDF').fill('test');
    await page.getByLabel('Kata sandi PDF').press('Enter');
    await page.getByRole('img', { name: 'Halaman 1 dari 1' }).waitFor({ timeout: 10_000 });
    await s.screenshot('preview-pdf-password-open');
    assert.deepEqual(sent.filter((line) => line.includes('bukan-sandinya-91')), [], 'no request carried the password');
  } finally {
    await s.close();
  }
});

test('a broken PDF shows what is wrong and the document details within 3 seconds', { timeout: 90_000 }, async () => {
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(CORPUS, 'pdfjs', 'poppler-937-0-fuzzed.pdf')]);
    const doc = docs.get('poppler-937-0-fuzzed.pdf')!;
    const { page } = s;
    const started = Date.now();
    await openPreview(s, doc.id);
    await page.getByRole('heading', { name: 'PDF ini rusak dan tidak dapat ditampilkan' }).waitFor({ timeout: 3_000 });
    const facts = page.getByTestId('preview-facts');
    await facts.waitFor({ timeout: Math.max(1, 3_000 - (Date.now() - started)) });
    assert.ok(Date.now() - started <= 3_000, `message and details within 3 s (took ${Date.now() - started} ms)`);
    assert.match(await page.getByTestId('preview-reason').innerText(), /pdf\.js.*End of file inside array/s, "pdf.js's reason is shown");
    const text = await facts.innerText();
    assert.match(text, /poppler-937-0-fuzzed\.pdf/);
    assert.match(text, /PDF \(application\/pdf\)/);
    assert.match(text, /1,6 KB/);
    assert.match(text, /Diimpor/);
    assert.match(text, /Tidak terbaca: file rusak/);
    await s.screenshot('preview-pdf-broken');
  } finally {
    await s.close();
  }
});

test('a document that does not arrive within 15 seconds ends in a message with a retry button, and retrying opens it', { timeout: 90_000 }, async () => {
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(CORPUS, 'pdfjs', 'tracemonkey.pdf')]);
    const { page } = s;
    // The first fetch of the document hangs, as on a stalled disk or a frozen network share.
    let held = 0;
    await page.route('**/documents/**', async (route) => {
      if (held++ === 0) return;
      await route.continue();
    });
    const started = Date.now();
    await openPreview(s, docs.get('tracemonkey.pdf')!.id);
    await page.getByRole('status').filter({ hasText: 'Memuat dokumen' }).waitFor();
    await page.getByRole('heading', { name: 'Dokumen terlalu lama dimuat' }).waitFor({ timeout: 25_000 });
    const waited = Date.now() - started;
    assert.ok(waited >= 14_000 && waited < 25_000, `the loading gives up after about 15 s (${waited} ms)`);
    assert.match(await page.getByTestId('preview-facts').innerText(), /tracemonkey\.pdf/);
    await s.screenshot('preview-pdf-timeout');
    await page.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByRole('img', { name: 'Halaman 1 dari 14' }).waitFor({ timeout: 20_000 });
  } finally {
    await s.close();
  }
});

test('a scanned Indonesian regulation (CCITT images at 300 ppi) shows its pages, and the details panel opens beside them', { timeout: 90_000 }, async () => {
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(CORPUS, 'indonesian', 'perpres-39-2019-satu-data-indonesia-scan.pdf')]);
    const { page } = s;
    await openPreview(s, docs.get('perpres-39-2019-satu-data-indonesia-scan.pdf')!.id, '?page=2');
    const canvas = page.getByRole('img', { name: 'Halaman 2 dari 35' });
    await canvas.waitFor({ timeout: 20_000 });
    // Ink on the page: the scan was decoded and drawn, not just a white rectangle.
    const inked = await canvas.evaluate((el) => {
      const source = el as HTMLCanvasElement;
      const small = document.createElement('canvas');
      small.width = 200;
      small.height = Math.round((200 * source.height) / source.width);
      const ctx = small.getContext('2d')!;
      ctx.drawImage(source, 0, 0, small.width, small.height);
      const { data } = ctx.getImageData(0, 0, small.width, small.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      small.width = 0;
      return dark / (data.length / 4);
    });
    assert.ok(inked > 0.005 && inked < 0.5, `the page carries text (${(inked * 100).toFixed(1)}% dark)`);
    await page.getByRole('button', { name: 'Info dokumen' }).click();
    const details = page.getByRole('complementary', { name: 'Data dokumen' });
    await details.waitFor();
    assert.match(await details.innerText(), /perpres-39-2019-satu-data-indonesia-scan\.pdf/);
    assert.match(await details.innerText(), /35/);
    await s.screenshot('preview-pdf-scan-details');
  } finally {
    await s.close();
  }
});

test('scrolling a 300-page PDF from top to bottom keeps at most a dozen pages drawn at any time', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 300; n++) {
    const p = pdf.addPage([595, 842]);
    p.drawText(`Halaman ${n}`, { x: 60, y: 760, size: 36, font, color: rgb(0.1, 0.2, 0.4) });
    for (let line = 0; line < 30; line++) p.drawText(`Baris ${line + 1} pada halaman ${n} dari laporan uji.`, { x: 60, y: 700 - line * 20, size: 12, font });
  }
  const file = join(dir, 'laporan-300-halaman.pdf');
  writeFileSync(file, await pdf.save());
  const s = await openSession();
  try {
    const docs = await importFiles(s, [file]);
    const { page } = s;
    await openPreview(s, docs.get('laporan-300-halaman.pdf')!.id);
    await page.getByRole('img', { name: 'Halaman 1 dari 300' }).waitFor({ timeout: 20_000 });
    const scroller = page.locator('.pv-scroll');
    const box = (await scroller.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    let most = 0;
    let steps = 0;
    for (;;) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(15);
      const { canvases, atBottom } = await scroller.evaluate((el) => ({
        canvases: document.querySelectorAll('canvas').length,
        atBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 2,
      }));
      most = Math.max(most, canvases);
      steps++;
      if (steps % 60 === 0) {
        // Pages really are drawn on the way down, not only skipped over.
        const current = await page.getByRole('textbox', { name: /^Nomor halaman/ }).inputValue();
        await page.getByRole('img', { name: `Halaman ${current} dari 300` }).waitFor({ timeout: 10_000 });
      }
      if (atBottom || steps > 2000) break;
    }
    await page.getByRole('img', { name: 'Halaman 300 dari 300' }).waitFor({ timeout: 10_000 });
    const settled = await page.locator('canvas').count();
    most = Math.max(most, settled);
    assert.ok(steps > 100, `the document was scrolled through (${steps} steps)`);
    assert.ok(most <= 12, `at most 12 live canvases while scrolling (saw ${most})`);
    assert.equal(await page.locator('.pv-page[data-page="1"] canvas').count(), 0, 'page 1 gave its canvas back');
    await s.screenshot('preview-pdf-300-pages-bottom');
  } finally {
    await s.close();
  }
});

test('images are shown with zoom, fit and rotation; TIFF and plain text say what they can show', { timeout: 90_000 }, async () => {
  const dir = tempDir();
  const tracemonkey = join(CORPUS, 'pdfjs', 'tracemonkey.pdf');
  execFileSync('pdftoppm', ['-jpeg', '-r', '70', '-f', '1', '-l', '1', '-singlefile', tracemonkey, join(dir, 'pindaian-surat')]);
  execFileSync('pdftoppm', ['-tiff', '-r', '40', '-f', '2', '-l', '2', '-singlefile', tracemonkey, join(dir, 'pindaian-lama')]);
  mkdirSync(join(dir, 'in'));
  for (const name of readdirSync(dir)) if (/\.(jpg|tif)$/.test(name)) renameSync(join(dir, name), join(dir, 'in', name));
  writeFileSync(join(dir, 'in', 'catatan-rapat.txt'), 'NOTULA RAPAT\n\nHari/tanggal : Senin, 2 Maret 2026\nTempat       : Ruang rapat PPID\n\n1. Pembahasan Daftar Informasi Publik.\n2. Uji konsekuensi informasi dikecualikan.\n');
  const s = await openSession();
  try {
    const docs = await importFiles(s, [join(dir, 'in')]);
    const { page } = s;

    await openPreview(s, docs.get('pindaian-surat.jpg')!.id);
    const image = page.getByRole('img', { name: 'Gambar pindaian-surat.jpg' });
    await image.waitFor();
    await until('the image to load', async () => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
    const zoom = page.getByLabel('Tingkat perbesaran');
    assert.equal(await page.getByRole('button', { name: 'Muat di jendela' }).getAttribute('aria-pressed'), 'true', 'the image opens fitted to the window');
    const fitted = (await image.boundingBox())!;
    const stage = (await page.locator('.pv-image-stage').boundingBox())!;
    assert.ok(fitted.height <= stage.height && fitted.width <= stage.width, 'the fitted image is wholly visible');
    await page.getByRole('button', { name: 'Putar 90° searah jarum jam' }).click();
    await until('the image on its side', async () => {
      const b = await image.boundingBox();
      return b !== null && b.width > b.height;
    });
    await s.screenshot('preview-image-rotated');
    await page.getByRole('button', { name: 'Ukuran asli (100%)' }).click();
    assert.equal(await zoom.innerText(), '100%');
    await page.getByRole('button', { name: 'Perkecil' }).click();
    assert.equal(await zoom.innerText(), '90%');

    // A TIFF is shown page by page like a PDF (Berkas lays its pages into a preview PDF).
    await openPreview(s, docs.get('pindaian-lama.tif')!.id);
    await page.getByRole('img', { name: 'Halaman 1 dari 1' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('preview-page-count').innerText(), 'dari 1');
    await s.screenshot('preview-tiff');

    await openPreview(s, docs.get('catatan-rapat.txt')!.id);
    const text = page.getByRole('region', { name: 'Isi dokumen catatan-rapat.txt' });
    await text.filter({ hasText: 'Uji konsekuensi informasi dikecualikan.' }).waitFor();
    assert.match(await text.evaluate((el) => getComputedStyle(el).fontFamily), /mono/i);
    await s.screenshot('preview-text');
  } finally {
    await s.close();
  }
});

test('a file the viewer cannot show (a Word document) offers a copy to open elsewhere, byte for byte what was imported', { timeout: 90_000 }, async () => {
  const dir = tempDir();
  // A .docx is a zip: the header makes Berkas recognise it; the viewer has no way to draw it.
  const docx = join(dir, 'laporan-kegiatan.docx');
  writeFileSync(docx, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml laporan kegiatan PPID '.repeat(40))]));
  const s = await openSession();
  try {
    const docs = await importFiles(s, [docx]);
    const { page } = s;
    await openPreview(s, docs.get('laporan-kegiatan.docx')!.id);
    await page.getByRole('heading', { name: 'Pratinjau untuk jenis file ini belum tersedia' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Simpan salinan…' }).click()]);
    assert.equal(download.suggestedFilename(), 'laporan-kegiatan.docx');
    assert.deepEqual(readFileSync((await download.path())!), readFileSync(docx));
    // The audit trail says a copy left the archive (the admin who took it is a supervisor).
    const trail = await s.invoke<{ rows: { action: string; entityId: string | null }[] }>('audit.list', { filter: {}, limit: 20 });
    assert.ok(trail.rows.some((r) => r.action === 'document.copy' && r.entityId === String(docs.get('laporan-kegiatan.docx')!.id)), JSON.stringify(trail.rows.map((r) => r.action)));
    await s.screenshot('preview-save-copy');
  } finally {
    await s.close();
  }
});
