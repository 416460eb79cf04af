// Backups and restore on a real archive: real SQLite files, real store objects at their
// content-addressed paths, a real audit chain. The archive is damaged the way disks damage things
// (bytes overwritten in the database, a store file gone) and must come back whole.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { openArchive, type Archive } from '../../main/archive/open.ts';
import { appendAudit, verifyAuditChain } from '../../main/audit/log.ts';
import { openDatabase } from '../../main/db/connection.ts';
import { AppError } from '../../main/errors.ts';
import { defaultBackupRoot, listBackups, runBackup, scheduleBackups, verifyBackup, type BackupResult } from '../../main/ops/backup.ts';
import { resolveGeneration, restoreBackup } from '../../main/ops/restore.ts';
import { objectPath } from '../../main/archive/store.ts';
import { tempDir } from '../helpers/tmp.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function addRecord(archive: Archive, subject: string, files: Buffer[]): void {
  const db = archive.db;
  db.transaction(() => {
    const at = '2026-02-01T09:00:00.000Z';
    const rec = db
      .prepare(`INSERT INTO records (subject, letter_number, classification_code, created_at, updated_at, created_by) VALUES (?, ?, '000.1', ?, ?, 'ani')`)
      .run(subject, `005/${subject.length}/2026`, at, at);
    const recordId = Number(rec.lastInsertRowid);
    appendAudit(db, { actor: 'ani', action: 'record.create', entity: 'record', entityId: recordId, after: { subject } });
    files.forEach((bytes, i) => {
      const hash = sha256(bytes);
      const file = objectPath(archive.layout.store, hash);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      const doc = db
        .prepare(`INSERT INTO documents (record_id, role, sha256, size, mime, original_name, imported_at) VALUES (?, ?, ?, ?, 'application/pdf', ?, ?)`)
        .run(recordId, i === 0 ? 'main' : 'attachment', hash, bytes.length, `surat-${recordId}-${i}.pdf`, at);
      appendAudit(db, { actor: 'ani', action: 'document.import', entity: 'document', entityId: Number(doc.lastInsertRowid), after: { sha256: hash } });
    });
  })();
}

function snapshot(archiveDir: string) {
  const db = openDatabase(join(archiveDir, 'berkas.sqlite'), { readonly: true });
  try {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const docs = db.prepare('SELECT id, sha256 FROM documents ORDER BY id').all() as Array<{ id: number; sha256: string }>;
    return { records: count('records'), documents: count('documents'), audit: count('audit_log'), docs };
  } finally {
    db.close();
  }
}

function generations(root: string): string[] {
  return readdirSync(root).filter((n) => /^berkas-backup-\d{8}-\d{6}(-\d+)?$/.test(n)).sort();
}

