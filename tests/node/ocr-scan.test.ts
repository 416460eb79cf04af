// OCR of a real phone scan (Pergub Sumatera Selatan 4/2021, no text layer at all): after import, its
// words are found by search on the page they are on, the page's word boxes are stored, the document
// says how sure OCR was, and the preview is served as a searchable PDF while the original stays
// byte-for-byte what was imported. Two pages only, to keep CI time down.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { DocumentInfo, SearchHit } from '../../preload/contract.ts';
import { objectPath } from '../../main/archive/store.ts';
import { Extractor } from '../../main/extract/extractor.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import type { OcrWord } from '../../main/ocr/ocr-protocol.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { importFile } from '../helpers/import.ts';

const PHONE_SCAN = join(CORPUS, 'indonesian', 'pergub-4-2021-phone-scan.pdf');

/** Pages 1 and 2 of the phone scan as they are (the page objects copied, images untouched). */
async function firstTwoPages(target: string): Promise<void> {
  const source = await PDFDocument.load(readFileSync(PHONE_SCAN));
  const out = await PDFDocument.create();
  for (const page of await out.copyPages(source, [0, 1])) out.addPage(page);
  writeFileSync(target, await out.save());
}

async function search(backend: Backend, query: string): Promise<SearchHit[]> {
  return (await ok<{ hits: SearchHit[] }>(backend.dispatch('search.query', { query }, CLI_SENDER))).hits;
}

test('words only in the image of the phone scan are found on their page, with word boxes, and previewed as a searchable PDF', { timeout: 240_000 }, async () => {
  assert.ok(existsSync(PHONE_SCAN), `the shared corpus is missing at ${PHONE_SCAN}`);
  const root = tempDir();
  const scan = join(root, 'pergub-4-2021-hal-1-2.pdf');
  await firstTwoPages(scan);

  // The file has no text layer: pdf.js finds no text on either page, so nothing below can come from one.
  const extractor = new Extractor();
  const layer: string[] = [];
  const extracted = await extractor.extract(scan, { mime: 'application/pdf', onPage: (p) => layer.push(p.text) });
  await extractor.close();
  assert.equal(extracted.status, 'no-text');
  assert.ok(layer.every((t) => t.trim() === ''), 'no text layer on either page');

  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell', ocrWorkers: 1 });
  try {
    await loginAsAdmin(backend);
    const recordId = await importFile(backend, scan);
    await backend.indexer.idle();
    await backend.ocr.idle();

    const record = await ok<{ documents: DocumentInfo[] }>(backend.dispatch('records.get', { id: recordId }, CLI_SENDER));
    const doc = record.documents[0]!;
    assert.equal(doc.extractStatus, 'no-text');
    assert.equal(doc.ocrStatus, 'done', `OCR detail: ${doc.ocrDetail}`);
    assert.equal(doc.ocrPagesDone, 2);
    assert.equal(doc.ocrPagesTotal, 2);
    assert.ok(doc.ocrConfidence !== null && doc.ocrConfidence > 60, `mean confidence ${doc.ocrConfidence}`);
    assert.equal(doc.ocrDetail, null);

    // Read off the page images: "Keterbukaan Informasi Publik" (UU 14/2008, listed on page 2) and
    // "Statistik" (UU 16/1997, the last item of page 1).
    const keterbukaan = await search(backend, 'Keterbukaan Informasi Publik');
    assert.equal(keterbukaan.length, 1);
    assert.equal(keterbukaan[0]!.recordId, recordId);
    assert.equal(keterbukaan[0]!.documentId, doc.id);
    assert.equal(keterbukaan[0]!.page, 2);
    const statistik = await search(backend, 'statistik');
    assert.equal(statistik[0]?.page, 1);

    // Word boxes: "Keterbukaan" sits inside the A4 page (595 × 842 pt), wider than tall, in the
    // lower half's upper part where the list of laws is.
    const row = backend.archive.db.prepare('SELECT words, width, height, confidence FROM ocr_pages WHERE document_id = ? AND page = 2').get(doc.id) as { words: string; width: number; height: number; confidence: number };
    assert.deepEqual([row.width, row.height], [595, 842]);
    const words = JSON.parse(row.words) as OcrWord[];
    const word = words.find((w) => w[0] === 'Keterbukaan');
    assert.ok(word, `"Keterbukaan" among the ${words.length} words of page 2`);
    const [, confidence, blx, bly, brx, bry, tlx, tly] = word;
    assert.ok(confidence > 50);
    for (const x of [blx, brx, tlx]) assert.ok(x > 0 && x < 595);
    for (const y of [bly, bry, tly]) assert.ok(y > 0 && y < 842);
    assert.ok(brx - blx > tly - bly, 'a word box is wider than tall');
    assert.ok(tly > bly, 'top above bottom in PDF points');

    // The preview is the searchable rendition; its text layer carries the words on the same page.
    const { url, mime } = await ok<{ url: string; mime: string }>(backend.dispatch('documents.url', { documentId: doc.id }, CLI_SENDER));
    assert.equal(mime, 'application/pdf');
    const served = backend.resolveDocument(url.split('/').pop()!)!;
    assert.notEqual(served.path, objectPath(backend.archive.layout, doc.sha256), 'the rendition, not the original, is served');
    const renditionText: string[] = [];
    const check = new Extractor();
    const r = await check.extract(served.path, { mime: 'application/pdf', onPage: (p) => renditionText.push(p.text) });
    await check.close();
    assert.equal(r.pages, 2);
    assert.match(renditionText[1]!, /Keterbukaan Informasi Publik/);
    assert.doesNotMatch(renditionText[0]!, /Keterbukaan/);

    // The original is untouched.
    const stored = readFileSync(objectPath(backend.archive.layout, doc.sha256));
    assert.equal(createHash('sha256').update(stored).digest('hex'), doc.sha256);
    assert.deepEqual(stored, readFileSync(scan));
  } finally {
    await backend.close();
  }
});
