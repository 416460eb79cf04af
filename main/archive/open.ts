// Opens an archive folder: creates it on first use, migrates the database, makes sure the store
// and staging folders exist. Every host goes through here.
import { mkdirSync } from 'node:fs';
import type { Db } from '../db/connection.ts';
import { openAndMigrate } from '../db/migrate.ts';
import { archiveLayout, type ArchiveLayout } from './layout.ts';

export interface Archive {
  readonly layout: ArchiveLayout;
  readonly db: Db;
  readonly schemaVersion: number;
  close(): void;
}

export function openArchive(dir: string): Archive {
  const layout = archiveLayout(dir);
  mkdirSync(layout.dir, { recursive: true });
  const db = openAndMigrate(layout.database);
  mkdirSync(layout.store, { recursive: true });
  mkdirSync(layout.staging, { recursive: true });
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
