// Owner-only files and folders (0700 folders, 0600 files) for everything Berkas keeps on disk: the
// archive, its store, exports, backups, logs and keys. Other accounts on a shared PC must not read
// a confidential record's bytes or the database just because the default umask is 022. On Windows
// the modes mean little (ACLs decide; the per-user data folder is already private), so the
// functions do nothing there. Never loosens a mode; never follows a path it was not given.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/**
 * Makes every file and folder this process creates from now on owner-only. Call once, early, in a
 * host's main thread (the CLI, the browser shell, Electron): the umask is per process, so it also
 * covers the backend worker and files written by libraries (SQLite, exceljs) that take no mode.
 */
export function ownerOnlyUmask(): void {
  if (POSIX && isMainThread) process.umask(0o077);
}

/** Creates `dir` (and missing parents) owner-only, and makes an existing one owner-only too. */
export function privateDirSync(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE);
}

export async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) await chmod(dir, PRIVATE_DIR_MODE);
}

/** Makes existing files owner-only (missing ones are skipped: a WAL that is not there yet is fine). */
export function privateFilesSync(...files: string[]): void {
  if (!POSIX) return;
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

export async function privateFile(file: string): Promise<void> {
  if (POSIX) await chmod(file, PRIVATE_FILE_MODE);
}
