// Putting a backup generation back as the live archive. The backup is verified first and refused
// if anything in it is wrong; it is rebuilt in a staging folder beside the archive (same volume,
// so the final step is a rename), and the old archive is renamed aside, never deleted, before the
// new one takes its place. A restore is itself written to the restored archive's audit log.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { archiveLayout } from '../archive/layout.ts';
import { openArchive } from '../archive/open.ts';
import { liveDocuments } from '../archive/queries.ts';
import { appendAudit } from '../audit/log.ts';
import { failWhenBusy, integrityCheck, openDatabase, useRollbackJournal } from '../db/connection.ts';
import { LATEST_VERSION } from '../db/migrate.ts';
import { appError } from '../errors.ts';
import { listBackups, utcStamp, verifyBackup, type BackupCounts, type BackupManifest } from './backup.ts';
import { copyHashed, objectPath } from '../archive/store.ts';

export interface RestoreOptions {
  /** Replace an archive that still looks healthy (otherwise refused, so nobody rolls back by accident). */
  force?: boolean;
  actor?: string;
  now?: Date;
  /** The audit anchor key when the host keeps it (Electron). */
  auditKey?: Buffer;
}

export interface RestoreResult {
  archiveDir: string;
  restoredFrom: string;
  created: string;
  /** Where the archive that was replaced now lives, or null if there was none. */
  previous: string | null;
  counts: BackupCounts;
}

/** A backup root holding generations → its newest one; a generation folder → itself. */
export async function resolveGeneration(dir: string): Promise<string> {
  const full = resolve(dir);
  if (existsSync(join(full, 'manifest.json'))) return full;
  const newest = (await listBackups(full)).at(-1);
  if (!newest) {
    throw appError(
      'not-found',
      `Tidak ada cadangan Berkas di ${full}. Sebutkan folder berkas-backup-… atau folder yang berisi folder-folder itu.`,
      `There is no Berkas backup in ${full}. Give a berkas-backup-… folder or the folder that holds them.`,
    );
  }
  return newest.dir;
}

type LiveState = { kind: 'absent' } | { kind: 'in-use' } | { kind: 'healthy' } | { kind: 'damaged'; why: string };

// An open Berkas (app, browser shell or another CLI) keeps the database in WAL mode; leaving WAL
// needs every other connection gone, so a refusal with SQLITE_BUSY means someone has it open.
function liveState(archiveDir: string): LiveState {
  const layout = archiveLayout(archiveDir);
  if (!existsSync(layout.database)) return { kind: 'absent' };
  let db;
  try {
    db = openDatabase(layout.database);
  } catch (error) {
    return { kind: 'damaged', why: error instanceof Error ? error.message : String(error) };
  }
  try {
    failWhenBusy(db);
    try {
      useRollbackJournal(db);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return { kind: 'in-use' };
      return { kind: 'damaged', why: error instanceof Error ? error.message : String(error) };
    }
    const check = integrityCheck(db, true);
    if (check.length !== 1 || check[0] !== 'ok') return { kind: 'damaged', why: check.slice(0, 3).join('; ') };
    const docs = liveDocuments(db);
    const missing = docs.filter((d) => !existsSync(objectPath(layout.store, d.sha256)));
    if (missing.length > 0) return { kind: 'damaged', why: `${missing.length} document file(s) missing from the store` };
    return { kind: 'healthy' };
  } catch (error) {
    return { kind: 'damaged', why: error instanceof Error ? error.message : String(error) };
  } finally {
    db.close();
  }
}

// Two restores within one second must not collide with the first one's kept archive.
function unused(path: string): string {
  if (!existsSync(path)) return path;
  for (let i = 2; ; i++) if (!existsSync(`${path}-${i}`)) return `${path}-${i}`;
}

// What belongs to the archive proper; everything else in the folder (logs, and when the archive is
// the app's user-data folder, Electron's own files) moves over to the restored archive.
function isArchiveContent(name: string): boolean {
  // renditions are derived from the store and the database: the restored archive rebuilds its own.
  return name === 'store' || name === 'staging' || name === 'renditions' || name === 'berkas.sqlite' || name.startsWith('berkas.sqlite-') || name.startsWith('berkas.sqlite.');
}