describe('backup and restore of a real archive', () => {
  const base = tempDir('berkas-backup-');
  const archiveDir = join(base, 'arsip');
  const backupRoot = join(base, 'cadangan');
  let archive = openArchive(archiveDir);
  let firstGen = '';
  let secondGen = '';
  let damagedInSecond = '';
  const oldHashes: string[] = [];

  test('a first backup while the archive is open: database copy, manifest, every object, verified', async () => {
    const files = [randomBytes(200 * 1024), Buffer.from('%PDF-1.4 nota dinas'), Buffer.from('%PDF-1.4 lampiran'), randomBytes(3000)];
    addRecord(archive, 'Undangan rapat koordinasi PPID', [files[0]!, files[1]!]);
    addRecord(archive, 'Laporan layanan informasi publik 2025', [files[2]!]);
    addRecord(archive, 'SK pembentukan tim', [files[3]!]);
    oldHashes.push(...files.map(sha256));

    const result = await runBackup(archiveDir, backupRoot, { keep: 3, now: new Date('2026-03-01T01:00:00Z'), appVersion: '0.1.0' });
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    firstGen = result.dir;
    assert.equal(firstGen, join(backupRoot, 'berkas-backup-20260301-010000'));
    assert.equal(result.copied, 4);
    assert.equal(result.linked, 0);
    const manifest = JSON.parse(readFileSync(join(firstGen, 'manifest.json'), 'utf8'));
    assert.equal(manifest.schemaVersion, archive.schemaVersion);
    assert.deepEqual(manifest.counts, { records: 3, documents: 4, files: 0, auditEntries: 7 });
    assert.equal(manifest.database.sha256, sha256(readFileSync(join(firstGen, 'berkas.sqlite'))));
    assert.deepEqual(manifest.objects.map((o: { sha256: string }) => o.sha256).sort(), [...oldHashes].sort());
    for (const o of manifest.objects as Array<{ sha256: string; size: number }>) {
      assert.equal(sha256(readFileSync(objectPath(join(firstGen, 'store'), o.sha256))), o.sha256);
    }
    assert.deepEqual(readdirSync(firstGen).sort(), ['berkas.sqlite', 'manifest.json', 'store'], 'no -wal/-shm left beside the copy');
    assert.deepEqual(await verifyBackup(firstGen), { ok: true, problems: [], manifest });
  });

  test('a second backup is incremental: unchanged objects are hard links to the previous generation', async () => {
    addRecord(archive, 'Berita acara serah terima', [Buffer.from('%PDF-1.4 berita acara')]);
    const result = await runBackup(archiveDir, backupRoot, { keep: 3, now: new Date('2026-03-02T01:00:00Z') });
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    secondGen = result.dir;
    assert.equal(result.manifest.incremental.base, 'berkas-backup-20260301-010000');
    assert.equal(result.copied, 1);
    assert.equal(result.linked, 4);
    for (const hash of oldHashes) {
      const a = statSync(objectPath(join(firstGen, 'store'), hash));
      const b = statSync(objectPath(join(secondGen, 'store'), hash));
      assert.equal(a.ino, b.ino, `object ${hash} was linked, not copied`);
      assert.ok(b.nlink >= 2);
    }
    assert.deepEqual(result.manifest.counts, { records: 4, documents: 5, files: 0, auditEntries: 9 });
  });

  test('restore after damage: overwritten database bytes and a deleted store object come back whole', async () => {
    const before = snapshot(archiveDir);
    archive.close();
    const dbFile = join(archiveDir, 'berkas.sqlite');
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, randomBytes(8192), 0, 8192, 4096);
    closeSync(fd);
    rmSync(objectPath(join(archiveDir, 'store'), oldHashes[0]!));
    mkdirSync(join(archiveDir, 'logs'), { recursive: true });
    writeFileSync(join(archiveDir, 'logs', 'berkas.log'), 'log line\n');

    const restored = await restoreBackup(secondGen, archiveDir, { actor: 'it-admin' });
    assert.ok(restored.previous && existsSync(join(restored.previous, 'berkas.sqlite')), 'the damaged archive was kept aside');
    assert.equal(readFileSync(join(archiveDir, 'logs', 'berkas.log'), 'utf8'), 'log line\n', 'logs moved over to the restored archive');

    archive = openArchive(archiveDir);
    const integrity = archive.db.pragma('integrity_check', { simple: true });
    assert.equal(integrity, 'ok');
    const after = snapshot(archiveDir);
    assert.equal(after.records, before.records);
    assert.equal(after.documents, before.documents);
    assert.deepEqual(after.docs, before.docs);
    for (const doc of after.docs) {
      assert.equal(sha256(readFileSync(objectPath(archive.layout.store, doc.sha256))), doc.sha256, `document ${doc.id} has its bytes back`);
    }
    const chain = verifyAuditChain(archive.db);
    assert.deepEqual(chain.breaks, []);
    assert.equal(chain.entries, before.audit + 1, 'the restore itself is in the audit log');
    const last = archive.db.prepare('SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1').get();
    assert.deepEqual({ ...(last as object) }, { actor: 'it-admin', action: 'archive.restore' });
  });

  test('a healthy archive is not replaced without --force, and never while it is open', async () => {
    await assert.rejects(
      () => restoreBackup(secondGen, archiveDir),
      (error: unknown) => error instanceof AppError && error.code === 'busy' && /Close the Berkas app/.test(error.messages.en),
    );
    archive.close();
    await assert.rejects(
      () => restoreBackup(secondGen, archiveDir),
      (error: unknown) => error instanceof AppError && error.code === 'conflict' && /--force/.test(error.messages.en),
    );
    const forced = await restoreBackup(secondGen, archiveDir, { force: true });
    assert.ok(forced.previous);
    archive = openArchive(archiveDir);
    assert.deepEqual(verifyAuditChain(archive.db).breaks, []);
  });

  test('a damaged backup is refused, naming the damaged object, and the archive is left untouched', async () => {
    const newOnly = (JSON.parse(readFileSync(join(secondGen, 'manifest.json'), 'utf8')).objects as Array<{ sha256: string }>)
      .map((o) => o.sha256)
      .find((h) => !oldHashes.includes(h))!;
    damagedInSecond = newOnly;
    const victim = objectPath(join(secondGen, 'store'), newOnly);
    const bytes = readFileSync(victim);
    bytes[3]! ^= 0x01;
    writeFileSync(victim, bytes);

    const verdict = await verifyBackup(secondGen);
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.problems.map((p) => [p.kind, p.subject]), [['object', newOnly]]);

    archive.close();
    const before = snapshot(archiveDir);
    await assert.rejects(
      () => restoreBackup(secondGen, archiveDir, { force: true }),
      (error: unknown) => error instanceof AppError && error.code === 'validation' && error.messages.en.includes(newOnly) && error.messages.id.includes(newOnly),
    );
    assert.deepEqual(snapshot(archiveDir), before);
    assert.ok(!readdirSync(base).some((n) => n.includes('.restore-')), 'no staging folder left behind');
    archive = openArchive(archiveDir);
  });

  test('a damaged object linked from the previous generation is taken afresh from the live store', async () => {
    // secondGen's damaged object is the base for the next run: the link would carry the damage over.
    const result = await runBackup(archiveDir, backupRoot, { keep: 3, now: new Date('2026-03-03T01:00:00Z') });
    assert.equal(result.ok, true, JSON.stringify(result.problems));
    assert.equal(result.manifest.incremental.base, 'berkas-backup-20260302-010000');
    assert.equal(result.linked, 4);
    assert.equal(result.copied, 1);
    const fresh = objectPath(join(result.dir, 'store'), damagedInSecond);
    assert.notEqual(statSync(fresh).ino, statSync(objectPath(join(secondGen, 'store'), damagedInSecond)).ino);
    assert.equal(sha256(readFileSync(fresh)), damagedInSecond);
    assert.equal((await verifyBackup(result.dir)).ok, true);
  });

  test('keep=2 prunes to the newest two verified generations; links keep the shared objects alive', async () => {
    assert.equal(generations(backupRoot).length, 3);
    const result = await runBackup(archiveDir, backupRoot, { keep: 2, now: new Date('2026-03-04T01:00:00Z') });
    assert.equal(result.ok, true);
    assert.deepEqual(result.pruned, ['berkas-backup-20260301-010000', 'berkas-backup-20260302-010000']);
    assert.deepEqual(generations(backupRoot), ['berkas-backup-20260303-010000', 'berkas-backup-20260304-010000']);
    assert.equal((await listBackups(backupRoot)).length, 2);
    for (const gen of generations(backupRoot)) assert.equal((await verifyBackup(join(backupRoot, gen))).ok, true);
    assert.equal(await resolveGeneration(backupRoot), join(backupRoot, 'berkas-backup-20260304-010000'));
  });

  test('a damaged live object without a good earlier copy is reported, not backed up under its name', async () => {
    const bytes = Buffer.from('%PDF-1.4 surat keluar');
    addRecord(archive, 'Surat keluar', [bytes]);
    const live = objectPath(archive.layout.store, sha256(bytes));
    writeFileSync(live, Buffer.from('%PDF-1.4 surat keluaR'));
    const result = await runBackup(archiveDir, backupRoot, { keep: 5, now: new Date('2026-03-05T01:00:00Z') });
    assert.equal(result.ok, true);
    assert.deepEqual(result.manifest.missingAtSource.map((m) => [m.sha256, m.why]), [[sha256(bytes), 'damaged']]);
    assert.ok(!existsSync(objectPath(join(result.dir, 'store'), sha256(bytes))));
  });

  test('refuses a backup folder inside the archive and a missing archive, with what to do', async () => {
    await assert.rejects(() => runBackup(archiveDir, join(archiveDir, 'backups'), { keep: 2 }), /inside the archive/);
    await assert.rejects(() => runBackup(join(base, 'nowhere'), backupRoot, { keep: 2 }), /no Berkas archive/);
    assert.equal(defaultBackupRoot('/data/Berkas'), '/data/Berkas-backups');
    archive.close();
  });
});

