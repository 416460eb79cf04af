// The OCR engine and queue on small generated pages: offline by construction (trained data from
// node_modules, no network even when asked), a page that takes too long fails alone, cancel and
// retry, idle-time mode and the pool's size while someone works, and destruction removing the words.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import type { DocumentInfo, OcrQueue, SearchHit } from '../../preload/contract.ts';
import { createBackend, type Backend } from '../../main/host/backend.ts';
import { languageDir } from '../../main/ocr/languages.ts';
import { CLI_SENDER, loginAsAdmin, ok } from '../helpers/accounts.ts';
import { ROOT, tempDir } from '../helpers/tmp.ts';
import { importFiles } from '../helpers/import.ts';

/** Black words on white paper, as a scanner would give them, PNG-encoded. */
async function textImage(lines: string[], width = 1400, lineHeight = 110): Promise<Buffer> {
  const canvas = createCanvas(width, lineHeight * lines.length + 80);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  g.font = '60px sans-serif';
  lines.forEach((line, i) => g.fillText(line, 50, 100 + i * lineHeight));
  return canvas.encode('png');
}

/** Grey noise, which the engine cannot make sense of quickly: a page that takes too long. */
async function noiseImage(size: number): Promise<Buffer> {
  const canvas = createCanvas(size, size);
  const g = canvas.getContext('2d');
  const image = g.createImageData(size, size);
  let seed = 42;
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const v = seed & 0xff;
    image.data.set([v, v, v, 255], i);
  }
  g.putImageData(image, 0, 0);
  return canvas.encode('png');
}

/** A PDF with no text layer: each page is an image, laid on a page of the given size in points. */
async function imagePdf(pages: { png: Buffer; width: number; height: number }[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const p of pages) {
    const image = await pdf.embedPng(p.png);
    pdf.addPage([p.width, p.height]).drawImage(image, { x: 0, y: 0, width: p.width, height: p.height });
  }
  return pdf.save();
}

async function mainDocument(backend: Backend, recordId: number): Promise<DocumentInfo> {
  return (await ok<{ documents: DocumentInfo[] }>(backend.dispatch('records.get', { id: recordId }, CLI_SENDER))).documents[0]!;
}

