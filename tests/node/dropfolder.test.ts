// The drop folder ("folder pantau") as a scanner meets it: files land in a shared folder, are
// imported once they stop growing, and leave for diimpor/ or ditolak/ — also when the process is
// SIGKILLed in the middle, over and over: in the end every file is imported exactly once and the
// subfolders and the history say what happened to each.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { openArchive } from '../../main/archive/open.ts';
import { verifyArchive } from '../../main/archive/verify.ts';
import { recentEntries } from '../../main/dropfolder/history.ts';
import { DropFolderWatcher, type DropFolderState } from '../../main/dropfolder/watcher.ts';
import { archiveWithUser, runCli, spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function scanLike(i: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText(`Surat masuk nomor ${i}/PPID/2026 tentang permohonan informasi publik`, { x: 40, y: 780, size: 11, font });
  return pdf.save();
}

const folder = { importedDir: 'diimpor', rejectedDir: 'ditolak', classificationCode: null };

test('a drop of 200 scans with the watcher SIGKILLed again and again: each file imported exactly once, and the subfolders say what happened', { timeout: 600_000 }, async () => {
  const dir = tempDir();
  const drop = join(dir, 'pindai');
  mkdirSync(drop);
  const archiveDir = join(dir, 'archive');
  await archiveWithUser(archiveDir);
  const hashes = new Map<string, string>();
  for (let i = 0; i < 200; i++) {
    const name = `scan-${String(i).padStart(3, '0')}.pdf`;
    const bytes = Buffer.from(await scanLike(i));
    // As a scanner does: written under a temporary name, then renamed into place.
    writeFileSync(join(drop, `${name}.part`), bytes);
    renameSync(join(drop, `${name}.part`), join(drop, name));
    hashes.set(name, sha(bytes));
  }
  writeFileSync(join(drop, 'kosong.pdf'), '');

  let killed = 0;
  let killedMidway = 0;
  for (let k = 0; k < 10; k++) {
    const child = spawnCli(archiveDir, ['watch', drop, '--stable-ms', '150', '--poll-ms', '100', '--no-extract']);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Killed a random moment after it starts watching (start-up and login are not the point):
    // before it took anything, while it imports, while it moves files, or once idle.
    let timer: NodeJS.Timeout | undefined;
    let output = '';
    // Every other run is killed as soon as the first file has been moved: its batch is
    // committed and most files are not moved yet — the window a crash must not turn into duplicates.
    const cue = k % 2 === 0 ? 'imported ' : 'watching';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!timer && output.includes(cue)) timer = setTimeout(() => child.kill('SIGKILL'), k % 2 === 0 ? 0 : 100 + Math.floor(Math.random() * 500));
    });
    const fallback = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    clearTimeout(fallback);
    if (code === null) killed++;
    const archive = openArchive(archiveDir);
    try {
      const report = await verifyArchive(archive, { quick: true });
      assert.equal(report.consistent, true, `after kill ${k}`);
      const records = archive.db.prepare('SELECT count(*) FROM records').pluck().get() as number;
      const moved = existsSync(join(drop, 'diimpor')) ? readdirSync(join(drop, 'diimpor')).length : 0;
      // A file leaves only after its record commits: never moved without being in the archive.
      assert.ok(moved <= records, `after kill ${k}: ${moved} moved, ${records} records`);
      if (moved < records && records > 0) killedMidway++;
    } finally {
      archive.close();
    }
  }
  assert.ok(killed >= 8, `the watcher was really killed (${killed}/10)`);
  assert.ok(killedMidway >= 1, `some kills came between a file's import and its move (${killedMidway})`);

  const final = runCli(archiveDir, ['--json', 'watch', drop, '--once', '--stable-ms', '150', '--poll-ms', '100']);
  assert.equal(final.status, 0, final.stderr);

  assert.deepEqual(readdirSync(drop).sort(), ['diimpor', 'ditolak'], 'nothing is left in the drop folder');
  const imported = readdirSync(join(drop, 'diimpor')).sort();
  assert.deepEqual(imported, [...hashes.keys()].sort(), 'every scan is in diimpor/ once, under its own name');
  assert.deepEqual(readdirSync(join(drop, 'ditolak')).sort(), ['kosong.pdf', 'kosong.pdf.alasan.txt']);
  const note = readFileSync(join(drop, 'ditolak', 'kosong.pdf.alasan.txt'), 'utf8');
  assert.match(note, /Alasan: file kosong \(0 byte\)/, 'the note says why in Indonesian first');
  assert.match(note, /Reason: the file is empty/);

  const archive = openArchive(archiveDir);
  try {
    const docs = archive.db.prepare('SELECT sha256, original_name FROM documents').all() as { sha256: string; original_name: string }[];
    assert.equal(docs.length, 200, 'one record per scan, none twice');
    for (const d of docs) assert.equal(hashes.get(d.original_name), d.sha256, `${d.original_name} is stored with its own bytes`);
    const history = recentEntries(archive.db, { limit: 1000 });
    const byName = new Map<string, typeof history>();
    for (const e of history) byName.set(e.fileName, [...(byName.get(e.fileName) ?? []), e]);
    for (const name of hashes.keys()) {
      const rows = byName.get(name) ?? [];
      assert.equal(rows.length, 1, `${name} has one history entry`);
      assert.equal(rows[0]!.status, 'imported', `${name} is recorded as imported, not as a duplicate of itself`);
      assert.equal(rows[0]!.movedTo, `diimpor/${name}`);
    }
    const empty = byName.get('kosong.pdf') ?? [];
    assert.equal(empty.length, 1);
    assert.equal(empty[0]!.status, 'rejected');
    assert.equal(empty[0]!.movedTo, 'ditolak/kosong.pdf');
    assert.deepEqual(empty[0]!.message, { id: 'file kosong (0 byte)', en: 'the file is empty (0 bytes)' }, 'the history says why in both languages');
    assert.equal((await verifyArchive(archive)).consistent, true);
  } finally {
    archive.close();
  }
});