describe('scheduled backups', () => {
  test('runs when due, repeats at the interval, and stops when told', async () => {
    const base = tempDir('berkas-sched-');
    const archiveDir = join(base, 'arsip');
    const root = join(base, 'cadangan');
    const archive = openArchive(archiveDir);
    addRecord(archive, 'Nota dinas', [Buffer.from('%PDF-1.4 nota')]);
    const results: BackupResult[] = [];
    const errors: unknown[] = [];
    let stop = () => {};
    // The scheduler's timers are unref'd (they must not keep an app alive); this test must stay alive.
    const alive = setInterval(() => {}, 1000);
    await new Promise<void>((resolve) => {
      stop = scheduleBackups({
        archiveDir,
        destRoot: root,
        keep: 5,
        intervalHours: 0.3 / 3600,
        initialDelayMs: 0,
        onResult: (r) => {
          results.push(r);
          if (results.length === 2) resolve();
        },
        onError: (e) => errors.push(e),
      });
    });
    stop();
    await new Promise((r) => setTimeout(r, 600));
    clearInterval(alive);
    assert.deepEqual(errors, []);
    assert.equal(results.length, 2, 'no run after stop()');
    assert.ok(results.every((r) => r.ok));
    assert.equal(results[1]!.manifest.incremental.base, basename(results[0]!.dir));
    assert.equal((await listBackups(root)).length, 2);
    archive.close();
  });

  test('a busy archive postpones the run', async () => {
    const base = tempDir('berkas-sched-');
    const archiveDir = join(base, 'arsip');
    openArchive(archiveDir).close();
    const results: BackupResult[] = [];
    let asked = 0;
    const stop = scheduleBackups({
      archiveDir,
      destRoot: join(base, 'cadangan'),
      keep: 2,
      intervalHours: 1,
      initialDelayMs: 0,
      isBusy: () => {
        asked++;
        return true;
      },
      onResult: (r) => results.push(r),
    });
    await new Promise((r) => setTimeout(r, 300));
    stop();
    assert.equal(asked, 1);
    assert.deepEqual(results, []);
    assert.ok(!existsSync(join(base, 'cadangan')) || generations(join(base, 'cadangan')).length === 0);
  });
});
