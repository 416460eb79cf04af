// Opens an archive folder: creates it on first use, migrates the database, makes sure the store
// and staging folders exist — all owner-only (the folder 0700, the database 0600), older archives
// included. Every host goes through here.
import type { Db } from '../db/connection.ts';
import { openAndMigrate } from '../db/migrate.ts';
import { privateDirSync, privateFilesSync } from '../kernel/private-files.ts';
import { archiveLayout, type ArchiveLayout } from './layout.ts';

export interface Archive {
  readonly layout: ArchiveLayout;
  readonly db: Db;
  readonly schemaVersion: number;
  close(): void;
}

export function openArchive(dir: string): Archive {
  const layout = archiveLayout(dir);
  privateDirSync(layout.dir);
  const db = openAndMigrate(layout.database);
  privateFilesSync(layout.database, `${layout.database}-wal`, `${layout.database}-shm`);
  privateDirSync(layout.store);
  privateDirSync(layout.staging);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  return {
    layout,
    db,
    schemaVersion,
    close() {
      if (!db.open) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
