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
