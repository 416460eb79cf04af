// Issue 15.2: a 20-page TIFF from the office scanner is previewed page by page (its searchable PDF
// rendition has the 20 pages in order) and every page is OCR'd into the index: a word printed only
// on page 17 is found on page 17. The TIFF is made here (8-bit grey, one directory per page).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DocumentInfo, SearchHit } from '../../preload/contract.ts';
import { objectPath } from '../../main/archive/store.ts';
import { Extractor } from '../../main/extract/extractor.ts';
import { createBackend } from '../../main/host/backend.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { multiPageTiff } from '../helpers/tiff.ts';
import { tempDir } from '../helpers/tmp.ts';
import { importFile } from '../helpers/import.ts';

// One place name per page, each printed on that page only.
const PLACES = ['Palangka', 'Sampit', 'Pangkalan', 'Kasongan', 'Buntok', 'Tamiang', 'Muara', 'Kuala', 'Pulang', 'Sukamara',
  'Nanga', 'Katingan', 'Barito', 'Kapuas', 'Seruyan', 'Lamandau', 'Tumbang', 'Puruk', 'Ampah', 'Mentaya'];

test('a 20-page TIFF previews as 20 pages and each page is searchable on its own page', { timeout: 600_000 }, async () => {
  const root = tempDir();
  const tiff = join(root, 'pindaian-20-halaman.tif');
  writeFileSync(tiff, multiPageTiff(PLACES.map((place, i) => ({ lines: [`Halaman ${i + 1} dari 20`, `Kecamatan ${place} melaporkan`, 'kegiatan pelayanan informasi publik.'] }))));
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell', ocrWorkers: 1 });
  try {
    await loginAsAdmin(backend);
    const recordId = await importFile(backend, tiff);
    await backend.indexer.idle();
    await backend.ocr.idle();

    const doc = (await ok<{ documents: DocumentInfo[] }>(backend.dispatch('records.get', { id: recordId }, CLI_SENDER))).documents[0]!;
    assert.equal(doc.mime, 'image/tiff');
    assert.equal(doc.ocrStatus, 'done', `OCR detail: ${doc.ocrDetail}`);
    assert.equal(doc.ocrPagesTotal, 20);
    assert.equal(doc.ocrPagesDone, 20);

    for (const page of [1, 17, 20]) {
      const hits = (await ok<{ hits: SearchHit[] }>(backend.dispatch('search.query', { query: PLACES[page - 1]! }, CLI_SENDER))).hits;
      assert.equal(hits.length, 1, `"${PLACES[page - 1]}" found once`);
      assert.equal(hits[0]!.page, page, `"${PLACES[page - 1]}" is on page ${page}`);
    }

    // The preview is the rendition: 20 pages, in order, each with its own words.
    const { url, mime } = await ok<{ url: string; mime: string }>(backend.dispatch('documents.url', { documentId: doc.id }, CLI_SENDER));
    assert.equal(mime, 'application/pdf');
    const served = backend.resolveDocument(url.split('/').pop()!)!;
    const text: string[] = [];
    const check = new Extractor();
    const r = await check.extract(served.path, { mime: 'application/pdf', onPage: (p) => text.push(p.text) });
    await check.close();
    assert.equal(r.pages, 20);
    assert.match(text[16]!, /Tumbang/);
    assert.match(text[16]!, /Halaman 17 dari 20/);
    assert.doesNotMatch(text[15]!, /Tumbang/);

    // The original is stored byte for byte.
    const stored = readFileSync(objectPath(backend.archive.layout, doc.sha256));
    assert.equal(createHash('sha256').update(stored).digest('hex'), createHash('sha256').update(readFileSync(tiff)).digest('hex'));
  } finally {
    await backend.close();
  }
});
