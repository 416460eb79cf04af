// The files an archive folder holds. Everything Berkas writes lives under one folder so IT can
// back it up, move it, or point --archive at it.
import { join } from 'node:path';

export interface ArchiveLayout {
  readonly dir: string;
  readonly database: string;
  /** content-addressed document store: store/ab/cd/abcd… (SHA-256) */
  readonly store: string;
  /** imports write here first; anything left here after a crash is garbage */
  readonly staging: string;
  readonly logs: string;
  /** derived, rebuildable files: searchable preview PDFs of scans (renditions/<document id>.pdf) */
  readonly renditions: string;
}

export function archiveLayout(dir: string): ArchiveLayout {
  return {
    dir,
    database: join(dir, 'berkas.sqlite'),
    store: join(dir, 'store'),
    staging: join(dir, 'staging'),
    logs: join(dir, 'logs'),
    renditions: join(dir, 'renditions'),
  };
}
