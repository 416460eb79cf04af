// Opens the archive database with the pragmas every connection needs.
// WAL lets readers work during an import; FULL sync because losing a committed record is the
// worst failure this product can have; a busy timeout so a second process (the CLI) waits
// instead of failing.
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

// ── the database file as a whole (no area's table): what verify, backup, restore, the health
// check and the diagnostics bundle ask of it. On PostgreSQL these are the server's business.

/** The schema version the migrations left (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** SQLite's own check of the file: ['ok'] when whole, else its messages. `quick` skips the
 *  index-against-table comparison (seconds instead of minutes on a large archive). */
export function integrityCheck(db: Db, quick: boolean): string[] {
  const pragma = quick ? 'quick_check' : 'integrity_check';
  return (db.pragma(pragma) as Record<string, string>[]).map((r) => r[pragma] ?? '');
}

/** Switches a connection to a rollback journal, so the file stands alone with no -wal beside it
 *  (a backup's copy; a database being restored). Throws SQLITE_BUSY when another connection has it. */
export function useRollbackJournal(db: Db): void {
  db.pragma('journal_mode = DELETE');
}

/** Makes a busy database fail at once instead of waiting (a restore must not wait on a running app). */
export function failWhenBusy(db: Db): void {
  db.pragma('busy_timeout = 0');
}

/** Folds the WAL back into the database file and empties it (at close). */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Each table's row count (-1 where a table cannot be read), for the diagnostics bundle. */
export function tableRowCounts(db: Db): Record<string, number> {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
  const rows: Record<string, number> = {};
  for (const name of tables) {
    try {
      rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    } catch {
      rows[name] = -1;
    }
  }
  return rows;
}

export function journalMode(db: Db): string {
  return db.pragma('journal_mode', { simple: true }) as string;
}

export function sqliteVersion(db: Db): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}
