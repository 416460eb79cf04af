// Numbered migrations, Signal-style: all pending ones run in one transaction and then set
// user_version. A database written by a newer Berkas is refused before anything touches it, and an
// existing database is copied aside before it is migrated.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { appError } from '../errors.ts';
import type { Db } from './connection.ts';
import { openDatabase, schemaVersion } from './connection.ts';
import { migrations, type Migration } from './migrations/index.ts';

export const LATEST_VERSION = latestVersion(migrations);
const KEEP_PRE_MIGRATION_COPIES = 3;

function latestVersion(list: readonly Migration[]): number {
  let previous = 0;
  for (const m of list) {
    if (m.version <= previous) throw new Error(`migrations out of order at ${m.version} (${m.name})`);
    previous = m.version;
  }
  return previous;
}

/** Reads user_version without changing the file (no WAL switch, no journal). */
export function peekVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

export function refuseNewer(version: number, file: string): void {
  if (version > LATEST_VERSION) {
    throw appError(
      'newer-database',
      `Arsip ${file} dibuat oleh Berkas versi yang lebih baru (skema ${version}; versi ini mengenal hingga ${LATEST_VERSION}). Perbarui Berkas; berkas arsip tidak diubah.`,
      `The archive ${file} was written by a newer Berkas (schema ${version}; this version knows up to ${LATEST_VERSION}). Update Berkas; the archive file was left untouched.`,
      { found: version, supported: LATEST_VERSION },
    );
  }
}

/** Opens (creating if needed) and migrates the database at `file`. */
export function openAndMigrate(file: string, list: readonly Migration[] = migrations): Db {
  const existed = existsSync(file) && statSync(file).size > 0;
  if (existed) refuseNewer(peekVersion(file), file);
  const db = openDatabase(file);
  try {
    migrate(db, list, existed ? file : null);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: Db, list: readonly Migration[] = migrations, backupOf: string | null = null): number {
  const latest = latestVersion(list);
  const current = schemaVersion(db);
  if (current > latest) refuseNewer(current, db.name);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  if (backupOf && current > 0) backupBeforeMigration(db, backupOf, current);
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}

function backupBeforeMigration(db: Db, file: string, version: number): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dirname(file), `${basename(file)}.pre-migration-v${version}-${stamp}`);
  db.prepare('VACUUM INTO ?').run(target);
  const copies = readdirSync(dirname(file))
    .filter((name) => name.startsWith(`${basename(file)}.pre-migration-`))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - KEEP_PRE_MIGRATION_COPIES))) {
    rmSync(join(dirname(file), old), { force: true });
  }
}