export async function restoreBackup(genDir: string, archiveDir: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const generation = resolve(genDir);
  const target = resolve(archiveDir);
  const verdict = await verifyBackup(generation);
  if (!verdict.ok || !verdict.manifest) {
    const list = verdict.problems.slice(0, 10);
    const more = verdict.problems.length > list.length ? ` (+${verdict.problems.length - list.length})` : '';
    throw appError(
      'validation',
      `Cadangan ${generation} tidak lolos pemeriksaan dan tidak dipulihkan; arsip tidak diubah. ${list.map((p) => p.id).join(' ')}${more} Pilih generasi cadangan lain.`,
      `The backup ${generation} failed verification and was not restored; the archive was left untouched. ${list.map((p) => p.en).join(' ')}${more} Choose another backup generation.`,
      { problems: verdict.problems },
    );
  }
  const manifest: BackupManifest = verdict.manifest;
  if (manifest.schemaVersion > LATEST_VERSION) {
    throw appError(
      'newer-database',
      `Cadangan ini dibuat oleh Berkas yang lebih baru (skema ${manifest.schemaVersion}; versi ini mengenal hingga ${LATEST_VERSION}). Perbarui Berkas dulu.`,
      `This backup was made by a newer Berkas (schema ${manifest.schemaVersion}; this version knows up to ${LATEST_VERSION}). Update Berkas first.`,
    );
  }

  const live = liveState(target);
  if (live.kind === 'in-use') {
    throw appError(
      'busy',
      `Arsip ${target} sedang dibuka oleh Berkas lain. Tutup aplikasi Berkas (dan perintah berkas lain), lalu ulangi.`,
      `The archive ${target} is open in another Berkas. Close the Berkas app (and any other berkas command), then try again.`,
    );
  }
  if (live.kind === 'healthy' && !options.force) {
    throw appError(
      'conflict',
      `Arsip ${target} masih utuh. Memulihkan cadangan ${manifest.created} akan menggantinya dengan isi yang lebih lama; ulangi dengan --force bila itu memang maksudnya (arsip sekarang tetap disimpan di sampingnya).`,
      `The archive ${target} is intact. Restoring the backup of ${manifest.created} would replace it with older content; repeat with --force if that is what you want (the current archive is kept beside it).`,
    );
  }

  const now = options.now ?? new Date();
  const stamp = utcStamp(now);
  const staged = unused(join(dirname(target), `.${basename(target)}.restore-${stamp}`));
  const stagedLayout = archiveLayout(staged);
  try {
    await mkdir(stagedLayout.store, { recursive: true });
    await mkdir(stagedLayout.staging, { recursive: true });
    const db = await copyHashed(join(generation, 'berkas.sqlite'), stagedLayout.database);
    if (db.sha256 !== manifest.database.sha256) throw new Error('the database copy changed while it was being restored');
    for (const o of manifest.objects) {
      const got = await copyHashed(objectPath(join(generation, 'store'), o.sha256), objectPath(stagedLayout.store, o.sha256));
      if (got.sha256 !== o.sha256) throw new Error(`object ${o.sha256} changed while it was being restored`);
    }
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw appError('unreadable', `Pemulihan dibatalkan, arsip tidak diubah: ${why}.`, `Restore aborted, the archive was left untouched: ${why}.`);
  }

  let previous: string | null = null;
  if (existsSync(target)) {
    previous = unused(`${target}.before-restore-${stamp}`);
    try {
      await rename(target, previous);
    } catch (error) {
      await rm(staged, { recursive: true, force: true });
      const why = error instanceof Error ? error.message : String(error);
      throw appError(
        'busy',
        `Arsip ${target} tidak dapat dipindahkan (${why}); mungkin masih dibuka program lain. Tutup Berkas lalu ulangi. Arsip tidak diubah.`,
        `The archive ${target} cannot be moved aside (${why}); another program may still have it open. Close Berkas and try again. The archive was left untouched.`,
      );
    }
  }
  try {
    await rename(staged, target);
  } catch (error) {
    if (previous) await rename(previous, target);
    await rm(staged, { recursive: true, force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw appError('unreadable', `Pemulihan gagal pada langkah terakhir (${why}); arsip lama dikembalikan.`, `Restore failed at the last step (${why}); the old archive was put back.`);
  }
  if (previous) {
    for (const name of await readdir(previous)) {
      if (isArchiveContent(name) || existsSync(join(target, name))) continue;
      await rename(join(previous, name), join(target, name)).catch(() => undefined);
    }
  }

  const archive = openArchive(target, { logHead: false, ...(options.auditKey ? { auditKey: options.auditKey } : {}) });
  try {
    archive.db.transaction(() => {
      appendAudit(archive.db, {
        actor: options.actor ?? 'system',
        action: 'archive.restore',
        entity: 'archive',
        after: { from: generation, backupCreated: manifest.created, previous, counts: manifest.counts, auditHead: manifest.auditHead ?? null },
      });
    })();
    // The restored chain (checked against the backup's signed head above) is the one to hold
    // from now on; the anchor of the replaced archive would otherwise call it truncated.
    archive.anchor.reanchor();
  } finally {
    archive.close();
  }
  return { archiveDir: target, restoredFrom: generation, created: manifest.created, previous, counts: manifest.counts };
}
