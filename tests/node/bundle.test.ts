// The code users run is the bundle in out/ (the Electron app, `npx berkas`), not the sources the
// other tests import. npm test builds before testing; these prove the bundle itself works.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { archiveWithUser, cliEnv } from '../helpers/cli.ts';
import { CORPUS, ROOT, tempDir } from '../helpers/tmp.ts';

const OUT = join(ROOT, 'out', 'main');

test('the bundle is built (npm test builds before it tests)', () => {
  for (const entry of ['index.js', 'backend-worker.js', 'extract-worker.js', 'ocr-worker.js', 'tesseract-thread.js', 'cli.js']) assert.ok(existsSync(join(OUT, entry)), `out/main/${entry}`);
  assert.ok(existsSync(join(ROOT, 'out', 'preload', 'index.cjs')));
  assert.ok(existsSync(join(ROOT, 'out', 'renderer', 'index.html')));
});

test('npx berkas (the bundled CLI) imports a PDF and extracts its text in the bundled worker', { timeout: 120_000 }, async () => {
  const archive = join(tempDir(), 'arsip');
  await archiveWithUser(archive);
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'berkas.js'), '--archive', archive, '--json', 'import', join(CORPUS, 'pdfjs', 'tracemonkey.pdf')], {
    env: cliEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.status, 0, result.stderr);
  const out = JSON.parse(result.stdout) as { imported: number; outcomes: { extractStatus: string }[] };
  assert.equal(out.imported, 1);
  assert.equal(out.outcomes[0]!.extractStatus, 'ok');
});

test('the bundled backend worker (what the Electron app runs) opens an archive and answers', { timeout: 60_000 }, async () => {
  const archiveDir = join(tempDir(), 'arsip');
  const worker = new Worker(join(OUT, 'backend-worker.js'), { workerData: { archiveDir, host: 'electron' } });
  try {
    const messages: { type: string; [k: string]: unknown }[] = [];
    const next = (type: string) =>
      new Promise<{ type: string; [k: string]: unknown }>((resolve, reject) => {
        const found = messages.find((m) => m.type === type);
        if (found) return resolve(found);
        const onMessage = (m: { type: string }) => {
          if (m.type === type || m.type === 'fatal') {
            worker.off('message', onMessage);
            if (m.type === 'fatal') reject(new Error(JSON.stringify(m)));
            else resolve(m as { type: string });
          }
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
    await next('ready');
    type Info = { result: { ok: boolean; value: { schemaVersion: number | null; archivePath: string | null } } };
    const result = (id: number) =>
      new Promise<Info>((resolve) => {
        const onMessage = (m: { type: string; id?: number }) => {
          if (m.type === 'result' && m.id === id) {
            worker.off('message', onMessage);
            resolve(m as unknown as Info);
          }
        };
        worker.on('message', onMessage);
      });
    worker.postMessage({ type: 'call', id: 1, channel: 'app.info', input: {}, sender: { kind: 'cli' } });
    const before = await result(1);
    assert.equal(before.result.ok, true);
    assert.equal(before.result.value.archivePath, null, 'before login app.info names no path');
    worker.postMessage({ type: 'call', id: 2, channel: 'accounts.setup', input: { name: 'admin', displayName: 'Admin', password: 'sandi-admin-uji-1', roles: ['admin'] }, sender: { kind: 'cli' } });
    await result(2);
    worker.postMessage({ type: 'call', id: 3, channel: 'app.info', input: {}, sender: { kind: 'cli' } });
    const reply = await result(3);
    assert.equal(reply.result.value.archivePath, archiveDir);
    assert.ok((reply.result.value.schemaVersion ?? 0) >= 60);
  } finally {
    await worker.terminate();
  }
});

test('the bundled OCR worker reads a page with the bundled engine thread and the installed language data', { timeout: 120_000 }, async () => {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(1400, 200);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, 1400, 200);
  g.fillStyle = '#000000';
  g.font = '60px sans-serif';
  g.fillText('Arsip Dinas Kearsipan', 50, 120);
  const image = join(tempDir(), 'halaman.png');
  writeFileSync(image, await canvas.encode('png'));
  const worker = new Worker(join(OUT, 'ocr-worker.js'));
  try {
    const text = await new Promise<string>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: { type: string; result?: { text: string }; reason?: string }) => {
        if (m.type === 'ready') worker.postMessage({ type: 'page', id: 1, file: image, mime: 'image/png', page: 1, dpi: 300, languages: ['ind', 'eng'] });
        else if (m.type === 'page') resolve(m.result!.text);
        else if (m.type === 'error') reject(new Error(m.reason));
      });
    });
    assert.match(text, /Arsip Dinas Kearsipan/);
  } finally {
    await worker.terminate();
  }
});
