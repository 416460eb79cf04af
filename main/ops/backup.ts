// Backups of an archive folder: generations under one backup root, each a consistent SQLite copy
// (online backup API, so the app may keep working), a manifest, and the store objects, of which
// the ones already in the previous generation are hard-linked rather than copied again. A
// generation only counts once it has been verified from its own bytes; older ones are pruned only
// after that. This module owns the backup folder format; restore.ts reads it back.
import { existsSync } from 'node:fs';
import { link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { checkHead, defaultKeyDir, loadKeyFile, signHead } from '../audit/anchor.ts';
import { chainHead } from '../audit/log.ts';
import { auditEntryCount } from '../audit/queries.ts';
import { archiveLayout } from '../archive/layout.ts';
import { archiveCounts, liveDocuments } from '../archive/queries.ts';
import { integrityCheck, openDatabase, schemaVersion as schemaVersionOf, useRollbackJournal, type Db } from '../db/connection.ts';
import { appError } from '../errors.ts';
import { loadPolicy, resolveBackupSettings } from './update-policy.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, privateDir, privateFile } from '../kernel/private-files.ts';
import { copyHashed, fsyncFile, hashFile, listStoreObjects, objectPath, SHA256_HEX } from '../archive/store.ts';

export const BACKUP_PREFIX = 'berkas-backup-';
const GENERATION = /^berkas-backup-\d{8}-\d{6}(?:-\d+)?$/;
const MANIFEST = 'manifest.json';
const DB_FILE = 'berkas.sqlite';

const Hex64 = z.string().regex(SHA256_HEX);
const Count = z.number().int().min(0);

export const BackupCounts = z.object({ records: Count, documents: Count, files: Count, auditEntries: Count });
export type BackupCounts = z.infer<typeof BackupCounts>;

export const BackupManifest = z.object({
  format: z.literal('berkas-backup'),
  version: z.literal(1),
  appVersion: z.string(),
  created: z.string(),
  source: z.string(),
  schemaVersion: z.number().int(),
  counts: BackupCounts,
  database: z.object({ file: z.literal(DB_FILE), sha256: Hex64, size: Count }),
  objects: z.array(z.object({ sha256: Hex64, size: Count })),
  /** Documents whose bytes the live archive did not have (or had damaged) when this was taken. */
  missingAtSource: z.array(z.object({ sha256: Hex64, documentId: z.number().int(), why: z.enum(['missing', 'damaged']) })),
  incremental: z.object({ base: z.string().nullable(), linked: Count, copied: Count }),
  /** The audit chain's head in this copy, signed with the anchor key: a copy whose newest audit
   *  entries were removed, or whose chain was rewritten, after it was taken no longer matches.
   *  Absent in backups made before Berkas signed them. */
  auditHead: z.object({ id: Count, hash: z.string(), at: z.string(), keyId: z.string(), mac: z.string() }).nullable().optional(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export interface BackupProblem {
  kind: 'manifest' | 'database' | 'object' | 'counts' | 'audit';
  /** The object hash or file the problem is about, when there is one. */
  subject?: string;
  id: string;
  en: string;
}

export interface VerifyResult {
  ok: boolean;
  problems: BackupProblem[];
  manifest: BackupManifest | null;
}

export interface BackupResult {
  ok: boolean;
  /** The generation folder (renamed to *.failed when verification failed). */
  dir: string;
  manifest: BackupManifest;
  problems: BackupProblem[];
  linked: number;
  copied: number;
  /** Generations deleted to keep the newest `keep`. */
  pruned: string[];
}

export interface BackupOptions {
  keep: number;
  /** The audit anchor key when the host keeps it (Electron); otherwise the per-user key file. */
  auditKey?: Buffer;
  now?: Date;
  appVersion?: string;
}

export interface GenerationInfo {
  name: string;
  dir: string;
  created: string;
}

/** `<archive>-backups` beside the archive: used when neither the policy nor the user chose a place. */
export function defaultBackupRoot(archiveDir: string): string {
  const dir = resolve(archiveDir);
  return join(dirname(dir), `${basename(dir)}-backups`);
}

/** YYYYMMDD-HHMMSS in UTC: sorts by time and reads the same on every machine. */
export function utcStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/** Verified generations in a backup root, oldest first. */
/** Where this archive's backup generations are kept (the IT policy's folder, else the default);
 *  null when the policy cannot be read. */
export function backupRootFor(archiveDir: string): string | null {
  try {
    return resolveBackupSettings(loadPolicy()).dir ?? defaultBackupRoot(archiveDir);
  } catch {
    return null;
  }
}

export async function listBackups(destRoot: string): Promise<GenerationInfo[]> {
  let names: string[];
  try {
    names = await readdir(destRoot);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: GenerationInfo[] = [];
  for (const name of names.filter((n) => GENERATION.test(n))) {
    const dir = join(destRoot, name);
    try {
      const manifest = BackupManifest.parse(JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')));
      found.push({ name, dir, created: manifest.created });
    } catch {
      // a folder without a readable manifest is not a generation we can use
    }
  }
  // By creation time, then name: two runs in one second get -2, -3 … suffixes that sort wrongly past -9.
  const key = (g: GenerationInfo) => `${g.created}\u0000${g.name}`;
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function countsOf(db: Db): BackupCounts {
  return { ...archiveCounts(db), auditEntries: auditEntryCount(db) };
}

const documentObjects = liveDocuments;

async function uniqueName(destRoot: string, stamp: string): Promise<string> {
  for (let i = 1; ; i++) {
    const name = i === 1 ? `${BACKUP_PREFIX}${stamp}` : `${BACKUP_PREFIX}${stamp}-${i}`;
    if (!existsSync(join(destRoot, name)) && !existsSync(join(destRoot, `${name}.partial`)) && !existsSync(join(destRoot, `${name}.failed`))) return name;
  }
}

/** Links `from` to `to`; copies instead where links are not possible (other volume, SMB share). */
async function linkOrCopy(from: string, to: string, expected: string): Promise<'linked' | 'copied'> {
  await mkdir(dirname(to), { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    await link(from, to);
    return 'linked';
  } catch {
    const { sha256 } = await copyHashed(from, to);
    if (sha256 !== expected) throw new Error(`object ${expected} in the previous backup is damaged`);
    return 'copied';
  }
}

/**
 * Takes one backup generation of `archiveDir` under `destRoot`, verifies it, then prunes to the
 * newest `keep` verified generations. A generation that fails verification is left as *.failed,
 * reported, and neither counted nor used as the base of the next one.
 */
export async function runBackup(archiveDir: string, destRoot: string, options: BackupOptions): Promise<BackupResult> {
  const layout = archiveLayout(resolve(archiveDir));
  if (!existsSync(layout.database)) {
    throw appError(
      'not-found',
      `Tidak ada arsip Berkas di ${layout.dir} (berkas.sqlite tidak ditemukan). Periksa --archive.`,
      `There is no Berkas archive in ${layout.dir} (berkas.sqlite not found). Check --archive.`,
    );
  }
  if (!Number.isInteger(options.keep) || options.keep < 1) {
    throw appError('validation', 'Jumlah cadangan yang disimpan harus bilangan bulat ≥ 1.', 'The number of backups to keep must be a whole number ≥ 1.');
  }
  const root = resolve(destRoot);
  if (root === layout.dir || root.startsWith(layout.dir + '/') || root.startsWith(layout.dir + '\\')) {
    throw appError('validation', `Folder cadangan ${root} berada di dalam arsip; pilih folder lain, sebaiknya di disk lain.`, `The backup folder ${root} is inside the archive; choose another folder, preferably on another disk.`);
  }
  // Owner-only like the archive itself: a backup holds every confidential record too.
  await privateDir(root);
  const now = options.now ?? new Date();
  const name = await uniqueName(root, utcStamp(now));
  const work = join(root, `${name}.partial`);
  await mkdir(join(work, 'store'), { recursive: true, mode: PRIVATE_DIR_MODE });
  await privateDir(work);

  // 1. The database, through SQLite's online backup: a consistent copy while others keep writing.
  const source = openDatabase(layout.database, { readonly: true });
  try {
    await source.backup(join(work, DB_FILE));
    await privateFile(join(work, DB_FILE));
  } finally {
    source.close();
  }
  // A self-contained file: no -wal/-shm beside it, so verifying it later never writes next to it.
  const copy = openDatabase(join(work, DB_FILE));
  let counts: BackupCounts;
  let schemaVersion: number;
  let wanted: Array<{ id: number; sha256: string; size: number }>;
  let auditHead: BackupManifest['auditHead'] = null;
  try {
    useRollbackJournal(copy);
    const head = chainHead(copy);
    const key = anchorKey(options.auditKey);
    if (head && key) auditHead = signHead(key, head.id, head.hash, now.toISOString());
    counts = countsOf(copy);
    schemaVersion = schemaVersionOf(copy);
    wanted = documentObjects(copy);
  } finally {
    copy.close();
  }
  await fsyncFile(join(work, DB_FILE));

  // 2. The store: everything the copy refers to plus whatever else the store holds (later features
  // may keep their own objects there). Objects are immutable, so the previous generation's copy of
  // a hash is the same bytes; link it instead of copying again.
  const previous = (await listBackups(root)).at(-1) ?? null;
  const previousObjects = new Map<string, number>();
  if (previous) {
    const manifest = BackupManifest.parse(JSON.parse(await readFile(join(previous.dir, MANIFEST), 'utf8')));
    for (const o of manifest.objects) previousObjects.set(o.sha256, o.size);
  }
  const live = new Map((await listStoreObjects(layout.store)).map((o) => [o.sha256, o.size] as const));
  const referenced = new Map(wanted.map((d) => [d.sha256, d] as const));
  const objects: BackupManifest['objects'] = [];
  const missingAtSource: BackupManifest['missingAtSource'] = [];
  const linkedFromBase = new Set<string>();
  let linked = 0;
  let copied = 0;
  const hashes = [...new Set([...live.keys(), ...referenced.keys()])].sort();
  for (const sha256 of hashes) {
    const target = objectPath(join(work, 'store'), sha256);
    const doc = referenced.get(sha256);
    const baseSize = previousObjects.get(sha256);
    if (previous && baseSize !== undefined) {
      const how = await linkOrCopy(objectPath(join(previous.dir, 'store'), sha256), target, sha256).catch(() => null);
      if (how) {
        if (how === 'linked') {
          linked++;
          linkedFromBase.add(sha256);
        } else copied++;
        objects.push({ sha256, size: baseSize });
        continue;
      }
    }
    if (!live.has(sha256)) {
      if (doc) missingAtSource.push({ sha256, documentId: doc.id, why: 'missing' });
      continue;
    }
    const got = await copyHashed(objectPath(layout.store, sha256), target);
    if (got.sha256 !== sha256) {
      // The live object is damaged: keep no wrong bytes under a right name.
      await rm(target, { force: true });
      if (doc) missingAtSource.push({ sha256, documentId: doc.id, why: 'damaged' });
      continue;
    }
    copied++;
    objects.push({ sha256, size: got.size });
  }

  const manifest: BackupManifest = {
    format: 'berkas-backup',
    version: 1,
    appVersion: options.appVersion ?? 'unknown',
    created: now.toISOString(),
    source: layout.dir,
    schemaVersion,
    counts,
    database: { file: DB_FILE, sha256: await hashFile(join(work, DB_FILE)), size: (await stat(join(work, DB_FILE))).size },
    objects,
    missingAtSource,
    incremental: { base: previous?.name ?? null, linked, copied },
    auditHead,
  };
  const writeManifest = async () => {
    manifest.incremental = { base: previous?.name ?? null, linked, copied };
    await writeFile(join(work, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
    await fsyncFile(join(work, MANIFEST));
  };
  await writeManifest();

  // 3. Verify from the written bytes, then publish the generation under its final name.
  let verdict = await verifyBackup(work);
  // An object that rotted in the previous generation came along through the link; take those
  // afresh from the live store once, rather than failing every generation from now on.
  const relink = verdict.problems.filter((p) => p.kind === 'object' && p.subject && linkedFromBase.has(p.subject) && live.has(p.subject));
  if (relink.length > 0) {
    for (const p of relink) {
      const target = objectPath(join(work, 'store'), p.subject!);
      await rm(target, { force: true });
      const got = await copyHashed(objectPath(layout.store, p.subject!), target);
      if (got.sha256 !== p.subject) await rm(target, { force: true });
      linked--;
      copied++;
    }
    await writeManifest();
    verdict = await verifyBackup(work);
  }
  if (!verdict.ok) {
    const failed = join(root, `${name}.failed`);
    await rename(work, failed);
    return { ok: false, dir: failed, manifest, problems: verdict.problems, linked, copied, pruned: [] };
  }
  const dir = join(root, name);
  await rename(work, dir);
  const pruned = await prune(root, options.keep, name);
  return { ok: true, dir, manifest, problems: [], linked, copied, pruned };
}

async function prune(root: string, keep: number, newest: string): Promise<string[]> {
  const good = await listBackups(root);
  const pruned: string[] = [];
  for (const old of good.slice(0, Math.max(0, good.length - keep))) {
    if (old.name === newest) continue;
    await rm(old.dir, { recursive: true, force: true });
    pruned.push(old.name);
  }
  // Leftovers of interrupted or failed runs older than this good one are no longer useful.
  for (const entry of await readdir(root)) {
    const m = /^(berkas-backup-\d{8}-\d{6}(?:-\d+)?)\.(partial|failed)$/.exec(entry);
    if (m && m[1]! < newest) await rm(join(root, entry), { recursive: true, force: true });
  }
  return pruned;
}

/** The key that signs audit heads: the host's, or the per-user key file; null when neither works
 *  (the backup is still taken, without a signed head). */
function anchorKey(key: Buffer | undefined): Buffer | null {
  if (key) return key;
  try {
    return loadKeyFile(defaultKeyDir());
  } catch {
    return null;
  }
}

function problem(kind: BackupProblem['kind'], id: string, en: string, subject?: string): BackupProblem {
  return subject === undefined ? { kind, id, en } : { kind, subject, id, en };
}

/**
 * Checks a generation from its own bytes: manifest, database hash, SQLite integrity, counts,
 * every object's presence and SHA-256, and that every document in the copy has its object.
 */
export async function verifyBackup(genDir: string, key?: Buffer): Promise<VerifyResult> {
  const problems: BackupProblem[] = [];
  let manifest: BackupManifest;
  try {
    manifest = BackupManifest.parse(JSON.parse(await readFile(join(genDir, MANIFEST), 'utf8')));
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    problems.push(problem('manifest', `manifest.json tidak ada atau tidak sah (${why}).`, `manifest.json is missing or invalid (${why}).`, MANIFEST));
    return { ok: false, problems, manifest: null };
  }

  const dbFile = join(genDir, DB_FILE);
  let dbOk = false;
  if (!existsSync(dbFile)) {
    problems.push(problem('database', 'Salinan basis data berkas.sqlite tidak ada.', 'The database copy berkas.sqlite is missing.', DB_FILE));
  } else if ((await hashFile(dbFile)) !== manifest.database.sha256) {
    problems.push(problem('database', 'Salinan basis data berubah sejak dicadangkan (hash SHA-256 tidak cocok).', 'The database copy changed since the backup was taken (SHA-256 mismatch).', DB_FILE));
  } else {
    dbOk = true;
  }

  if (dbOk) {
    let db: Db | null = null;
    try {
      db = openDatabase(dbFile, { readonly: true });
      const integrity = integrityCheck(db, false);
      if (integrity.length !== 1 || integrity[0] !== 'ok') {
        problems.push(problem('database', `Pemeriksaan integritas SQLite gagal: ${integrity.slice(0, 5).join('; ')}`, `SQLite integrity check failed: ${integrity.slice(0, 5).join('; ')}`, DB_FILE));
      } else {
        const counts = countsOf(db);
        for (const key of Object.keys(counts) as Array<keyof BackupCounts>) {
          if (counts[key] !== manifest.counts[key]) {
            problems.push(problem('counts', `Jumlah ${key} di salinan (${counts[key]}) tidak sama dengan manifest (${manifest.counts[key]}).`, `The copy has ${counts[key]} ${key}, the manifest says ${manifest.counts[key]}.`, key));
          }
        }
        if (manifest.auditHead) {
          const check = checkHead(db, manifest.auditHead, anchorKey(key));
          if (check.state !== 'ok') problems.push(problem('audit', check.message!.id, check.message!.en, 'audit_log'));
        }
        const listed = new Set(manifest.objects.map((o) => o.sha256));
        const excused = new Set(manifest.missingAtSource.map((o) => o.sha256));
        for (const doc of documentObjects(db)) {
          if (!listed.has(doc.sha256) && !excused.has(doc.sha256)) {
            problems.push(problem('object', `Berkas dokumen ${doc.id} (${doc.sha256}) tidak ada di cadangan.`, `The file of document ${doc.id} (${doc.sha256}) is not in the backup.`, doc.sha256));
          }
        }
      }
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      problems.push(problem('database', `Salinan basis data tidak dapat dibuka: ${why}`, `The database copy cannot be opened: ${why}`, DB_FILE));
    } finally {
      db?.close();
    }
  }

  for (const o of manifest.objects) {
    const file = objectPath(join(genDir, 'store'), o.sha256);
    let actual: string | null;
    let size = -1;
    try {
      size = (await stat(file)).size;
      actual = await hashFile(file);
    } catch {
      actual = null;
    }
    if (actual === null) {
      problems.push(problem('object', `Objek ${o.sha256} tidak ada di cadangan.`, `Object ${o.sha256} is missing from the backup.`, o.sha256));
    } else if (actual !== o.sha256 || size !== o.size) {
      problems.push(problem('object', `Objek ${o.sha256} rusak (isi tidak cocok dengan hash SHA-256).`, `Object ${o.sha256} is damaged (its bytes do not match its SHA-256).`, o.sha256));
    }
  }
  return { ok: problems.length === 0, problems, manifest };
}

export interface ScheduleOptions {
  archiveDir: string;
  destRoot: string;
  keep: number;
  intervalHours: number;
  appVersion?: string;
  /** Delay before the first run when a backup is already due (let the app finish starting). */
  initialDelayMs?: number;
  /** A busy archive (e.g. an import) postpones the run by a few minutes rather than racing it. */
  isBusy?: () => boolean;
  onResult?: (result: BackupResult) => void;
  onError?: (error: unknown) => void;
}

/** Runs backups every `intervalHours`, counting from the newest good generation; returns stop(). */
export function scheduleBackups(options: ScheduleOptions): () => void {
  const every = options.intervalHours * 3_600_000;
  const retryBusyMs = 5 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(fire, Math.max(0, delay));
    timer.unref();
  };
  const fire = () => {
    if (stopped) return;
    if (options.isBusy?.()) {
      arm(retryBusyMs);
      return;
    }
    runBackup(options.archiveDir, options.destRoot, { keep: options.keep, ...(options.appVersion ? { appVersion: options.appVersion } : {}) })
      .then((result) => options.onResult?.(result), (error: unknown) => options.onError?.(error))
      .finally(() => arm(every));
  };
  void listBackups(options.destRoot)
    .then((gens) => {
      const last = gens.at(-1);
      const due = last ? Date.parse(last.created) + every - Date.now() : 0;
      arm(Math.max(options.initialDelayMs ?? 2 * 60_000, due));
    })
    .catch((error: unknown) => {
      options.onError?.(error);
      arm(options.initialDelayMs ?? 2 * 60_000);
    });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
