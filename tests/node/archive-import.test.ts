import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BLANK_RECORD_FIELDS } from '../../preload/contract.ts';
import { runImport } from '../../main/archive/import.ts';
import { openArchive } from '../../main/archive/open.ts';
import { getRecord } from '../../main/archive/records.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { Extractor } from '../../main/extract/extractor.ts';
import { Indexer } from '../../main/search/indexer.ts';
import { search } from '../../main/search/search.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';
import { CLASS_ORDER, fullViewer } from '../../main/clearance/viewer.ts';

function countFiles(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    n += statSync(p).isDirectory() ? countFiles(p) : 1;
  }
  return n;
}

test('importing the whole shared corpus gives every file a record and a definite text status', { timeout: 240_000 }, async () => {
  const archive = openArchive(join(tempDir(), 'a'));
  const extractor = new Extractor({ timeoutMs: 60_000 });
  const indexer = new Indexer(archive, extractor);
  try {
    const progress: number[] = [];
    const report = await runImport(archive, [CORPUS], {
      actor: 'tester',
      onImported: (id) => indexer.enqueue([id]),
      onProgress: (p) => progress.push(p.filesDone),
    });
    await indexer.idle();
    const total = countFiles(CORPUS);
    assert.equal(report.progress.state, 'done');
    assert.equal(report.outcomes.length, total);
    assert.equal(report.progress.imported, total, 'the corpus has no identical files');
    assert.ok(progress.length >= 2 && progress.at(-1) === total, 'progress reached the end');
    const statuses = archive.db.prepare('SELECT d.original_name AS name, d.extract_status AS status, d.extract_detail AS detail FROM documents d').all() as {
      name: string;
      status: string;
      detail: string | null;
    }[];
    assert.equal(statuses.length, total);
    for (const s of statuses) assert.notEqual(s.status, 'pending', `${s.name} still pending`);
    const byName = new Map(statuses.map((s) => [s.name, s]));
    assert.equal(byName.get('tracemonkey.pdf')?.status, 'ok');
    assert.equal(byName.get('issue15893_reduced.pdf')?.status, 'password');
    assert.equal(byName.get('pergub-4-2021-phone-scan.pdf')?.status, 'no-text');
    assert.equal(byName.get('poppler-937-0-fuzzed.pdf')?.status, 'unreadable');
    assert.ok(byName.get('poppler-937-0-fuzzed.pdf')?.detail, 'an unreadable file says why');
    const report2 = await verifyArchive(archive);
    assert.equal(report2.consistent, true);
  } finally {
    await indexer.close();
    await extractor.close();
    archive.close();
  }
});

test('search finds a word that is only on page 5 of tracemonkey.pdf and returns that page', { timeout: 60_000 }, async () => {
  const archive = openArchive(join(tempDir(), 'a'));
  const extractor = new Extractor();
  const indexer = new Indexer(archive, extractor);
  try {
    await runImport(archive, [join(CORPUS, 'pdfjs', 'tracemonkey.pdf')], { actor: 't', onImported: (id) => indexer.enqueue([id]) });
    await indexer.idle();
    // "oracle" appears on page 5 and nowhere else in the paper (checked with pdftotext per page).
    const result = search(archive.db, 'oracle', { filter: {}, offset: 0, limit: 10, classes: CLASS_ORDER });
    assert.equal(result.total, 1);
    assert.equal(result.hits[0]!.page, 5);
    assert.ok(result.hits[0]!.snippet.toLowerCase().includes('\u0002oracle\u0003'), 'the word is marked in the snippet');
  } finally {
    await indexer.close();
    await extractor.close();
    archive.close();
  }
});

test('identical content is reported as a duplicate of the existing record and not stored twice', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'undangan.txt'), 'Undangan rapat koordinasi PPID');
  copyFileSync(join(src, 'undangan.txt'), join(src, 'sub', 'salinan undangan.txt'));
  writeFileSync(join(src, 'kosong.txt'), '');
  writeFileSync(join(src, 'Thumbs.db'), 'x');
  const archive = openArchive(join(dir, 'a'));
  try {
    const report = await runImport(archive, [src], { actor: 't' });
    const byStatus = Object.groupBy(report.outcomes, (o) => o.status);
    assert.equal(byStatus.imported?.length, 1);
    assert.equal(byStatus.duplicate?.length, 1);
    assert.match(byStatus.duplicate![0]!.reason!, /already in the archive as record \d+/);
    assert.equal(byStatus.duplicate![0]!.recordId, byStatus.imported![0]!.recordId);
    assert.equal(byStatus.rejected?.length, 1, 'the empty file');
    assert.match(byStatus.rejected![0]!.reason!, /empty/);
    assert.equal(report.outcomes.some((o) => o.path.endsWith('Thumbs.db')), false, 'OS litter is skipped');
    const objects = (archive.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    assert.equal(objects, 1);
    const record = getRecord(archive.db, byStatus.imported![0]!.recordId!, fullViewer('test'));
    // Folders are walked in name order, so the copy in sub/ came first and the other is its duplicate.
    assert.equal(record.subject, 'salinan undangan');
    assert.equal(record.documents[0]!.originalName, 'salinan undangan.txt');
    assert.ok(byStatus.duplicate![0]!.path.endsWith('undangan.txt'));
    // An imported record starts from the same blank record as one typed into the form.
    const { id: _id, status: _status, createdAt: _c, updatedAt: _u, version: _v, classificationTitle: _t, classificationScheme: _s, fileTitle: _f, documents: _d, ...fields } = record;
    assert.equal(record.version, 1, 'a new record starts at version 1');
    assert.deepEqual(fields, { ...BLANK_RECORD_FIELDS, subject: 'salinan undangan' });
    assert.equal(record.countUnit, 'lembar');
  } finally {
    archive.close();
  }
});

test('cancelling an import stops it between files and leaves the archive consistent', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  mkdirSync(src);
  for (let i = 0; i < 200; i++) writeFileSync(join(src, `surat-${i}.txt`), `Surat nomor ${i} `.repeat(2000));
  const archive = openArchive(join(dir, 'a'));
  try {
    const controller = new AbortController();
    const report = await runImport(archive, [src], {
      actor: 't',
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.filesDone === 20) controller.abort();
      },
    });
    assert.equal(report.progress.state, 'cancelled');
    assert.ok(report.progress.imported >= 20 && report.progress.imported < 200);
    assert.equal((await verifyArchive(archive)).consistent, true);
    const again = await runImport(archive, [src], { actor: 't' });
    assert.equal(again.progress.imported + again.progress.duplicates, 200);
    assert.equal((archive.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, 200);
  } finally {
    archive.close();
  }
});

test('a file that cannot be read is rejected with the reason, and the rest still import', async () => {
  const dir = tempDir();
  const archive = openArchive(join(dir, 'a'));
  writeFileSync(join(dir, 'ok.txt'), 'isi');
  try {
    const report = await runImport(archive, [join(dir, 'ok.txt'), join(dir, 'missing.pdf')], { actor: 't' });
    assert.equal(report.progress.imported, 1);
    assert.equal(report.progress.rejected, 1);
    assert.match(report.outcomes.find((o) => o.status === 'rejected')!.reason!, /ENOENT/);
  } finally {
    archive.close();
  }
});
