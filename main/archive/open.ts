// Opens an archive folder: creates it on first use, migrates the database, makes sure the store
// and staging folders exist — all owner-only (the folder 0700, the database 0600), older archives
// included — and anchors the audit chain's head outside the folder (audit/anchor.ts), advancing it
// as entries are written and on close, with the signed head in the log. Every host goes through here.
import { AuditAnchor, type SignedHead } from '../audit/anchor.ts';
import { checkpoint, schemaVersion as schemaVersionOf, type Db } from '../db/connection.ts';
import { createLogger } from '../log/logger.ts';
import { openAndMigrate } from '../db/migrate.ts';
import { privateDirSync, privateFilesSync } from '../kernel/private-files.ts';
import { archiveLayout, type ArchiveLayout } from './layout.ts';

export interface Archive {
  readonly layout: ArchiveLayout;
  readonly db: Db;
  readonly schemaVersion: number;
  /** The audit chain's head, kept outside the archive folder; call advance() after writes. */
  readonly anchor: AuditAnchor;
  close(): void;
}

export interface OpenOptions {
  /** The anchor's HMAC key when the host keeps it (the desktop app: sealed by the OS keychain). */
  auditKey?: Buffer;
  /** Where keys and anchors live (default: the per-user key folder, or BERKAS_KEY_DIR). */
  keyDir?: string;
  /** Write the signed head into logs/berkas.log (default true; a restore records it in its audit entry instead). */
  logHead?: boolean;
}

const LOG_HEAD_EVERY_MS = 60_000;

export function openArchive(dir: string, options: OpenOptions = {}): Archive {
  const layout = archiveLayout(dir);
  privateDirSync(layout.dir);
  const db = openAndMigrate(layout.database);
  privateFilesSync(layout.database, `${layout.database}-wal`, `${layout.database}-shm`);
  privateDirSync(layout.store);
  privateDirSync(layout.staging);
  const schemaVersion = schemaVersionOf(db);
  // The signed head goes into the log too (at most once a minute, and at close): a copy an
  // attacker must find and edit as well, in a file that rotates away from the database.
  const log = createLogger({ dir: layout.logs });
  let logged = 0;
  let loggedId = 0;
  const logHead = (head: SignedHead, force = false) => {
    if (options.logHead === false || head.id === loggedId) return;
    if (!force && Date.now() - logged < LOG_HEAD_EVERY_MS) return;
    logged = Date.now();
    loggedId = head.id;
    log.info('audit head', { id: head.id, hash: head.hash, at: head.at, keyId: head.keyId, mac: head.mac });
  };
  const anchor = new AuditAnchor(db, layout.dir, { key: options.auditKey, keyDir: options.keyDir, onSigned: (head) => logHead(head) });
  return {
    layout,
    db,
    schemaVersion,
    anchor,
    close() {
      if (!db.open) return;
      try {
        anchor.advance();
        const head = anchor.signedHead();
        if (head && logged > 0) logHead(head, true);
      } catch {
        // the anchor is best effort at close; verify reports what it could not keep
      }
      try {
        checkpoint(db);
      } finally {
        db.close();
      }
    },
  };
}