async function hits(backend: Backend, query: string): Promise<SearchHit[]> {
  return (await ok<{ hits: SearchHit[] }>(backend.dispatch('search.query', { query }, CLI_SENDER))).hits;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('OCR reads its trained data from node_modules and works with every network path refused', { timeout: 120_000 }, async () => {
  for (const lang of ['ind', 'eng'] as const) {
    const dir = languageDir(lang);
    const rel = relative(join(ROOT, 'node_modules'), dir);
    assert.ok(!rel.startsWith('..') && rel.startsWith(`@tesseract.js-data${sep}${lang}`), `${lang} data at ${dir}`);
  }
  const root = tempDir();
  const image = join(root, 'surat.png');
  writeFileSync(image, await textImage(['Dinas Kearsipan Daerah', 'Surat Keputusan Kepala']));
  const log = join(root, 'network.log');
  // Where the machine allows it, also in a network namespace with no interface at all.
  const isolated = spawnSync('unshare', ['-rn', 'true']).status === 0;
  const node = [process.execPath, '--import', join(ROOT, 'tests/helpers/no-network.ts'), join(ROOT, 'tests/helpers/ocr-offline-child.ts'), image];
  const [command, ...args] = isolated ? ['unshare', '-rn', ...node] : node;
  const child = spawnSync(command!, args, { env: { ...process.env, BERKAS_NETWORK_LOG: log }, encoding: 'utf8', timeout: 100_000 });
  assert.equal(child.status, 0, child.stderr);
  const out = JSON.parse(child.stdout) as { text: string; confidence: number };
  assert.match(out.text, /Dinas Kearsipan Daerah/);
  assert.match(out.text, /Surat Keputusan Kepala/);
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  assert.deepEqual(lines.filter((l) => l.startsWith('attempt')), [], 'no network access was tried');
  // The guard was loaded in the process, in the OCR worker and in the engine's own thread.
  assert.ok(lines.filter((l) => l.startsWith('guard worker')).length >= 2, lines.join('\n'));
});

test('a page that takes too long fails alone: the others are read and the document says which failed; cancel and retry', { timeout: 240_000 }, async () => {
  const root = tempDir();
  const small = (text: string) => textImage([text], 1400, 110).then((png) => ({ png, width: 480, height: 65 }));
  const mixed = join(root, 'campuran.pdf');
  writeFileSync(mixed, await imagePdf([await small('Pemeriksaan Keuangan Daerah'), { png: await noiseImage(1200), width: 14000, height: 14000 }, await small('Rekapitulasi Anggaran Belanja')]));
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell', ocrWorkers: 1, ocrPageTimeoutMs: 8000 });
  try {
    await loginAsAdmin(backend);
    const ids = await importFiles(backend, [mixed]);
    await backend.indexer.idle();
    await backend.ocr.idle();
    let doc = await mainDocument(backend, ids.get('campuran.pdf')!);
    assert.equal(doc.ocrStatus, 'done');
    assert.equal(doc.ocrPagesDone, 3);
    assert.match(doc.ocrDetail ?? '', /1 of 3 pages could not be read \(first: page 2: timed out after 8 s\)/);
    assert.equal((await hits(backend, 'Pemeriksaan'))[0]?.page, 1);
    assert.equal((await hits(backend, 'Rekapitulasi'))[0]?.page, 3);

    // Retry queues the failed page again; cancelling stops it, and what was read stays searchable.
    const retried = await ok<{ queued: number }>(backend.dispatch('ocr.retry', { documentId: doc.id }, CLI_SENDER));
    assert.equal(retried.queued, 1);
    assert.equal((await mainDocument(backend, doc.recordId)).ocrStatus, 'pending');
    assert.deepEqual(await ok(backend.dispatch('ocr.cancel', { documentId: doc.id }, CLI_SENDER)), { cancelled: true });
    await backend.ocr.idle();
    doc = await mainDocument(backend, doc.recordId);
    assert.equal(doc.ocrStatus, 'cancelled');
    assert.equal((await hits(backend, 'Rekapitulasi'))[0]?.page, 3);
    const queue = await ok<OcrQueue>(backend.dispatch('ocr.queue', {}, CLI_SENDER));
    assert.equal(queue.pages, 0, 'a cancelled document is not read');
    const actions = backend.archive.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'document.ocr-%' ORDER BY id").all() as { action: string }[];
    assert.deepEqual(actions.map((a) => a.action), ['document.ocr-retry', 'document.ocr-cancel']);
  } finally {
    await backend.close();
  }
});

test('a scan whose only page cannot be read is ocr-failed with the reason', { timeout: 120_000 }, async () => {
  const root = tempDir();
  const broken = join(root, 'rusak.png');
  // The PNG signature and then nothing an image decoder can read (a scan cut off in transfer).
  const png = await textImage(['Nota Dinas']);
  writeFileSync(broken, Buffer.concat([png.subarray(0, 8), Buffer.alloc(400, 7)]));
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell', ocrWorkers: 1 });
  try {
    await loginAsAdmin(backend);
    const ids = await importFiles(backend, [broken]);
    await backend.indexer.idle();
    await backend.ocr.idle();
    const doc = await mainDocument(backend, ids.get('rusak.png')!);
    assert.equal(doc.ocrStatus, 'failed');
    assert.match(doc.ocrDetail ?? '', /^page 1: /);
    assert.equal(doc.ocrConfidence, null);
  } finally {
    await backend.close();
  }
});

test('idle-time OCR waits while someone works; one worker while they work, the bulk size when they stop', { timeout: 120_000 }, async () => {
  const root = tempDir();
  writeFileSync(join(root, 'memo.png'), await textImage(['Memo Sekretariat Daerah']));
  const backend = await createBackend({ archiveDir: join(root, 'arsip'), host: 'browser-shell', ocrWorkers: 3, presenceWindowMs: 1500 });
  try {
    await loginAsAdmin(backend);
    const settings = await ok(backend.dispatch('ocr.setSettings', { enabled: true, languages: ['ind'], when: 'idle' }, CLI_SENDER));
    assert.deepEqual(settings, { enabled: true, languages: ['ind'], when: 'idle' });
    // Someone keeps working (input every 300 ms) through the import.
    await ok(backend.dispatch('presence.active', {}, CLI_SENDER));
    const working = setInterval(() => backend.presence.touch(), 300);
    let ids = new Map<string, number>();
    let queue: OcrQueue;
    try {
      ids = await importFiles(backend, [join(root, 'memo.png')]);
      await backend.indexer.idle();
      await new Promise((resolve) => setTimeout(resolve, 500));
      queue = await ok<OcrQueue>(backend.dispatch('ocr.queue', {}, CLI_SENDER));
      assert.equal(queue.waiting, 'user-active');
      assert.equal(queue.pages, 1);
      assert.equal((await mainDocument(backend, ids.get('memo.png')!)).ocrStatus, 'pending');
    } finally {
      clearInterval(working);
    }
    // Nobody touches anything for a while: the page is read.
    await until('idle-time OCR', async () => (await mainDocument(backend, ids.get('memo.png')!)).ocrStatus === 'done');
    assert.equal((await hits(backend, 'Sekretariat'))[0]?.recordId, ids.get('memo.png'));
    queue = await ok<OcrQueue>(backend.dispatch('ocr.queue', {}, CLI_SENDER));
    assert.equal(queue.waiting, null);
    assert.equal(queue.workers, 3, 'the bulk size once nobody is at work');

    // 'import' mode: reads at once, but with one worker while the user is active.
    await ok(backend.dispatch('ocr.setSettings', { enabled: true, languages: ['ind', 'eng'], when: 'import' }, CLI_SENDER));
    writeFileSync(join(root, 'memo2.png'), await textImage(['Laporan Tahunan Dinas']));
    await ok(backend.dispatch('presence.active', {}, CLI_SENDER));
    await importFiles(backend, [join(root, 'memo2.png')]);
    await backend.indexer.idle();
    await until('a worker at work', async () => (await ok<OcrQueue>(backend.dispatch('ocr.queue', {}, CLI_SENDER))).reading > 0 || (await hits(backend, 'Tahunan')).length > 0);
    assert.equal((await ok<OcrQueue>(backend.dispatch('ocr.queue', {}, CLI_SENDER))).workers, 1);
    await backend.ocr.idle();
    assert.equal((await hits(backend, 'Tahunan')).length, 1);
  } finally {
    await backend.close();
  }
});
