// The import must survive being killed at any moment: a real CLI process, SIGKILLed at random
// points, over and over; after each kill the archive verifies, nothing committed is lost, and
// the final re-run completes with no duplicates.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openArchive } from '../../main/archive/open.ts';
import { CLASS_ORDER } from '../../main/clearance/viewer.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { checkIndex } from '../../main/search/engine/store.ts';
import { search } from '../../main/search/search.ts';
import { archiveWithUser, runCli, spawnCli } from '../helpers/cli.ts';
import { CORPUS, tempDir } from '../helpers/tmp.ts';

const KILLS = 22;

async function makeFolder(dir: string): Promise<number> {
  mkdirSync(join(dir, 'scans'), { recursive: true });
  let n = 0;
  for (let i = 0; i < 30; i++) {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let p = 0; p < 8; p++) {
      const page = pdf.addPage();
      for (let l = 0; l < 40; l++) page.drawText(`Surat ${i} halaman ${p + 1} baris ${l} tentang pengadaan jalan desa`, { x: 40, y: 800 - l * 18, size: 10, font });
    }
    writeFileSync(join(dir, 'scans', `surat-${String(i).padStart(2, '0')}.pdf`), await pdf.save());
    n++;
  }
  for (let i = 0; i < 40; i++) {
    writeFileSync(join(dir, `nota-${i}.txt`), `Nota dinas ${i}\n`.repeat(20_000));
    n++;
  }
  copyFileSync(join(CORPUS, 'pdfjs', 'tracemonkey.pdf'), join(dir, 'tracemonkey.pdf'));
  copyFileSync(join(CORPUS, 'pdfjs', 'freeculture.pdf'), join(dir, 'freeculture.pdf'));
  return n + 2;
}

function committedRecords(archiveDir: string): Map<number, string> {
  const archive = openArchive(archiveDir);
  try {
    const rows = archive.db.prepare('SELECT r.id, d.sha256 FROM records r JOIN documents d ON d.record_id = r.id').all() as { id: number; sha256: string }[];
    return new Map(rows.map((r) => [r.id, r.sha256]));
  } finally {
    archive.close();
  }
}

test('import keeps the archive intact when the process is killed at random points', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const source = join(dir, 'incoming');
  const files = await makeFolder(source);
  const archiveDir = join(dir, 'archive');
  await archiveWithUser(archiveDir);

  let seen = new Map<number, string>();
  let killedMidway = 0;
  for (let k = 0; k < KILLS; k++) {
    const child = spawnCli(archiveDir, ['import', source]);
    const delay = 100 + Math.floor(Math.random() * 1400);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The clock starts once the CLI has signed in (its first line): a kill during the password
    // check counts as a failed login by design, and enough of those would lock the test user out.
    let timer: NodeJS.Timeout | undefined;
    child.stderr.once('data', () => {
      timer = setTimeout(() => child.kill('SIGKILL'), delay);
    });
    const code = await exited;
    clearTimeout(timer);
    if (code === null) killedMidway++;

    const archive = openArchive(archiveDir);
    try {
      const report = await verifyArchive(archive, { quick: false });
      const index = checkIndex(archive.db);
      assert.equal(index.ok, true, `kill ${k}: the ranked index mirrors the text rows: ${index.problems.join('; ')}`);
      assert.equal(report.consistent, true, `kill ${k} after ${delay} ms: ${JSON.stringify({ sqlite: report.sqlite, docs: report.documents, audit: report.audit.breaks })}`);
    } finally {
      archive.close();
    }
    const now = committedRecords(archiveDir);
    for (const [id, sha] of seen) assert.equal(now.get(id), sha, `record ${id} committed before kill ${k} is still there with the same content`);
    const hashes = [...now.values()];
    assert.equal(new Set(hashes).size, hashes.length, 'no content stored twice');
    seen = now;
  }
  assert.ok(killedMidway >= KILLS / 2, `most runs were really killed mid-import (${killedMidway}/${KILLS})`);

  const final = runCli(archiveDir, ['--json', 'import', source]);
  assert.equal(final.status, 0, final.stderr);
  const summary = final.json as { imported: number; duplicates: number; rejected: number };
  assert.equal(summary.imported + summary.duplicates, files);
  assert.equal(summary.rejected, 0);
  const records = committedRecords(archiveDir);
  assert.equal(records.size, files, 'one record per file, none twice');

  const verify = runCli(archiveDir, ['--json', 'verify']);
  assert.equal(verify.status, 0, verify.stdout);
  const repaired = runCli(archiveDir, ['--json', 'verify', '--repair']);
  assert.equal((repaired.json as { consistent: boolean }).consistent, true);
  const archive = openArchive(archiveDir);
  try {
    const pending = (archive.db.prepare("SELECT count(*) AS n FROM documents WHERE extract_status = 'pending'").get() as { n: number }).n;
    assert.equal(pending, 0, 'text extraction finished for documents interrupted earlier');
    const after = await verifyArchive(archive);
    assert.deepEqual(after.garbage, { orphans: [], staging: [] }, 'repair removed the leftovers');
    assert.equal(checkIndex(archive.db).ok, true, 'the ranked index mirrors the text rows after all the kills');
    // "diadakan" is not in the letters; the 30 letters about "pengadaan" are found through the stem.
    const found = search(archive.db, 'diadakan', { filter: {}, offset: 0, limit: 50, classes: CLASS_ORDER });
    assert.equal(found.total, 30, 'each letter once, found through its stem');
  } finally {
    archive.close();
  }
});
