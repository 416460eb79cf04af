// Import in batches (group commit): what a user sees must be what per-file commits gave — every
// file once, copies inside one batch reported as duplicates of the first, and an object a crash
// left torn at its content address never trusted.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runImport } from '../../main/archive/import.ts';
import { openArchive } from '../../main/archive/open.ts';
import { objectPath } from '../../main/archive/store.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { tempDir } from '../helpers/tmp.ts';

test('a copy inside the same batch is a duplicate of the first, and 300 files come in once each', async () => {
  const dir = tempDir();
  const src = join(dir, 'src');
  mkdirSync(src);
  for (let i = 0; i < 300; i++) writeFileSync(join(src, `nota-${String(i).padStart(3, '0')}.txt`), `Nota dinas ${i}\n`.repeat(10 + i));
  writeFileSync(join(src, 'nota-000-salinan.txt'), readFileSync(join(src, 'nota-000.txt')));
  const archive = openArchive(join(dir, 'a'));
  try {
    const report = await runImport(archive, [src], { actor: 't' });
    assert.equal(report.progress.imported, 300);
    assert.equal(report.progress.duplicates, 1);
    // Neighbours in the folder's order, so in one batch: the first of the two is imported.
    const [first, copy] = report.outcomes.filter((o) => /nota-000(-salinan)?\.txt$/.test(o.path));
    assert.ok(first && copy);
    assert.equal(first.status, 'imported');
    assert.equal(copy.status, 'duplicate');
    assert.equal(copy.recordId, first.recordId, 'the copy names the record of the first');
    assert.match(copy.reason!, new RegExp(`record ${first.recordId}$`));
    assert.equal((archive.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, 300);
    assert.deepEqual(report.outcomes.map((o) => o.path), [...report.outcomes.map((o) => o.path)].sort((a, b) => a.localeCompare(b)), 'outcomes in the order of the folder');
    assert.equal((await verifyArchive(archive)).consistent, true);
  } finally {
    archive.close();
  }
});

test('a torn object a crash left at its content address is replaced, not trusted', async () => {
  const dir = tempDir();
  const file = join(dir, 'surat.txt');
  const body = 'Surat undangan rapat koordinasi\n'.repeat(500);
  writeFileSync(file, body);
  const sha = createHash('sha256').update(body).digest('hex');
  const archive = openArchive(join(dir, 'a'));
  try {
    // What a crash between rename and fsync can leave: the name in place, the bytes not.
    const torn = objectPath(archive.layout, sha);
    mkdirSync(dirname(torn), { recursive: true });
    writeFileSync(torn, body.slice(0, 100));
    const report = await runImport(archive, [file], { actor: 't' });
    assert.equal(report.progress.imported, 1);
    assert.equal(readFileSync(torn, 'utf8'), body, 'the stored bytes are the file');
    const verify = await verifyArchive(archive, { quick: false });
    assert.equal(verify.consistent, true);
    assert.deepEqual(verify.documents.corrupt, []);
  } finally {
    archive.close();
  }
});