test('a file still growing is left alone until it stops; a copy of an archived file goes to diimpor/ as a duplicate; a vanished share is reported, not fatal', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const drop = join(dir, 'share');
  mkdirSync(drop);
  const archive = openArchive(join(dir, 'a'));
  const states: DropFolderState[] = [];
  const watcher = new DropFolderWatcher(archive, { actor: 't', stableMs: 300, pollMs: 50, onState: (s) => states.push(s) });
  watcher.setFolders([{ path: drop, ...folder }]);
  try {
    const growing = join(drop, 'pindaian.pdf');
    writeFileSync(growing, Buffer.from(await scanLike(1)).subarray(0, 500));
    for (let i = 0; i < 6; i++) {
      assert.equal(await watcher.pass(), 0, 'nothing is taken while the file keeps changing');
      appendFileSync(growing, Buffer.alloc(200, 32));
      await new Promise((r) => setTimeout(r, 80));
    }
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(await watcher.pass(), 0, 'the first look after it stopped only starts the clock');
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(await watcher.pass(), 1, 'taken once it stayed the same');
    assert.ok(existsSync(join(drop, 'diimpor', 'pindaian.pdf')));

    writeFileSync(join(drop, 'salinan.pdf'), readFileSync(join(drop, 'diimpor', 'pindaian.pdf')));
    await watcher.drain();
    assert.ok(existsSync(join(drop, 'diimpor', 'salinan.pdf')));
    const [latest] = recentEntries(archive.db);
    assert.equal(latest!.status, 'duplicate');
    assert.match(latest!.reason!, /already in the archive as record \d+/);

    rmSync(drop, { recursive: true });
    assert.equal(await watcher.pass(), 0);
    const offline = watcher.status()[0]!;
    assert.equal(offline.state, 'offline');
    assert.equal(offline.error, 'ENOENT');
    mkdirSync(drop);
    await watcher.pass();
    assert.equal(watcher.status()[0]!.state, 'watching', 'back when the share is back');
    assert.ok(states.some((s) => s.state === 'offline'));
  } finally {
    await watcher.stop();
    archive.close();
  }
});
