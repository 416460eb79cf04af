// The drop folder's history says why a file was refused in both languages: `reason` stays the
// English text scripts and the CLI read, `reason_id` holds the Indonesian a clerk reads on screen.
// Older rows keep only their English reason (the screen then shows that).
import type { Migration } from './index.ts';

export const m0330DropFolderReasonId: Migration = {
  version: 330,
  name: 'drop-folder-reason-id',
  up(db) {
    db.exec('ALTER TABLE drop_folder_log ADD COLUMN reason_id TEXT');
  },
};
